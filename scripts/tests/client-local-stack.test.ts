// @lambda-stats/client against the local stack, every endpoint: the real
// handler zips and layer (packages/handlers/dist, layers/stats-runtime/dist,
// built by turbo before this test) deployed to a real moto server with IAM
// auth on every route and CORS, served by the local runtime and front door
// on free ports. The client signs with the emulator's keys; each route's
// OpenAPI example request must answer the example response (scipy 1.17's,
// packages/handlers/golden/examples.py).
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { CloudWatchClient, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import {
  ApiError,
  createClient,
  type LambdaStatsClient,
  routes,
  uploadDataset,
} from '@lambda-stats/client';
import {
  EXAMPLE_ANALYSES,
  EXAMPLE_CSV,
  EXAMPLE_DATASET_ID,
  EXAMPLE_JOB_ID,
  responseIssues,
} from '@lambda-stats/handlers/openapi-routes';
import { readFunctionManifest } from '@lambda-stats/lambda-kit/manifest';
import { type MotoServer, startMoto } from '@lambda-stats/lambda-kit/moto-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig } from '../src/aws';
import { MetricsCollector, parseEmf } from '../src/observability';
import { type LocalServe, serveDeployment } from '../src/serve-deployment';
import { deployApi } from './support/deploy-api';

const region = 'us-east-1';
const require = createRequire(import.meta.url);
const handlersDist = path.dirname(require.resolve('@lambda-stats/handlers/openapi.gen.json'));
const manifest = readFunctionManifest(path.join(handlersDist, 'dist'));
const layerZip = readFileSync(
  require.resolve('@lambda-stats/stats-runtime/dist/stats-runtime.zip'),
);
// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is walked as plain JSON.
type Json = any;
const doc = JSON.parse(
  readFileSync(require.resolve('@lambda-stats/handlers/openapi.gen.json'), 'utf8'),
) as Json;

let moto: MotoServer;
let stack: LocalServe;
let stats: LambdaStatsClient;
const logs: { fn: string; line: string }[] = [];

// The datasets, jobs and analytics functions' storage: a data bucket, a state
// machine moto stores but does not run (execution mode off: a started job
// stays RUNNING; the engine end to end is scripts/tests/jobs.test.ts), and
// the analyses' results and runs tables (empty), as infra declares them.
const DATA_BUCKET = 'lambda-stats-local-data';
const STATE_MACHINE = 'lambda-stats-local-jobs';
const RESULTS_TABLE = 'lambda-stats-local-analysis-results';
const RUNS_TABLE = 'lambda-stats-local-analysis-runs';

async function createStorage(target: { endpoint: string; region: string }): Promise<string> {
  const config = clientConfig(target);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: DATA_BUCKET }));
  s3.destroy();
  const dynamo = new DynamoDBClient(config);
  for (const [TableName, hash, range] of [
    [RESULTS_TABLE, 'pk', 'period'],
    [RUNS_TABLE, 'analysis', 'sk'],
  ] as const) {
    await dynamo.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: hash, AttributeType: 'S' },
          { AttributeName: range, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: hash, KeyType: 'HASH' },
          { AttributeName: range, KeyType: 'RANGE' },
        ],
      }),
    );
  }
  dynamo.destroy();
  const sfn = new SFNClient(config);
  const machine = await sfn.send(
    new CreateStateMachineCommand({
      name: STATE_MACHINE,
      roleArn: 'arn:aws:iam::123456789012:role/lambda-stats-local-jobs',
      definition: JSON.stringify({
        StartAt: 'Wait',
        States: { Wait: { Type: 'Pass', End: true } },
      }),
    }),
  );
  sfn.destroy();
  return machine.stateMachineArn!;
}

/** Each function's environment: the storage above for the datasets, jobs and analytics functions. */
function environmentOf(name: string, stateMachineArn: string): Record<string, string> {
  if (name === 'datasets' || name === 'jobs') {
    return {
      LAMBDA_STATS_DATA_BUCKET: DATA_BUCKET,
      LAMBDA_STATS_STATE_MACHINE_ARN: stateMachineArn,
    };
  }
  if (name === 'analytics') {
    return {
      LAMBDA_STATS_ANALYSES: EXAMPLE_ANALYSES.join(','),
      LAMBDA_STATS_RESULTS_TABLE: RESULTS_TABLE,
      LAMBDA_STATS_RUNS_TABLE: RUNS_TABLE,
    };
  }
  return {};
}

