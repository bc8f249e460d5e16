// The jobs helpers (uploadDataset, waitForJob, runJob) against a small HTTP
// server of the test's own on a free loopback port, standing in for the API
// and for S3's presigned PUT. The helpers against the real local stack, on
// moto's Step Functions, are in scripts/tests/jobs.test.ts and
// scripts/tests/client-local-stack.test.ts.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ApiError,
  createClient,
  type Job,
  JobFailedError,
  JobTimeoutError,
  type LambdaStatsClient,
  type Params,
  type ResponseBody,
  runJob,
  UploadError,
  uploadDataset,
  waitForJob,
} from '../src/index';
import { type Reply, standIn } from './support/stand-in';

const api = standIn();

const DS = `ds-${'a'.repeat(32)}`;
const JOB = `job-${'b'.repeat(32)}`;
const fast = { baseDelayMs: 1, maxDelayMs: 2 };
const stats = () => createClient({ baseUrl: api.baseUrl, retry: { maxAttempts: 1 } });

/** POST /datasets answers a presigned URL on this server; `put` answers the PUTs in turn. */
function datasetsApi(put: { status: number; body: string }[]): Reply {
  let puts = 0;
  return (req) => {
    if (req.method === 'POST' && req.url === '/datasets') {
      return {
        status: 201,
        body: JSON.stringify({
          dataset_id: DS,
          name: 'm',
          format: 'csv',
          upload: {
            url: `${api.baseUrl}/bucket/datasets/${DS}/data?X-Amz-Signature=abc`,
            method: 'PUT',
            headers: { 'content-type': 'text/csv' },
            expires_in_seconds: 3600,
          },
        }),
      };
    }
    if (req.method === 'PUT') {
      const r = put[Math.min(puts, put.length - 1)]!;
      puts += 1;
      return { ...r, headers: { 'content-type': 'application/xml' } };
    }
    return { status: 404, body: '{}' };
  };
}

