/**
 * Plan and state review of the real `local` stack: the test synthesizes it
 * through the infra wrapper (with stand-in artifacts), applies it to a moto
 * server it starts, then reviews real plans and compares the summaries with
 * the committed Markdown in tests/fixtures/expected/ (regenerate those with
 * UPDATE_EXPECTED=1 after a deliberate change, and read the diff;
 * RECORD_PLAN=1 re-records tests/fixtures/plans/local-all-changes.json).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LambdaClient, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { type MotoServer, startMoto } from '@lambda-stats/lambda-kit/moto-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlanReview } from '../src/plan-review';
import type { Io } from '../src/review/cli';
import type { Plan } from '../src/review/plan-json';
import { renderPlanMarkdown } from '../src/review/render-markdown';
import { stackDir, stackTerraformEnv, synthStack } from '../src/review/stack-terraform';
import { summarizePlan } from '../src/review/summarize-plan';
import { planJson, terraform } from '../src/review/terraform';
import { runStateReview } from '../src/state-review';
import { writeArtifacts } from './support/artifacts';
import { StackJson } from './support/edit-stack';

const expectedDir = new URL('./fixtures/expected/', import.meta.url);

function expectMatchesFile(actual: string, name: string): void {
  const url = new URL(name, expectedDir);
  if (process.env.UPDATE_EXPECTED) writeFileSync(url, actual);
  expect(actual).toBe(readFileSync(url, 'utf8'));
}

/** moto gives API Gateway objects random ids and the bucket a timestamped name: name them by address. */
function scrubIds(text: string, ids: Map<string, string>): string {
  let out = text;
  for (const [id, name] of ids) out = out.replaceAll(id, `<${name} id>`);
  return out;
}

let moto: MotoServer;
let work: string;
let env: NodeJS.ProcessEnv;
let dir: string;
const ids = new Map<string, string>();
const log: string[] = [];

function io(): Io & { out: string[] } {
  const out: string[] = [];
  return {
    out,
    stdout: (t) => out.push(t),
    stderr: (t) => log.push(t),
    cwd: work,
    env,
  };
}

beforeAll(async () => {
  moto = await startMoto();
  work = mkdtempSync(join(tmpdir(), 'review-local-'));
  writeArtifacts(join(work, 'artifacts'), ['linregress', 'ols']);
  env = {
    ...process.env,
    LAMBDA_STATS_AWS_ENDPOINT: moto.endpoint,
    LAMBDA_STATS_ARTIFACTS_DIR: join(work, 'artifacts'),
    LAMBDA_STATS_CDKTF_OUT: join(work, 'cdktf.out'),
    LAMBDA_STATS_WORK_DIR: join(work, 'work'),
    LAMBDA_STATS_LOCAL_STATE: join(work, 'terraform.local.tfstate'),
  };
  await synthStack('local', io());
  dir = stackDir('local', env);
  const tfEnv = stackTerraformEnv('local', env);
  await terraform(['init', '-input=false'], dir, tfEnv);
  await terraform(['apply', '-auto-approve', '-input=false'], dir, tfEnv);
  // The ids moto chose, straight from the local state file (no provider start-up).
  const state = JSON.parse(readFileSync(env.LAMBDA_STATS_LOCAL_STATE!, 'utf8')) as {
    resources: { type: string; name: string; instances: { attributes: { id: string } }[] }[];
  };
  for (const r of state.resources) {
    const id = r.instances[0]?.attributes.id ?? '';
    const random =
      (r.type.startsWith('aws_apigatewayv2_') && /^[a-z0-9]{5,}$/.test(id)) ||
      r.type === 'aws_s3_bucket';
    if (random) ids.set(id, r.name);
  }
});

