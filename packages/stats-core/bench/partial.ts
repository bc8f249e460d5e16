/**
 * Throughput of the partial-state builders a job worker runs per chunk, at
 * n = 1e6 rows (Float64Array columns in), against JSON.parse of the same
 * numbers: rows per second and the equivalent MB/s of the CSV text those
 * rows would be. Three data shapes: CSV-like decimals (2 places, values in
 * the hundreds), full 17-digit doubles (what Math.random prints) in
 * [1, 1000), which take the wide route, and 17-digit doubles down to 1e-6,
 * whose finest scale is beyond it (strings and BigInt). Informational:
 * nothing is asserted.
 *
 * Run: pnpm --filter @lambda-stats/stats-core bench:partial [n]
 */
import {
  checkedFlags,
  commandLine,
  FlagError,
  wholeNumberFlag,
} from '@lambda-stats/lambda-kit/cli';
import { lcg32 } from '@lambda-stats/lambda-kit/random';
import {
  describePartial,
  linregressPartial,
  olsPartialColumns,
  polyfitPartial,
  ttestRelPartial,
} from '../src/partial/index';
import { time } from './timing';

const { positionals } = commandLine(
  {},
  `usage: pnpm --filter @lambda-stats/stats-core bench:partial [rows]
  rows  a positive row count (default 1000000)`,
  { positionals: true },
);
const n = checkedFlags(() => {
  if (positionals.length > 1) {
    throw new FlagError(`bench:partial takes one row count (got ${positionals.join(' ')})`);
  }
  return wholeNumberFlag('<rows>', positionals[0] ?? '1000000', 1);
});
const uniform = lcg32(20261206);
const decimals = () => Float64Array.from({ length: n }, () => Math.round(uniform() * 1e5) / 100);
// In [1, 1000): every value's exact decimal fits the wide route on one scale.
const doubles = () => Float64Array.from({ length: n }, () => 1 + uniform() * 999);
// Down to 1e-6: a few values need 22 places, beyond the wide route: strings and BigInt.
const spread = () => Float64Array.from({ length: n }, () => uniform() ** 3 * 1000);

/** Bytes of the CSV text of these columns (comma-separated, one line per row). */
function csvBytes(columns: Float64Array[]): number {
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    for (const c of columns) bytes += String(c[i]).length + 1;
  }
  return bytes;
}

const rows: string[] = [];
function report(label: string, columns: Float64Array[], ms: number, runs: number) {
  const mb = csvBytes(columns) / 1e6;
  const rate = n / (ms / 1000);
  rows.push(
    `| ${label} | ${ms.toFixed(0)} ms | ${(rate / 1e6).toFixed(2)} M rows/s | ${(mb / (ms / 1000)).toFixed(0)} MB/s | ${runs} |`,
  );
}

for (const [shape, make, runs] of [
  ['decimals', decimals, 5],
  ['17-digit doubles in [1, 1000)', doubles, 3],
  ['17-digit doubles down to 1e-6', spread, 1],
] as const) {
  const x = make();
  const y = make();
  const z = make();
  const w = make();
  report(
    `linregressPartial, ${shape}`,
    [x, y],
    time(() => linregressPartial(x, y), runs),
    runs,
  );
  report(
    `olsPartialColumns k = 3, ${shape}`,
    [x, y, z, w],
    time(() => olsPartialColumns([x, y, z], w), runs),
    runs,
  );
  report(
    `polyfitPartial degree 2, ${shape}`,
    [x, y],
    time(() => polyfitPartial(x, y, 2), runs),
    runs,
  );
  report(
    `describePartial, ${shape}`,
    [x],
    time(() => describePartial(x), runs),
    runs,
  );
  report(
    `ttestRelPartial, ${shape}`,
    [x, y],
    time(() => ttestRelPartial(x, y), runs),
    runs,
  );
  const text = JSON.stringify(Array.from(x));
  const parseMs = time(() => JSON.parse(text), 5);
  rows.push(
    `| JSON.parse of the x column as a JSON array, ${shape} | ${parseMs.toFixed(0)} ms | ${(n / (parseMs / 1000) / 1e6).toFixed(2)} M values/s | ${(text.length / 1e6 / (parseMs / 1000)).toFixed(0)} MB/s | 5 |`,
  );
}

console.log(`n = ${n}, node ${process.version}, median of runs\n`);
console.log('| what | time | rows/s | CSV-equivalent MB/s | runs |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(r);
