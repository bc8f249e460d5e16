// src/api.gen.ts and src/routes.gen.ts are generated from the API document
// packages/handlers generates from its valibot schemas: this fails while
// either is stale (fix: `pnpm --filter @lambda-stats/client generate`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate, readApiDocument, routesOf } from '../generate';

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
