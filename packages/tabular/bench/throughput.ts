/**
 * Throughput of the numeric CSV reader against library parsers and
 * JSON.parse on the same data: `pnpm --filter @lambda-stats/tabular bench
 * [--mb N] [--runs N]` (`--help` lists the flags).
 *
 * Shapes (`--mb` megabytes of CSV each, default 8):
 * - `2col-2dp`: two columns of values with two decimals (12.34,567.89);
 * - `10col-full`: ten columns of full-precision doubles (shortest round trip);
 * - `quoted`: a quoted label holding a comma, then two numbers, one quoted.
 *
 * For each shape: this package's parseTable (bytes in, Float64Array columns
 * out) and readTable (the same in 64 KiB pieces, as a job worker reads S3);
 * csv-parse and papaparse (text in, numbers out); JSON.parse of the same
 * data as a column-oriented JSON body ({"c0": [...], ...}, the sync API's
 * shape; the quoted shape's labels included). The CSV readers are asked for
 * the numeric columns, as a worker computing a statistic does. Then the same with gzip input (inflating included). Each figure
 * is the median of `--runs` runs (default 5) after one warm-up,
 * timed in CPU time of this process (process.cpuUsage: user + system), not
 * wall time: the machine is shared by many jobs, and wall time counted the
 * time spent waiting for a core (figures moved 3x between runs); CPU time
 * moved a few percent. Everything measured here is single-threaded (zlib
 * included: the sync calls run on this thread, the stream's work is on the
 * thread pool and is counted by cpuUsage too).
 * MB/s is of the CSV bytes for every parser, so the figures compare the
 * time to read the same values. JSON.parse's own input is larger; its
 * MB/s over the JSON bytes is shown in brackets.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { checkedFlags, commandLine, wholeNumberFlag } from '@lambda-stats/lambda-kit/cli';
import { parse as csvParse } from 'csv-parse/sync';
import Papa from 'papaparse';
import { cpuMs, median } from '../../../scripts/bench/harness';
import { parseTable, readTable } from '../src/index';

const MB = 1024 * 1024;

const { values: flags } = commandLine(
  { mb: { type: 'string', default: '8' }, runs: { type: 'string', default: '5' } },
  `usage: pnpm --filter @lambda-stats/tabular bench [flags]
  --mb N    megabytes of CSV per shape (default 8)
  --runs N  timed runs per reader, after one warm-up (default 5)`,
);
const { targetMb, runs } = checkedFlags(() => ({
  targetMb: wholeNumberFlag('mb', flags.mb, 1),
  runs: wholeNumberFlag('runs', flags.runs, 1),
}));

/** A small deterministic generator (LCG), so every run measures the same bytes. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Shape {
  name: string;
  csv: string;
  json: string;
  columns: string[];
  rows: number;
}

function shape(name: string, header: string[], row: (r: () => number) => string[]): Shape {
  const rand = lcg(42);
  const lines = [header.map((h) => (h.includes(',') ? `"${h}"` : h)).join(',')];
  const numeric = header.filter((h) => !h.startsWith('label'));
  const cols: Record<string, (number | string)[]> = Object.fromEntries(header.map((h) => [h, []]));
  let size = lines[0]!.length + 1;
  let rows = 0;
  while (size < targetMb * MB) {
    const cells = row(rand);
    const line = cells.join(',');
    lines.push(line);
    size += line.length + 1;
    rows++;
    header.forEach((h, i) => {
      const cell = cells[i]!.replaceAll('"', '');
      cols[h]!.push(h.startsWith('label') ? cell : Number(cell));
    });
  }
  return { name, csv: `${lines.join('\n')}\n`, json: JSON.stringify(cols), columns: numeric, rows };
}

const shapes: Shape[] = [
  shape('2col-2dp', ['x', 'y'], (r) => [(r() * 1000).toFixed(2), (r() * 100000).toFixed(2)]),
  shape(
    '10col-full',
    Array.from({ length: 10 }, (_, i) => `c${i}`),
    (r) => Array.from({ length: 10 }, () => String((r() - 0.5) * 10 ** Math.floor(r() * 8))),
  ),
  shape('quoted', ['label', 'x', 'y'], (r) => [
    `"site ${Math.floor(r() * 100)}, north"`,
    (r() * 1000).toFixed(3),
    `"${(r() * 50).toFixed(4)}"`,
  ]),
];

/** Milliseconds of CPU time (user + system) of one call, median of `runs`. */
async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  await fn(); // warm-up (and JIT)
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = cpuMs();
    await fn();
    ts.push(cpuMs() - t0);
  }
  return median(ts);
}

