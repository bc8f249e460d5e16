/**
 * Property: no input, however malformed, crashes a function or earns a 5xx.
 * fast-check throws arbitrary events at every endpoint's handler: any JSON
 * value as a direct invocation; HTTP events (payload 1.0 and 2.0) with random
 * methods, content types, base64 flags and bodies; and, most usefully,
 * requests shaped like the endpoint's example with fields swapped for
 * arbitrary values, random lengths, extreme or non-finite numbers, missing
 * or extra keys. Every answer must be a 200 that matches the response schema
 * or a 4xx in the error format. A 500 here is a bug (in the edge or the core)
 * to fix, never a test to loosen.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { Endpoint } from '../src/endpoint';
import { endpoints } from '../src/endpoints/index';
import { createHandler } from '../src/handler';
import { context, fixture } from './support/events';

/** Numbers that stress the arithmetic: extremes, subnormals, repeats. */
const nastyNumber = fc.oneof(
  fc.double(),
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(1, 2), // ties: constant x or y reach the core's own checks
  fc.constantFrom(0, -0, 1, 1e308, -1e308, 5e-324, 1e-300, 1e15, 1e15 + 1, 0.1, 2 ** 53),
);

/** n values like the example's array `x`: numbers (sometimes all equal) or rows of them. */
function sampleOf(x: unknown[], n: number): fc.Arbitrary<unknown[]> {
  const element: fc.Arbitrary<unknown> = Array.isArray(x[0])
    ? fc.array(nastyNumber, { minLength: 1, maxLength: 3 })
    : nastyNumber;
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(element, { minLength: n, maxLength: n }) },
    { weight: 1, arbitrary: element.map((e) => Array.from({ length: n }, () => e)) },
  );
}

/** A value shaped like `v` (the example request), sometimes anything at all. */
function like(v: unknown): fc.Arbitrary<unknown> {
  const wild = fc.anything({ maxDepth: 2, maxKeys: 3 });
  if (typeof v === 'number') {
    return fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: -2, max: 12 }) },
      { weight: 4, arbitrary: nastyNumber },
      wild,
    );
  }
  if (Array.isArray(v)) {
    const element = like(v[0] ?? 0);
    return fc.oneof(
      { weight: 6, arbitrary: fc.array(element, { maxLength: 10 }) },
      { weight: 2, arbitrary: fc.constant(v) },
      { weight: 1, arbitrary: wild },
    );
  }
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v);
    const shaped = fc.record(Object.fromEntries(entries.map(([k, x]) => [k, like(x)])), {
      requiredKeys: [],
    });
    const withExtra = fc
      .tuple(shaped, fc.dictionary(fc.string({ maxLength: 5 }), wild, { maxKeys: 2 }))
      .map(([a, b]) => ({ ...b, ...a }));
    // equal-length numeric samples so the core itself is reached often
    const sameLength = fc
      .integer({ min: 0, max: 8 })
      .chain((n) =>
        fc.record(
          Object.fromEntries(
            entries.map(([k, x]) => [k, Array.isArray(x) ? sampleOf(x, n) : like(x)]),
          ),
        ),
      );
    return fc.oneof(
      { weight: 4, arbitrary: sameLength },
      { weight: 3, arbitrary: shaped },
      { weight: 1, arbitrary: withExtra },
    );
  }
  if (typeof v === 'boolean') return fc.oneof({ weight: 6, arbitrary: fc.boolean() }, wild);
  if (typeof v === 'string') {
    return fc.oneof({ weight: 6, arbitrary: fc.constant(v) }, fc.string({ maxLength: 12 }), wild);
  }
  return wild;
}

function httpEvents(request: fc.Arbitrary<unknown>) {
  const body = fc.oneof(
    { weight: 8, arbitrary: request.map((r) => JSON.stringify(r) ?? '') },
    fc.json(),
    fc.string({ maxLength: 40 }),
    fc.constantFrom('', '{', '[1,2', 'null', '{"x": [1e999]}', '\u0000'),
  );
  const contentType = fc.option(
    fc.oneof(
      { weight: 8, arbitrary: fc.constant('application/json') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'text/plain',
          'application/json; charset=utf-16',
          'application/ld+json',
          ';;',
        ),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    ),
    { freq: 5 },
  );
  const method = fc.oneof(
    { weight: 8, arbitrary: fc.constant('POST') },
    { weight: 1, arbitrary: fc.constantFrom('post', 'GET', 'PUT', 'OPTIONS') },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  );
  return fc
    .record({
      format: fc.constantFrom('http-api-v2', 'rest-v1'),
      method,
      contentType,
      body,
      base64: fc.boolean(),
      garbleBase64: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    })
    .map(({ format, method, contentType, body, base64, garbleBase64 }) => {
      const event = fixture(format);
      const ctx = event.requestContext as Record<string, unknown>;
      if (format === 'http-api-v2') (ctx.http as Record<string, unknown>).method = method;
      else event.httpMethod = method;
      event.headers = contentType === null ? {} : { 'content-type': contentType };
      event.isBase64Encoded = base64;
      event.body = base64 && !garbleBase64 ? Buffer.from(body).toString('base64') : body;
      return event;
    });
}

const ALLOWED = new Set([200, 400, 405, 413, 415, 422]);

/**
 * Runs per property and endpoint: the HTTP edge is shared, so after the
 * first endpoints mostly the request shape and the core vary; fewer runs
 * for the scipy.stats endpoints keep the suite to seconds on 2 cores.
 */
const RUNS: Record<string, number> = { linregress: 500, ols: 500, polyfit: 500 };
const DEFAULT_RUNS = 200;

describe.each(endpoints.map((e) => [e.name, e] as const))(
  '%s never answers 5xx',
  (_name, endpoint: Endpoint) => {
    const handler = createHandler(endpoint, { maxBodyBytes: 2000 });
    const request = like(endpoint.example.request);
    const numRuns = RUNS[endpoint.name] ?? DEFAULT_RUNS;

    it('over HTTP events', async () => {
      await fc.assert(
        fc.asyncProperty(httpEvents(request), async (event) => {
          const res = (await handler(event, context)) as { statusCode: number; body: string };
          expect(ALLOWED, res.body).toContain(res.statusCode);
          const body = JSON.parse(res.body);
          if (res.statusCode === 200) {
            expect(v.safeParse(endpoint.response(), body).success, res.body).toBe(true);
          } else {
            expect(Object.keys(body.error)).toEqual(['code', 'message', 'details']);
            expect(body.error.message.length).toBeGreaterThan(10);
          }
        }),
        { numRuns },
      );
    });

    it('over direct invocations', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ weight: 5, arbitrary: request }, { weight: 1, arbitrary: fc.anything() }),
          async (event) => {
            const res = (await handler(event, context)) as { error?: { code: string } };
            if (res.error === undefined) {
              expect(v.safeParse(endpoint.response(), res).success, JSON.stringify(res)).toBe(true);
            } else {
              expect(res.error.code, JSON.stringify(res)).not.toBe('internal_error');
            }
          },
        ),
        { numRuns },
      );
    });
  },
);
