/**
 * `blocks`: paired numeric columns handed over a block of rows at a time as
 * they are read (the job worker builds its state this way). Whatever the
 * block size and however the bytes arrive, the blocks joined must be the
 * whole columns, places included, with the same counts; the rows that go
 * through the general parser (quoted cells, a missing value under omit or
 * propagate) land in the blocks in order too; and blocks are refused where
 * the columns are not paired numbers.
 */
import { describe, expect, it } from 'vitest';
import {
  parseTable,
  type ReadOptions,
  type RowBlocks,
  readChunk,
  readTable,
  TabularError,
} from '../src/index';

const enc = (s: string) => new TextEncoder().encode(s);
async function* pieces(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** A consumer that copies every block (the arrays are reused) and records the block sizes. */
function collector(rows: number, width: number) {
  const cols: number[][] = Array.from({ length: width }, () => []);
  const places: number[][] = Array.from({ length: width }, () => []);
  const sizes: number[] = [];
  let withPlaces: boolean | undefined;
  const blocks: RowBlocks = {
    rows,
    take(columns, p) {
      sizes.push(columns[0]!.length);
      withPlaces = p !== null;
      for (let j = 0; j < width; j++) {
        cols[j]!.push(...columns[j]!);
        if (p) places[j]!.push(...p[j]!);
      }
    },
  };
  return { blocks, cols, places, sizes, withPlaces: () => withPlaces };
}

function text(rows: number): string {
  const lines = ['x,label,y'];
  for (let i = 0; i < rows; i++) {
    const x = i % 13 === 5 ? `"${i / 8}"` : String(i * 1.25 + 1 / (i + 3)); // a quoted cell now and then
    lines.push(`${x},row${i},${(i * 0.001).toFixed(3)}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('blocks', () => {
  const options: ReadOptions = {
    format: 'csv',
    columns: { y: 'number', x: 'number' },
    decimalPlaces: true,
  };

  for (const [rows, blockRows, piece] of [
    [0, 4, 64],
    [1, 1, 3],
    [10, 3, 7],
    [1000, 64, 101],
    [1000, 1000, 4096],
    [1000, 4096, 1 << 16],
  ] as const) {
    it(`joined, the blocks are the whole columns (${rows} rows, blocks of ${blockRows}, pieces of ${piece} bytes)`, async () => {
      const bytes = enc(text(rows));
      const whole = parseTable(bytes, options);
      const got = collector(blockRows, 2);
      const table = await readTable(pieces(bytes, piece), { ...options, blocks: got.blocks });
      expect(got.cols[0]).toEqual(Array.from(whole.numbers.y!));
      expect(got.cols[1]).toEqual(Array.from(whole.numbers.x!));
      expect(got.places[0]).toEqual(Array.from(whole.places!.y!));
      expect(got.places[1]).toEqual(Array.from(whole.places!.x!));
      // full blocks, then the rest
      for (const size of got.sizes.slice(0, -1)) expect(size).toBe(blockRows);
      expect(got.sizes.reduce((a, b) => a + b, 0)).toBe(rows);
      expect(table.rowsKept).toBe(rows);
      expect(table.rowsRead).toBe(rows);
      expect(table.numbers.x).toHaveLength(0);
      expect(table.places!.x).toHaveLength(0);
    });
  }

  it('rows the general parser takes (a missing value) keep their order; omit and propagate as for whole columns', async () => {
    const csv = 'x,y\n1,2\n3,\n5,6\n"7",8\n9,NA\n11,12\n';
    for (const nanPolicy of ['omit', 'propagate'] as const) {
      const whole = parseTable(csv, {
        format: 'csv',
        columns: { x: 'number', y: 'number' },
        nanPolicy,
      });
      const got = collector(2, 2);
      const table = await readTable(pieces(enc(csv), 5), {
        format: 'csv',
        columns: { x: 'number', y: 'number' },
        nanPolicy,
        blocks: got.blocks,
      });
      expect(got.cols[0]).toEqual(Array.from(whole.numbers.x!));
      expect(got.cols[1]).toEqual(Array.from(whole.numbers.y!));
      expect(got.withPlaces()).toBe(false);
      expect(table.rowsKept).toBe(whole.rowsKept);
      expect(table.omitted).toBe(whole.omitted);
      expect(table.hasNaN).toBe(whole.hasNaN);
    }
  });

  it('a chunk hands over only the rows that start in its range', async () => {
    const bytes = enc(text(200));
    const header = ['x', 'label', 'y'];
    const end = Math.floor(bytes.length / 2);
    const whole = await readChunk({ index: 0, start: 0, end }, pieces(bytes, 97), {
      ...options,
      header,
      objectSize: bytes.length,
    });
    const got = collector(16, 2);
    const table = await readChunk({ index: 0, start: 0, end }, pieces(bytes, 97), {
      ...options,
      header,
      objectSize: bytes.length,
      blocks: got.blocks,
    });
    expect(got.cols[1]).toEqual(Array.from(whole.numbers.x!));
    expect(table.rowsKept).toBe(whole.rowsKept);
    expect(table.bytesRead).toBe(whole.bytesRead);
  });

  it('an error in a later block is the same error, after the earlier blocks went out', async () => {
    const csv = `x,y\n${Array.from({ length: 50 }, (_, i) => `${i},${i}`).join('\n')}\n51,abc\n`;
    const got = collector(8, 2);
    const run = readTable(pieces(enc(csv), 13), {
      format: 'csv',
      columns: { x: 'number', y: 'number' },
      blocks: got.blocks,
    });
    await expect(run).rejects.toMatchObject({ code: 'not_a_number', details: { row: 51 } });
    expect(got.sizes).toEqual([8, 8, 8, 8, 8, 8]);
  });

  it('refuses blocks for labels, independent samples and a block size below 1', () => {
    const read = (o: Partial<ReadOptions>) => () =>
      parseTable('x,g\n1,a\n', {
        format: 'csv',
        columns: { x: 'number' },
        blocks: { rows: 4, take: () => {} },
        ...o,
      });
    expect(read({ columns: { x: 'number', g: 'string' } })).toThrow(/paired numeric columns only/);
    expect(read({ pairing: 'independent' })).toThrow(/paired numeric columns only/);
    expect(read({ blocks: { rows: 0, take: () => {} } })).toThrow(TabularError);
    expect(read({ blocks: { rows: 2.5, take: () => {} } })).toThrow(/blocks.rows must be/);
  });
});
