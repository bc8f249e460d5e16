/**
 * Every bad input gets a TabularError whose code is stable and whose
 * message and details say where the problem is and how to fix it.
 */
import { describe, expect, it } from 'vitest';
import { parseTable, type ReadOptions, TabularError, tabularErrorCodes } from '../src/index';

const xy: ReadOptions = { format: 'csv', columns: { x: 'number', y: 'number' } };

function fails(input: string | Uint8Array, options: ReadOptions = xy): TabularError {
  try {
    parseTable(input, options);
  } catch (err) {
    expect(err).toBeInstanceOf(TabularError);
    const e = err as TabularError;
    expect(tabularErrorCodes).toContain(e.code);
    expect(e.name).toBe('TabularError');
    expect(e.toJSON()).toEqual({ code: e.code, message: e.message, details: e.details });
    return e;
  }
  throw new Error(`no error for ${JSON.stringify(input)}`);
}

describe('CSV errors', () => {
  it('an empty file, or only blank lines', () => {
    expect(fails('').code).toBe('empty_input');
    expect(fails('').message).toMatch(/empty: send a header row/);
    expect(fails('\n\r\n\n').code).toBe('empty_input');
  });

  it('a missing header: the first row holds numbers', () => {
    const e = fails('1,2\n3,4\n');
    expect(e.code).toBe('missing_header');
    expect(e.message).toContain('add a header row naming the columns');
  });

  it('a header with an unnamed or duplicate column', () => {
    expect(fails('x,,y\n1,2,3\n').code).toBe('missing_header');
    const dup = fails('x,y,x\n1,2,3\n');
    expect(dup.code).toBe('duplicate_column');
    expect(dup.details.column).toBe('x');
  });

  it('an unknown column lists the columns there are', () => {
    const e = fails('temp,kwh\n1,2\n', { format: 'csv', columns: { x: 'number', kwh: 'number' } });
    expect(e.code).toBe('unknown_column');
    expect(e.message).toBe('Column "x" is not in the input; the columns are: "temp", "kwh"');
    expect(e.details).toEqual({ column: 'x', available: ['temp', 'kwh'] });
  });

  it('a ragged row names its row, line and cell counts', () => {
    const e = fails('x,y\n1,2\n3\n4,5\n');
    expect(e.code).toBe('ragged_row');
    expect(e.details).toMatchObject({ row: 2, line: 3, expected: 2, found: 1, byteOffset: 8 });
    expect(e.message).toMatch(
      /^Row 2 \(counted from 1 below the header; line 3\) has 1 cells where the header has 2/,
    );
    expect(fails('x,y\n1,2,3\n').details).toMatchObject({ row: 1, found: 3 });
    expect(fails('x,y\n"1",2,"3"\n').details).toMatchObject({ row: 1, found: 3 });
  });

  it('bad quoting: text after a closing quote, an unclosed quote', () => {
    // a quote inside an unquoted cell is literal text (as Python's csv): here not a number
    expect(fails('x,y\n1,2"\n').code).toBe('not_a_number');
    expect(fails('x,y\n"1"2,3\n').code).toBe('bad_quoting');
    const open = fails('x,y\n1,2\n"3,4\n');
    expect(open.code).toBe('bad_quoting');
    expect(open.details.row).toBe(2);
    expect(open.message).toContain('never closed');
    expect(fails('x,"y\n1,2\n').code).toBe('bad_quoting');
  });

  it('a non-numeric cell names row, column and value, whatever the nan_policy', () => {
    for (const nanPolicy of ['raise', 'omit', 'propagate'] as const) {
      const e = fails('x,y\n1,2\n3,abc\n', { ...xy, nanPolicy });
      expect(e.code).toBe('not_a_number');
      expect(e.details).toMatchObject({ row: 2, line: 3, column: 'y', value: 'abc' });
      expect(e.message).toMatch(/^Row 2 .*column "y": "abc" is not a number/);
    }
    expect(fails('x,y\n1,1,000\n').code).toBe('ragged_row'); // thousands separators split the cell
    for (const bad of ['Infinity', '-inf', '1e400', '"1,5"', '0x1A', '12%', '$3']) {
      expect(fails(`x,y\n1,${bad}\n`).code, bad).toBe('not_a_number');
    }
  });

  it('a missing value under raise says how to skip it, unless the statistic has no nan_policy', () => {
    const e = fails('x,y\n1,\n');
    expect(e.code).toBe('missing_value');
    expect(e.details).toMatchObject({ row: 1, column: 'y', value: '' });
    expect(e.message).toContain('nan_policy=omit');
    const quiet = fails('x,y\n1,NA\n', { ...xy, mentionNanPolicy: false });
    expect(quiet.message).not.toContain('nan_policy=omit');
    expect(quiet.message).toContain('"NA"');
  });

  it('an empty group label', () => {
    const e = fails('v,g\n1,a\n2,\n', { format: 'csv', columns: { v: 'number', g: 'string' } });
    expect(e.code).toBe('bad_label');
    expect(e.details).toMatchObject({ row: 2, column: 'g' });
  });

  it('invalid UTF-8 names the line', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('x,y\n1,2\n3,'), 0xff, 0x0a]);
    const e = fails(bytes);
    expect(e.code).toBe('invalid_utf8');
    expect(e.details.line).toBe(3);
  });

  it('a corrupt gzip stream', () => {
    const e = fails(new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]));
    expect(e.code).toBe('invalid_gzip');
  });

  it('too many rows', () => {
    const e = fails('x,y\n1,2\n3,4\n5,6\n', { ...xy, maxRows: 2 });
    expect(e.code).toBe('too_large');
    expect(e.details).toMatchObject({ limit: 2, row: 3 });
  });

  it('options that are not the API (a caller bug) are invalid_options', () => {
    expect(fails('x\n1\n', { format: 'tsv' as 'csv', columns: {} }).code).toBe('invalid_options');
    expect(fails('x\n1\n', { ...xy, nanPolicy: 'drop' as 'omit' }).code).toBe('invalid_options');
    expect(fails('x\n1\n', { format: 'csv', columns: { x: 'int' as 'number' } }).code).toBe(
      'invalid_options',
    );
  });
});

describe('JSON Lines errors', () => {
  const jx: ReadOptions = { format: 'jsonl', columns: { x: 'number', y: 'number' } };
  it('a line that is not JSON, or not an object', () => {
    const bad = fails('{"x":1,"y":2}\n{"x":1,\n', jx);
    expect(bad.code).toBe('malformed_json');
    expect(bad.details).toMatchObject({ row: 2, line: 2, byteOffset: 14 });
    for (const line of ['[1,2]', '3', '"x"', 'null']) {
      const e = fails(`{"x":1,"y":2}\n${line}\n`, jx);
      expect(e.code, line).toBe('not_an_object');
      expect(e.details.row).toBe(2);
    }
  });
  it('an unknown field lists the fields of the first object', () => {
    const e = fails('{"a":1,"y":2}\n', jx);
    expect(e.code).toBe('unknown_column');
    expect(e.details.available).toEqual(['a', 'y']);
  });
  it('a value that is not a number', () => {
    for (const v of ['"abc"', 'true', '[1]', '{}', '1e400']) {
      const e = fails(`{"x":1,"y":2}\n{"x":${v},"y":2}\n`, jx);
      expect(e.code, v).toBe('not_a_number');
      expect(e.details).toMatchObject({ row: 2, column: 'x' });
    }
  });
  it('an empty input', () => {
    expect(fails('', jx).code).toBe('empty_input');
    expect(fails('\n  \n', jx).code).toBe('empty_input');
  });
});
