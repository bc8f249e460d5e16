import { spawn } from 'node:child_process';
import path from 'node:path';
import { INFRA_DIR } from '../../src/env';

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Strips terminal colour/cursor codes from cdktf's output. */
export const plain = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the terminal codes being stripped.
  text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

/**
 * Runs the wrapper the root scripts call (`pnpm run <command> <stack>` ends
 * up here), with `env` added to a minimal environment.
 */
export function runWrapper(args: string[], env: Record<string, string>): Promise<RunResult> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join('src', 'cli', 'run.ts'), ...args],
    {
      cwd: INFRA_DIR,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        // Keep cdktf's non-interactive output plain.
        CI: '1',
        FORCE_COLOR: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout: plain(stdout),
        stderr: plain(stderr),
        seconds: (performance.now() - started) / 1000,
      }),
    );
  });
}

/** The last lines of a run, for failure messages. */
export const tail = (r: RunResult, lines = 60) =>
  `exit ${r.code}\n${`${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-lines).join('\n')}`;
