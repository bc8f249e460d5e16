/**
 * Plans and state of a real stack. Synthesis goes through the infra
 * wrapper (`infra/src/cli/run.ts synth <stack>`, called as the root scripts call it);
 * Terraform then runs in the synthesized stack directory with the project's
 * own CLI config (offline provider mirror), the way the wrapper runs cdktf.
 * The same LAMBDA_STATS_* variables as the wrapper's choose the directories.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workDirOf } from '@lambda-stats/infra/env';
import { terraformCliEnv } from '@lambda-stats/infra/terraform-env';
import { findLocalEmulator } from '../local-config';
import type { Io, StackName } from './cli';
import { type Plan, ReviewInputError, type State } from './plan-json';
import { planJson, stateJson, TerraformError, terraform } from './terraform';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Where the infra wrapper writes a stack's Terraform JSON. */
export function stackDir(stack: StackName, env: NodeJS.ProcessEnv): string {
  const out = env.LAMBDA_STATS_CDKTF_OUT ?? join(repoRoot, 'infra', 'cdktf.out');
  return join(resolve(out), 'stacks', stack);
}

/**
 * The environment Terraform runs with: the infra wrapper's own CLI config
 * (terraformCliEnv: the provider mirror or the registry) and offline flags.
 */
export function stackTerraformEnv(stack: StackName, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...terraformCliEnv(workDirOf(env), env).env };
  if (stack === 'local') {
    // As the wrapper does: the emulator gets dummy keys, never a real profile.
    for (const key of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_DEFAULT_PROFILE']) delete out[key];
    Object.assign(out, {
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REQUEST_CHECKSUM_CALCULATION: 'when_required',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'when_required',
    });
  }
  return out;
}

/** pnpm, as the one running us when there is one. */
function pnpmCommand(env: NodeJS.ProcessEnv): [string, string[]] {
  const execPath = env.npm_execpath;
  if (execPath && /pnpm\.c?js$/.test(execPath)) return [process.execPath, [execPath]];
  return ['pnpm', []];
}

/** Synthesizes one stack through the infra wrapper; its output goes to stderr. */
export function synthStack(stack: StackName, io: Io): Promise<void> {
  const [cmd, pre] = pnpmCommand(io.env);
  // The call the root `deploy`/`diff` scripts make, with `synth`.
  const args = [
    ...pre,
    '--dir',
    'infra',
    '--silent',
    'exec',
    'tsx',
    'src/cli/run.ts',
    'synth',
    stack,
  ];
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, {
      cwd: repoRoot,
      env: io.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (b: Buffer) => io.stderr(b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => io.stderr(b.toString('utf8')));
    child.on('error', (e: NodeJS.ErrnoException) =>
      fail(
        e.code === 'ENOENT'
          ? new TerraformError('pnpm is not on PATH: install pnpm 12.4.2 (see the README, Set-up)')
          : e,
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? done()
        : fail(
            new TerraformError(`synthesizing the ${stack} stack failed (exit ${code}); see above`),
          ),
    );
  });
}

/** The local stack is planned against the running emulator, found as `pnpm invoke` finds it. */
async function withLocalEmulator(stack: StackName, io: Io): Promise<Io> {
  if (stack !== 'local') return io;
  try {
    const endpoint = await findLocalEmulator(io.env);
    return { ...io, env: { ...io.env, LAMBDA_STATS_AWS_ENDPOINT: endpoint } };
  } catch (error) {
    throw new ReviewInputError((error as Error).message);
  }
}

async function inStack<T>(
  stack: StackName,
  given: Io,
  work: (dir: string, env: NodeJS.ProcessEnv) => Promise<T>,
): Promise<T> {
  const io = await withLocalEmulator(stack, given);
  await synthStack(stack, io);
  const dir = stackDir(stack, io.env);
  if (!existsSync(join(dir, 'cdk.tf.json'))) {
    throw new ReviewInputError(`synth wrote no ${join(dir, 'cdk.tf.json')}`);
  }
  const env = stackTerraformEnv(stack, io.env);
  await terraform(['init', '-input=false'], dir, env);
  return work(dir, env);
}

/** Synthesizes the stack and plans it against its backend (and, for `local`, the emulator). */
export function planStack(stack: StackName, io: Io): Promise<Plan> {
  return inStack(stack, io, (dir, env) => planJson(dir, env));
}

/** Synthesizes the stack, reads its state and makes a refresh-only plan for drift. */
export function stateOfStack(stack: StackName, io: Io): Promise<{ state: State; drift: Plan }> {
  return inStack(stack, io, async (dir, env) => ({
    state: await stateJson(dir, env),
    drift: await planJson(dir, env, { refreshOnly: true }),
  }));
}
