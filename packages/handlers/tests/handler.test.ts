/**
 * The HTTP edge of every function, through createHandler in-process: event
 * formats, the 4xx catalogue with fix-it messages, the 422 mapping of the
 * core's StatsInputError, a 500 without internals, NaN as null.
 */

import { Logger } from '@aws-lambda-powertools/logger';
import { StatsInputError } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { defineEndpoint } from '../src/endpoint';
import { linregress } from '../src/endpoints/linregress';
import { createHandler } from '../src/handler';
import { context, fixture, type HttpResponse, httpEvent } from './support/events';

const handler = createHandler(linregress);
const call = async (event: unknown) => (await handler(event, context)) as HttpResponse;
const json = (r: HttpResponse) => JSON.parse(r.body);

// scipy 1.17: stats.linregress([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]); the core
// promises 1e-10 relative, so that is the tolerance here.
const scipy = linregress.example.response;
function expectScipyResult(got: Record<string, number>) {
  for (const [k, want] of Object.entries(scipy)) {
    expect(got[k], k).toBeCloseTo(want as number, 10);
  }
}

describe('event formats', () => {
  it.each(['http-api-v2', 'function-url', 'rest-v1'])(
    'answers a %s event with scipy-named JSON',
    async (name) => {
      const res = await call(fixture(name));
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.headers['x-request-id']).toBe('test-request-id');
      const body = json(res);
      expect(Object.keys(body).sort()).toEqual(Object.keys(scipy).sort());
      expectScipyResult(body);
    },
  );

  it('answers a direct invocation with the result object itself', async () => {
    const res = (await handler(fixture('direct'), context)) as Record<string, number>;
    expectScipyResult(res);
  });

  it('answers a direct invocation fault with the same error object, not a throw', async () => {
    const res = (await handler({ x: [1, 2], y: [1, 2], extra: 1 }, context)) as {
      error: { code: string };
    };
    expect(res.error.code).toBe('invalid_request');
  });
});

