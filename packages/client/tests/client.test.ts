// The client against a small HTTP server of the test's own (a free loopback
// port): request shape, typed errors, retries with backoff and Retry-After,
// network failures, path parameters, signing and the credential sources.
// The client against the real local stack, every endpoint, is in
// scripts/tests/client-local-stack.test.ts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import apiDocument from '@lambda-stats/handlers/openapi.gen.json' with { type: 'json' };
import { describe, expect, expectTypeOf, it } from 'vitest';
import { sdkDefaultChain } from '../src/credentials';
import {
  ApiError,
  ClientUsageError,
  createClient,
  createClientFor,
  NetworkError,
  type RequestBody,
  type ResponseBody,
  regionOfUrl,
} from '../src/index';
import { backoffDelay, resolveRetry, retryAfterMs } from '../src/retry';
import { standIn } from './support/stand-in';

const api = standIn();

/** The API document's example linregress response (scipy's numbers for x 1..5, y 2 4 5 4 5). */
const fit =
  apiDocument.paths['/linregress'].post.responses['200'].content['application/json'].example;
const noWait = { baseDelayMs: 0, random: () => 0 };

describe('calling an operation', () => {
  it('POSTs the JSON body to the route and resolves to the parsed response', async () => {
    api.reply = () => ({ status: 200, body: JSON.stringify(fit) });
    const stats = createClient({ baseUrl: `${api.baseUrl}/` });
    const got = await stats.linregress({ x: [1, 2, 3, 4, 5], y: [2, 4, 5, 4, 5] });
    expect(got).toEqual(fit);
    expect(api.seen).toHaveLength(1);
    expect(api.seen[0]).toMatchObject({ method: 'POST', url: '/linregress' });
    expect(api.seen[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(api.seen[0]!.text)).toEqual({ x: [1, 2, 3, 4, 5], y: [2, 4, 5, 4, 5] });
    // unsigned without credentials
    expect(api.seen[0]!.headers.authorization).toBeUndefined();
  });

  it('has one function per operation of the API document, typed by its schemas', () => {
    const stats = createClient({ baseUrl: api.baseUrl });
    expect(typeof stats.ttest_ind).toBe('function');
    // null entries are missing values, for nan_policy (the tabular input)
    expectTypeOf<Omit<RequestBody<'linregress'>, 'predict'>>().toEqualTypeOf<{
      alternative?: 'two-sided' | 'less' | 'greater';
      nan_policy?: 'raise' | 'omit' | 'propagate';
      x: (number | null)[];
      y: (number | null)[];
    }>();
    // predict: new x values, the interval level and whether to return fitted values
    expectTypeOf<NonNullable<RequestBody<'linregress'>['predict']>>().toEqualTypeOf<{
      confidence_level?: number;
      fitted?: boolean;
      x?: number[];
    }>();
    expectTypeOf<ResponseBody<'linregress'>['slope']>().toEqualTypeOf<number | null>();
    // @ts-expect-error: y is required by the linregress schema
    void (() => stats.linregress({ x: [1, 2] }));
    // @ts-expect-error: unknown fields are refused by the schema, and by the type
    void (() => stats.linregress({ x: [1, 2], y: [1, 2], extra: 1 }));
  });

  it('refuses a base URL that is not absolute, with what to pass instead', () => {
    expect(() => createClient({ baseUrl: 'localhost:3000/' })).toThrow(
      /baseUrl must be an absolute http\(s\) URL such as http:\/\/127\.0\.0\.1:3000/,
    );
  });
});

describe('typed errors', () => {
  it("carries the API's {error: {code, message, details}} and is not retried on a 4xx", async () => {
    const body = {
      error: {
        code: 'invalid_request',
        message: 'Invalid request: y is required (an array)',
        details: { issues: [{ path: 'y', message: 'y is required (an array)' }] },
      },
    };
    api.reply = () => ({
      status: 400,
      body: JSON.stringify(body),
      headers: { 'x-request-id': 'r-1' },
    });
    const stats = createClient({ baseUrl: api.baseUrl, retry: noWait });
    const err = await stats.linregress({ x: [1, 2], y: [1, 2] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 400,
      code: 'invalid_request',
      source: 'api',
      requestId: 'r-1',
      operation: 'linregress',
      attempts: 1,
      details: body.error.details,
      apiMessage: body.error.message,
    });
    expect(api.seen).toHaveLength(1);
  });

  it("reads API Gateway's own {message} answers as gateway errors", async () => {
    api.reply = () => ({
      status: 403,
      body: '{"message":"Forbidden"}',
      headers: { 'apigw-requestid': 'gw-1' },
    });
    const err = await createClient({ baseUrl: api.baseUrl })
      .describe({ a: [1, 2, 3] })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      status: 403,
      code: 'gateway_403',
      source: 'gateway',
      requestId: 'gw-1',
      apiMessage: 'Forbidden',
    });
  });
});

