/**
 * Same-process A/B of the cell scanner (scanNumber + scannedPlaces, as the
 * CSV fast lane calls them) against an earlier numbers.ts: both scan the
 * same cells, interleaved round by round (CPU time; `old/new` is the
 * median of the per-round ratios), and must give the same doubles and
 * places.
 *
 *   mkdir -p bench/_base && git show <commit>:packages/tabular/src/numbers.ts > bench/_base/numbers.ts
 *   pnpm exec tsx bench/scan-ab.ts [--shape full|p17|decimals] [--pairs N] [--rounds N]
 *
 * full: String() of doubles in [1, 3010) (16-17 digits); p17: the same at
 * toPrecision(17); decimals: 3 and 4 places. `--help` lists the flags.
 */

import * as cli from '@lambda-stats/lambda-kit/cli';
import { median, pairedRounds } from '../../../scripts/bench/harness';
import * as next from '../src/numbers';

const { values: flags } = cli.commandLine(
  {
    shape: { type: 'string', default: 'full' },
    pairs: { type: 'string', default: '300000' },
    rounds: { type: 'string', default: '9' },
    base: { type: 'string', default: './_base/numbers' },
  },
  `usage: pnpm exec tsx bench/scan-ab.ts [flags]
  --shape full|p17|decimals  the cells (default full)
  --pairs N                  pairs of cells (default 300000)
  --rounds N                 interleaved rounds (default 9)
  --base PATH                the base's numbers.ts (default ./_base/numbers)`,
);
const { shape, pairs, rounds } = cli.checkedFlags(() => ({
  shape: cli.choiceFlag('shape', flags.shape, ['full', 'p17', 'decimals']),
  pairs: cli.wholeNumberFlag('pairs', flags.pairs, 1),
  rounds: cli.wholeNumberFlag('rounds', flags.rounds, 1),
}));
const base = await cli.importFlag(
  'base',
  flags.base,
  (m) => import(m) as Promise<typeof next>,
  'git show <commit>:packages/tabular/src/numbers.ts > bench/_base/numbers.ts makes the default',
);
let seed = 12345;
/** A 32-bit LCG (tabular has no dependency on lambda-kit's generators). */
const random = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
};
const cells: string[] = [];
for (let i = 0; i < pairs; i++) {
  const a = 1 + random() * 999;
  const b = 3 * a + random() * 10;
  if (shape === 'full') cells.push(String(a), String(b));
  else if (shape === 'p17') cells.push(a.toPrecision(17), b.toPrecision(17));
  else {
    const d = Math.round(random() * 100000) / 1000;
    cells.push(String(d), String(Math.round((3 * d + random() * 10) * 10000) / 10000));
  }
}
const bytes = Buffer.from(`${cells.join(',')},`);
const m = cells.length;
const scan = (c: typeof next, values: Float64Array, places: Int8Array) => () => {
  let p = 0;
  for (let j = 0; j < m; j++) {
    const q = c.scanNumber(bytes, p, bytes.length);
    values[j] = c.scanned[0] as number;
    places[j] = c.scannedPlaces();
    p = q + 1;
  }
};
const ours = [new Float64Array(m), new Int8Array(m)] as const;
const theirs = [new Float64Array(m), new Int8Array(m)] as const;
const a = scan(next, ...ours);
const b = scan(base, ...theirs);
a();
b();
let same = true;
for (let j = 0; j < m; j++) {
  if (!Object.is(ours[0][j], theirs[0][j]) || ours[1][j] !== theirs[1][j]) same = false;
}
const { ours: ta, theirs: tb, ratios } = pairedRounds(a, b, rounds);
const ns = (v: number[]) => ((median(v) * 1e6) / m).toFixed(1);
console.log(
  `${shape} cells=${m}: new ${ns(ta)} ns/cell, old ${ns(tb)} ns/cell, old/new ${median(ratios).toFixed(2)} [${(ratios[0] as number).toFixed(2)}-${(ratios[ratios.length - 1] as number).toFixed(2)}] identical=${same}`,
);
