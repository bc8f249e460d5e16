/**
 * The committed OpenAPI document (openapi.gen.json) is exactly what the
 * generator makes from the handlers' valibot schemas today, so it cannot drift
 * from what the functions validate. Fix a failure by running
 * `pnpm --filter @lambda-stats/handlers openapi` and committing the file.
 */
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { routeOf } from '../src/endpoint';
import { endpoints } from '../src/endpoints/index';
import { errorCodes } from '../src/http/errors';
import { NAN_POLICY_ENDPOINTS } from '../src/http/fields';
import { errorBody, openApiText } from '../src/openapi';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const committed = readFileSync(new URL('../openapi.gen.json', import.meta.url), 'utf8');
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

  it('is OpenAPI 3.1 with one POST operation per endpoint and its route', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      endpoints.map((e) => routeOf(e).replace('POST ', '')).sort(),
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
});
