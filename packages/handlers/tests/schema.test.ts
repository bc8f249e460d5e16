/**
 * finiteRows, the one-loop check of a table of finite numbers (ols's X,
 * f_oneway's samples): a valid table passes as is, and anything else gets
 * exactly the issues valibot's own array schema gives, so every 400 keeps
 * its bytes. The reference here is the plain valibot schema it replaces.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ols } from '../src/endpoints/ols';
import { createHandler } from '../src/handler';
import { readJson } from '../src/http/json';
import { finiteNumbers, finiteRows } from '../src/schema';
import { context, type HttpResponse, httpEvent } from './support/events';

const plain = (minColumns: number) => v.array(v.pipe(finiteNumbers(), v.minLength(minColumns)));

/** What a safeParse reports, without the object identities (issues hold the input). */
function outcome(schema: v.GenericSchema, input: unknown) {
  const r = v.safeParse(schema, input);
  return {
    success: r.success,
    output: r.success ? r.output : undefined,
    issues: (r.issues ?? []).map((i) => ({
      kind: i.kind,
      type: i.type,
      message: i.message,
      expected: i.expected,
      received: i.received,
      path: i.path?.map((p) => p.key),
    })),
  };
}

const row = (k: number) => Array.from({ length: 20 }, (_, j) => (k * 20 + j) / 8 - 7);

const bad: [string, unknown][] = [
  ['not an array', { rows: [[1]] }],
  ['null', null],
  ['a row that is a number', [[1, 2], 3, [4, 5]]],
  ['a row that is an object', [[1, 2], { a: 1 }]],
  ['an empty row', [[1, 2], [], [3, 4]]],
  [
    'a string entry',
    [
      [1, 2],
      [3, '4'],
    ],
  ],
  ['a null entry', [[1, null]]],
  [
    'NaN',
    [
      [1, 2],
      [Number.NaN, 3],
    ],
  ],
  [
    'Infinity in the last row',
    [
      [1, 2],
      [3, 4],
      [5, Number.POSITIVE_INFINITY],
    ],
  ],
  ['-Infinity first', [[Number.NEGATIVE_INFINITY, 1]]],
  ['a nested array entry', [[1, [2]]]],
  ['several bad rows', [['a', 2], [], [3, Number.NaN], 7]],
  ['a long valid row then a bad one', [row(0), row(1), [...row(2), 'x']]],
];

describe('finiteRows', () => {
  it('passes a table of finite numbers as the same object, as valibot would type it', () => {
    for (const table of [[[1]], [row(0), row(1)], [[-0, 1e300, -2.5e-300]], []]) {
      const r = v.safeParse(finiteRows(1), table);
      expect(r.success).toBe(true);
      expect(r.output).toBe(table);
      expect(outcome(finiteRows(1), table)).toEqual(outcome(plain(1), table));
    }
  });

  it.each(bad)('reports %s exactly as valibot’s array schema does', (_, input) => {
    expect(outcome(finiteRows(1), input)).toEqual(outcome(plain(1), input));
    expect(v.safeParse(finiteRows(1), input).success).toBe(false);
  });

  it('checks the row length it is given', () => {
    for (const input of [
      [[1, 2, 3]],
      [
        [1, 2, 3],
        [1, 2],
      ],
      [[1], [2, 3]],
    ]) {
      expect(outcome(finiteRows(3), input)).toEqual(outcome(plain(3), input));
    }
    expect(v.safeParse(finiteRows(3), [[1, 2, 3]]).success).toBe(true);
    expect(v.safeParse(finiteRows(3), [[1, 2]]).success).toBe(false);
  });

  it('takes the request reader’s all-finite rows without a second walk, and still checks their length', () => {
    const text = JSON.stringify({ X: [row(0), row(1)], short: [row(0), []] });
    const read = readJson(text)!.value as { X: number[][]; short: number[][] };
    expect(v.safeParse(finiteRows(1), read.X).output).toBe(read.X);
    expect(outcome(finiteRows(1), read.short)).toEqual(outcome(plain(1), read.short));
    expect(outcome(finiteRows(25), read.X)).toEqual(outcome(plain(25), read.X));
  });

  it('is the same JSON Schema to the OpenAPI conversion', () => {
    const a = finiteRows(1);
    const b = plain(1);
    expect(a.type).toBe(b.type);
    expect(a.item.pipe.map((p) => p.type)).toEqual(b.item.pipe.map((p) => p.type));
  });
});

describe('ols answers a bad X with the same 400 as before', () => {
  const handler = createHandler(ols);
  const call = async (body: unknown) =>
    (await handler(httpEvent(JSON.stringify(body)), context)) as HttpResponse;
  const y = [1, 2, 3];

  it.each([
    [
      [
        [1, 2],
        [3, 'a'],
        [5, 6],
      ],
      'X[1][1] must be a finite number (got the string "a")',
    ],
    [[[1, 2], [], [5, 6]], 'X[1] needs at least 1 values'],
    [[[1, 2], 7, [5, 6]], 'X[1] must be an array (got 7)'],
    [
      [
        [1, 2],
        [3, null],
        [5, 6],
      ],
      'X[1][1] must be a finite number (got null)',
    ],
  ])('X = %j', async (X, message) => {
    const res = await call({ X, y });
    expect(res.statusCode).toBe(400);
    const body = JSON.parse(res.body);
    expect(body.error.details.issues).toContainEqual({
      path: message.slice(0, message.indexOf(' ')),
      message,
    });
  });

  it('a ragged X is still caught by the row-length check', async () => {
    const res = await call({ X: [[1, 2], [3], [5, 6]], y });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(
      'every row of X must have the same number of columns (row 0 has 2, row 1 has 1)',
    );
  });
});
