/**
 * Where the local stack keeps its files, and the settings `pnpm start` and
 * `pnpm invoke` read from the environment (read once, here).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const nonEmpty = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);
/** Shared with the infra wrapper (LAMBDA_STATS_WORK_DIR): CLI config, outputs, logs, local.json. */
export const WORK_DIR = path.resolve(
  nonEmpty(process.env.LAMBDA_STATS_WORK_DIR) ?? path.join(REPO_ROOT, '.lambda-stats'),
);
export const LOCAL_JSON = path.join(WORK_DIR, 'local.json');
/** The contract with infra: the `local` stack's Terraform state (LAMBDA_STATS_LOCAL_STATE overrides it for both). */
export const LOCAL_STATE = path.resolve(
  nonEmpty(process.env.LAMBDA_STATS_LOCAL_STATE) ??
    path.join(REPO_ROOT, 'infra', 'terraform.local.tfstate'),
);

/** Written by `pnpm start` once the stack answers; read by `pnpm invoke`. */
export interface LocalJson {
  apiUrl: string;
  awsEndpoint: string;
  region: string;
}

export function readLocalJson(): LocalJson | undefined {
  if (!existsSync(LOCAL_JSON)) return undefined;
  return JSON.parse(readFileSync(LOCAL_JSON, 'utf8')) as LocalJson;
}

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new Error(`${name}=${raw} is not a port number (0-65535; 0 picks a free port)`);
  }
  return n;
}

export interface StartSettings {
  /** Front door port (LAMBDA_STATS_API_PORT, default 3000; 0 = a free port). */
  apiPort: number;
  /** moto port (LAMBDA_STATS_MOTO_PORT, default 4566; 0 = a free port). */
  motoPort: number;
  /** Concurrent executions per function before 429 (LAMBDA_STATS_MAX_CONCURRENCY, default 100; AWS's account default is 1000). */
  maxConcurrency: number;
  /** Skip `turbo run build` (LAMBDA_STATS_SKIP_BUILD=1), when the artifacts are known to be fresh. */
  skipBuild: boolean;
  /** Region to read the deployment from when the state does not say (LAMBDA_STATS_REGION). */
  region: string;
}

export function readStartSettings(): StartSettings {
  const concurrency = Number(process.env.LAMBDA_STATS_MAX_CONCURRENCY ?? 100);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(
      `LAMBDA_STATS_MAX_CONCURRENCY=${process.env.LAMBDA_STATS_MAX_CONCURRENCY} must be a positive integer`,
    );
  }
  return {
    apiPort: port('LAMBDA_STATS_API_PORT', 3000),
    motoPort: port('LAMBDA_STATS_MOTO_PORT', 4566),
    maxConcurrency: concurrency,
    skipBuild: process.env.LAMBDA_STATS_SKIP_BUILD === '1',
    region: process.env.LAMBDA_STATS_REGION ?? 'us-east-1',
  };
}

/** The region the state's functions live in (from their ARNs), if the state says. */
export function regionFromState(statePath: string): string | undefined {
  if (!existsSync(statePath)) return undefined;
  const text = readFileSync(statePath, 'utf8');
  return text.match(/"arn:aws:lambda:([a-z0-9-]+):\d+:function:/)?.[1];
}

/** A path given on the command line, relative to where the user ran pnpm. */
export function userPath(p: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), p);
}
