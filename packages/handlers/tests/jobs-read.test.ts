/**
 * The worker's chunk reading through @lambda-stats/tabular: every row read
 * by exactly one chunk whatever the cut points, bad cells naming row,
 * column and value in the job's error form, nan_policy omit, independent
 * samples, JSON Lines, gzip, the row of a byte offset, and the pairwise
 * merge order. Byte sources are in memory (the S3 one serves the same
 * interface from ranged GETs).
 */
import { gzipSync } from 'node:zlib';
import { planChunks } from '@lambda-stats/tabular';
import { describe, expect, it } from 'vitest';
import { mergePairwise } from '../src/jobs/partials';
import { type ByteSource, datasetHeader, readItem, rowOfOffset } from '../src/jobs/read';
import type { ColumnNeed } from '../src/jobs/spec';

/** Serves `bytes` from an offset in pieces of 7 bytes (so rows straddle pieces). */
function memory(bytes: Uint8Array): ByteSource & { pulled: number } {
  const source = Object.assign(
    async function* (from: number) {
      for (let i = from; i < bytes.length; i += 7) {
        source.pulled = Math.max(source.pulled, Math.min(bytes.length, i + 7));
        yield bytes.subarray(i, i + 7);
      }
    },
    { pulled: 0 },
  );
  return source;
}

const needs: ColumnNeed[] = [
  { name: 'x', kind: 'number' },
  { name: 'g', kind: 'label' },
];

function item(text: string | Uint8Array, over: Partial<Parameters<typeof readItem>[0]> = {}) {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  return {
    item: {
      format: 'csv' as const,
      start: 0,
      end: bytes.length,
      size: bytes.length,
      gzip: false,
      file_columns: ['x', 'y', 'g'],
      needs,
      nan_policy: 'raise' as const,
      statistic: 'linregress',
      ...over,
    },
    source: memory(bytes),
  };
}

async function failure(text: string, over: Partial<Parameters<typeof readItem>[0]> = {}) {
  const { item: it, source } = item(text, over);
  return readItem(it, source).then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as { name: string; code: string; message: string; details: object },
  );
}

