// The jobs engine end to end, on the same engine AWS runs: moto (Step
// Functions execution mode on before the deploy) executes the deployed state
// machine, its Lambda tasks reach the local runtime through the invoke proxy,
// and the datasets and jobs API is served by the front door. Each job's
// result is compared with the synchronous endpoint's answer on the same data.
// The build is turbo's job before this test (scripts#test depends on it).
import { execFile, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  createClient,
  JobFailedError,
  runJob as runJobWith,
  uploadDataset,
  waitForJob as waitForJobWith,
} from '@lambda-stats/client';
import {
  EXAMPLE_CSV,
  EXAMPLE_DATASET_ID,
  EXAMPLE_JOB_ID,
  responseIssues,
} from '@lambda-stats/handlers/openapi-routes';
import { type MotoServer, startMoto } from '@lambda-stats/lambda-kit/moto-server';
import { collectOutput } from '@lambda-stats/lambda-kit/processes';
import { lcg32 } from '@lambda-stats/lambda-kit/random';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InvokeProxy, startInvokeProxy } from '../src/invoke-proxy';
import { REPO_ROOT } from '../src/local-config';
import { type LocalServe, serveDeployment } from '../src/serve-deployment';
import { START_HOOK_TIMEOUT_MS } from './support/local-stack';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field below.
type Json = Record<string, any>;

let work: string;
let proxy: InvokeProxy;
let moto: MotoServer;
let serve: LocalServe;
let api: string;

/** Runs `pnpm <args>` from the repo root; `out` is its stdout then its stderr. */
async function run(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string }> {
  const child = spawn('pnpm', args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const { code, stdout, stderr } = await collectOutput(child, 'exit');
  return { code, out: stdout + stderr };
}

const infraEnv = () => ({
  ...process.env,
  LAMBDA_STATS_AWS_ENDPOINT: proxy.url,
  LAMBDA_STATS_WORK_DIR: path.join(work, 'work'),
  LAMBDA_STATS_LOCAL_STATE: path.join(work, 'local.tfstate'),
  LAMBDA_STATS_CDKTF_OUT: path.join(work, 'cdktf.out'),
  FORCE_COLOR: '0',
});

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'lambda-stats-jobs-'));
  proxy = await startInvokeProxy({ target: () => moto?.endpoint });
  moto = await startMoto({ motoPort: proxy.port, executeStateMachines: true });
  const deployed = await run(['run', 'deploy', 'local'], infraEnv());
  if (deployed.code !== 0) throw new Error(`deploy failed:\n${deployed.out.slice(-4000)}`);
  serve = await serveDeployment({
    target: { endpoint: proxy.url, region: 'us-east-1' },
    statePath: path.join(work, 'local.tfstate'),
    // LAMBDA_STATS_TEST_LOG=<file> keeps the functions' log lines, for debugging
    log: (fn, line) => {
      if (process.env.LAMBDA_STATS_TEST_LOG) {
        appendFileSync(process.env.LAMBDA_STATS_TEST_LOG, `[${fn}] ${line}\n`);
      }
    },
    invokeProxy: proxy,
  });
  api = serve.url;
}, START_HOOK_TIMEOUT_MS);