function check(cond: boolean, what: string): void {
  if (!cond) throw new Error(`bench: ${what}`);
}

async function* piecesOf(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const rowsOut: string[] = [];
const fmt = (mbPerS: number) => mbPerS.toFixed(0).padStart(6);

async function main(): Promise<void> {
  console.log(
    `tabular throughput: ${targetMb} MB of CSV per shape, median of ${runs} runs, node ${process.version}`,
  );
  console.log(
    'MB/s of the CSV bytes per CPU second (the same values for every reader); [JSON.parse over its own bytes]\n',
  );
  const header = `${'shape'.padEnd(11)} ${'input'.padEnd(5)} ${'parseTable'.padStart(10)} ${'readTable'.padStart(10)} ${'csv-parse'.padStart(10)} ${'papaparse'.padStart(10)} ${'JSON.parse'.padStart(10)}   ours/JSON`;
  console.log(header);
  for (const s of shapes) {
    const bytes = Buffer.from(s.csv, 'utf8');
    const mb = bytes.length / MB;
    const kinds = Object.fromEntries(s.columns.map((c) => [c, 'number' as const]));
    const options = { format: 'csv' as const, columns: kinds };
    const reference = JSON.parse(s.json) as Record<string, number[]>;
    // the values read must be the values written, or the figures mean nothing
    const t = parseTable(bytes, options);
    for (const c of s.columns) {
      const got = t.numbers[c]!;
      const want = reference[c]!;
      check(got.length === want.length, `${s.name}: ${c} length`);
      for (let i = 0; i < want.length; i += 997)
        check(Object.is(got[i], want[i]), `${s.name}: ${c}[${i}]`);
    }
    const zipped = gzipSync(bytes);
    const jsonZipped = gzipSync(s.json);
    for (const input of ['plain', 'gzip'] as const) {
      const csvIn = input === 'plain' ? bytes : zipped;
      const ours = await time(() => parseTable(csvIn, options));
      const stream = await time(() => readTable(piecesOf(csvIn), options));
      const lib = await time(() => {
        const text = input === 'plain' ? s.csv : gunzipSync(zipped).toString('utf8');
        const records = csvParse(text, { from_line: 2 }) as string[][];
        const numeric = s.columns.map(() => new Float64Array(records.length));
        const offset = s.name === 'quoted' ? 1 : 0;
        records.forEach((r, i) => {
          for (let j = 0; j < numeric.length; j++) numeric[j]![i] = Number(r[j + offset]);
        });
        return numeric;
      });
      const papa = await time(() => {
        const text = input === 'plain' ? s.csv : gunzipSync(zipped).toString('utf8');
        return Papa.parse(text, { header: false, dynamicTyping: true, skipEmptyLines: true });
      });
      const json = await time(() =>
        JSON.parse(input === 'plain' ? s.json : gunzipSync(jsonZipped).toString('utf8')),
      );
      const jsonMbs = s.json.length / MB / (json / 1000);
      const line = `${s.name.padEnd(11)} ${input.padEnd(5)} ${fmt(mb / (ours / 1000)).padStart(10)} ${fmt(mb / (stream / 1000)).padStart(10)} ${fmt(mb / (lib / 1000)).padStart(10)} ${fmt(mb / (papa / 1000)).padStart(10)} ${fmt(mb / (json / 1000)).padStart(10)} [${jsonMbs.toFixed(0)}]   ${(json / ours).toFixed(2)}x`;
      console.log(line);
      rowsOut.push(line);
    }
  }
  console.log(
    '\nours/JSON: JSON.parse time over parseTable time for the same values (above 1: the CSV reader is faster).',
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
