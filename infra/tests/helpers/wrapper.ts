import { spawn } from 'node:child_process';
import path from 'node:path';
import { collectOutput } from '@lambda-stats/lambda-kit/processes';
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
export async function runWrapper(args: string[], env: Record<string, string>): Promise<RunResult> {
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
  const { code, stdout, stderr } = await collectOutput(child);
  return {
    code,
    stdout: plain(stdout),
    stderr: plain(stderr),
    seconds: (performance.now() - started) / 1000,
  };
}

/** The last lines of a run, for failure messages. */
export const tail = (r: RunResult, lines = 60) =>
  `exit ${r.code}\n${`${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-lines).join('\n')}`;