afterAll(async () => {
  await serve?.stop();
  await moto?.stop();
  await proxy?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A deterministic generator (LCG), so the data set is the same on every run. */
const numbers = lcg32;

const N = 3000;
interface Rows {
  temp: number[];
  kwh: number[];
  x2: number[];
  before: number[];
  after: number[];
  count: number[];
  site: string[];
  region: string[];
  tariff: string[];
}
function dataset(): { csv: string; rows: Rows } {
  const r = numbers(42);
  const rows: Rows = {
    temp: [],
    kwh: [],
    x2: [],
    before: [],
    after: [],
    count: [],
    site: [],
    region: [],
    tariff: [],
  };
  const lines = ['temp,kwh,x2,before,after,count,site,region,tariff'];
  for (let i = 0; i < N; i += 1) {
    const temp = Number((r() * 30).toFixed(3));
    const x2 = Number((r() * 10 - 5).toFixed(2));
    const kwh = Number((2.5 * temp - 0.7 * x2 + (r() - 0.5) * 6).toFixed(4));
    const before = Number((50 + r() * 10).toFixed(2));
    const after = Number((before - 1 + r() * 3).toFixed(2));
    const count = Math.floor(r() * 100);
    const site = `s${Math.floor(r() * 4)}`;
    const region = ['north', 'south', '"east, coast"'][Math.floor(r() * 3)]!;
    const tariff = r() < 0.4 ? 'day' : 'night';
    Object.entries({ temp, kwh, x2, before, after, count, site, tariff }).forEach(([k, v]) => {
      (rows[k as keyof Rows] as (number | string)[]).push(v);
    });
    rows.region.push(region === '"east, coast"' ? 'east, coast' : region);
    lines.push([temp, kwh, x2, before, after, count, site, region, tariff].join(','));
  }
  return { csv: `${lines.join('\n')}\n`, rows };
}

/**
 * The job's body against the synchronous endpoint's: the same fields; each
 * number within 1e-12 relative. The job finalizes from exact sums (stats-core
 * partial states, each field rounded once); the endpoint's float lane is
 * within its own bound of the same exact value, so the two may differ in the
 * last bits (both meet the 1e-10 contract). ols/polyfit report the lane
 * used (`method`), which differs by design.
 */
function expectSameAnswer(job: unknown, sync: unknown, path = 'result'): void {
  if (typeof sync === 'number') {
    expect(typeof job, path).toBe('number');
    const diff = Math.abs((job as number) - sync);
    expect(diff, `${path}: job ${job}, sync ${sync}`).toBeLessThanOrEqual(
      1e-12 * Math.abs(sync) + 1e-300,
    );
  } else if (Array.isArray(sync)) {
    expect(job, path).toHaveLength(sync.length);
    sync.forEach((x, i) => {
      expectSameAnswer((job as unknown[])[i], x, `${path}[${i}]`);
    });
  } else if (sync && typeof sync === 'object') {
    expect(Object.keys(job as object).sort(), path).toEqual(Object.keys(sync).sort());
    for (const [k, x] of Object.entries(sync)) {
      if (k === 'method') continue;
      expectSameAnswer((job as Json)[k], x, `${path}.${k}`);
    }
  } else expect(job, path).toEqual(sync);
}

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as Json });
const post = (route: string, body: unknown) =>
  fetch(`${api}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(json);
const get = (route: string) => fetch(`${api}${route}`).then(json);

async function createDataset(text: string, format: 'csv' | 'jsonl' = 'csv'): Promise<string> {
  const created = await post('/datasets', { name: 'test', format });
  expect(created.status).toBe(201);
  const { url, method, headers } = created.body.upload;
  const put = await fetch(url, { method, headers, body: text });
  expect(put.status).toBe(200);
  return created.body.dataset_id;
}

async function waitForJob(id: string): Promise<Json> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const { status, body } = await get(`/jobs/${id}`);
    expect(status).toBe(200);
    if (body.status !== 'RUNNING') return body;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`job ${id} still running after 90 s`);
}

async function runJob(request: Json): Promise<Json> {
  const started = await post('/jobs', request);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  return waitForJob(started.body.job_id);
}

const data = dataset();
let csvId: string;
/** ~64 KB per chunk: the 3000-row file (~150 KB) runs on 3 workers. */
const CHUNK = 64 * 1024;

describe('datasets', () => {
  it('uploads a CSV through the presigned PUT and reports its size and columns', async () => {
    csvId = await createDataset(data.csv);
    const { status, body } = await get(`/datasets/${csvId}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      dataset_id: csvId,
      format: 'csv',
      status: 'UPLOADED',
      size: Buffer.byteLength(data.csv),
      columns: ['temp', 'kwh', 'x2', 'before', 'after', 'count', 'site', 'region', 'tariff'],
    });
  });

  it('says a dataset is awaiting its upload, and 404s an unknown one', async () => {
    const created = await post('/datasets', { name: 'empty', format: 'jsonl' });
    const pending = await get(`/datasets/${created.body.dataset_id}`);
    expect(pending.body.status).toBe('AWAITING_UPLOAD');
    const missing = await get('/datasets/ds-00000000000000000000000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('refuses a bad format with a 400 naming the field', async () => {
    const bad = await post('/datasets', { name: 'x', format: 'xlsx' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/format/);
  });
});

