/**
 * Plan and state review on real plans: the test applies a small stack shaped
 * like `local` (layer, functions, roles, policies, log groups, HTTP API) to a
 * moto server it starts, then plans changes of every kind and compares the
 * summaries with the committed Markdown in tests/fixtures/expected/.
 * Set UPDATE_EXPECTED=1 to rewrite those files after a deliberate change.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { LambdaClient, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type planSummaryJson, runPlanReview } from '../src/plan-review';
import type { State } from '../src/review/plan-json';
import { renderPlanMarkdown } from '../src/review/render-markdown';
import { renderStateMarkdown } from '../src/review/render-state';
import { summarizePlan } from '../src/review/summarize-plan';
import { summarizeState } from '../src/review/summarize-state';
import { planJson, stateJson } from '../src/review/terraform';
import { baseSpec, type FixtureSpec } from './support/fixture-config';
import { type Moto, startMoto } from './support/moto';
import { TfFixture } from './support/tf-fixture';

const expectedDir = new URL('./fixtures/expected/', import.meta.url);

function expectMatchesFile(actual: string, name: string): void {
  const url = new URL(name, expectedDir);
  if (process.env.UPDATE_EXPECTED) writeFileSync(url, actual);
  expect(actual).toBe(readFileSync(url, 'utf8'));
}

/** Every kind of change at once: update, replace, delete, create and a policy edit. */
function changedSpec(): FixtureSpec {
  const spec = structuredClone(baseSpec);
  const [linregress, ols] = spec.functions;
  linregress!.memory = 1024; // update
  linregress!.logActions = ['logs:PutLogEvents']; // policy statement change
  spec.layerName = 'stats-runtime-v2'; // replace: a layer's name cannot change in place
  delete ols!.route; // delete: the route goes, the function stays
  spec.functions.push({
    name: 'polyfit', // create
    memory: 512,
    timeout: 10,
    route: 'POST /polyfit',
    logActions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  });
  return spec;
}

/** moto gives API Gateway objects random ids; name them by address instead. */
function scrubApiIds(text: string, state: State): string {
  let out = text;
  for (const r of state.values?.root_module?.resources ?? []) {
    const id = r.values.id;
    if (
      r.type.startsWith('aws_apigatewayv2_') &&
      typeof id === 'string' &&
      /^[a-z0-9]+$/.test(id)
    ) {
      out = out.replaceAll(id, `<id of ${r.address}>`);
    }
  }
  return out;
}

let moto: Moto;
let tf: TfFixture;

beforeAll(async () => {
  moto = await startMoto();
  tf = new TfFixture(moto.endpoint);
  tf.write(baseSpec);
  await tf.run('init', '-input=false');
  await tf.run('apply', '-auto-approve', '-input=false');
});

afterAll(async () => {
  tf?.dispose();
  await moto?.stop();
});

describe('plan review of real plans', () => {
  it('says "No changes" in one line when the applied stack is planned again', async () => {
    tf.write(baseSpec);
    const plan = await planJson(tf.dir, tf.env);
    const md = renderPlanMarkdown(summarizePlan(plan), { title: '`fixture`' });
    expectMatchesFile(md, 'no-changes.md');
    expect(md).toContain('**No changes.**');
  });

  it('flags the replacement and the deletion with their reasons and details every change', async () => {
    tf.write(changedSpec());
    const plan = await planJson(tf.dir, tf.env);
    const planFile = `${tf.dir}/plan.json`;
    writeFileSync(planFile, JSON.stringify(plan));

    if (process.env.UPDATE_EXPECTED) {
      // Recorded for the unit tests, which need a real plan but no Terraform.
      const { format_version, terraform_version, resource_changes, resource_drift } = plan;
      writeFileSync(
        new URL('./fixtures/plans/all-changes.json', import.meta.url),
        `${JSON.stringify({ format_version, terraform_version, resource_changes, resource_drift }, null, 1)}\n`,
      );
    }

    const summary = summarizePlan(plan);
    const md = renderPlanMarkdown(summary, { title: '`fixture`' });
    expectMatchesFile(md, 'all-changes.md');

    // What a reviewer must see, asserted directly as well as through the file.
    expect(summary.counts).toMatchObject({ create: 6, update: 3, replace: 1, delete: 1 });
    expect(md).toContain(
      '`aws_lambda_layer_version.runtime` is replaced because `layer_name` cannot be updated in place',
    );
    expect(md).toContain(
      '`aws_apigatewayv2_route.ols` is deleted because it is no longer in the configuration',
    );
    expect(md).toContain('| `memory_size` | `512` | `1024` |');
    expect(md).toContain('changed statement `OwnLogGroup`: Action removes `logs:CreateLogStream`');
    expect(md.indexOf('[!WARNING]')).toBeLessThan(md.indexOf('| Action | Resource |'));

    // The CLI reads the same plan from a file, in both formats.
    const out: string[] = [];
    const io = {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => out.push(t),
      cwd: tf.dir,
      env: {},
    };
    expect(await runPlanReview(['--plan-json', 'plan.json', '--title', '`fixture`'], io)).toBe(0);
    expect(out.join('')).toBe(md);
    out.length = 0;
    expect(await runPlanReview(['--plan-json', 'plan.json', '--format', 'json'], io)).toBe(0);
    const json = JSON.parse(out.join('')) as ReturnType<typeof planSummaryJson> & {
      counts: Record<string, number>;
    };
    expect(json.counts).toEqual(summary.counts);
  });
});

describe('state review', () => {
  it('lists the state by type and reports a memory change made behind Terraform', async () => {
    tf.write(baseSpec);
    const lambda = new LambdaClient({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: 'lambda-stats-linregress',
        MemorySize: 2048,
      }),
    );
    lambda.destroy();
    const state = await stateJson(tf.dir, tf.env);
    const drift = await planJson(tf.dir, tf.env, { refreshOnly: true });
    const summary = summarizeState(state, drift);
    const md = renderStateMarkdown(summary, { title: '`fixture`', driftChecked: true });
    expectMatchesFile(scrubApiIds(md, state), 'state-drift.md');
    const real = summary.drift.filter((d) => !d.benign);
    expect(real.map((d) => d.address)).toEqual(['aws_lambda_function.linregress']);
    expect(md).toContain('`memory_size`: state has `512`, AWS has `2048`');
  });
});
