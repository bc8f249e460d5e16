/**
 * What is read: CSV details (quotes, CRLF, BOM, blank lines, spaces),
 * nan_policy and pairing, JSON Lines, gzip, streams.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseTable, readTable } from '../src/index';

const f = (...xs: number[]) => Float64Array.from(xs);

describe('CSV', () => {
  it('reads quoted cells, doubled quotes, quoted line breaks, CRLF, a BOM and blank lines', () => {
    const text = '\ufeffname,"v, 1"\r\n"a ""b""",1.5\r\n\r\n"multi\nline",-2e3\r\nplain,"3"';
    const t = parseTable(text, { format: 'csv', columns: { name: 'string', 'v, 1': 'number' } });
    expect(t.columns).toEqual(['name', 'v, 1']);
    expect(t.strings.name).toEqual(['a "b"', 'multi\nline', 'plain']);
    expect(t.numbers['v, 1']).toEqual(f(1.5, -2000, 3));
    expect(t.rowsRead).toBe(3);
  });

  it('keeps the decimals: each cell is the double JSON.parse gives', () => {
    const cells = [
      '0.1',
      '0.30000000000000004',
      '1.0000000000000002',
      '123456789.123456789',
      '5e-324',
      '-0',
    ];
    const t = parseTable(`x\n${cells.join('\n')}\n`, { format: 'csv', columns: { x: 'number' } });
    cells.forEach((c, i) => {
      expect(Object.is(t.numbers.x![i], JSON.parse(c))).toBe(true);
    });
  });

  it('skips unrequested columns without reading them as numbers', () => {
    const t = parseTable('note,x\nhello "world",1\n', { format: 'csv', columns: { x: 'number' } });
    expect(t.numbers.x).toEqual(f(1));
  });

  it('nan_policy: omit drops paired rows, propagate passes NaN, labels stay aligned', () => {
    const text = 'x,y,g\n1,2,a\n,3,b\n4,NaN,c\n5,6,d\n';
    const columns = { x: 'number', y: 'number', g: 'string' } as const;
    const omit = parseTable(text, { format: 'csv', columns, nanPolicy: 'omit' });
    expect(omit.numbers.x).toEqual(f(1, 5));
    expect(omit.numbers.y).toEqual(f(2, 6));
    expect(omit.strings.g).toEqual(['a', 'd']);
    expect(omit).toMatchObject({ rowsRead: 4, rowsKept: 2, omitted: 2, hasNaN: false });
    const prop = parseTable(text, { format: 'csv', columns, nanPolicy: 'propagate' });
    expect(prop.numbers.x).toEqual(f(1, Number.NaN, 4, 5));
    expect(prop.numbers.y).toEqual(f(2, 3, Number.NaN, 6));
    expect(prop.hasNaN).toBe(true);
  });

  it('pairing independent: empty cells pad the shorter sample; markers follow nan_policy', () => {
    const text = 'a,b\n1,10\n2,NaN\n3,\n4,\n';
    const columns = { a: 'number', b: 'number' } as const;
    const raise = () => parseTable(text, { format: 'csv', columns, pairing: 'independent' });
    expect(raise).toThrow(/column "b" holds "NaN"/);
    const omit = parseTable(text, {
      format: 'csv',
      columns,
      pairing: 'independent',
      nanPolicy: 'omit',
    });
    expect(omit.numbers.a).toEqual(f(1, 2, 3, 4));
    expect(omit.numbers.b).toEqual(f(10));
    expect(omit.omitted).toBe(1);
    const prop = parseTable(text, {
      format: 'csv',
      columns,
      pairing: 'independent',
      nanPolicy: 'propagate',
    });
    expect(prop.numbers.b).toEqual(f(10, Number.NaN));
  });

  it('a header with no rows gives empty columns', () => {
    const t = parseTable('x,y\n', { format: 'csv', columns: { x: 'number' } });
    expect(t.numbers.x).toEqual(f());
    expect(t.rowsRead).toBe(0);
  });
});

describe('JSON Lines', () => {
  it('reads numbers, numeric strings, null and absent keys as missing, labels', () => {
    const text = '{"x":1.5,"g":"a"}\r\n\n{"x":"2.25","g":7}\n{"x":null,"g":"b"}\n{"g":"c"}\n';
    const columns = { x: 'number', g: 'string' } as const;
    const t = parseTable(text, { format: 'jsonl', columns, nanPolicy: 'omit' });
    expect(t.numbers.x).toEqual(f(1.5, 2.25));
    expect(t.strings.g).toEqual(['a', '7']);
    expect(t.columns).toEqual(['x', 'g']);
    expect(t.omitted).toBe(2);
    expect(() => parseTable(text, { format: 'jsonl', columns })).toThrow(
      /Row 3 .*field|column "x"/,
    );
  });
});

describe('gzip and streams', () => {
  const text = 'x,y\n1,2\n3,4\n';
  const options = { format: 'csv', columns: { x: 'number', y: 'number' } } as const;

  it('inflates gzip bytes, several members too', () => {
    const two = Buffer.concat([gzipSync('x,y\n1,2\n'), gzipSync('3,4\n')]);
    expect(parseTable(gzipSync(text), options).numbers.y).toEqual(f(2, 4));
    expect(parseTable(two, options).numbers.y).toEqual(f(2, 4));
  });

  it('readTable streams plain and gzip input, one byte at a time if need be', async () => {
    async function* bytewise(b: Uint8Array) {
      for (let i = 0; i < b.length; i++) yield b.subarray(i, i + 1);
    }
    const plain = await readTable(bytewise(new TextEncoder().encode(text)), options);
    expect(plain.numbers.x).toEqual(f(1, 3));
    const zipped = await readTable(bytewise(gzipSync(text)), options);
    expect(zipped.numbers.x).toEqual(f(1, 3));
  });

  it('a truncated gzip stream is invalid_gzip', async () => {
    const z = gzipSync(text);
    async function* once() {
      yield z.subarray(0, z.length - 6);
    }
    await expect(readTable(once(), options)).rejects.toMatchObject({ code: 'invalid_gzip' });
  });
});