beforeAll(async () => {
  moto = await startMoto();
  const target = { endpoint: moto.endpoint, region };
  const stateMachineArn = await createStorage(target);
  await deployApi(target, {
    name: 'lambda-stats-local',
    functions: manifest.functions.map((f) => ({
      name: `lambda-stats-local-${f.name}`,
      zip: readFileSync(path.join(handlersDist, 'dist', f.zip)),
      handler: f.handler,
      layers: [layerZip],
      environment: environmentOf(f.name, stateMachineArn),
    })),
    routes: manifest.functions.flatMap((f) =>
      f.routes.map((routeKey) => ({
        routeKey,
        fn: `lambda-stats-local-${f.name}`,
        authorizationType: 'AWS_IAM' as const,
      })),
    ),
    cors: { AllowOrigins: ['http://localhost:5173'], AllowMethods: ['POST'] },
  });
  stack = await serveDeployment({
    target,
    log: (fn, line) => logs.push({ fn, line }),
  });
  stats = createClient({
    baseUrl: stack.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    region,
    retry: { maxAttempts: 2 },
  });
});

afterAll(async () => {
  await stack?.stop();
  await moto?.stop();
});

/** |a - e| <= 1e-9 |e| + 1e-12 through nested arrays and objects (null = NaN on both sides). */
function expectClose(actual: unknown, expected: unknown, at: string): void {
  if (typeof expected === 'number') {
    expect(typeof actual, at).toBe('number');
    expect(
      Math.abs((actual as number) - expected),
      `${at}: ${actual} vs ${expected}`,
    ).toBeLessThanOrEqual(1e-9 * Math.abs(expected) + 1e-12);
  } else if (Array.isArray(expected)) {
    expect(actual, at).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expectClose((actual as unknown[])[i], e, `${at}[${i}]`);
    });
  } else if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), at).toEqual(Object.keys(expected).sort());
    for (const [k, e] of Object.entries(expected)) {
      expectClose((actual as Record<string, unknown>)[k], e, `${at}.${k}`);
    }
  } else expect(actual, at).toEqual(expected);
}

/** The statistics endpoints' operations: POST /<scipy name>, answering the 200 example. */
const statisticsRoutes = Object.fromEntries(
  Object.entries(routes).filter(
    ([, r]) =>
      doc.paths[r.path][r.method.toLowerCase()].responses['200']?.content['application/json']
        .example !== undefined,
  ),
);

describe('the client against the local stack (IAM auth on, signed requests)', () => {
  it('has one function per deployed route, and no other', () => {
    const deployed = stack.deployment.apis[0]!.routes.map((r) => r.routeKey).sort();
    const client = Object.values(routes)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(deployed.filter((r) => !client.includes(r))).toEqual([]);
    expect(client.filter((r) => !deployed.includes(r))).toEqual([]);
  });

  for (const [operation, route] of Object.entries(statisticsRoutes)) {
    it(`${operation}: the OpenAPI example request answers scipy's example response`, async () => {
      const op = doc.paths[route.path][route.method.toLowerCase()];
      const request = op.requestBody.content['application/json'].example;
      const want = op.responses['200'].content['application/json'].example;
      const call = stats[operation as keyof LambdaStatsClient] as (b: unknown) => Promise<unknown>;
      expectClose(await call(request), want, operation);
    });
  }

  it("rejects with a typed ApiError carrying the API's error body", async () => {
    const err = await stats.linregress({ x: [3, 3, 3], y: [1, 2, 3] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 422,
      code: 'unprocessable_input',
      source: 'api',
      details: { function: 'linregress' },
      attempts: 1,
    });
    expect((err as ApiError).requestId).toMatch(/\S+/);
  });

  it('without credentials, gets API Gateway’s 403 as a gateway ApiError', async () => {
    const unsigned = createClient({ baseUrl: stack.url });
    await expect(unsigned.describe({ a: [1, 2, 3] })).rejects.toMatchObject({
      status: 403,
      code: 'gateway_403',
      source: 'gateway',
      apiMessage: 'Forbidden',
    });
  });
});

