/**
 * The worker's chunk reading: lines owned by a byte range, CSV cells with
 * quotes, numbers as Number() reads them minus its surprises, bad cells
 * naming column and value, nan_policy omit, and the pairwise merge order.
 */
import { describe, expect, it } from 'vitest';
import { mergePairwise } from '../src/jobs/partials';
import { csvCells, ownedLines, readLines } from '../src/jobs/table';

const opts = {
  format: 'csv' as const,
  fileColumns: ['x', 'y', 'g'],
  needs: [
    { name: 'x', kind: 'number' as const },
    { name: 'g', kind: 'label' as const },
  ],
  nanPolicy: 'raise' as const,
  baseOffset: 100,
};

describe('ownedLines', () => {
  const text = Buffer.from('h\n11\n22\n33\n44\n');
  it('gives every line to exactly one chunk, whatever the cut points', () => {
    for (let cut = 2; cut < text.length; cut += 1) {
      const a = ownedLines(text, 0, 2, cut, text.length);
      const b = ownedLines(text, 0, cut, text.length, text.length);
      if (a === 'incomplete' || b === 'incomplete') throw new Error('incomplete');
      expect(a.text + b.text, `cut at ${cut}`).toBe('11\n22\n33\n44\n');
    }
  });

  it('asks for more bytes when the last line runs past what was fetched', () => {
    expect(ownedLines(text.subarray(0, 6), 0, 2, 6, text.length)).toBe('incomplete');
  });
});

describe('readLines', () => {
  it('reads numbers and labels, quotes included', () => {
    const r = readLines('1.5,9,"a, b"\n-2e3,9,c\n', opts);
    expect(r).toEqual({
      rows: 2,
      omitted: 0,
      values: [
        [1.5, -2000],
        ['a, b', 'c'],
      ],
    });
    expect(csvCells('"say ""hi""",2')).toEqual(['say "hi"', '2']);
  });

  it.each(['', ' ', 'abc', '0x10', 'Infinity', 'NaN', '1e400'])(
    'refuses %j as a number, naming the column and value',
    (cell) => {
      expect(() => readLines(`${cell},1,a\n`, opts)).toThrow(
        expect.objectContaining({
          name: 'JobInputError',
          code: 'bad_cell',
          details: { line_offset: 100, column: 'x', value: cell },
        }),
      );
    },
  );

  it('skips such rows under nan_policy omit, and counts them', () => {
    const r = readLines('1,0,a\nn/a,0,b\n3,0,\n4,0,d\n', { ...opts, nanPolicy: 'omit' });
    expect(r).toEqual({
      rows: 2,
      omitted: 2,
      values: [
        [1, 4],
        ['a', 'd'],
      ],
    });
  });

  it('reads JSON Lines records by key', () => {
    const r = readLines('{"x": 1, "g": "a"}\n{"x": 2.5, "g": 7}\n', {
      ...opts,
      format: 'jsonl',
    });
    expect(r.values).toEqual([
      [1, 2.5],
      ['a', '7'],
    ]);
  });
});

describe('mergePairwise', () => {
  it('merges neighbours level by level, in chunk order', () => {
    const order = mergePairwise(['a', 'b', 'c', 'd', 'e'], (x: string, y: string) => `(${x}${y})`);
    expect(order).toBe('(((ab)(cd))e)');
  });
});
