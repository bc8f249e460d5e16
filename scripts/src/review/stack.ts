/**
 * Plans and state of a real stack. Synthesis goes through the infra
 * wrapper (`infra/src/cli/run.ts synth <stack>`, called as the root scripts call it);
 * Terraform then runs in the synthesized stack directory with the project's
 * own CLI config (offline provider mirror), the way the wrapper runs cdktf.
 * The same LAMBDA_STATS_* variables as the wrapper's choose the directories.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliConfig, findProviderMirror } from '@lambda-stats/infra/terraform-env';
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
 * Writes the project's Terraform CLI config for the review's own Terraform
 * runs with the infra wrapper's own rule (findProviderMirror, cliConfig): the provider from a filesystem mirror
 * (LAMBDA_STATS_TF_PLUGIN_MIRROR, else a known mirror directory holding
 * hashicorp/aws), the public registry otherwise. Synth alone does not write
 * one, so the review writes its own beside the wrapper's, in the same work dir.
 */
export function writeCliConfig(env: NodeJS.ProcessEnv): string {
  const workDir = resolve(env.LAMBDA_STATS_WORK_DIR ?? join(repoRoot, '.lambda-stats'));
  const body = cliConfig(findProviderMirror(env));
  mkdirSync(workDir, { recursive: true });
  const file = join(workDir, 'review-terraform.rc');
  writeFileSync(file, body);
  return file;
}

/** The environment Terraform runs with: the project's CLI config, offline flags. */
export function stackTerraformEnv(stack: StackName, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {
    ...env,
    TF_CLI_CONFIG_FILE: writeCliConfig(env),
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
  };
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

function checkLocal(stack: StackName, io: Io): void {
  if (stack === 'local' && !io.env.LAMBDA_STATS_AWS_ENDPOINT) {
    throw new ReviewInputError(
      'the local stack is planned against the running local AWS emulator: set LAMBDA_STATS_AWS_ENDPOINT to its URL (e.g. http://127.0.0.1:5000)',
    );
  }
}

async function inStack<T>(
  stack: StackName,
  io: Io,
  work: (dir: string, env: NodeJS.ProcessEnv) => Promise<T>,
): Promise<T> {
  checkLocal(stack, io);
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
