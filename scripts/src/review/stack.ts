import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Io, StackName } from './cli';
import { type Plan, ReviewInputError, type State } from './plan-json';
import { planJson, stateJson, TerraformError, terraform, terraformEnv } from './terraform';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Where `cdktf synth` writes a stack's Terraform JSON. */
export function stackDir(stack: StackName): string {
  return join(repoRoot, 'infra', 'cdktf.out', 'stacks', stack);
}

/** `pnpm run synth` at the root; its output goes to stderr so stdout stays the review. */
function synth(io: Io): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['run', '--silent', 'synth'], {
      cwd: repoRoot,
      env: io.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (b: Buffer) => io.stderr(b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => io.stderr(b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new TerraformError(`\`pnpm run synth\` failed (exit ${code}); see above`)),
    );
  });
}

function checkLocal(stack: StackName, io: Io): void {
  if (stack === 'local' && !io.env.LAMBDA_STATS_AWS_ENDPOINT) {
    throw new ReviewInputError(
      'the local stack plans against the running local AWS emulator: set LAMBDA_STATS_AWS_ENDPOINT to its URL (e.g. http://127.0.0.1:5000)',
    );
  }
}

async function inStack<T>(
  stack: StackName,
  io: Io,
  work: (dir: string, env: NodeJS.ProcessEnv) => Promise<T>,
): Promise<T> {
  checkLocal(stack, io);
  await synth(io);
  const dir = stackDir(stack);
  if (!existsSync(join(dir, 'cdk.tf.json'))) {
    throw new ReviewInputError(
      `synth wrote no ${join(dir, 'cdk.tf.json')}: is '${stack}' a stack of infra/main.ts?`,
    );
  }
  const { env, dispose } = terraformEnv(io.env);
  try {
    await terraform(['init', '-input=false'], dir, env);
    return await work(dir, env);
  } finally {
    dispose();
  }
}

/** Synthesizes the stack and plans it against its backend. */
export function planStack(stack: StackName, io: Io): Promise<Plan> {
  return inStack(stack, io, (dir, env) => planJson(dir, env));
}

/** Synthesizes the stack, reads its state and makes a refresh-only plan. */
export function stateOfStack(stack: StackName, io: Io): Promise<{ state: State; drift: Plan }> {
  return inStack(stack, io, async (dir, env) => ({
    state: await stateJson(dir, env),
    drift: await planJson(dir, env, { refreshOnly: true }),
  }));
}
