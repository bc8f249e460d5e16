/**
 * The root scripts' wrapper: clear errors for bad input and missing tools,
 * a deterministic synth, and `terraform validate` on every synthesized
 * stack, offline (providers from the machine's mirror).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliConfig, findProviderMirror } from '../src/cli/terraform-env';
import { STACK_NAMES } from '../src/config';
import { INFRA_DIR, REPO_ROOT } from '../src/env';
import {
  FIXTURE_FUNCTIONS,
  JOB_FIXTURE_FUNCTIONS,
  writeFixtureArtifacts,
} from './helpers/fixtures';
import { runWrapper, tail } from './helpers/wrapper';

const run = promisify(execFile);

let scratch: string;
let artifactsRoot: string;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'lambda-stats-cli-'));
  artifactsRoot = await writeFixtureArtifacts({ root: path.join(scratch, 'artifacts') });
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Environment for a wrapper run that writes only below the scratch dir. */
function envFor(name: string, extra: Record<string, string> = {}) {
  return {
    LAMBDA_STATS_ARTIFACTS_DIR: artifactsRoot,
    LAMBDA_STATS_CDKTF_OUT: path.join(scratch, name, 'cdktf.out'),
    LAMBDA_STATS_WORK_DIR: path.join(scratch, name, 'work'),
    LAMBDA_STATS_LOCAL_STATE: path.join(scratch, name, 'cdktf.out', 'terraform.local.tfstate'),
    ...extra,
  };
}

