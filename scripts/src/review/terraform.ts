import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { type CollectedOutput, collectOutput } from '@lambda-stats/lambda-kit/processes';
import { asPlan, type Plan, ReviewInputError, type State } from './plan-json';

export class TerraformError extends Error {
  override name = 'TerraformError';
}

/** Runs `terraform <args>` in `cwd`; resolves to stdout, rejects with stderr. */
export async function terraform(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const child = spawn('terraform', [...args, '-no-color'], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let run: CollectedOutput;
  try {
    run = await collectOutput(child);
  } catch (e) {
    throw (e as NodeJS.ErrnoException).code === 'ENOENT'
      ? new TerraformError(
          'terraform is not on PATH: install Terraform 1.11 (https://developer.hashicorp.com/terraform/install)',
        )
      : e;
  }
  if (run.code === 0) return run.stdout;
  throw new TerraformError(
    `terraform ${args[0]} failed in ${cwd} (exit ${run.code}):\n${run.stderr.trim() || run.stdout.slice(-4000)}`,
  );
}

/**
 * Plans in `dir` and returns the plan as `terraform show -json` writes it.
 * `refreshOnly` makes a refresh-only plan: what changed outside Terraform.
 */
export async function planJson(
  dir: string,
  env: NodeJS.ProcessEnv,
  opts: { refreshOnly?: boolean } = {},
): Promise<Plan> {
  const file = `lambda-stats-review-${process.pid}.tfplan`;
  try {
    await terraform(
      ['plan', '-input=false', `-out=${file}`, ...(opts.refreshOnly ? ['-refresh-only'] : [])],
      dir,
      env,
    );
    const json = await terraform(['show', '-json', file], dir, env);
    return asPlan(JSON.parse(json), `the plan of ${dir}`);
  } finally {
    rmSync(join(dir, file), { force: true });
  }
}

/** The current state of `dir` as `terraform show -json` writes it. */
export async function stateJson(dir: string, env: NodeJS.ProcessEnv): Promise<State> {
  const json = await terraform(['show', '-json'], dir, env);
  const state = JSON.parse(json) as State;
  if (typeof state !== 'object' || state === null) {
    throw new ReviewInputError(`terraform show -json in ${dir} gave no state`);
  }
  return state;
}
