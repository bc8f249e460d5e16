/**
 * Everything the app reads from the environment, read once and validated.
 * The CLI wrapper (src/cli) sets most of these; defaults fit a clone of the repo.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ApiAuth, parseApiAuth, parseStackName, STACK_NAMES, type StackName } from './config';
import { LOCAL_ENDPOINT_VAR } from './local-endpoint';

/** infra/ (this package's root). */
export const INFRA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The repository root: artifacts are read below it by default. */
export const REPO_ROOT = path.resolve(INFRA_DIR, '..');
/** Where the local stack keeps its Terraform state (scripts/src/local-config.ts reads the same path). */
export const DEFAULT_LOCAL_STATE = path.join(INFRA_DIR, 'terraform.local.tfstate');

/**
 * The project's work dir for the infra wrapper and the scripts: Terraform CLI
 * config, outputs, logs and local.json (LAMBDA_STATS_WORK_DIR, default
 * <repo>/.lambda-stats).
 */
export function workDirOf(env: NodeJS.ProcessEnv = process.env): string {
  const set = env.LAMBDA_STATS_WORK_DIR?.trim();
  return path.resolve(set ? set : path.join(REPO_ROOT, '.lambda-stats'));
}

/** Where the wrapper has cdktf write the synthesized stacks (LAMBDA_STATS_CDKTF_OUT, default infra/cdktf.out). */
export function cdktfOutOf(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.LAMBDA_STATS_CDKTF_OUT ?? path.join(INFRA_DIR, 'cdktf.out'));
}

/** The emulator URL LAMBDA_STATS_AWS_ENDPOINT names, or undefined when it is unset or blank. */
export function localEndpointOf(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[LOCAL_ENDPOINT_VAR];
  return value && value.trim() !== '' ? value : undefined;
}

/** The environment as this process received it (the wrapper hands it on to cdktf). */
export function processEnv(): NodeJS.ProcessEnv {
  return process.env;
}

export interface InfraEnv {
  /**
   * Which stacks to synthesize: LAMBDA_STATS_STACKS (comma-separated, set by
   * the wrapper); unset (plain `cdktf` in infra/): all stacks, `local` only
   * when LAMBDA_STATS_AWS_ENDPOINT is set, so `cdktf deploy dev` needs no emulator.
   */
  readonly stacks: StackName[];
  /** Stacks left out, with the reason (printed by main.ts). */
  readonly skipped: string[];
  /** Root below which packages/handlers/dist and layers/stats-runtime/dist are read. */
  readonly artifactsRoot: string;
  readonly localEndpoint: string | undefined;
  readonly localStateFile: string;
  readonly stateBucket: string | undefined;
  readonly stateRegion: string | undefined;
  /** LAMBDA_STATS_LOCAL_AUTH: `iam` puts SigV4 auth on the local stack's routes, as prod. */
  readonly localAuth: ApiAuth | undefined;
  /** LAMBDA_STATS_LOCAL_CORS_ORIGINS: comma-separated origins the local stack's CORS allows. */
  readonly localCorsOrigins: string[] | undefined;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): InfraEnv {
  const nonEmpty = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);
  const localEndpoint = nonEmpty(env[LOCAL_ENDPOINT_VAR]);
  const skipped: string[] = [];
  let stacks: StackName[];
  if (env.LAMBDA_STATS_STACKS) {
    stacks = [...new Set(env.LAMBDA_STATS_STACKS.split(',').map((s) => parseStackName(s.trim())))];
  } else if (localEndpoint === undefined) {
    stacks = STACK_NAMES.filter((s) => s !== 'local');
    skipped.push(`local (set ${LOCAL_ENDPOINT_VAR}=http://127.0.0.1:<port> to synth it)`);
  } else {
    stacks = [...STACK_NAMES];
  }
  return {
    stacks,
    skipped,
    artifactsRoot: path.resolve(nonEmpty(env.LAMBDA_STATS_ARTIFACTS_DIR) ?? REPO_ROOT),
    localEndpoint,
    localStateFile: path.resolve(nonEmpty(env.LAMBDA_STATS_LOCAL_STATE) ?? DEFAULT_LOCAL_STATE),
    stateBucket: nonEmpty(env.LAMBDA_STATS_STATE_BUCKET),
    stateRegion: nonEmpty(env.LAMBDA_STATS_STATE_REGION),
    localAuth: ((v) => (v === undefined ? undefined : parseApiAuth(v, 'LAMBDA_STATS_LOCAL_AUTH')))(
      nonEmpty(env.LAMBDA_STATS_LOCAL_AUTH),
    ),
    localCorsOrigins: nonEmpty(env.LAMBDA_STATS_LOCAL_CORS_ORIGINS)
      ?.split(',')
      .map((o) => o.trim())
      .filter((o) => o !== ''),
  };
}