describe('bad input gets a clear error', () => {
  it.each([
    [['deploy'], /unknown stack: got no stack name; valid stacks are local, dev, prod/],
    [['destroy', 'staging'], /unknown stack: got "staging"; valid stacks are local, dev, prod/],
    [['apply', 'dev'], /unknown command "apply"\nusage: pnpm run synth/],
    [['diff', 'dev', 'prod'], /one stack at a time/],
    [
      ['synth', 'local'],
      /the local stack is not running: start it with `pnpm start` in another terminal \(no .*local\.json\), or set LAMBDA_STATS_AWS_ENDPOINT/,
    ],
  ])('%j', async (args, message) => {
    const result = await runWrapper(args, envFor('bad-input'));
    expect(result.code, tail(result)).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('refuses a local endpoint that is not loopback', async () => {
    const result = await runWrapper(
      ['deploy', 'local'],
      envFor('bad-endpoint', {
        LAMBDA_STATS_AWS_ENDPOINT: 'https://lambda.us-east-1.amazonaws.com',
      }),
    );
    expect(result.code, tail(result)).toBe(2);
    expect(result.stderr).toMatch(/is not a loopback http\(s\) URL/);
  });
});

describe('missing tools get one message saying what to install', () => {
  it('no emulator listening at the local endpoint', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const result = await runWrapper(
      ['deploy', 'local'],
      envFor('no-emulator', { LAMBDA_STATS_AWS_ENDPOINT: `http://127.0.0.1:${port}` }),
    );
    expect(result.code, tail(result)).toBe(2);
    expect(result.stderr.trim()).toBe(
      `lambda-stats infra: nothing answers at LAMBDA_STATS_AWS_ENDPOINT=http://127.0.0.1:${port}: start the emulator first (\`moto_server -H 127.0.0.1 -p ${port}\`)`,
    );
  });

  it('finds the running local stack from local.json, as the scripts do, and says when it has stopped', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const env = envFor('stale-local-json');
    mkdirSync(env.LAMBDA_STATS_WORK_DIR, { recursive: true });
    const record = path.join(env.LAMBDA_STATS_WORK_DIR, 'local.json');
    writeFileSync(
      record,
      JSON.stringify({
        apiUrl: 'http://127.0.0.1:1',
        awsEndpoint: `http://127.0.0.1:${port}`,
        region: 'us-east-1',
      }),
    );
    const result = await runWrapper(['diff', 'local'], env);
    expect(result.code, tail(result)).toBe(2);
    expect(result.stderr.trim()).toBe(
      `lambda-stats infra: the local stack is not running: start it with \`pnpm start\` in another terminal (nothing answers at http://127.0.0.1:${port}, from ${record})`,
    );
  });

  it('no Terraform on PATH', async () => {
    const result = await runWrapper(
      ['diff', 'dev'],
      envFor('no-terraform', { PATH: '/nonexistent' }),
    );
    expect(result.code, tail(result)).toBe(2);
    expect(result.stderr.trim()).toBe(
      'lambda-stats infra: Terraform CLI not found or not working: install Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install) and put `terraform` on PATH',
    );
  });

  it('a provider mirror without the AWS provider', async () => {
    const empty = path.join(scratch, 'empty-mirror');
    const result = await runWrapper(
      ['diff', 'dev'],
      envFor('no-mirror', { LAMBDA_STATS_TF_PLUGIN_MIRROR: empty }),
    );
    expect(result.code, tail(result)).toBe(2);
    expect(result.stderr).toMatch(
      /LAMBDA_STATS_TF_PLUGIN_MIRROR=.*empty-mirror has no registry\.terraform\.io\/hashicorp\/aws 5\.100\.0: install that provider there/,
    );
  });

  it('the CLI config installs the AWS provider from the mirror, everything else directly', () => {
    expect(cliConfig('/opt/tf-plugins')).toBe(
      [
        'provider_installation {',
        '  filesystem_mirror {',
        '    path    = "/opt/tf-plugins"',
        '    include = ["registry.terraform.io/hashicorp/aws"]',
        '  }',
        '  direct {',
        '    exclude = ["registry.terraform.io/hashicorp/aws"]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    expect(cliConfig(undefined)).toBe('provider_installation {\n  direct {}\n}\n');
  });
});

describe('pnpm run synth', () => {
  const runs = ['a', 'b'];
  const stackFile = (run: string, stack: string) =>
    path.join(scratch, run, 'cdktf.out', 'stacks', stack, 'cdk.tf.json');

  beforeAll(async () => {
    for (const run of runs) {
      // Run b has no Terraform on PATH: synth must not need it.
      const path_: Record<string, string> =
        run === 'b' ? { PATH: path.dirname(process.execPath) } : {};
      const result = await runWrapper(
        ['synth'],
        envFor(run, { LAMBDA_STATS_AWS_ENDPOINT: 'http://127.0.0.1:4566', ...path_ }),
      );
      expect(result.code, tail(result)).toBe(0);
      expect(result.stdout).toContain('Generated Terraform code for the stacks:');
    }
  });

  it('an unchanged build synthesizes byte-identical Terraform JSON and assets (without Terraform too)', () => {
    for (const stack of STACK_NAMES) {
      const a = readFileSync(stackFile('a', stack));
      const b = readFileSync(stackFile('b', stack));
      expect(a.equals(b), `${stack}/cdk.tf.json differs between two synths`).toBe(true);
      const assets = (run: string) =>
        readdirSync(path.join(scratch, run, 'cdktf.out', 'stacks', stack, 'assets'), {
          recursive: true,
        }).sort();
      expect(assets('a')).toEqual(assets('b'));
      // per zip (the stats, jobs and analytics fixtures and the layer): named folder, hash folder, file
      expect(assets('a')).toHaveLength(
        3 * (FIXTURE_FUNCTIONS.length + JOB_FIXTURE_FUNCTIONS.length + 1),
      );
    }
  });

  it('holds no absolute path and no timestamp', () => {
    for (const stack of STACK_NAMES) {
      const text = readFileSync(stackFile('a', stack), 'utf8');
      for (const local of [scratch, tmpdir(), INFRA_DIR, REPO_ROOT, '/home/', '/root']) {
        expect(text, `${stack} mentions ${local}`).not.toContain(local);
      }
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    }
  });

  it('terraform validate passes on every stack, offline', async () => {
    // The same CLI config the wrapper writes for deploy/diff/destroy.
    const cliConfigFile = path.join(scratch, 'terraform.rc');
    writeFileSync(cliConfigFile, cliConfig(findProviderMirror(process.env)));
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TF_CLI_CONFIG_FILE: cliConfigFile,
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
    };
    const terraform = (cwd: string, args: string[]) =>
      run('terraform', [...args, '-no-color'], { cwd, env }).catch(
        (error: { stdout?: string; stderr?: string }) => error,
      );
    // The stacks are independent: init and validate them side by side.
    await Promise.all(
      STACK_NAMES.map(async (stack) => {
        const cwd = path.dirname(stackFile('a', stack));
        const init = await terraform(cwd, ['init', '-backend=false', '-input=false']);
        expect(init.stdout, `${stack}: ${init.stdout}\n${init.stderr}`).toContain(
          'Terraform has been successfully initialized!',
        );
        const validate = await terraform(cwd, ['validate', '-json']);
        expect(JSON.parse(validate.stdout ?? ''), `${stack}: ${validate.stdout}`).toMatchObject({
          valid: true,
          error_count: 0,
        });
      }),
    );
  });
});

describe('missing build output', () => {
  it('says to run `pnpm build` first, before cdktf starts', async () => {
    const empty = path.join(scratch, 'no-build');
    const result = await runWrapper(['synth', 'dev'], {
      ...envFor('no-build'),
      LAMBDA_STATS_ARTIFACTS_DIR: empty,
    });
    expect(result.code, tail(result)).toBe(2);
    expect(result.stderr.trim()).toBe(
      `lambda-stats infra: missing build artifact ${path.join(empty, 'packages/handlers/dist/manifest.json')}: run \`pnpm build\` first`,
    );
  });
});
