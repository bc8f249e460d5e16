/**
 * Prepares Terraform for our own commands: checks the CLI is installed,
 * finds the provider mirror on this machine (offline) or falls back to the
 * public registry, and writes the project's own Terraform CLI config.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { processEnv } from '../env';

/** The hashicorp/aws version @cdktf/provider-aws 20.1.0 pins (tests check the synthesized pin). */
export const AWS_PROVIDER_VERSION = '5.100.0';
const AWS_PROVIDER = 'registry.terraform.io/hashicorp/aws';
/** S3 native state locking (use_lockfile) needs Terraform 1.10. */
const MIN_TERRAFORM = [1, 10] as const;

/** Where we look for a filesystem provider mirror, after LAMBDA_STATS_TF_PLUGIN_MIRROR. */
export const MIRROR_CANDIDATES = ['/opt/tf-plugins', '/usr/share/terraform/plugins'];

const INSTALL_TERRAFORM =
  'install Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install) and put `terraform` on PATH';

export class SetupError extends Error {
  override name = 'SetupError';
}

/** Returns the Terraform version, or throws one message saying what to install. */
export function checkTerraform(env: NodeJS.ProcessEnv): string {
  const result = spawnSync('terraform', ['version', '-json'], { env, encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new SetupError(`Terraform CLI not found or not working: ${INSTALL_TERRAFORM}`);
  }
  const version = (JSON.parse(result.stdout) as { terraform_version: string }).terraform_version;
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major < MIN_TERRAFORM[0] || (major === MIN_TERRAFORM[0] && minor < MIN_TERRAFORM[1])) {
    throw new SetupError(`Terraform ${version} is too old: ${INSTALL_TERRAFORM}`);
  }
  return version;
}

/** True when `dir` holds hashicorp/aws at the pinned version (packed or unpacked layout). */
function mirrorHasProvider(dir: string): boolean {
  const base = path.join(dir, AWS_PROVIDER);
  return (
    existsSync(path.join(base, AWS_PROVIDER_VERSION)) ||
    existsSync(path.join(base, `terraform-provider-aws_${AWS_PROVIDER_VERSION}_linux_amd64.zip`)) ||
    existsSync(path.join(base, `terraform-provider-aws_${AWS_PROVIDER_VERSION}_linux_arm64.zip`)) ||
    existsSync(path.join(base, `terraform-provider-aws_${AWS_PROVIDER_VERSION}_darwin_arm64.zip`))
  );
}

/**
 * The provider mirror to use: LAMBDA_STATS_TF_PLUGIN_MIRROR if set (it must
 * hold the provider), else the first candidate holding it, else undefined
 * (the public registry).
 */
export function findProviderMirror(env: NodeJS.ProcessEnv): string | undefined {
  const override = env.LAMBDA_STATS_TF_PLUGIN_MIRROR;
  if (override) {
    if (!mirrorHasProvider(override)) {
      throw new SetupError(
        `LAMBDA_STATS_TF_PLUGIN_MIRROR=${override} has no ${AWS_PROVIDER} ${AWS_PROVIDER_VERSION}: install that provider there (terraform providers mirror ${override}) or unset the variable`,
      );
    }
    return path.resolve(override);
  }
  return MIRROR_CANDIDATES.find(mirrorHasProvider);
}

/** Terraform CLI config: the mirror for hashicorp/aws when there is one, the registry otherwise. */
export function cliConfig(mirror: string | undefined): string {
  if (mirror === undefined) {
    return 'provider_installation {\n  direct {}\n}\n';
  }
  return [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirror)}`,
    `    include = [${JSON.stringify(AWS_PROVIDER)}]`,
    '  }',
    '  direct {',
    `    exclude = [${JSON.stringify(AWS_PROVIDER)}]`,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Can we reach the public Terraform registry? (only asked when no mirror exists) */
async function registryReachable(): Promise<boolean> {
  try {
    const res = await fetch('https://registry.terraform.io/.well-known/terraform.json', {
      signal: AbortSignal.timeout(5000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** cdktf and Terraform without phoning home (checkpoint, version checks). */
export function offlineEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...base,
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    DISABLE_VERSION_CHECK: 'true',
    // cdktf would point TF_PLUGIN_CACHE_DIR at a cache and copy the provider
    // (hundreds of MB) into it; without it Terraform links the mirror.
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: 'true',
  };
}

export interface TerraformSetup {
  readonly terraformVersion: string;
  readonly mirror: string | undefined;
  readonly cliConfigFile: string;
  /** The environment our Terraform and cdktf commands run with. */
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Writes the project's Terraform CLI config, `<stateDir>/terraform.rc`, and
 * returns the environment every Terraform and cdktf call runs with (cdktf
 * synth runs `terraform version` too: without our config Terraform warns
 * "Unable to open CLI configuration file"). Needs no Terraform.
 */
export function terraformCliEnv(
  stateDir: string,
  base: NodeJS.ProcessEnv = processEnv(),
): Omit<TerraformSetup, 'terraformVersion'> {
  const mirror = findProviderMirror(base);
  const cliConfigFile = path.join(stateDir, 'terraform.rc');
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(cliConfigFile, cliConfig(mirror));
  return { mirror, cliConfigFile, env: { ...offlineEnv(base), TF_CLI_CONFIG_FILE: cliConfigFile } };
}

/**
 * Checks Terraform and the provider source, writes `<stateDir>/terraform.rc`
 * and returns the environment to run Terraform/cdktf with.
 */
export async function prepareTerraform(
  stateDir: string,
  base: NodeJS.ProcessEnv = processEnv(),
): Promise<TerraformSetup> {
  const { mirror, cliConfigFile, env } = terraformCliEnv(stateDir, base);
  const terraformVersion = checkTerraform(env);
  if (mirror === undefined && !(await registryReachable())) {
    throw new SetupError(
      `no provider mirror with ${AWS_PROVIDER} ${AWS_PROVIDER_VERSION} found (looked in ${MIRROR_CANDIDATES.join(', ')}) and registry.terraform.io is unreachable: install the provider into a mirror (\`terraform providers mirror <dir>\` on a connected machine) and set LAMBDA_STATS_TF_PLUGIN_MIRROR=<dir>`,
    );
  }
  return { terraformVersion, mirror, cliConfigFile, env };
}