/** A documented example of an operation's answer: its success `examples[name]`, or an error's. */
function documented(path: string, method: string, status: number, name: string): Json {
  return doc.paths[path][method].responses[String(status)].content['application/json'].examples[
    name
  ].value;
}

/** The error a call rejected with, as the API's body, the real ids swapped for the examples'. */
async function errorBodyOf(call: Promise<unknown>, ids: Record<string, string> = {}) {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  const e = err as ApiError;
  expect(e.source).toBe('api');
  let text = JSON.stringify({
    status: e.status,
    error: { code: e.code, message: e.apiMessage, details: e.details },
  });
  for (const [real, example] of Object.entries(ids)) text = text.replaceAll(real, example);
  return JSON.parse(text) as { status: number; error: unknown };
}

describe('datasets, jobs and analyses through the client (their documented answers)', () => {
  let uploaded: string;

  it('uploadDataset creates a dataset and PUTs the CSV; getDataset answers the documented example', async () => {
    uploaded = await uploadDataset(stats, {
      name: 'meters-2026-03',
      format: 'csv',
      data: EXAMPLE_CSV,
    });
    const got = await stats.getDataset({ id: uploaded });
    expect(responseIssues('getDataset', got)).toEqual([]);
    expect({ ...got, dataset_id: EXAMPLE_DATASET_ID }).toEqual(
      documented('/datasets/{id}', 'get', 200, 'uploaded'),
    );
  });

  it('createDataset answers the documented shape; before the upload the dataset is AWAITING_UPLOAD', async () => {
    const created = await stats.createDataset({ name: 'meters-2026-03', format: 'csv' });
    expect(responseIssues('createDataset', created)).toEqual([]);
    const example = documented('/datasets', 'post', 201, 'created');
    expect({
      ...created,
      dataset_id: EXAMPLE_DATASET_ID,
      upload: { ...created.upload, url: '' },
    }).toEqual({
      ...example,
      upload: { ...example.upload, url: '' },
    });
    const got = await stats.getDataset({ id: created.dataset_id });
    expect({ ...got, dataset_id: EXAMPLE_DATASET_ID }).toEqual(
      documented('/datasets/{id}', 'get', 200, 'awaiting'),
    );
    // POST /jobs on it: the documented 409
    expect(
      await errorBodyOf(
        stats.createJob({
          dataset: created.dataset_id,
          statistic: 'linregress',
          columns: { x: 'x', y: 'y' },
        }),
        { [created.dataset_id]: EXAMPLE_DATASET_ID },
      ),
    ).toEqual({ status: 409, ...documented('/jobs', 'post', 409, 'dataset_not_uploaded') });
  });

  it('an unknown dataset or job is the documented 404, through a typed ApiError', async () => {
    expect(await errorBodyOf(stats.getDataset({ id: EXAMPLE_DATASET_ID }))).toEqual({
      status: 404,
      ...documented('/datasets/{id}', 'get', 404, 'not_found'),
    });
    expect(await errorBodyOf(stats.getDataset({ id: 'meters.csv' }))).toEqual({
      status: 404,
      ...documented('/datasets/{id}', 'get', 404, 'malformed_id'),
    });
    expect(
      await errorBodyOf(
        stats.createJob({
          dataset: EXAMPLE_DATASET_ID,
          statistic: 'linregress',
          columns: { x: 'x', y: 'y' },
        }),
      ),
    ).toEqual({ status: 404, ...documented('/jobs', 'post', 404, 'not_found') });
    expect(await errorBodyOf(stats.getJob({ id: EXAMPLE_JOB_ID }))).toEqual({
      status: 404,
      ...documented('/jobs/{id}', 'get', 404, 'not_found'),
    });
  });

  it('createJob: the documented 422 for an unknown column, and the 400s', async () => {
    expect(
      await errorBodyOf(
        stats.createJob({
          dataset: uploaded,
          statistic: 'linregress',
          columns: { x: 'temp', y: 'y' },
        }),
        { [uploaded]: EXAMPLE_DATASET_ID },
      ),
    ).toEqual({ status: 422, ...documented('/jobs', 'post', 422, 'unknown_column') });
    expect(
      await errorBodyOf(
        stats.createJob({ dataset: uploaded, statistic: 'zscore', columns: { a: 'x' } }),
      ),
    ).toEqual({ status: 400, ...documented('/jobs', 'post', 400, 'unsupported_statistic') });
    expect(
      await errorBodyOf(
        stats.createJob({ dataset: uploaded, statistic: 'linregress', columns: { x: 'x' } }),
      ),
    ).toEqual({ status: 400, ...documented('/jobs', 'post', 400, 'invalid_columns') });
  });

  it('createJob starts the job (202, RUNNING), idempotent by client_token; a reused token is the documented 409', async () => {
    const request = {
      dataset: uploaded,
      statistic: 'linregress',
      columns: { x: 'x', y: 'y' },
      client_token: `client-e2e-${Date.now()}`,
    };
    const started = await stats.createJob(request);
    expect(responseIssues('createJob', started)).toEqual([]);
    expect(started.status).toBe('RUNNING');
    expect((await stats.createJob(request)).job_id).toBe(started.job_id);
    // the state machine here is stored, not run (execution mode off): the job stays RUNNING
    const job = await stats.getJob({ id: started.job_id });
    expect(responseIssues('getJob', job)).toEqual([]);
    expect({ ...job, job_id: EXAMPLE_JOB_ID, dataset: EXAMPLE_DATASET_ID }).toEqual(
      documented('/jobs/{id}', 'get', 200, 'running'),
    );
    expect(
      await errorBodyOf(stats.createJob({ ...request, options: { alternative: 'less' } }), {
        [started.job_id]: EXAMPLE_JOB_ID,
      }),
    ).toEqual({ status: 409, ...documented('/jobs', 'post', 409, 'conflict') });
  });

  it('analyses: results and runs of a declared analysis (none stored yet), and the documented 400 and 404', async () => {
    const [name] = EXAMPLE_ANALYSES;
    const results = await stats.getAnalysisResults({
      name,
      series: 'meter-01',
      from: '2026-03-01',
    });
    expect(responseIssues('getAnalysisResults', results)).toEqual([]);
    expect(results).toEqual({
      analysis: name,
      series: 'meter-01',
      from: '2026-03-01T00:00:00.000Z',
      to: null,
      count: 0,
      truncated: false,
      results: [],
    });
    const runs = await stats.getAnalysisRuns({ name });
    expect(responseIssues('getAnalysisRuns', runs)).toEqual([]);
    expect(runs).toEqual({ analysis: name, series: [], runs: [] });
    expect(await errorBodyOf(stats.getAnalysisRuns({ name: 'nosuch' }))).toEqual({
      status: 404,
      ...documented('/analyses/{name}/runs', 'get', 404, 'not_found'),
    });
    expect(
      await errorBodyOf(stats.getAnalysisResults({ name, series: 'meter-01', from: 'yesterday' })),
    ).toEqual({ status: 400, ...documented('/analyses/{name}/results', 'get', 400, 'bad_date') });
  });
});