afterAll(async () => {
  await moto?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('pnpm plan-review --stack local', () => {
  it('says "No changes" in one line when the deployed stack is planned again', async () => {
    const run = io();
    expect(await runPlanReview(['--stack', 'local'], run)).toBe(0);
    const md = run.out.join('');
    expectMatchesFile(md, 'local-no-changes.md');
    expect(md.trim().split('\n').at(-1)).toMatch(/^\*\*No changes\.\*\* /);
  });
});

describe('a plan with every kind of change', () => {
  let plan: Plan;
  let md: string;

  beforeAll(async () => {
    // A new function (create): the wrapper synthesizes it from its artifact.
    writeArtifacts(join(work, 'artifacts'), ['linregress', 'ols', 'polyfit']);
    await synthStack('local', io());
    const stack = new StackJson(join(dir, 'cdk.tf.json'));
    // Memory (update), the layer's name (replace), one route (delete), a policy statement.
    stack.find('aws_lambda_function', 'function-linregress/function').block.memory_size = 1024;
    const layer = stack.find('aws_lambda_layer_version', 'local/layer').block;
    layer.layer_name = `${layer.layer_name}-v2`;
    stack.remove('aws_apigatewayv2_route', 'http-api/ols-route');
    const policy = stack.find('aws_iam_role_policy', 'function-linregress/policy').block;
    const before = policy.policy as string;
    policy.policy = before.replace(
      '"Action":["logs:CreateLogStream","logs:PutLogEvents"]',
      '"Action":["logs:PutLogEvents"]',
    );
    expect(policy.policy).not.toBe(before);
    stack.save();
    plan = await planJson(dir, stackTerraformEnv('local', env));
    if (process.env.RECORD_PLAN) {
      // Recorded (once) for the unit tests, which need a real plan but no Terraform.
      const { format_version, terraform_version, resource_changes, output_changes } = plan;
      writeFileSync(
        new URL('./fixtures/plans/local-all-changes.json', import.meta.url),
        `${JSON.stringify({ format_version, terraform_version, resource_changes, output_changes }, null, 1)}\n`,
      );
    }
    md = renderPlanMarkdown(summarizePlan(plan), { title: '`local`' });
  });

  it('matches the committed summary', () => {
    expectMatchesFile(scrubIds(md, ids), 'local-all-changes.md');
  });

  it('warns first about the replacement and the deletion, with their reasons', () => {
    const warning = md.slice(md.indexOf('[!WARNING]'), md.indexOf('| Action |'));
    expect(warning).toContain(
      '`aws_lambda_layer_version.layer` is replaced because `layer_name` cannot be updated in place',
    );
    expect(warning).toMatch(
      /`aws_apigatewayv2_route\.http-api_ols-route_\w+` is deleted because it is no longer in the configuration/,
    );
    expect(md.indexOf('[!WARNING]')).toBeLessThan(md.indexOf('| Action | Resource |'));
  });

  it('counts a replacement once and lists the no-ops only as a number', () => {
    const s = summarizePlan(plan);
    expect(s.counts.replace).toBe(1);
    expect(s.counts.delete).toBe(1);
    expect(s.counts.create).toBeGreaterThanOrEqual(6); // role, policy, log group, function, permission, route...
    expect(s.counts['no-op']).toBeGreaterThan(0);
    expect(s.resources.every((r) => r.action !== 'no-op')).toBe(true);
  });

  it('shows updates attribute by attribute and policies statement by statement', () => {
    expect(md).toContain('| `memory_size` | `512` | `1024` |');
    expect(md).toContain('_(known after apply)_');
    expect(md).toContain('changed statement `#1`: Action removes `logs:CreateLogStream`');
  });

  it('gives the same review from the plan file, and a JSON summary', async () => {
    writeFileSync(join(work, 'plan.json'), JSON.stringify(plan));
    const md1 = io();
    expect(await runPlanReview(['--plan-json', 'plan.json', '--title', '`local`'], md1)).toBe(0);
    expect(md1.out.join('')).toBe(md);
    const js = io();
    expect(await runPlanReview(['--plan-json', 'plan.json', '--format', 'json'], js)).toBe(0);
    const json = JSON.parse(js.out.join('')) as {
      hasChanges: boolean;
      counts: Record<string, number>;
      resources: { address: string; action: string; reason?: string }[];
    };
    expect(json.hasChanges).toBe(true);
    expect(json.counts).toEqual(summarizePlan(plan).counts);
    expect(json.resources.find((r) => r.action === 'replace')?.reason).toBe(
      'replaced because `layer_name` cannot be updated in place',
    );
  });
});

describe('pnpm state-review --stack local', () => {
  it('lists the state by type and reports memory changed behind Terraform', async () => {
    // Back to the deployed artifacts; then change the function the way a console user would.
    writeArtifacts(join(work, 'artifacts'), ['linregress', 'ols']);
    rmSync(join(work, 'artifacts/packages/handlers/dist/polyfit.zip'));
    const lambda = new LambdaClient({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: 'lambda-stats-local-linregress',
        MemorySize: 2048,
      }),
    );
    lambda.destroy();
    const run = io();
    expect(await runStateReview(['--stack', 'local'], run)).toBe(0);
    const md = run.out.join('');
    expectMatchesFile(scrubIds(md, ids), 'local-state-drift.md');
    expect(md).toContain('**Drift**: 1 resource changed outside Terraform');
    expect(md).toContain('`memory_size`: state has `512`, AWS has `2048`');
  });
});
