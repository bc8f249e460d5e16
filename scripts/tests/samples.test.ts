/**
 * `pnpm invoke --generate-event` and `pnpm start`'s printed curl take their
 * request body from sampleBody: the seed samples for the three regressions,
 * and every other statistics route's own documented example (the API
 * document generated from the handlers' endpoint registry), so a generated
 * event is one the function answers with 200, not a 400 for an empty body.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED_X, SEED_Y, sampleBody } from '../src/samples';
import { COMMITTED_OPENAPI } from '../src/serve-deployment';

const doc = JSON.parse(readFileSync(COMMITTED_OPENAPI, 'utf8')) as {
  paths: Record<
    string,
    { post?: { requestBody?: { content: Record<string, { example?: unknown }> } } }
  >;
};

describe('sampleBody', () => {
  it('answers the seed example for linregress, by route key or by name', () => {
    expect(sampleBody('POST /linregress')).toEqual({ x: SEED_X, y: SEED_Y });
    expect(sampleBody('linregress')).toEqual({ x: SEED_X, y: SEED_Y });
  });

  it("answers describe's documented example (golden/examples.py: stats.describe([1, 2, 3, 4, 10]))", () => {
    expect(sampleBody('POST /describe')).toEqual({ a: [1, 2, 3, 4, 10] });
  });

  it('answers a non-empty body for every one-segment POST route the API document lists', () => {
    const routes = Object.keys(doc.paths).filter(
      (p) => /^\/[a-z0-9_]+$/.test(p) && doc.paths[p]!.post,
    );
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const body = sampleBody(`POST ${route}`);
      expect(Object.keys(body as object).length, route).toBeGreaterThan(0);
    }
  });

  it('answers {} for a route with no documented example', () => {
    expect(sampleBody('POST /nosuch')).toEqual({});
  });
});