describe('uploadDataset', () => {
  it('creates the dataset, PUTs the bytes with the signed Content-Type, and resolves to the id', async () => {
    api.reply = datasetsApi([{ status: 200, body: '' }]);
    const csv = 'x,y\n1,2\n2,4.5\n';
    const id = await uploadDataset(stats(), { name: 'm', format: 'csv', data: csv });
    expect(id).toBe(DS);
    expect(api.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'POST /datasets',
      `PUT /bucket/datasets/${DS}/data?X-Amz-Signature=abc`,
    ]);
    expect(JSON.parse(api.seen[0]!.text)).toEqual({ name: 'm', format: 'csv' });
    expect(api.seen[1]!.headers['content-type']).toBe('text/csv');
    expect(api.seen[1]!.headers['content-length']).toBe(String(csv.length));
    expect(api.seen[1]!.headers.authorization).toBeUndefined();
    expect(api.seen[1]!.text).toBe(csv);
  });

  it('sends a Blob or bytes with their length', async () => {
    api.reply = datasetsApi([{ status: 200, body: '' }]);
    const bytes = new Uint8Array([120, 10, 49, 10]);
    await uploadDataset(stats(), { name: 'm', format: 'csv', data: new Blob([bytes]) });
    expect([...api.seen[1]!.body]).toEqual([...bytes]);
    expect(api.seen[1]!.headers['content-length']).toBe('4');
  });

  it('retries a 503 from S3, then succeeds', async () => {
    api.reply = datasetsApi([
      {
        status: 503,
        body: '<Error><Code>SlowDown</Code><Message>Reduce your rate</Message></Error>',
      },
      { status: 200, body: '' },
    ]);
    await expect(
      uploadDataset(stats(), { name: 'm', format: 'csv', data: 'x\n1\n', retry: fast }),
    ).resolves.toBe(DS);
    expect(api.seen.filter((s) => s.method === 'PUT')).toHaveLength(2);
  });

  it("does not retry a 403: an UploadError with S3's code and message and a hint", async () => {
    api.reply = datasetsApi([
      {
        status: 403,
        body: '<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error>',
      },
    ]);
    const err = await uploadDataset(stats(), {
      name: 'm',
      format: 'csv',
      data: 'x\n1\n',
      retry: fast,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect(err).toMatchObject({ status: 403, datasetId: DS });
    expect((err as Error).message).toMatch(
      /SignatureDoesNotMatch: The request signature .* \(an expired URL, or a Content-Type other than the signed one\)$/,
    );
    expect(api.seen.filter((s) => s.method === 'PUT')).toHaveLength(1);
  });

  it("passes the API's refusal of the dataset on as its ApiError", async () => {
    api.reply = () => ({
      status: 400,
      body: JSON.stringify({
        error: { code: 'invalid_request', message: 'format must be csv or jsonl', details: {} },
      }),
    });
    await expect(
      uploadDataset(stats(), { name: 'm', format: 'xlsx' as 'csv', data: '' }),
    ).rejects.toBeInstanceOf(ApiError);
  });
});

/** GET /jobs/{id} answers RUNNING `running` times, then `last`. */
function jobsApi(running: number, last: Record<string, unknown>): Reply {
  let polls = 0;
  return (req) => {
    if (req.method === 'POST' && req.url === '/jobs') {
      return { status: 202, body: JSON.stringify({ job_id: JOB, status: 'RUNNING' }) };
    }
    if (req.method === 'GET' && req.url === `/jobs/${JOB}`) {
      polls += 1;
      const base = { job_id: JOB, dataset: DS, statistic: 'linregress' };
      return {
        status: 200,
        body: JSON.stringify(
          polls <= running ? { ...base, status: 'RUNNING' } : { ...base, ...last },
        ),
      };
    }
    return { status: 404, body: '{}' };
  };
}

describe('waitForJob and runJob', () => {
  it('polls with a growing interval until the job has ended', async () => {
    api.reply = jobsApi(3, { status: 'SUCCEEDED', result: { slope: 2 }, stats: { rows: 5 } });
    const job = await waitForJob(stats(), JOB, { intervalMs: 40, maxIntervalMs: 60 });
    expect(job).toMatchObject({ status: 'SUCCEEDED', result: { slope: 2 } });
    const at = api.seen.map((s) => s.at);
    expect(at).toHaveLength(4);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    // 40, then 60 (40 * 1.5), then 60 (the cap): timers never fire early
    expect(gaps[0]).toBeGreaterThanOrEqual(38);
    expect(gaps[1]).toBeGreaterThanOrEqual(58);
    expect(gaps[2]).toBeGreaterThanOrEqual(58);
  });

  it('resolves to a FAILED job too (waitForJob does not throw on it)', async () => {
    api.reply = jobsApi(0, {
      status: 'FAILED',
      error: { code: 'bad_cell', message: 'row 3: ...' },
    });
    await expect(waitForJob(stats(), JOB)).resolves.toMatchObject({ status: 'FAILED' });
  });

  it('gives up after timeoutMs with a JobTimeoutError carrying the last status', async () => {
    api.reply = jobsApi(1000, {});
    const started = performance.now();
    const err = await waitForJob(stats(), JOB, { timeoutMs: 120, intervalMs: 20 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(JobTimeoutError);
    expect((err as JobTimeoutError).job.status).toBe('RUNNING');
    expect((err as Error).message).toMatch(/still RUNNING after 120 ms/);
    // it stops polling (the job never ends): a bound with room for a loaded machine
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('refuses a negative or non-finite interval', async () => {
    await expect(waitForJob(stats(), JOB, { intervalMs: -1 })).rejects.toThrow(
      /intervalMs must be a non-negative number/,
    );
    await expect(waitForJob(stats(), JOB, { timeoutMs: Number.NaN })).rejects.toThrow(
      /timeoutMs must be/,
    );
  });

  it('runJob resolves to the result', async () => {
    api.reply = jobsApi(1, { status: 'SUCCEEDED', result: { slope: 0.6 } });
    const result = await runJob(
      stats(),
      { dataset: DS, statistic: 'linregress', columns: { x: 'x', y: 'y' } },
      { intervalMs: 5 },
    );
    expect(result).toEqual({ slope: 0.6 });
    expect(JSON.parse(api.seen[0]!.text)).toEqual({
      dataset: DS,
      statistic: 'linregress',
      columns: { x: 'x', y: 'y' },
    });
  });

  it("runJob rejects a FAILED job with a JobFailedError naming the job's error", async () => {
    api.reply = jobsApi(0, {
      status: 'FAILED',
      error: { code: 'bad_cell', message: 'row 3: column "y" holds "n/a"' },
    });
    const err = await runJob(stats(), {
      dataset: DS,
      statistic: 'linregress',
      columns: { x: 'x', y: 'y' },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JobFailedError);
    expect(err).toMatchObject({ code: 'bad_cell' });
    expect((err as Error).message).toBe(
      `job ${JOB} failed: bad_cell: row 3: column "y" holds "n/a"`,
    );
  });
});

describe('the generated functions of the jobs and analyses routes (types)', () => {
  it('take their path and query parameters as the leading object', () => {
    expectTypeOf<Params<'getJob'>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<Params<'getDataset'>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<Params<'getAnalysisResults'>>().toMatchTypeOf<{ name: string; series: string }>();
    expectTypeOf<Job['status']>().toEqualTypeOf<'RUNNING' | 'SUCCEEDED' | 'FAILED'>();
    // a job's result is one of the statistics' response bodies (linregress's among them)
    expectTypeOf<ResponseBody<'linregress'>>().toMatchTypeOf<NonNullable<Job['result']>>();
    const typed = (c: LambdaStatsClient) => {
      // @ts-expect-error: getJob needs its id
      void c.getJob({});
      // @ts-expect-error: createDataset's format is csv or jsonl
      void c.createDataset({ name: 'm', format: 'xlsx' });
      return c.getAnalysisResults({ name: 'meters-hourly', series: 'meter-01', flagged: 'true' });
    };
    expect(typeof typed).toBe('function');
  });
});