describe('retries', () => {
  it('retries 5xx and 429 until an answer, then resolves', async () => {
    api.reply = (_req, n) =>
      n === 1
        ? { status: 503, body: '{"message":"Service Unavailable"}' }
        : n === 2
          ? { status: 429, body: '{"message":"Too Many Requests"}' }
          : { status: 200, body: JSON.stringify(fit) };
    const got = await createClient({ baseUrl: api.baseUrl, retry: noWait }).linregress({
      x: [1, 2],
      y: [3, 4],
    });
    expect(got).toEqual(fit);
    expect(api.seen).toHaveLength(3);
    // every attempt sends the same body
    expect(new Set(api.seen.map((s) => s.text)).size).toBe(1);
  });

  it('gives up after maxAttempts with the last error, attempts counted', async () => {
    api.reply = () => ({ status: 502, body: '{"message":"Internal Server Error"}' });
    const err = await createClient({ baseUrl: api.baseUrl, retry: { ...noWait, maxAttempts: 3 } })
      .linregress({ x: [1, 2], y: [3, 4] })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 502, attempts: 3, source: 'gateway' });
    expect(api.seen).toHaveLength(3);
  });

  it('waits at least Retry-After seconds before the next attempt', async () => {
    api.reply = (_req, n) =>
      n === 1
        ? { status: 429, body: '{"message":"Too Many Requests"}', headers: { 'retry-after': '1' } }
        : { status: 200, body: JSON.stringify(fit) };
    await createClient({ baseUrl: api.baseUrl, retry: noWait }).linregress({
      x: [1, 2],
      y: [3, 4],
    });
    expect(api.seen).toHaveLength(2);
    expect(api.seen[1]!.at - api.seen[0]!.at).toBeGreaterThanOrEqual(990);
  });

  it('does not wait for a Retry-After beyond maxRetryAfterMs: the error comes at once', async () => {
    api.reply = () => ({
      status: 503,
      body: '{"message":"Service Unavailable"}',
      headers: { 'retry-after': '120' },
    });
    const started = performance.now();
    const err = await createClient({ baseUrl: api.baseUrl, retry: noWait })
      .linregress({ x: [1, 2], y: [3, 4] })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 503, attempts: 1 });
    // far below the 120 s it was told to wait, with room for a loaded machine
    expect(performance.now() - started).toBeLessThan(60_000);
  });

  it('backs off with full jitter, bounded by maxDelayMs', () => {
    const r = resolveRetry({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999 });
    expect([0, 1, 2, 3, 4, 8].map((i) => backoffDelay(i, r))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelay(5, resolveRetry({ random: () => 0 }))).toBe(0);
    expect(() => resolveRetry({ maxAttempts: 0 })).toThrow(
      /maxAttempts must be a whole number from 1 to 20/,
    );
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Sun, 06 Dec 2026 12:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('retries a refused connection, then fails with a NetworkError naming the origin', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await createClient({
      baseUrl: `http://127.0.0.1:${port}`,
      retry: { ...noWait, maxAttempts: 2 },
    })
      .linregress({ x: [1, 2], y: [3, 4] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).message).toMatch(
      new RegExp(`linregress: no answer from http://127.0.0.1:${port} after 2 attempts`),
    );
  });
});

