/**
 * `pnpm start` as a child process on free ports, for end-to-end tests: the
 * same program a user runs (moto, the real `local` deploy, the local runtime
 * and front door), its build phase skipped (turbo builds before the tests).
 * `stop()` sends SIGTERM as Ctrl-C would, then makes sure nothing it started
 * is left (with lambda-kit's process helpers, as stack.test.ts does).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { descendantPids, processAlive } from '@lambda-stats/lambda-kit/processes';

const SCRIPTS_DIR = fileURLToPath(new URL('../..', import.meta.url));
const TSX = path.join(SCRIPTS_DIR, 'node_modules', '.bin', 'tsx');
const START = path.join(SCRIPTS_DIR, 'src', 'cli', 'start.ts');

export interface LocalStack {
  apiUrl: string;
  /** The emulator (moto behind the invoke proxy), from local.json. */
  awsEndpoint: string;
  region: string;
  /** This stack's LAMBDA_STATS_WORK_DIR (local.json, logs, the outbox). */
  workDir: string;
  /** Everything `pnpm start` printed so far. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts the local stack and waits (up to `timeoutMs`) until it serves. */
export async function startLocalStack(timeoutMs = 240_000): Promise<LocalStack> {
  const work = mkdtempSync(path.join(tmpdir(), 'lambda-stats-e2e-'));
  let output = '';
  const child: ChildProcess = spawn(TSX, [START], {
    cwd: SCRIPTS_DIR,
    env: {
      ...process.env,
      LAMBDA_STATS_API_PORT: '0',
      LAMBDA_STATS_MOTO_PORT: '0',
      LAMBDA_STATS_WORK_DIR: path.join(work, 'work'),
      LAMBDA_STATS_LOCAL_STATE: path.join(work, 'local.tfstate'),
      LAMBDA_STATS_CDKTF_OUT: path.join(work, 'cdktf.out'),
      LAMBDA_STATS_SKIP_BUILD: '1',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const stop = async () => {
    if (child.exitCode === null) {
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
  while (!existsSync(localJson)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(
        `pnpm start ${child.exitCode !== null ? 'exited early' : 'was not ready in time'}:\n${output}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const { apiUrl, awsEndpoint, region } = JSON.parse(readFileSync(localJson, 'utf8')) as {
    apiUrl: string;
    awsEndpoint: string;
    region: string;
  };
  return {
    apiUrl,
    awsEndpoint,
    region,
    workDir: path.join(work, 'work'),
    output: () => output,
    stop,
  };
}
