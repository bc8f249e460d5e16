/**
 * The committed OpenAPI document (openapi.gen.json) is exactly what the
 * generator makes from the handlers' valibot schemas today, so it cannot drift
 * from what the functions validate. Fix a failure by running
 * `pnpm --filter @lambda-stats/handlers openapi` and committing the file.
 */
import { readFileSync } from 'node:fs';
import { Validator } from '@cfworker/json-schema';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { routeOf } from '../src/endpoint';
import { endpoints } from '../src/endpoints/index';
import { errorCodes } from '../src/http/errors';
import { NAN_POLICY_ENDPOINTS } from '../src/http/fields';
import { errorBody, openApiText } from '../src/openapi';
import { EXAMPLE_CSV, routeDocs } from '../src/openapi-routes';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const committed = readFileSync(new URL('../openapi.gen.json', import.meta.url), 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: the document is walked as plain JSON.
type Json = any;
const doc = JSON.parse(committed);

describe('openapi.gen.json', () => {
  it('is byte-identical to a fresh generation from the schemas', async () => {
    const fresh = await openApiText(pkg.version);
    // a toEqual on parsed JSON first names the drifted path; the byte check catches formatting
    expect(doc, 'stale: run pnpm --filter @lambda-stats/handlers openapi').toEqual(
      JSON.parse(fresh),
    );
    expect(committed).toBe(fresh);
  });

  it('is OpenAPI 3.1 with one POST operation per endpoint, plus the datasets, jobs and analyses routes', () => {
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.keys(item as object).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(operations.sort()).toEqual(
      [
        ...endpoints.map((e) => routeOf(e)),
        ...routeDocs.map((r) => `${r.method} ${r.path}`),
      ].sort(),
    );
    for (const e of endpoints) {
      const op = doc.paths[`/${e.name}`].post;
      expect(op.operationId).toBe(e.name);
      expect(op.requestBody.content['application/json'].example).toEqual(e.example.request);
      expect(op.responses['200'].content['application/json'].example).toEqual(e.example.response);
      expect(Object.keys(op.responses).sort()).toEqual([
        '200',
        '400',
        '405',
        '413',
        '415',
        '422',
        '500',
      ]);
      const req = doc.components.schemas[`${e.name}_request`];
      expect(req).toMatchObject({ type: 'object', additionalProperties: false });
      // nan_policy is the handler's (src/http/nanPolicy.ts), not the endpoint schema's
      const nan = NAN_POLICY_ENDPOINTS.has(e.name) ? ['nan_policy'] : [];
      expect(Object.keys(req.properties)).toEqual([...Object.keys(e.request.entries), ...nan]);
      // the CSV form: a text/csv body whose example the handler answers as the JSON example
      expect(typeof op.requestBody.content['text/csv'].example).toBe('string');
      expect(op.parameters.every((p: { in: string }) => p.in === 'query')).toBe(true);
    }
  });

  it('has error examples that the real handler produced, in the error schema', () => {
    const codes = new Set<string>();
    for (const [name, response] of Object.entries(doc.components.responses) as [
      string,
      { content: Record<string, { example: unknown }> },
    ][]) {
      const example = response.content['application/json']!.example;
      expect(v.safeParse(errorBody, example).success, name).toBe(true);
      codes.add((example as { error: { code: string } }).error.code);
    }
    expect([...codes].sort()).toEqual(
      [
        'internal_error',
        'invalid_request',
        'method_not_allowed',
        'payload_too_large',
        'unprocessable_input',
        'unsupported_media_type',
      ].sort(),
    );
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual([
      ...errorCodes,
    ]);
  });

  describe('the datasets, jobs and analyses routes', () => {
    const op = (r: (typeof routeDocs)[number]) => doc.paths[r.path][r.method.toLowerCase()];

    it('serve every route the functions route, with their path parameters', async () => {
      const { datasetRoutes, jobRoutes } = await import('../src/jobs/api');
      const served = [...Object.keys(datasetRoutes), ...Object.keys(jobRoutes)];
      expect(served.sort()).toEqual(
        routeDocs
          .filter((r) => r.fn !== 'analytics')
          .map((r) => `${r.method} ${r.path}`)
          .sort(),
      );
      for (const r of routeDocs) {
        const names = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        const params = op(r).parameters.filter((p: { in: string }) => p.in === 'path');
        expect(
          params.map((p: { name: string }) => p.name),
          r.path,
        ).toEqual(names);
      }
    });

    it('have request examples the request schema accepts, and success examples in the response schema', () => {
      for (const r of routeDocs) {
        const o = op(r);
        expect(o.operationId).toBe(r.operationId);
        if (r.request) {
          const example = o.requestBody.content['application/json'].example;
          expect(v.safeParse(r.request.schema, example).issues, r.operationId).toBeUndefined();
        } else expect(o.requestBody).toBeUndefined();
        const ok = o.responses[String(r.success.status)].content['application/json'];
        for (const [name, { value }] of Object.entries(ok.examples) as [
          string,
          { value: unknown },
        ][]) {
          expect(
            v.safeParse(r.success.schema, value).issues,
            `${r.operationId} ${name}`,
          ).toBeUndefined();
        }
      }
    });

    it('have error examples in the error schema, under the status they answer with', () => {
      for (const r of routeDocs) {
        const statuses = Object.keys(op(r).responses).filter((s) => s !== String(r.success.status));
        expect(statuses.sort(), r.operationId).toEqual(
          [...new Set([...r.errors.map((e) => String(e.status)), '500'])].sort(),
        );
        for (const status of statuses) {
          const { examples } = op(r).responses[status].content['application/json'];
          for (const [name, { value }] of Object.entries(examples) as [
            string,
            { value: unknown },
          ][]) {
            expect(
              v.safeParse(errorBody, value).issues,
              `${r.operationId} ${name}`,
            ).toBeUndefined();
            const code = (value as { error: { code: string } }).error.code;
            expect(errorCodes).toContain(code);
          }
        }
      }
    });

    it("give the job's result as the statistics' response schemas, and the succeeded example as linregress's", () => {
      const result = doc.components.schemas.getJob_response.properties.result;
      for (const { $ref } of result.anyOf) {
        expect(doc.components.schemas[$ref.replace('#/components/schemas/', '')]).toBeDefined();
      }
      const example = op(routeDocs.find((r) => r.operationId === 'getJob')!).responses['200']
        .content['application/json'].examples.succeeded.value;
      expect(example.result).toEqual(
        endpoints.find((e) => e.name === 'linregress')!.example.response,
      );
      expect(example.stats.bytes).toBe(EXAMPLE_CSV.length);
    });

    it('document exactly the query parameters the results route accepts', async () => {
      const { parseResultsQuery } = await import('../src/analytics/query');
      const results = routeDocs.find((r) => r.operationId === 'getAnalysisResults')!;
      const query = op(results).parameters.filter((p: { in: string }) => p.in === 'query');
      const all = Object.fromEntries(
        query.map((p: { name: string; example: string }) => [p.name, p.example]),
      );
      expect(() => parseResultsQuery('a', all, ['a'])).not.toThrow();
      for (const p of query.filter((q: { required: boolean }) => q.required)) {
        const { [p.name]: _, ...rest } = all;
        expect(() => parseResultsQuery('a', rest, ['a']), p.name).toThrow(/required/);
      }
      expect(() => parseResultsQuery('a', { ...all, limit: '5' }, ['a'])).toThrow(
        /unknown query parameter limit/,
      );
    });

    it('use the id patterns the routes check', async () => {
      const { DATASET_ID, JOB_ID } = await import('../src/jobs/keys');
      const pattern = (path: string) =>
        doc.paths[path].get.parameters.find((p: { in: string }) => p.in === 'path').schema.pattern;
      expect(pattern('/datasets/{id}')).toBe(DATASET_ID.source);
      expect(pattern('/jobs/{id}')).toBe(JOB_ID.source);
    });
  });

  it('has every example valid against its schema as the document states it (JSON Schema 2020-12)', () => {
    // the document's own JSON Schemas, with #/components/schemas/ refs as $defs, checked by an
    // independent 2020-12 validator: what the client and other tools read, not the valibot source
    const defs = JSON.parse(
      JSON.stringify(doc.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'),
    );
    const check = (ref: string, value: unknown, at: string) => {
      const schema = { $defs: defs, $ref: ref.replace('#/components/schemas/', '#/$defs/') };
      const result = new Validator(schema, '2020-12', false).validate(value);
      expect(
        result.errors.map((e) => `${e.instanceLocation}: ${e.error}`),
        at,
      ).toEqual([]);
    };
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths) as [string, Record<string, Json>][]) {
      for (const [method, op] of Object.entries(item)) {
        const json = op.requestBody?.content['application/json'];
        if (json?.example !== undefined) {
          check(json.schema.$ref, json.example, `${method} ${path} request`);
          checked += 1;
        }
        for (const [status, response] of Object.entries(op.responses) as [string, Json][]) {
          const content = (
            response.$ref
              ? doc.components.responses[response.$ref.replace('#/components/responses/', '')]
              : response
          ).content['application/json'];
          const examples = content.examples
            ? Object.entries(content.examples).map(([k, e]) => [k, (e as { value: unknown }).value])
            : [['example', content.example]];
          for (const [name, value] of examples) {
            check(content.schema.$ref, value, `${method} ${path} ${status} ${name}`);
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
    // and the validator does reject: a job with an unknown status, a dataset with a stray field
    const job =
      doc.paths['/jobs/{id}'].get.responses['200'].content['application/json'].examples.succeeded
        .value;
    expect(() =>
      check('#/components/schemas/getJob_response', { ...job, status: 'DONE' }, 'bad'),
    ).toThrow();
    expect(() =>
      check('#/components/schemas/getJob_response', { ...job, result: { slope: 'x' } }, 'bad'),
    ).toThrow();
  });
});