describe('readItem', () => {
  const file = 'x,y,g\n1.5,9,"a, b"\n-2e3,9,c\n\n3,1,d\n4,2,e\n55.25,3,f\n';

  it('reads numbers and labels, quotes included', async () => {
    const { item: it, source } = item(file);
    const r = await readItem(it, source);
    expect(r.rows).toBe(5);
    expect(Array.from(r.values[0] as Float64Array)).toEqual([1.5, -2000, 3, 4, 55.25]);
    expect(r.values[1]).toEqual(['a, b', 'c', 'd', 'e', 'f']);
  });

  it('gives every row to exactly one chunk, whatever the chunk size', async () => {
    const bytes = Buffer.from(file);
    for (let size = 1; size <= bytes.length; size += 1) {
      const xs: number[] = [];
      for (const r of planChunks(bytes.length, size)) {
        const { item: it, source } = item(bytes, { start: r.start, end: r.end, index: r.index });
        const got = await readItem(it, source);
        xs.push(...(got.values[0] as Float64Array));
      }
      expect(xs, `chunks of ${size} bytes`).toEqual([1.5, -2000, 3, 4, 55.25]);
    }
  });

  it('stops pulling bytes shortly after its range', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `${i},0,a`).join('\n');
    const bytes = Buffer.from(`x,y,g\n${rows}\n`);
    const { item: it, source } = item(bytes, { start: 0, end: 1000 });
    await readItem(it, source);
    expect(source.pulled).toBeLessThan(1100);
  });

  it.each(['abc', '0x10', 'Infinity', '1e400', '1,000'])(
    'refuses %j as a number, naming the row, column and value',
    async (cell) => {
      const csvCell = cell.includes(',') ? `"${cell}"` : cell;
      const e = await failure(`x,y,g\n1,1,a\n${csvCell},1,a\n`);
      expect(e).toMatchObject({
        name: 'JobInputError',
        code: 'bad_cell',
        details: { row: 2, column: 'x', value: cell, reason: 'not_a_number' },
      });
      expect(e.message).toBe(
        `column "x" holds ${JSON.stringify(cell)}, which is not a finite number: write a decimal such as 12.5, -3 or 1.2e-4 ("nan_policy": "omit" skips only missing values: empty cells, NaN, NA, null)`,
      );
    },
  );

  it.each(['', 'NaN', 'n/a', 'null'])('calls %j a missing value under raise', async (cell) => {
    const e = await failure(`x,y,g\n${cell},1,a\n`);
    expect(e).toMatchObject({
      code: 'bad_cell',
      details: { row: 1, column: 'x', value: cell, reason: 'missing_value' },
    });
    expect(e.message).toBe(
      `column "x" holds ${JSON.stringify(cell)}, which is not a finite number: fix the cell, or send "nan_policy": "omit" to skip such rows`,
    );
  });

  it('gives the byte offset of a bad row in a chunk past the first (the failure step counts its row)', async () => {
    const text = 'x,y,g\n1,1,a\n2,2,b\nabc,3,c\n';
    const e = await failure(text, { start: 12, end: text.length });
    const offset = text.indexOf('abc');
    expect(e.details).toEqual({
      line_offset: offset,
      column: 'x',
      value: 'abc',
      reason: 'not_a_number',
    });
    const bytes = Buffer.from(text);
    expect(await rowOfOffset(memory(bytes), offset, 'csv')).toBe(3);
  });

  it('skips rows with missing values under nan_policy omit, and counts them', async () => {
    const { item: it, source } = item('x,y,g\n1,0,a\nn/a,0,b\n3,0,\n4,0,d\n', {
      nan_policy: 'omit',
    });
    const r = await readItem(it, source);
    expect(r).toMatchObject({ rows: 2, omitted: 2 });
    expect(Array.from(r.values[0] as Float64Array)).toEqual([1, 4]);
    expect(r.values[1]).toEqual(['a', 'd']);
  });

  it('reads independent samples (ttest_ind) as columns of their own length', async () => {
    const { item: it, source } = item('a,b\n1,5\n2,6\n3,\n', {
      statistic: 'ttest_ind',
      file_columns: ['a', 'b'],
      needs: [
        { name: 'a', kind: 'number' },
        { name: 'b', kind: 'number' },
      ],
    });
    const r = await readItem(it, source);
    expect(r.values.map((c) => Array.from(c as Float64Array))).toEqual([
      [1, 2, 3],
      [5, 6],
    ]);
  });

  it('reads JSON Lines records by key, numeric labels as written', async () => {
    const { item: it, source } = item('{"x": 1, "g": "a"}\n{"x": 2.5, "g": 7}\n', {
      format: 'jsonl',
    });
    const r = await readItem(it, source);
    expect(Array.from(r.values[0] as Float64Array)).toEqual([1, 2.5]);
    expect(r.values[1]).toEqual(['a', '7']);
  });

  it('reads a gzip object whole, with rows counted in the whole file', async () => {
    const body = `x,y,g\n${Array.from({ length: 500 }, (_, i) => `${i},0,a`).join('\n')}\nzz,0,a\n`;
    const bytes = gzipSync(body);
    const { item: it, source } = item(bytes, { gzip: true });
    const bad = await readItem(it, source).then(
      () => undefined,
      (x: unknown) => x as { code: string; details: object },
    );
    expect(bad).toMatchObject({
      code: 'bad_cell',
      details: { row: 501, column: 'x', value: 'zz' },
    });
  });

  it('reports a file problem other than a cell as invalid_dataset, without the chunk-local row words', async () => {
    const e = await failure('x,y,g\n1,2\n');
    expect(e).toMatchObject({
      code: 'invalid_dataset',
      details: { row: 1, reason: 'ragged_row', expected: 3, found: 2 },
    });
    expect(e.message).toMatch(/^has 2 cells where the header has 3/);
  });
});

describe('datasetHeader', () => {
  it('reads CSV, JSON Lines and gzip headers', async () => {
    const csv = Buffer.from('temp,kwh,site\n1,2,a\n');
    expect(await datasetHeader(memory(csv), 'csv', csv.length)).toEqual({
      columns: ['temp', 'kwh', 'site'],
      gzip: false,
    });
    const gz = gzipSync(csv);
    expect(await datasetHeader(memory(gz), 'csv', gz.length)).toEqual({
      columns: ['temp', 'kwh', 'site'],
      gzip: true,
    });
    const jl = Buffer.from('{"a": 1, "b": 2}\n');
    expect((await datasetHeader(memory(jl), 'jsonl', jl.length)).columns).toEqual(['a', 'b']);
  });

  it('refuses a file without a header as invalid_dataset', async () => {
    const csv = Buffer.from('1,2\n3,4\n');
    await expect(datasetHeader(memory(csv), 'csv', csv.length)).rejects.toMatchObject({
      code: 'invalid_dataset',
      details: { reason: 'missing_header' },
    });
  });
});

describe('mergePairwise', () => {
  it('merges neighbours level by level, in chunk order', () => {
    const order = mergePairwise(['a', 'b', 'c', 'd', 'e'], (x: string, y: string) => `(${x}${y})`);
    expect(order).toBe('(((ab)(cd))e)');
  });
});
