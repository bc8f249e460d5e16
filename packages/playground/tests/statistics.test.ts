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
  type FieldSpec,
  parseOption,
  predictionGrid,
  statisticsFromOpenApi,
  UNION_VALUE,
  withPlotRequests,
} from '../src/page/statistics';

const require = createRequire(import.meta.url);
const doc = JSON.parse(
  readFileSync(require.resolve('@lambda-stats/handlers/openapi.gen.json'), 'utf8'),
);
const statistics = statisticsFromOpenApi(doc);
const spec = (name: string) => statistics.find((s) => s.name === name)!;

describe('statistics from the OpenAPI document', () => {
  it('classifies fields: columns, tables, samples, options, and predict as a group of options', () => {
    const kinds = (name: string) =>
      Object.fromEntries(spec(name).fields.map((f) => [f.name, f.kind]));
    expect(kinds('linregress')).toEqual({
      x: 'column',
      y: 'column',
      alternative: 'choice',
      nan_policy: 'choice',
      predict: 'object',
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

  it('takes a column named like a field for that field, whatever the order', () => {
    expect(defaultMapping(spec('theilslopes'), ['x', 'y'])).toEqual({ y: 'y', x: 'x' });
    expect(defaultMapping(spec('linregress'), ['Y', 'X'])).toEqual({ x: 'X', y: 'Y' });
    // an optional column with nothing left for it is left out (theilslopes then uses 0, 1, ...)
    expect(defaultMapping(spec('theilslopes'), ['load'])).toEqual({ y: 'load', x: '' });
    const table = parseCsv('load\n1\n3\n2\n');
    expect(buildRequest(spec('theilslopes'), table, { y: 'load', x: '' }, {})).toEqual({
      y: [1, 3, 2],
    });
  });

  it('keeps what predict sets and adds the plot grid and fitted values', () => {
    const body = withPlotRequests('linregress', {
      x: [1, 2, 3],
      y: [1, 2, 4],
      predict: { confidence_level: 0.9 },
    });
    expect(body.predict).toMatchObject({ confidence_level: 0.9, fitted: true });
    expect((body.predict as { x: number[] }).x).toHaveLength(121);
  });
});

describe('the options form, generically from the schemas', () => {
  const field = (statistic: string, name: string): FieldSpec =>
    spec(statistic).fields.find((f) => f.name === name)!;

  it('reads arrays, tuples, nullable enums, unions and nested objects from the schemas', () => {
    expect(field('iqr', 'rng')).toMatchObject({
      kind: 'numbers',
      minItems: 2,
      maxItems: 2,
      minimum: 0,
      maximum: 100,
      default: [25, 75],
    });
    expect(field('iqr', 'scale')).toMatchObject({
      kind: 'union',
      choices: ['normal'],
      valueKind: 'number',
      exclusiveMinimum: 0,
      default: 1,
    });
    expect(field('iqr', 'interpolation')).toMatchObject({ kind: 'choice', default: 'linear' });
    expect(field('exponential_smoothing', 'trend')).toMatchObject({
      kind: 'choice',
      choices: ['add', null],
      default: null,
    });
    expect(field('exponential_smoothing', 'seasonal')).toMatchObject({
      kind: 'choice',
      choices: ['add', 'mul', null],
    });
    expect(field('exponential_smoothing', 'initial_seasonal')).toMatchObject({ kind: 'numbers' });
    expect(field('exponential_smoothing', 'y')).toMatchObject({ kind: 'column', required: true });
    expect(field('theilslopes', 'x')).toMatchObject({ kind: 'column', required: false });
    const predict = field('linregress', 'predict');
    expect(predict.fields?.map((f) => [f.name, f.kind])).toEqual([
      ['x', 'numbers'],
      ['confidence_level', 'number'],
      ['fitted', 'boolean'],
    ]);
    // no statistic has a field the form cannot show
    for (const s of statistics)
      for (const f of s.fields) expect(f.kind, `${s.name}.${f.name}`).not.toBe('hidden');
  });

  it('parses what is typed into the JSON the API takes', () => {
    const rng = field('iqr', 'rng');
    expect(parseOption(rng, { text: '10, 90' })).toEqual([10, 90]);
    expect(parseOption(rng, { text: '[5 95]' })).toEqual([5, 95]);
    expect(parseOption(rng, { text: '' })).toBeUndefined();
    const scale = field('iqr', 'scale');
    expect(parseOption(scale, { selected: 'normal', text: '' })).toBe('normal');
    expect(parseOption(scale, { selected: UNION_VALUE, text: '2.5' })).toBe(2.5);
    const trend = field('exponential_smoothing', 'trend');
    expect(parseOption(trend, { selected: '' })).toBeNull();
    expect(parseOption(trend, { selected: 'add' })).toBe('add');
    expect(parseOption(field('exponential_smoothing', 'horizon'), { text: '12' })).toBe(12);
    expect(
      parseOption(field('exponential_smoothing', 'initial_seasonal'), { text: '1, -8, -4, 11' }),
    ).toEqual([1, -8, -4, 11]);
  });

  it('says what is wrong with an option and how to write it', () => {
    const rng = field('iqr', 'rng');
    expect(() => parseOption(rng, { text: '25' })).toThrow(
      'Option rng: 1 value given, exactly 2 needed (comma-separated, e.g. 25, 75).',
    );
    expect(() => parseOption(rng, { text: '25, 75, 90' })).toThrow('exactly 2 allowed');
    expect(() => parseOption(rng, { text: '25, 175' })).toThrow(
      'Option rng: 175 is above the maximum 100.',
    );
    expect(() => parseOption(rng, { text: '25, abc' })).toThrow(
      'Option rng: "abc" is not a number.',
    );
    expect(() => parseOption(field('iqr', 'scale'), { selected: UNION_VALUE, text: '0' })).toThrow(
      'Option scale: 0 must be greater than 0.',
    );
    expect(() => parseOption(field('iqr', 'scale'), { selected: UNION_VALUE, text: '' })).toThrow(
      'type a number, or choose one of the values',
    );
    expect(() => parseOption(field('exponential_smoothing', 'horizon'), { text: '2.5' })).toThrow(
      'Option horizon: 2.5 must be a whole number.',
    );
    const level = field('linregress', 'predict').fields!.find(
      (f) => f.name === 'confidence_level',
    )!;
    expect(() => parseOption(level, { text: '1.5' }, 'predict.confidence_level')).toThrow(
      'Option predict.confidence_level: 1.5 must be less than 1.',
    );
    expect(() => parseOption(field('polyfit', 'degree'), { text: '' })).toThrow(
      'Option degree is required',
    );
  });
});
