/**
 * `pnpm start` as a child process on free ports, for end-to-end tests: the
 * same program a user runs (moto, the real `local` deploy, the local runtime
 * and front door), its build phase skipped (turbo builds before the tests).
 * `stop()` sends SIGTERM as Ctrl-C would, then makes sure nothing it started
 * is left (with lambda-kit's process helpers).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { descendantPids, processAlive } from '@lambda-stats/lambda-kit/processes';

export const SCRIPTS_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const TSX = path.join(SCRIPTS_DIR, 'node_modules', '.bin', 'tsx');
export const START = path.join(SCRIPTS_DIR, 'src', 'cli', 'start.ts');

/** What `pnpm start` writes to `<work dir>/local.json` once it serves. */
export interface LocalJson {
  apiUrl: string;
  awsEndpoint: string;
  region: string;
}

export interface LocalStack extends LocalJson {
  /** The `pnpm start` process (tests that check its own shutdown signal it). */
  child: ChildProcess;
  /** The temporary folder holding its work dir, state and synth output. */
  work: string;
  /** Everything `pnpm start` printed so far. */
  output: () => string;
  /** SIGTERM, then SIGKILL for whatever is left after 15 s; removes the temporary folder. */
  stop: () => Promise<void>;
}

/**
 * The environment of a `pnpm start` (or of a CLI that finds the running
 * stack) whose ports are free ones and whose files live under `work`.
 */
export function localStackEnv(work: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    LAMBDA_STATS_API_PORT: '0',
    LAMBDA_STATS_MOTO_PORT: '0',
    LAMBDA_STATS_WORK_DIR: path.join(work, 'work'),
    LAMBDA_STATS_LOCAL_STATE: path.join(work, 'local.tfstate'),
    LAMBDA_STATS_CDKTF_OUT: path.join(work, 'cdktf.out'),
    LAMBDA_STATS_SKIP_BUILD: '1',
    NO_COLOR: '1',
    ...extra,
  };
}

export function makeWorkDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'lambda-stats-e2e-'));
}

/**
 * How long startLocalStack waits for the ready block by default: a guard
 * against a hung start, not a speed limit. `pnpm start` is ready in about 90 s
 * on a quiet 2-core machine (82 s of it the deploy, 2026-12-07); with two
 * stack files and the other packages' suites running at once under `make
 * test`, one CI run took more than 240 s (the playground suite, 2026-12-07).
 */
export const READY_TIMEOUT_MS = 480_000;

/** A `beforeAll` that starts a stack: the start's limit plus a minute for the rest. */
export const START_HOOK_TIMEOUT_MS = READY_TIMEOUT_MS + 60_000;

/** The last line of the block `pnpm start` prints once it serves. */
const READY_BLOCK_END = 'Function logs follow. Ctrl-C stops everything.';

/**
 * Starts the local stack and waits (up to `timeoutMs`) until it serves.
 * `work` defaults to a new temporary folder; `env` adds variables
 * (e.g. `LAMBDA_STATS_LOCAL_AUTH`).
 */
export async function startLocalStack(
  options: { timeoutMs?: number; work?: string; env?: Record<string, string> } = {},
): Promise<LocalStack> {
  const { timeoutMs = READY_TIMEOUT_MS, work = makeWorkDir(), env = {} } = options;
  let output = '';
  const child: ChildProcess = spawn(TSX, [START], {
    cwd: SCRIPTS_DIR,
    env: localStackEnv(work, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const pids = descendantPids(child.pid!);
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      for (const pid of [child.pid!, ...pids]) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    rmSync(work, { recursive: true, force: true });
  };
  const localJson = path.join(work, 'work', 'local.json');
  const deadline = Date.now() + timeoutMs;
  // local.json is written just before the ready block (routes, curl) is
  // printed, and a pipe can deliver that output later on a loaded machine:
  // wait for the block's last line too.
  while (!existsSync(localJson) || !output.includes(READY_BLOCK_END)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const what =
        child.exitCode !== null ? 'exited early' : `was not ready in ${timeoutMs / 1000} s`;
      await stop();
      throw new Error(`pnpm start ${what}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const local = JSON.parse(readFileSync(localJson, 'utf8')) as LocalJson;
  return { ...local, child, work, output: () => output, stop };
}
