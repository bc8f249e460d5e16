// src/api.gen.ts and src/routes.gen.ts are generated from the API document
// packages/handlers generates from its valibot schemas: this fails while
// either is stale (fix: `pnpm --filter @lambda-stats/client generate`).
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { generate, hoistRepeatedObjects, readApiDocument, routesOf } from '../generate';
import type { components, operations, paths } from '../src/api.gen';
import type { RequestBody, ResponseBody } from '../src/client';

describe('generated files', () => {
  it('match what the generator writes from the committed API document', async () => {
    const files = await generate(readApiDocument());
    for (const [name, text] of Object.entries(files)) {
      expect(
        readFileSync(new URL(`../${name}`, import.meta.url), 'utf8'),
        `${name} is stale: run pnpm --filter @lambda-stats/client generate`,
      ).toBe(text);
    }
  });

  it('has a route for every path and method of the document, path parameters included', () => {
    const doc = readApiDocument();
    const routes = routesOf(doc);
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      Object.entries(doc.paths ?? {})
        .flatMap(([p, item]) => Object.keys(item ?? {}).map((m) => `${m.toUpperCase()} ${p}`))
        .sort(),
    );
    // the jobs routes with their path parameters, and the results query
    const byId = Object.fromEntries(routes.map((r) => [r.operationId, r]));
    expect(byId.getJob).toMatchObject({ method: 'GET', path: '/jobs/{id}', pathParams: ['id'] });
    expect(byId.createJob).toMatchObject({ method: 'POST', path: '/jobs', hasBody: true });
    expect(byId.getAnalysisResults).toMatchObject({
      pathParams: ['name'],
      queryParams: ['series', 'from', 'to', 'flagged'],
      hasBody: false,
    });
    const withParams = routesOf({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/jobs/{id}': {
          get: {
            operationId: 'getJob',
            parameters: [
              { in: 'path', name: 'id', required: true, schema: { type: 'string' } },
              { in: 'query', name: 'wait', schema: { type: 'number' } },
            ],
            responses: {},
          },
        },
      },
    });
    expect(withParams).toEqual([
      {
        operationId: 'getJob',
        method: 'GET',
        path: '/jobs/{id}',
        pathParams: ['id'],
        queryParams: ['wait'],
        hasBody: false,
      },
    ]);
  });

  it('refuses an operation without a usable operationId, naming the route', () => {
    expect(() =>
      routesOf({
        openapi: '3.1.0',
        info: { title: 't', version: '1' },
        paths: { '/jobs': { get: { operationId: 'list-jobs', responses: {} } } },
      }),
    ).toThrow('GET /jobs needs an operationId that is a JavaScript identifier (got "list-jobs")');
  });
});

describe('the generated types', () => {
  it('derive paths from the route table, each operation under its lower-case method', () => {
    expectTypeOf<paths['/jobs/{id}']['get']>().toEqualTypeOf<operations['getJob']>();
    expectTypeOf<paths['/linregress']['post']>().toEqualTypeOf<operations['linregress']>();
    expectTypeOf<keyof paths['/linregress']>().toEqualTypeOf<'post'>();
  });

  it('type each answer by its status, and a route without a body as taking none', () => {
    expectTypeOf<ResponseBody<'createJob'>>().toEqualTypeOf<
      components['schemas']['createJob_response']
    >();
    expectTypeOf<
      operations['getJob']['responses'][404]['content']['application/json']
    >().toEqualTypeOf<components['schemas']['Error']>();
    expectTypeOf<RequestBody<'getJob'>>().toBeNever();
    expectTypeOf<
      operations['linregress']['requestBody']['content']['text/csv']
    >().toEqualTypeOf<string>();
  });

  it('give an object schema that stands in several places one name (ols and polyfit share prediction)', () => {
    expectTypeOf<NonNullable<ResponseBody<'ols'>['prediction']>>().toEqualTypeOf<
      components['schemas']['prediction']
    >();
    expectTypeOf<NonNullable<ResponseBody<'polyfit'>['prediction']>>().toEqualTypeOf<
      components['schemas']['prediction']
    >();
    const obj = (extra: object) => ({
      type: 'object',
      properties: { a: { type: 'number' } },
      ...extra,
    });
    const hoisted = hoistRepeatedObjects({
      one: { type: 'object', properties: { band: obj({}), other: obj({ description: 'x' }) } },
      two: { type: 'object', properties: { band: obj({}) } },
      band: { type: 'string' },
    });
    // the repeated one moves under a free name; the one that differs stays inline
    expect(hoisted).toEqual({
      one: {
        type: 'object',
        properties: {
          band: { $ref: '#/components/schemas/band_2' },
          other: obj({ description: 'x' }),
        },
      },
      two: { type: 'object', properties: { band: { $ref: '#/components/schemas/band_2' } } },
      band: { type: 'string' },
      band_2: obj({}),
    });
  });
});