describe('client faults are 4xx with a message saying what to fix', () => {
  async function expectError(event: unknown, status: number, code: string, says: RegExp) {
    const res = await call(event);
    expect(res.statusCode).toBe(status);
    const body = json(res);
    expect(Object.keys(body)).toEqual(['error']);
    expect(Object.keys(body.error)).toEqual(['code', 'message', 'details']);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(says);
    return { res, body };
  }

  it('405 for a method other than POST, with Allow', async () => {
    const { res } = await expectError(
      httpEvent('', { method: 'GET' }),
      405,
      'method_not_allowed',
      /use POST/,
    );
    expect(res.headers.allow).toBe('POST');
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'])(
    '415 for Content-Type %s',
    async (type) => {
      await expectError(
        httpEvent('{}', { headers: { 'content-type': type } }),
        415,
        'unsupported_media_type',
        /Content-Type: application\/json/,
      );
    },
  );

  it('accepts REST-style header casing and +json media types', async () => {
    const variants: Record<string, string>[] = [
      { 'Content-Type': 'Application/JSON' },
      { 'content-type': 'application/vnd.api+json' },
    ];
    for (const headers of variants) {
      const res = await call(httpEvent(JSON.stringify(scipyRequest()), { headers }));
      expect(res.statusCode).toBe(200);
    }
  });

  it('413 over the configured limit, plain and base64, before parsing', async () => {
    const small = createHandler(linregress, { maxBodyBytes: 100 });
    const body = JSON.stringify({ x: Array(50).fill(1), y: Array(50).fill(2) });
    for (const event of [
      httpEvent(body),
      httpEvent(Buffer.from(body).toString('base64'), { isBase64Encoded: true }),
    ]) {
      const res = (await small(event, context)) as HttpResponse;
      expect(res.statusCode).toBe(413);
      expect(json(res).error).toMatchObject({
        code: 'payload_too_large',
        details: { limitBytes: 100 },
      });
    }
  });

  it('400 for malformed JSON, quoting the parser', async () => {
    await expectError(httpEvent('{"x": [1, 2,'), 400, 'malformed_json', /not valid JSON/);
  });

  it('400 for an empty body', async () => {
    await expectError(httpEvent(''), 400, 'missing_body', /empty/);
  });

  it('400 for a base64 body that is not UTF-8', async () => {
    const bad = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64');
    await expectError(
      httpEvent(bad, { isBase64Encoded: true }),
      400,
      'invalid_body_encoding',
      /UTF-8/,
    );
  });

  it('400 naming an unknown field and the accepted ones', async () => {
    const { body } = await expectError(
      httpEvent(JSON.stringify({ ...scipyRequest(), slope: 1 })),
      400,
      'invalid_request',
      /unknown field "slope".*accepted fields are x, y, alternative/,
    );
    expect(body.error.details.issues[0].path).toBe('(request)');
  });

  it('400 naming the element with the wrong type', async () => {
    const { body } = await expectError(
      httpEvent('{"x": [1, 2, "3"], "y": [1, 2, 3]}'),
      400,
      'invalid_request',
      /x\[2\] must be a finite number \(got the string "3"\)/,
    );
    expect(body.error.details.issues).toEqual([
      { path: 'x[2]', message: 'x[2] must be a finite number (got the string "3")' },
    ]);
  });

  it('400 for a number JSON.parse overflows to Infinity', async () => {
    await expectError(
      httpEvent('{"x": [1, 2, 1e400], "y": [1, 2, 3]}'),
      400,
      'invalid_request',
      /x\[2\] must be a finite number \(got Infinity/,
    );
  });

  it('400 for missing fields, wrong enums and unequal lengths', async () => {
    await expectError(httpEvent('{"y": [1, 2]}'), 400, 'invalid_request', /x is required/);
    await expectError(
      httpEvent('{"x": [1, 2], "y": [1, 2], "alternative": "both"}'),
      400,
      'invalid_request',
      /alternative must be one of "two-sided", "less", "greater"/,
    );
    await expectError(
      httpEvent('{"x": [1, 2, 3], "y": [1, 2]}'),
      400,
      'invalid_request',
      /x and y must have the same length \(got 3 and 2\)/,
    );
    await expectError(httpEvent('{"x": [1], "y": [1]}'), 400, 'invalid_request', /at least 2/);
    await expectError(httpEvent('[1, 2]'), 400, 'invalid_request', /must be a JSON object/);
  });

  it('lists at most 20 issues and counts the rest', async () => {
    const { body } = await expectError(
      httpEvent(JSON.stringify({ x: Array(30).fill('a'), y: Array(30).fill(1) })),
      400,
      'invalid_request',
      /and 27 more problems/,
    );
    expect(body.error.details.issues).toHaveLength(20);
    expect(body.error.details.moreIssues).toBe(10);
  });

  it("422 for data the core cannot analyse, with the core's message", async () => {
    const { body } = await expectError(
      httpEvent('{"x": [3, 3, 3], "y": [1, 2, 3]}'),
      422,
      'unprocessable_input',
      /^linregress /,
    );
    expect(body.error.details).toEqual({ function: 'linregress' });
  });
});

describe('results', () => {
  it('sends undefined values (NaN) as null: constant y has no correlation', async () => {
    const res = await call(httpEvent('{"x": [1, 2, 3, 4], "y": [5, 5, 5, 5]}'));
    expect(res.statusCode).toBe(200);
    const body = json(res);
    expect(body).toMatchObject({ slope: 0, intercept: 5, rvalue: null, pvalue: null, n: 4 });
  });
});

describe('unexpected failures', () => {
  const broken = defineEndpoint({
    name: 'broken',
    summary: 'throws a programming error',
    request: v.strictObject({ a: v.number() }),
    response: () => v.object({}),
    handle() {
      throw new TypeError('secret internal detail at /var/task/index.js:1');
    },
    example: { request: { a: 1 }, response: {} },
  });

  it('is a 500 with the request id and neither the message nor a stack', async () => {
    const h = createHandler(broken);
    const res = (await h(httpEvent('{"a": 1}'), context)) as HttpResponse;
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/secret|TypeError|\/var\/task|at /);
    expect(json(res).error).toEqual({
      code: 'internal_error',
      message: expect.stringContaining('test-request-id'),
      details: { requestId: 'test-request-id' },
    });
  });

  it('logs the error with its stack at error level, where the response has none', async () => {
    const logger = new Logger({ serviceName: 'test' });
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const h = createHandler(broken, { logger });
    await h(httpEvent('{"a": 1}'), context);
    expect(error).toHaveBeenCalledOnce();
    const [message, fields] = error.mock.calls[0] as [string, { error: Error; statusCode: number }];
    expect(message).toBe('request failed');
    expect(fields.statusCode).toBe(500);
    expect(fields.error.message).toContain('secret internal detail');
    expect(fields.error.stack).toBeDefined();
  });

  it('survives a logger that throws', async () => {
    const logger = new Logger({ serviceName: 'test' });
    vi.spyOn(logger, 'info').mockImplementation(() => {
      throw new Error('log sink down');
    });
    const res = (await createHandler(linregress, { logger })(
      fixture('http-api-v2'),
      context,
    )) as HttpResponse;
    expect(res.statusCode).toBe(200);
  });

  it('maps a StatsInputError thrown by any endpoint to 422', async () => {
    const h = createHandler({
      ...broken,
      handle() {
        throw new StatsInputError('broken', 'needs a different a');
      },
    });
    const res = (await h(httpEvent('{"a": 1}'), context)) as HttpResponse;
    expect(res.statusCode).toBe(422);
    expect(json(res).error.message).toBe('broken needs a different a');
  });
});

function scipyRequest() {
  return { ...linregress.example.request };
}