// The statistics functions, which write the EMF lines (the datasets, jobs and analytics
// functions log a line per request, no metrics).
const clientRoutes = new Set(Object.values(statisticsRoutes).map((r) => `${r.method} ${r.path}`));
const calledFunctions = () =>
  manifest.functions.filter((f) => f.routes.some((r) => clientRoutes.has(r)));

describe("the functions' EMF metric lines", () => {
  it('one per invocation, naming the endpoint; the first of each function a cold start', () => {
    for (const f of calledFunctions()) {
      const emf = logs
        .filter((l) => l.fn === `lambda-stats-local-${f.name}` && parseEmf(l.line).length > 0)
        .map((l) => JSON.parse(l.line) as Record<string, unknown>);
      expect(emf.length, f.name).toBeGreaterThan(0);
      expect(new Set(emf.map((e) => e.endpoint))).toEqual(new Set([f.name]));
      expect(emf[0]!.cold_starts, f.name).toBe(1);
      expect(emf.slice(1).every((e) => e.cold_starts === 0)).toBe(true);
    }
  });

  it('become metrics in the emulator (PutMetricData) and a per-function summary', async () => {
    const target = { endpoint: moto.endpoint, region };
    const collector = new MetricsCollector(target);
    for (const { fn, line } of logs) collector.observe(fn, line);
    await collector.flush();
    const summary = collector.summary();
    collector.close();
    const cw = new CloudWatchClient(clientConfig(target));
    const listed = await cw.send(new ListMetricsCommand({ Namespace: 'lambda-stats' }));
    cw.destroy();
    const metrics = (listed.Metrics ?? []).map(
      (m) => `${m.MetricName} ${(m.Dimensions ?? []).map((d) => `${d.Name}=${d.Value}`).join(',')}`,
    );
    for (const f of calledFunctions()) {
      expect(metrics).toContain(`duration endpoint=${f.name}`);
      expect(metrics).toContain(`cold_starts endpoint=${f.name}`);
    }
    expect(metrics).toContain('duration endpoint=ols,lane=float64');
    // linregress answered the example (200, 10 numbers) and the constant-x request (422, 6 numbers)
    const row = summary.find((l) => l.startsWith('lambda-stats-local-linregress '))!;
    const [calls, cold, e4xx, e5xx, n] = row.trim().split(/\s+/).slice(1, 6).map(Number);
    expect({ calls, cold, e4xx, e5xx, n }).toEqual({ calls: 2, cold: 1, e4xx: 1, e5xx: 0, n: 16 });
  });
});

