/**
 * The form comes from the API document: the fields of every statistic, the
 * default choice of columns, and each endpoint's example turned into CSV
 * that reads back into exactly the example request (what the deep link
 * `?statistic=...&example=1` shows and sends).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../src/page/csv';
import {
  buildRequest,
  defaultMapping,
  exampleAsCsv,
  predictionGrid,
  statisticsFromOpenApi,
} from '../src/page/statistics';

const require = createRequire(import.meta.url);
const doc = JSON.parse(
  readFileSync(require.resolve('@lambda-stats/handlers/openapi.gen.json'), 'utf8'),
);
const statistics = statisticsFromOpenApi(doc);
const spec = (name: string) => statistics.find((s) => s.name === name)!;

describe('statistics from the OpenAPI document', () => {
  it('classifies fields: columns, tables, samples, options, and hides predict', () => {
    const kinds = (name: string) =>
      Object.fromEntries(spec(name).fields.map((f) => [f.name, f.kind]));
    expect(kinds('linregress')).toEqual({
      x: 'column',
      y: 'column',
      alternative: 'choice',
      nan_policy: 'choice',
      predict: 'hidden',
    });
    expect(kinds('ols')).toMatchObject({ X: 'rows', y: 'column', intercept: 'boolean' });
    expect(kinds('f_oneway')).toMatchObject({ samples: 'samples', equal_var: 'boolean' });
    expect(kinds('polyfit')).toMatchObject({ degree: 'integer' });
    expect(kinds('ttest_1samp')).toMatchObject({ popmean: 'number' });
    expect(spec('polyfit').fields.find((f) => f.name === 'degree')).toMatchObject({
      required: true,
      minimum: 1,
      maximum: 20,
    });
  });

  it('maps columns in order, and the last ones to y when X takes several', () => {
    expect(defaultMapping(spec('linregress'), ['temp', 'kwh', 'other'])).toEqual({
      x: 'temp',
      y: 'kwh',
    });
    expect(defaultMapping(spec('ols'), ['a', 'b', 'c', 'y'])).toEqual({
      X: ['a', 'b', 'c'],
      y: 'y',
    });
    expect(defaultMapping(spec('chi2_contingency'), ['c1', 'c2'])).toEqual({
      observed: ['c1', 'c2'],
    });
  });

  for (const s of statistics) {
    it(`${s.name}: the example as CSV reads back into the example request`, () => {
      const example = exampleAsCsv(s);
      expect(example).not.toBeNull();
      const table = parseCsv(example!.csv);
      const mapping = defaultMapping(s, table.header);
      expect(mapping).toEqual(example!.mapping);
      expect(buildRequest(s, table, mapping, example!.options)).toEqual(s.example.request);
    });
  }

  it('says which column is missing a choice', () => {
    const table = parseCsv('x,y\n1,2\n');
    expect(() => buildRequest(spec('linregress'), table, { x: 'x' }, {})).toThrow(
      'Choose the column for y.',
    );
  });

  it('spreads the prediction grid evenly and ends exactly at the padded maximum', () => {
    const g = predictionGrid([10, 20], 11);
    expect(g).toHaveLength(11);
    expect(g[0]).toBe(9.5);
    expect(g[10]).toBe(20.5);
    expect(predictionGrid([3, 3], 3)).toEqual([2.85, 3, 3.15]);
  });
});
