/**
 * Where the local stack keeps its files, and the settings `pnpm start` and
 * `pnpm invoke` read from the environment (read once, here).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LOCAL_STACK_NOT_RUNNING,
  type LocalJson,
  localJsonPath as localJsonIn,
  readLocalJson as readLocalJsonIn,
} from '@lambda-stats/lambda-kit/local-json';
import { invokingCwd, processEnv } from './env';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const nonEmpty = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);
const env = processEnv();
/** The work dir for `env`: LAMBDA_STATS_WORK_DIR, default <repo>/.lambda-stats. */
const workDirOf = (e: NodeJS.ProcessEnv) =>
  path.resolve(nonEmpty(e.LAMBDA_STATS_WORK_DIR) ?? path.join(REPO_ROOT, '.lambda-stats'));
/** Shared with the infra wrapper (LAMBDA_STATS_WORK_DIR): CLI config, outputs, logs, local.json. */
export const WORK_DIR = workDirOf(env);
export const LOCAL_JSON = localJsonIn(WORK_DIR);
/** Where the local stack delivers email and email-json SNS messages (one JSON file each). */
export const OUTBOX_DIR = path.join(WORK_DIR, 'outbox');
/** The contract with infra: the `local` stack's Terraform state (LAMBDA_STATS_LOCAL_STATE overrides it for both). */
export const LOCAL_STATE = path.resolve(
  nonEmpty(env.LAMBDA_STATS_LOCAL_STATE) ??
    path.join(REPO_ROOT, 'infra', 'terraform.local.tfstate'),
);

export type { LocalJson };
export { LOCAL_STACK_NOT_RUNNING };

/** Where `pnpm start` records the running stack, for the environment `env`. */
export function localJsonPath(env: NodeJS.ProcessEnv = processEnv()): string {
  return localJsonIn(workDirOf(env));
}

export function readLocalJson(env: NodeJS.ProcessEnv = processEnv()): LocalJson | undefined {
  return readLocalJsonIn(workDirOf(env));
}

/**
 * The emulator of the running local stack, found the same way by every
 * command: LAMBDA_STATS_AWS_ENDPOINT when set, else the `awsEndpoint` that
 * `pnpm start` wrote to .lambda-stats/local.json; either must answer.
 * Throws an Error with one line saying what to do.
 */
export async function findLocalEmulator(env: NodeJS.ProcessEnv = processEnv()): Promise<string> {
  const fromEnv = nonEmpty(env.LAMBDA_STATS_AWS_ENDPOINT);
  const local = fromEnv === undefined ? readLocalJson(env) : undefined;
  const endpoint = fromEnv ?? local?.awsEndpoint;
  const source = fromEnv
    ? 'LAMBDA_STATS_AWS_ENDPOINT'
    : path.relative(REPO_ROOT, localJsonPath(env));
  if (endpoint === undefined) {
    throw new Error(
      `${LOCAL_STACK_NOT_RUNNING} (no ${source}), or set LAMBDA_STATS_AWS_ENDPOINT to the emulator's URL`,
    );
  }
  try {
    await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(5000) });
  } catch {
    throw new Error(`${LOCAL_STACK_NOT_RUNNING} (nothing answers at ${endpoint}, from ${source})`);
  }
  return endpoint;
}

function port(name: string, fallback: number): number {
  const raw = env[name];
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
  const concurrency = Number(env.LAMBDA_STATS_MAX_CONCURRENCY ?? 100);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(
      `LAMBDA_STATS_MAX_CONCURRENCY=${env.LAMBDA_STATS_MAX_CONCURRENCY} must be a positive integer`,
    );
  }
  return {
    apiPort: port('LAMBDA_STATS_API_PORT', 3000),
    motoPort: port('LAMBDA_STATS_MOTO_PORT', 4566),
    maxConcurrency: concurrency,
    skipBuild: env.LAMBDA_STATS_SKIP_BUILD === '1',
    region: env.LAMBDA_STATS_REGION ?? 'us-east-1',
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
  return path.resolve(invokingCwd(), p);
}
