import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { asPlan, type Plan, ReviewInputError, type State } from './plan-json';

export class TerraformError extends Error {
  override name = 'TerraformError';
}

/** Runs `terraform <args>` in `cwd`; resolves to stdout, rejects with stderr. */
export function terraform(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', [...args, '-no-color'], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(
        e.code === 'ENOENT'
          ? new TerraformError(
              'terraform is not on PATH: install Terraform 1.11 (https://developer.hashicorp.com/terraform/install)',
            )
          : e,
      );
    });
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      if (code === 0) resolve(stdout);
      else {
        const stderr = Buffer.concat(err).toString('utf8').trim();
        reject(
          new TerraformError(
            `terraform ${args[0]} failed in ${cwd} (exit ${code}):\n${stderr || stdout.slice(-4000)}`,
          ),
        );
      }
    });
  });
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
