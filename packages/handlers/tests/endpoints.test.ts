/**
 * The endpoint registry and its schemas: one file per endpoint named after
 * it, unique names, examples that are valid and correct (scipy values),
 * and schemas that convert to JSON Schema (draft 2020-12, the dialect of
 * OpenAPI 3.1) so the API document can be generated from them.
 */
import { existsSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { endpoints } from '../src/endpoints/index';
import { createHandler } from '../src/handler';
import { toJsonSchema2020 } from '../src/openapi';
import { context } from './support/events';

/** Same shape as `want`, numbers within 1e-9 (nested arrays and objects walked). */
function expectClose(got: unknown, want: unknown, at: string): void {
  if (typeof want === 'number') expect(got, at).toBeCloseTo(want, 9);
  else if (Array.isArray(want)) {
    expect(Array.isArray(got), at).toBe(true);
    expect((got as unknown[]).length, at).toBe(want.length);
    want.forEach((w, i) => {
      expectClose((got as unknown[])[i], w, `${at}[${i}]`);
    });
  } else if (typeof want === 'object' && want !== null) {
    expect(Object.keys(got as object).sort(), at).toEqual(Object.keys(want).sort());
    for (const [k, w] of Object.entries(want)) {
      expectClose((got as Record<string, unknown>)[k], w, `${at}.${k}`);
    }
  } else expect(got, at).toEqual(want);
}

describe('the registry', () => {
  it('has unique scipy-style names, each in src/endpoints/<name>.ts', () => {
    const names = endpoints.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(existsSync(new URL(`../src/endpoints/${name}.ts`, import.meta.url)), name).toBe(true);
    }
  });
});

describe.each(endpoints.map((e) => [e.name, e] as const))('%s', (_name, endpoint) => {
  it('converts request and response schemas to JSON Schema 2020-12', () => {
    const req = toJsonSchema2020(endpoint.request, 'input');
    expect(req.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(req).toMatchObject({ type: 'object', additionalProperties: false });
    expect(Object.keys(req.properties as object)).toEqual(Object.keys(endpoint.request.entries));
    const res = toJsonSchema2020(endpoint.response(), 'output');
    expect(res).toMatchObject({ type: 'object' });
  });

  it('has an example request that validates and answers the example response', async () => {
    expect(v.safeParse(endpoint.request, endpoint.example.request).success).toBe(true);
    expect(v.safeParse(endpoint.response(), endpoint.example.response).success).toBe(true);
    const got = (await createHandler(endpoint)(endpoint.example.request, context)) as Record<
      string,
      unknown
    >;
    // the examples are scipy's (or numpy's) output, written down in the endpoint file;
    // 9 decimals: the examples are small and the core matches scipy to 12+ digits
    expectClose(got, endpoint.example.response, '(response)');
  });
});