/** Each mergeable statistic: the job's result equals the synchronous endpoint's body. */
const cases: { statistic: string; columns: Json; options?: Json; sync: () => Json }[] = [
  {
    statistic: 'linregress',
    columns: { x: 'temp', y: 'kwh' },
    sync: () => ({ x: data.rows.temp, y: data.rows.kwh }),
  },
  {
    statistic: 'pearsonr',
    columns: { x: 'temp', y: 'kwh' },
    options: { alternative: 'greater' },
    sync: () => ({ x: data.rows.temp, y: data.rows.kwh, alternative: 'greater' }),
  },
  {
    statistic: 'ols',
    columns: { X: ['temp', 'x2'], y: 'kwh' },
    sync: () => ({ X: data.rows.temp.map((t, i) => [t, data.rows.x2[i]!]), y: data.rows.kwh }),
  },
  {
    statistic: 'polyfit',
    columns: { x: 'temp', y: 'kwh' },
    options: { degree: 2 },
    sync: () => ({ x: data.rows.temp, y: data.rows.kwh, degree: 2 }),
  },
  { statistic: 'describe', columns: { a: 'kwh' }, sync: () => ({ a: data.rows.kwh }) },
  {
    statistic: 'ttest_1samp',
    columns: { a: 'before' },
    options: { popmean: 55 },
    sync: () => ({ a: data.rows.before, popmean: 55 }),
  },
  {
    statistic: 'ttest_ind',
    columns: { a: 'before', b: 'after' },
    options: { equal_var: false },
    sync: () => ({ a: data.rows.before, b: data.rows.after, equal_var: false }),
  },
  {
    statistic: 'ttest_rel',
    columns: { a: 'before', b: 'after' },
    sync: () => ({ a: data.rows.before, b: data.rows.after }),
  },
  {
    statistic: 'f_oneway',
    columns: { samples: { value: 'kwh', group_by: 'site' } },
    sync: () => {
      const groups = new Map<string, number[]>();
      data.rows.site.forEach((s, i) => {
        groups.set(s, [...(groups.get(s) ?? []), data.rows.kwh[i]!]);
      });
      return { samples: [...groups.values()] };
    },
  },
  {
    statistic: 'chi2_contingency',
    columns: { observed: { rows: 'region', cols: 'tariff' } },
    sync: () => {
      const r = [...new Set(data.rows.region)].sort();
      const c = [...new Set(data.rows.tariff)].sort();
      const observed = r.map(() => c.map(() => 0));
      data.rows.region.forEach((x, i) => {
        observed[r.indexOf(x)]![c.indexOf(data.rows.tariff[i]!)]! += 1;
      });
      return { observed };
    },
  },
  {
    statistic: 'spearmanr',
    columns: { a: 'temp', b: 'kwh' },
    sync: () => ({ a: data.rows.temp, b: data.rows.kwh }),
  },
];

describe('jobs: the same answer as the synchronous endpoint', () => {
  it.each(cases)('$statistic over 3 chunks', async ({ statistic, columns, options, sync }) => {
    const job = await runJob({
      dataset: csvId,
      statistic,
      columns,
      options,
      chunk_bytes: CHUNK,
    });
    expect(job.status, JSON.stringify(job.error)).toBe('SUCCEEDED');
    expect(job.stats).toMatchObject({ rows: N, bytes: Buffer.byteLength(data.csv), chunks: 3 });
    const direct = await post(`/${statistic}`, sync());
    expect(direct.status).toBe(200);
    expectSameAnswer(job.result, direct.body);
  });

  it('gives a byte-identical result on a re-run, whatever the chunking', async () => {
    const a = await runJob({
      dataset: csvId,
      statistic: 'ols',
      columns: { X: ['temp', 'x2'], y: 'kwh' },
      chunk_bytes: 4096,
    });
    const b = await runJob({
      dataset: csvId,
      statistic: 'ols',
      columns: { X: ['temp', 'x2'], y: 'kwh' },
    });
    expect(a.stats.chunks).toBeGreaterThan(30);
    expect(b.stats.chunks).toBe(1);
    expect(JSON.stringify(a.result)).toBe(JSON.stringify(b.result));
  });

  it('reads JSON Lines too', async () => {
    const lines = data.rows.temp.map((t, i) => JSON.stringify({ temp: t, kwh: data.rows.kwh[i] }));
    const id = await createDataset(`${lines.join('\n')}\n`, 'jsonl');
    const job = await runJob({
      dataset: id,
      statistic: 'linregress',
      columns: { x: 'temp', y: 'kwh' },
      chunk_bytes: CHUNK,
    });
    const direct = await post('/linregress', { x: data.rows.temp, y: data.rows.kwh });
    expectSameAnswer(job.result, direct.body);
  });
});