describe("docs/client.md's Python example (requests + botocore's SigV4 signer)", () => {
  const hasPython =
    spawnSync('python3', ['-c', 'import requests, botocore'], { stdio: 'ignore' }).status === 0;
  const docs = readFileSync(new URL('../../docs/client.md', import.meta.url), 'utf8');
  const [snippet, jobSnippet] = [...docs.matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1]);
  const run = (env: Record<string, string>, code = snippet) =>
    promisify(execFile)('python3', ['-c', code!], {
      env: {
        PATH: process.env.PATH ?? '',
        LAMBDA_STATS_URL: stack.url,
        AWS_REGION: region,
        ...env,
      },
      timeout: 60_000,
    });

  it.skipIf(!hasPython)(
    'signs a request the front door accepts, and prints the slope',
    async () => {
      expect(snippet).toBeDefined();
      const r = await run({ AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
      expect(Number(r.stdout.trim())).toBeCloseTo(0.6, 12);
    },
  );

  it.skipIf(!hasPython)(
    'the jobs example: signed dataset and job calls and the presigned PUT are accepted, up to the running job',
    async () => {
      expect(jobSnippet).toBeDefined();
      // the state machine here is stored, not run: the job stays RUNNING until the timeout
      const r = await run(
        { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', LAMBDA_STATS_JOB_TIMEOUT: '1' },
        jobSnippet,
      ).catch((e: { code: number; stderr: string }) => e);
      expect((r as { stderr: string }).stderr).toMatch(/^job job-[0-9a-f]{32} still RUNNING\n$/);
      expect((r as { code: number }).code).toBe(1);
      // and a wrong secret stops it at the first call
      const bad = await run(
        { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'wrong' },
        jobSnippet,
      ).catch((e: { stderr: string }) => e);
      expect((bad as { stderr: string }).stderr).toMatch(/^POST \/datasets: 403: /);
    },
  );

  it.skipIf(!hasPython)('exits with the 403 message when signed with a wrong secret', async () => {
    const r = await run({ AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'wrong' }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((r as { code: number }).code).toBe(1);
    expect((r as { stderr: string }).stderr).toMatch(
      /^403: \{"message":"The request signature we calculated/,
    );
  });
});
