/**
 * The root scripts' entry point: `pnpm run synth [stack]`,
 * `pnpm run deploy|diff|destroy <stack>`. Wraps cdktf with everything the
 * machines need (own Terraform CLI config, offline flags, the stack
 * selection), so nobody types the flags.
 *
 * Environment (all optional): LAMBDA_STATS_AWS_ENDPOINT (required for
 * `local`), LAMBDA_STATS_ARTIFACTS_DIR, LAMBDA_STATS_STATE_BUCKET,
 * LAMBDA_STATS_STATE_REGION, LAMBDA_STATS_TF_PLUGIN_MIRROR,
 * LAMBDA_STATS_CDKTF_OUT (synth output dir), LAMBDA_STATS_WORK_DIR (CLI config
 * and outputs files), LAMBDA_STATS_LOCAL_STATE (local state file).
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  LOCAL_STACK_NOT_RUNNING,
  localJsonPath,
  readLocalJson,
} from '@lambda-stats/lambda-kit/local-json';
import { ArtifactError, readArtifacts } from '../artifacts';
import { parseStackName, STACK_NAMES, type StackName } from '../config';
import {
  cdktfOutOf,
  INFRA_DIR,
  localEndpointOf,
  processEnv,
  REPO_ROOT,
  readEnv,
  workDirOf,
} from '../env';
import { LOCAL_ENDPOINT_VAR, LocalEndpointError, parseLoopbackEndpoint } from '../local-endpoint';
import { prepareTerraform, SetupError, terraformCliEnv } from './terraform-env';

const COMMANDS = ['synth', 'deploy', 'diff', 'destroy'] as const;
type Command = (typeof COMMANDS)[number];

const USAGE = `usage: pnpm run synth [stack] | pnpm run deploy <stack> | pnpm run diff <stack> | pnpm run destroy <stack>
stacks: ${STACK_NAMES.join(', ')}`;

class UsageError extends Error {}

function parseCommandLine(argv: string[]): { command: Command; stacks: StackName[] } {
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({
      args: argv.filter((a) => a !== '--'),
      options: {},
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(`${message}\n${USAGE}`);
  }
  const [command, ...rest] = positionals;
  if (!(COMMANDS as readonly string[]).includes(command ?? '')) {
    throw new UsageError(`unknown command ${JSON.stringify(command ?? '')}\n${USAGE}`);
  }
  if (rest.length > 1)
    throw new UsageError(`one stack at a time (got ${rest.join(' ')})\n${USAGE}`);
  const [stack] = rest;
  if (command === 'synth' && stack === undefined) return { command: 'synth', stacks: [] };
  try {
    return { command: command as Command, stacks: [parseStackName(stack)] };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

function cdktfArgs(command: Command, stacks: StackName[], outdir: string, workDir: string) {
  const common = ['--output', outdir];
  switch (command) {
    case 'synth':
      return ['synth', ...common];
    case 'deploy':
      return [
        'deploy',
        ...stacks,
        ...common,
        '--auto-approve',
        '--skip-provider-lock',
        '--outputs-file',
        path.join(workDir, `outputs.${stacks[0]}.json`),
      ];
    case 'diff':
      return ['diff', ...stacks, ...common, '--skip-provider-lock'];
    case 'destroy':
      return ['destroy', ...stacks, ...common, '--auto-approve', '--skip-provider-lock'];
  }
}

/** A path below the repository as relative to it, any other in full. */
function shown(file: string): string {
  const relative = path.relative(REPO_ROOT, file);
  return relative.startsWith('..') ? file : relative;
}

/** Deploying `local` needs the emulator up: say so before Terraform retries for minutes. */
async function checkEmulator(url: string, fromVariable: boolean): Promise<void> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5000) });
  } catch {
    throw new SetupError(
      fromVariable
        ? `nothing answers at ${LOCAL_ENDPOINT_VAR}=${url}: start the emulator first (\`moto_server -H 127.0.0.1 -p ${new URL(url).port || 80}\`)`
        : `${LOCAL_STACK_NOT_RUNNING} (nothing answers at ${url}, from ${shown(localJsonPath(workDirOf(processEnv())))})`,
    );
  }
}

async function main(argv: string[]): Promise<number> {
  const { command, stacks: requested } = parseCommandLine(argv);
  const base = processEnv();
  // The emulator `local` talks to: the variable when set (as `pnpm start`
  // sets it), else the running local stack's record, as every script finds it.
  const fromVariable = localEndpointOf(base);
  const running = fromVariable === undefined ? readLocalJson(workDirOf(base)) : undefined;
  const endpoint = fromVariable ?? running?.awsEndpoint;

  let stacks = requested;
  if (command === 'synth' && stacks.length === 0) {
    // Without an emulator there is nothing for `local` to point at: synth the rest.
    const selection = readEnv({ ...base, LAMBDA_STATS_STACKS: '' });
    stacks = selection.stacks;
    for (const skipped of selection.skipped) console.error(`note: skipping ${skipped}`);
  }
  if (stacks.includes('local')) {
    if (endpoint === undefined) {
      throw new SetupError(
        `${LOCAL_STACK_NOT_RUNNING} (no ${shown(localJsonPath(workDirOf(base)))}), or set ${LOCAL_ENDPOINT_VAR} to the emulator's loopback URL, e.g. http://127.0.0.1:5000 (start one with \`moto_server -H 127.0.0.1 -p 5000\`)`,
      );
    }
    const url = parseLoopbackEndpoint(endpoint);
    if (command !== 'synth') await checkEmulator(url, running === undefined);
  }
  // The app would say the same, but inside cdktf's error report: say it first, once.
  readArtifacts(readEnv(base).artifactsRoot);

  const workDir = workDirOf(base);
  const outdir = cdktfOutOf(base);
  mkdirSync(outdir, { recursive: true }); // cdktf creates only the last level
  // Synth needs no Terraform (but cdktf asks it its version, with our CLI
  // config too); everything else needs it.
  const setup = command === 'synth' ? undefined : await prepareTerraform(workDir, base);
  const env: NodeJS.ProcessEnv = {
    ...(setup?.env ?? terraformCliEnv(workDir, base).env),
    LAMBDA_STATS_STACKS: stacks.join(','),
  };
  if (stacks.includes('local') && endpoint !== undefined) env[LOCAL_ENDPOINT_VAR] = endpoint;
  // Not a terminal (CI, turbo, tests): cdktf prints plain lines instead of spinner frames.
  if (!process.stdout.isTTY) env.CI ??= '1';
  if (stacks.includes('local')) {
    // Belt and braces: whatever the shell holds, local runs with dummy keys only.
    for (const key of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_DEFAULT_PROFILE']) delete env[key];
    Object.assign(env, {
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REQUEST_CHECKSUM_CALCULATION: 'when_required',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'when_required',
    });
  }

  const cdktf = path.join(INFRA_DIR, 'node_modules', '.bin', 'cdktf');
  const args = cdktfArgs(command, stacks, outdir, workDir);
  const providers = setup ? `  (providers: ${setup.mirror ?? 'registry.terraform.io'})` : '';
  console.error(`> cdktf ${args.join(' ')}${providers}`);
  return new Promise((resolve) => {
    const child = spawn(cdktf, args, { cwd: INFRA_DIR, env, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      console.error(`could not start cdktf (${error.message}): run \`pnpm install\` first`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const known = [UsageError, SetupError, ArtifactError, LocalEndpointError].some(
      (type) => error instanceof type,
    );
    const prefix = known ? '' : 'error: ';
    console.error(`lambda-stats infra: ${prefix}${message}`);
    process.exit(2);
  },
);