describe('jobs: bad input gets a 4xx saying what to fix', () => {
  it('404s an unknown dataset', async () => {
    const res = await post('/jobs', {
      dataset: 'ds-00000000000000000000000000000000',
      statistic: 'linregress',
      columns: { x: 'a', y: 'b' },
    });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/POST \/datasets/);
  });

  it("422s an unknown column, listing the dataset's columns", async () => {
    const res = await post('/jobs', {
      dataset: csvId,
      statistic: 'linregress',
      columns: { x: 'temperature', y: 'kwh' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('unknown_column');
    expect(res.body.error.details.columns).toContain('temp');
    expect(res.body.error.message).toMatch(/"temperature".*temp, kwh/);
  });

  it('400s a statistic with no job form, listing those that have one', async () => {
    const res = await post('/jobs', { dataset: csvId, statistic: 'median', columns: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('unsupported_statistic');
    expect(res.body.error.details.statistics).toContain('linregress');
  });

  it('409s a dataset not yet uploaded', async () => {
    const created = await post('/datasets', { name: 'later', format: 'csv' });
    const res = await post('/jobs', {
      dataset: created.body.dataset_id,
      statistic: 'describe',
      columns: { a: 'x' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('dataset_not_uploaded');
  });

  it("400s options the synchronous endpoint's schema refuses, and a wrong columns shape", async () => {
    const bad = await post('/jobs', {
      dataset: csvId,
      statistic: 'linregress',
      columns: { x: 'temp', y: 'kwh' },
      options: { alternative: 'sideways' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/alternative/);
    const extra = await post('/jobs', {
      dataset: csvId,
      statistic: 'linregress',
      columns: { x: 'temp', y: 'kwh' },
      options: { x: [1, 2] },
    });
    expect(extra.status).toBe(400);
    const shape = await post('/jobs', {
      dataset: csvId,
      statistic: 'ols',
      columns: { X: 'temp', y: 'kwh' },
    });
    expect(shape.status).toBe(400);
    expect(shape.body.error.message).toMatch(/columns\.X/);
  });

  it('404s an unknown job', async () => {
    const res = await get('/jobs/job-00000000000000000000000000000000');
    expect(res.status).toBe(404);
  });
});

describe('jobs: failures', () => {
  /** A chunked describe job of kwh, run while `faults` decides which function invocations fail. */
  async function describeWithFaults(
    faults: Parameters<InvokeProxy['setFaults']>[0],
  ): Promise<Json> {
    proxy.setFaults(faults);
    try {
      return await runJob({
        dataset: csvId,
        statistic: 'describe',
        columns: { a: 'kwh' },
        chunk_bytes: CHUNK,
      });
    } finally {
      proxy.setFaults(undefined);
    }
  }

  it('fails the job on a bad cell with its row, column and value; nan_policy omit skips it', async () => {
    const lines = data.csv.trimEnd().split('\n');
    lines[2001] = lines[2001]!.replace(/^[^,]+,/, 'n/a,');
    const id = await createDataset(`${lines.join('\n')}\n`);
    const job = await runJob({
      dataset: id,
      statistic: 'linregress',
      columns: { x: 'temp', y: 'kwh' },
      chunk_bytes: CHUNK,
    });
    expect(job.status).toBe('FAILED');
    expect(job.error.code).toBe('bad_cell');
    expect(job.error.details).toMatchObject({ row: 2001, column: 'temp', value: 'n/a' });
    expect(job.error.message).toMatch(/^row 2001: column "temp" holds "n\/a"/);

    const omitted = await runJob({
      dataset: id,
      statistic: 'linregress',
      columns: { x: 'temp', y: 'kwh' },
      nan_policy: 'omit',
      chunk_bytes: CHUNK,
    });
    expect(omitted.status).toBe('SUCCEEDED');
    expect(omitted.stats).toMatchObject({ rows: N - 1, omitted_rows: 1 });
    const keep = (_: number, i: number) => i !== 2000;
    const direct = await post('/linregress', {
      x: data.rows.temp.filter(keep),
      y: data.rows.kwh.filter(keep),
    });
    expectSameAnswer(omitted.result, direct.body);
  });

  it('retries a failed worker invocation, and the job still succeeds', async () => {
    let failed = 0;
    const job = await describeWithFaults((fn, event) => {
      if (fn.endsWith('-job_worker') && (event as Json).index === 1 && failed < 2) {
        failed += 1;
        return 'injected transient fault';
      }
      return undefined;
    });
    expect(failed).toBe(2);
    expect(job.status).toBe('SUCCEEDED');
    const direct = await post('/describe', { a: data.rows.kwh });
    expectSameAnswer(job.result, direct.body);
  });

  it("fails the job with the chunk's reason when a worker keeps failing", async () => {
    const job = await describeWithFaults((fn, event) =>
      fn.endsWith('-job_worker') && (event as Json).index === 2
        ? 'injected permanent fault'
        : undefined,
    );
    expect(job.status).toBe('FAILED');
    expect(job.error.code).toBe('worker_failed');
    expect(job.error.message).toMatch(/chunk 2 .*injected permanent fault/);
  });
});

describe('jobs: idempotent with a client token', () => {
  it('returns the same job for the same request and token, 409 for another request', async () => {
    const request = {
      dataset: csvId,
      statistic: 'describe',
      columns: { a: 'temp' },
      client_token: `t-${Date.now()}`,
    };
    const first = await post('/jobs', request);
    const again = await post('/jobs', request);
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body.job_id).toBe(first.body.job_id);
    await waitForJob(first.body.job_id);
    const other = await post('/jobs', { ...request, columns: { a: 'kwh' } });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('conflict');
  });
});

// The client's jobs helpers on the real engine, and GET /jobs/{id}'s documented examples
// (packages/handlers/src/openapi-routes.ts) against what the engine answers.
describe('jobs through the client (uploadDataset, runJob, waitForJob)', () => {
  const doc = JSON.parse(
    readFileSync(path.join(REPO_ROOT, 'packages', 'handlers', 'openapi.gen.json'), 'utf8'),
  ) as Json;
  const example = (name: string) =>
    doc.paths['/jobs/{id}'].get.responses['200'].content['application/json'].examples[name].value;
  const client = () => createClient({ baseUrl: api, retry: { maxAttempts: 2 } });

  it("the example dataset's linregress job answers the documented SUCCEEDED example", async () => {
    const stats = client();
    const id = await uploadDataset(stats, {
      name: 'meters-2026-03',
      format: 'csv',
      data: EXAMPLE_CSV,
    });
    const started = await stats.createJob({
      dataset: id,
      statistic: 'linregress',
      columns: { x: 'x', y: 'y' },
    });
    const job = await waitForJobWith(stats, started.job_id, { timeoutMs: 90_000 });
    expect(responseIssues('getJob', job)).toEqual([]);
    const want = example('succeeded');
    expectSameAnswer(job.result, want.result);
    expect(job.stats?.duration_ms).toBeGreaterThan(0);
    expect({
      ...job,
      job_id: EXAMPLE_JOB_ID,
      dataset: EXAMPLE_DATASET_ID,
      result: want.result,
      stats: { ...job.stats, duration_ms: want.stats.duration_ms },
    }).toEqual(want);
    // runJob: the same in one call, resolving to the result
    const result = await runJobWith(
      stats,
      { dataset: id, statistic: 'linregress', columns: { x: 'x', y: 'y' } },
      { timeoutMs: 90_000 },
    );
    expect(result).toEqual(job.result);
  });

  it('a bad cell: runJob rejects with a JobFailedError whose job is the documented FAILED example', async () => {
    const stats = client();
    const id = await uploadDataset(stats, {
      name: 'bad',
      format: 'csv',
      data: 'x,y\n1,2\n2,4\n3,n/a\n4,4\n5,5\n',
    });
    const err = await runJobWith(
      stats,
      { dataset: id, statistic: 'linregress', columns: { x: 'x', y: 'y' } },
      { timeoutMs: 90_000 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JobFailedError);
    const { job } = err as JobFailedError;
    expect(responseIssues('getJob', job)).toEqual([]);
    const want = example('failed');
    expect({
      ...job,
      job_id: EXAMPLE_JOB_ID,
      dataset: EXAMPLE_DATASET_ID,
      stats: { ...job.stats, duration_ms: want.stats.duration_ms },
    }).toEqual(want);
  });
});

describe("docs/client.md's Python jobs example (requests + botocore)", () => {
  const hasPython =
    spawnSync('python3', ['-c', 'import requests, botocore'], { stdio: 'ignore' }).status === 0;
  it.skipIf(!hasPython)('uploads, runs the job on the engine and prints the slope', async () => {
    const docs = readFileSync(path.join(REPO_ROOT, 'docs', 'client.md'), 'utf8');
    const snippet = [...docs.matchAll(/```python\n([\s\S]*?)```/g)][1]?.[1];
    expect(snippet).toMatch(/"\/jobs"/);
    const r = await promisify(execFile)('python3', ['-c', snippet!], {
      env: {
        PATH: process.env.PATH ?? '',
        LAMBDA_STATS_URL: api,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        LAMBDA_STATS_JOB_TIMEOUT: '90',
      },
      timeout: 120_000,
    });
    expect(Number(r.stdout.trim())).toBeCloseTo(0.6, 12);
  });
});

describe('the deployed stack', () => {
  it.skipIf(process.env.LAMBDA_STATS_SKIP_DIFF === '1')(
    '`pnpm run diff local` after the deploy says no changes',
    async () => {
      const diff = await run(['run', 'diff', 'local'], infraEnv());
      expect(diff.code, diff.out.slice(-3000)).toBe(0);
      expect(diff.out).toMatch(/No changes/);
    },
    300_000,
  );
});