describe('routes with path and query parameters', () => {
  const table = {
    getJob: {
      method: 'GET',
      path: '/jobs/{id}',
      pathParams: ['id'],
      queryParams: ['wait'],
      hasBody: false,
    },
  } as const;

  it('fills the path parameter (URI-encoded) and the query, and sends no body', async () => {
    api.reply = () => ({ status: 200, body: '{"status":"SUCCEEDED"}' });
    const jobs = createClientFor(table, { baseUrl: api.baseUrl });
    expect(await jobs.getJob({ id: 'a b/c', wait: 5 })).toEqual({ status: 'SUCCEEDED' });
    expect(api.seen[0]).toMatchObject({ method: 'GET', url: '/jobs/a%20b/c?wait=5', text: '' });
    expect(api.seen[0]!.headers['content-type']).toBeUndefined();
  });

  it('takes query parameters beside a body from the call options', async () => {
    api.reply = () => ({ status: 200, body: '{}' });
    const table2 = {
      describe: {
        method: 'POST',
        path: '/describe',
        pathParams: [],
        queryParams: ['a'],
        hasBody: true,
      },
    } as const;
    await createClientFor(table2, { baseUrl: api.baseUrl }).describe(
      { a: [1, 2] },
      { query: { a: 'col', skip: undefined } },
    );
    expect(api.seen[0]).toMatchObject({ method: 'POST', url: '/describe?a=col' });
    expect(JSON.parse(api.seen[0]!.text)).toEqual({ a: [1, 2] });
  });

  it('says which path parameter is missing', async () => {
    await expect(createClientFor(table, { baseUrl: api.baseUrl }).getJob({})).rejects.toThrow(
      new ClientUsageError('getJob needs the path parameter "id" (/jobs/{id})'),
    );
  });
});

describe('SigV4 signing', () => {
  const credentials = {
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'secret',
    sessionToken: 'tok',
  };

  it('signs with the execute-api scope of the given region, and signs again on a retry', async () => {
    api.reply = (_req, n) =>
      n === 1 ? { status: 500, body: '{}' } : { status: 200, body: JSON.stringify(fit) };
    await createClient({
      baseUrl: api.baseUrl,
      credentials,
      region: 'eu-central-1',
      retry: noWait,
    }).linregress({
      x: [1, 2],
      y: [3, 4],
    });
    for (const s of api.seen) {
      expect(s.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/execute-api\/aws4_request, SignedHeaders=accept;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
      );
      expect(s.headers['x-amz-security-token']).toBe('tok');
      // the body is covered through its hash in the canonical request, not by a header
      expect(s.headers['x-amz-content-sha256']).toBeUndefined();
    }
  });

  it('takes the region from an execute-api host name', () => {
    expect(regionOfUrl(new URL('https://abc123.execute-api.eu-central-1.amazonaws.com/'))).toBe(
      'eu-central-1',
    );
    expect(regionOfUrl(new URL('http://127.0.0.1:3000'))).toBeUndefined();
  });

  it('calls a credential function before every request (so it can refresh)', async () => {
    api.reply = () => ({ status: 200, body: JSON.stringify(fit) });
    let calls = 0;
    const stats = createClient({
      baseUrl: api.baseUrl,
      credentials: async () => ({ accessKeyId: `KEY${++calls}`, secretAccessKey: 's' }),
    });
    await stats.linregress({ x: [1, 2], y: [3, 4] });
    await stats.linregress({ x: [1, 2], y: [3, 4] });
    expect(api.seen.map((s) => s.headers.authorization?.match(/Credential=(\w+)\//)?.[1])).toEqual([
      'KEY1',
      'KEY2',
    ]);
  });

  it("'default' uses the AWS SDK's default chain (here: the environment's keys)", async () => {
    api.reply = () => ({ status: 200, body: JSON.stringify(fit) });
    const saved = { ...process.env };
    process.env.AWS_ACCESS_KEY_ID = 'AKIAFROMENVIRONMENT';
    process.env.AWS_SECRET_ACCESS_KEY = 'from-env';
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    try {
      await createClient({ baseUrl: api.baseUrl, credentials: 'default' }).linregress({
        x: [1, 2],
        y: [3, 4],
      });
    } finally {
      process.env = saved;
    }
    expect(api.seen[0]!.headers.authorization).toMatch(/Credential=AKIAFROMENVIRONMENT\//);
  });

  it("'default' without the SDK installed says what to install or pass instead", async () => {
    const chain = sdkDefaultChain(async () => {
      throw new Error("Cannot find package '@aws-sdk/credential-provider-node'");
    });
    await expect(chain()).rejects.toThrow(
      /credentials: 'default' needs the AWS SDK's credential chain: install @aws-sdk\/credential-provider-node/,
    );
  });
});
