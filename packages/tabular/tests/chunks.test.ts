/**
 * Byte-range chunks for the job engine: the plan, the reader's line
 * alignment, quoted line breaks, gzip objects, and global row numbers.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  chunkStreamStart,
  countRowsBefore,
  planChunks,
  readChunk,
  readHeader,
  TabularError,
} from '../src/index';

const enc = (s: string) => new TextEncoder().encode(s);
async function* from(bytes: Uint8Array, at = 0, piece = 7) {
  for (let i = at; i < bytes.length; i += piece) yield bytes.subarray(i, i + piece);
}

describe('planChunks', () => {
  it('covers [0, size) with ranges of chunkSize, the last one shorter', () => {
    expect(planChunks(250, 100)).toEqual([
      { index: 0, start: 0, end: 100 },
      { index: 1, start: 100, end: 200 },
      { index: 2, start: 200, end: 250 },
    ]);
    expect(planChunks(0, 100)).toEqual([]);
    expect(planChunks(100, 100)).toEqual([{ index: 0, start: 0, end: 100 }]);
  });
  it('a gzip object is one chunk', () => {
    expect(planChunks(1e9, 1e6, { gzip: true })).toEqual([{ index: 0, start: 0, end: 1e9 }]);
  });
  it('refuses sizes that are not whole numbers', () => {
    expect(() => planChunks(-1, 10)).toThrow(TabularError);
    expect(() => planChunks(10, 0)).toThrow(/chunkSize must be a whole number >= 1/);
    expect(() => planChunks(10.5, 3)).toThrow(/objectSize/);
  });
});

describe('readChunk', () => {
  const text = 'x,y\n1,2\n3,4\n5,6\n7,8\n';
  const bytes = enc(text);
  const options = { format: 'csv', columns: { x: 'number' } } as const;

  it('a row starting exactly at the chunk start belongs to that chunk', async () => {
    // rows start at 4, 8, 12, 16
    const header = await readHeader(bytes, 'csv');
    const r = { index: 1, start: 8, end: 16 };
    expect(chunkStreamStart(r)).toBe(7);
    const t = await readChunk(r, from(bytes, 7), { ...options, header });
    expect(t.numbers.x).toEqual(Float64Array.of(3, 5));
    expect(t.firstRowOffset).toBe(8);
    expect(t.bytesRead).toBe(8);
    const t2 = await readChunk({ index: 1, start: 9, end: 17 }, from(bytes, 8), {
      ...options,
      header,
    });
    expect(t2.numbers.x).toEqual(Float64Array.of(5, 7));
  });

  it('stops pulling from the source once the row across `end` is finished', async () => {
    const header = await readHeader(bytes, 'csv');
    let pulled = 0;
    let returned = false;
    const source: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]() {
        let i = 0;
        return {
          async next() {
            if (i >= bytes.length) return { done: true, value: undefined };
            pulled++;
            const v = bytes.subarray(i, i + 2);
            i += 2;
            return { done: false, value: v };
          },
          async return() {
            returned = true;
            return { done: true, value: undefined };
          },
        };
      },
    };
    // rows start at 4 and 8: only the first starts in [0, 6)
    const t = await readChunk({ index: 0, start: 0, end: 6 }, source, { ...options, header });
    expect(t.numbers.x).toEqual(Float64Array.of(1));
    expect(returned).toBe(true);
    expect(pulled).toBeLessThan(bytes.length / 2);
  });

  it('a CSV chunk past 0 needs the header', async () => {
    await expect(
      readChunk({ index: 1, start: 8, end: 16 }, from(bytes, 7), options),
    ).rejects.toMatchObject({
      code: 'invalid_options',
    });
  });

  it('a quoted line break in a chunked read is quoted_newline; read whole it is fine', async () => {
    const q = enc('x,note\n1,"a\nb"\n2,c\n');
    const header = await readHeader(q, 'csv');
    const chunked = readChunk({ index: 0, start: 0, end: 10 }, from(q), {
      format: 'csv',
      columns: { x: 'number' },
      header,
      objectSize: q.length,
    });
    await expect(chunked).rejects.toMatchObject({ code: 'quoted_newline', details: { row: 1 } });
    const whole = await readChunk({ index: 0, start: 0, end: q.length }, from(q), {
      format: 'csv',
      columns: { x: 'number', note: 'string' },
      header,
      objectSize: q.length,
    });
    expect(whole.strings.note).toEqual(['a\nb', 'c']);
  });

  it('errors carry the byte offset, and countRowsBefore turns it into the global row', async () => {
    const bad = enc('x,y\n1,2\n3,4\n5,oops\n7,8\n');
    const header = await readHeader(bad, 'csv');
    const r = { index: 1, start: 10, end: 24 };
    const err = await readChunk(r, from(bad, 9), {
      format: 'csv',
      columns: { y: 'number' },
      header,
    }).catch((e) => e);
    expect(err).toMatchObject({
      code: 'not_a_number',
      details: { row: 1, byteOffset: 12, value: 'oops' },
    });
    const before = await countRowsBefore(from(bad), err.details.byteOffset, 'csv');
    expect(before + 1).toBe(3);
  });

  it('a gzip object is read whole as its one chunk; a part of it is refused', async () => {
    const z = gzipSync('x,y\n1,2\n3,4\n');
    const t = await readChunk({ index: 0, start: 0, end: z.length }, from(z), {
      ...options,
      objectSize: z.length,
    });
    expect(t.numbers.x).toEqual(Float64Array.of(1, 3));
    await expect(
      readChunk({ index: 0, start: 0, end: 5 }, from(z), { ...options, objectSize: z.length }),
    ).rejects.toMatchObject({ code: 'invalid_options' });
  });

  it('JSON Lines chunks need no header', async () => {
    const j = enc('{"x":1}\n{"x":2}\n{"x":3}\n');
    const parts = [];
    for (const r of planChunks(j.length, 9)) {
      parts.push(
        ...(
          await readChunk(r, from(j, chunkStreamStart(r)), {
            format: 'jsonl',
            columns: { x: 'number' },
          })
        ).numbers.x!,
      );
    }
    expect(parts).toEqual([1, 2, 3]);
  });
});

describe('countRowsBefore', () => {
  it('counts data rows starting before an offset: header, blank lines and quoted line breaks excluded', async () => {
    const t = enc('\ufeffx,y\n1,"a\nb"\n\n2,3\n4,5');
    const count = (o: number) => countRowsBefore(from(t), o, 'csv');
    const rowAt = (s: string) => Buffer.from(t).indexOf(s);
    expect(await count(0)).toBe(0);
    expect(await count(rowAt('1,"a'))).toBe(0);
    expect(await count(rowAt('1,"a') + 1)).toBe(1);
    expect(await count(rowAt('2,3'))).toBe(1);
    expect(await count(t.length)).toBe(3);
    expect(await countRowsBefore(from(enc('{"a":1}\n \n{"a":2}\n')), 100, 'jsonl')).toBe(2);
  });
});

describe('readHeader', () => {
  it('reads the CSV header or the first object keys, plain or gzip, and stops early', async () => {
    expect(await readHeader('"a,b",c\r\n1,2\n', 'csv')).toEqual(['a,b', 'c']);
    expect(await readHeader(gzipSync('t,kwh\n1,2\n'), 'csv')).toEqual(['t', 'kwh']);
    expect(await readHeader('\n{"x":1,"y":2}\n', 'jsonl')).toEqual(['x', 'y']);
    await expect(readHeader('', 'csv')).rejects.toMatchObject({ code: 'empty_input' });
    await expect(readHeader('1,2\n', 'csv')).rejects.toMatchObject({ code: 'missing_header' });
    await expect(readHeader('[1]\n', 'jsonl')).rejects.toMatchObject({ code: 'not_an_object' });
  });
});
