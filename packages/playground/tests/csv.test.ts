/** Client-side CSV: RFC 4180 quoting, the header, and errors that name the row and column. */
import { describe, expect, it } from 'vitest';
import { CellError, numericColumn, numericRows, parseCsv, toCsv } from '../src/page/csv';

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and line breaks, a BOM and CRLF', () => {
    const t = parseCsv('\uFEFF"temp, °C","say ""kWh"""\r\n1.5,2\r\n"3",4\r\n');
    expect(t.header).toEqual(['temp, °C', 'say "kWh"']);
    expect(t.rows).toEqual([
      ['1.5', '2'],
      ['3', '4'],
    ]);
  });

  it('asks for a header row and for data rows', () => {
    expect(() => parseCsv('')).toThrow(/header row/);
    expect(() => parseCsv('x,y\n')).toThrow(/no data rows/);
    expect(() => parseCsv('x,x\n1,2')).toThrow(/"x" appears twice/);
  });
});

describe('numbers from cells', () => {
  const t = parseCsv('x,y,z\n1,2,\n3,abc,5\n6,1e3,\n');

  it('names the row (the header is row 1) and the column of a bad cell', () => {
    expect(() => numericColumn(t, 'y', true)).toThrow(CellError);
    expect(() => numericColumn(t, 'y', true)).toThrow('Row 3, column "y": "abc" is not a number');
  });

  it('paired columns need every cell; separate samples skip empty cells', () => {
    expect(() => numericColumn(t, 'z', true)).toThrow('Row 2, column "z": the cell is empty');
    expect(numericColumn(t, 'z', false)).toEqual([5]);
    expect(numericColumn(t, 'x', true)).toEqual([1, 3, 6]);
  });

  it('rejects what Number() would quietly accept', () => {
    for (const bad of ['0x10', 'Infinity', '1,5', '  ', '1e999', '--1']) {
      const table = parseCsv(`x\n"${bad}"\n`);
      expect(() => numericColumn(table, 'x', true), bad).toThrow(/Row 2, column "x"/);
    }
    expect(numericColumn(parseCsv('x\n-.5\n+2.\n1E-3\n'), 'x', true)).toEqual([-0.5, 2, 0.001]);
  });

  it('names a missing column and lists the ones there are', () => {
    expect(() => numericColumn(t, 'w', true)).toThrow(
      'There is no column "w"; the columns are x, y, z.',
    );
  });

  it('reads rows of several columns', () => {
    expect(numericRows(parseCsv('a,b\n1,2\n3,4\n'), ['b', 'a'])).toEqual([
      [2, 1],
      [4, 3],
    ]);
  });

  it('writes columns of different lengths back as CSV that parses to the same numbers', () => {
    const text = toCsv([
      { name: 'a, b', values: [1, 2.5, 3] },
      { name: 'c', values: [4] },
    ]);
    expect(text).toBe('"a, b",c\n1,4\n2.5,\n3,\n');
    const back = parseCsv(text);
    expect(numericColumn(back, 'a, b', false)).toEqual([1, 2.5, 3]);
    expect(numericColumn(back, 'c', false)).toEqual([4]);
  });
});
