/**
 * Memory per row of the rank-based statistics, which have no partial form
 * (a job runs them in one worker up to a row limit): each statistic runs in
 * a fresh Node process on n rows of Float64Array input, and the peak
 * resident set growth over the process's state with the input already
 * allocated (process.resourceUsage().maxRSS, which counts garbage not yet
 * collected, as a worker's memory limit does) is divided by n. The input
 * itself (8 bytes per value) is reported separately.
 *
 * Run: pnpm --filter @lambda-stats/stats-core bench:rank-memory [n]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  checkedFlags,
  choiceFlag,
  commandLine,
  FlagError,
  wholeNumberFlag,
} from '@lambda-stats/lambda-kit/cli';
import { lcg32 } from '@lambda-stats/lambda-kit/random';
import { kendalltau, ks2samp, mannwhitneyu, shapiro, spearmanr } from '../src/index';

const STATS = ['spearmanr', 'kendalltau', 'mannwhitneyu', 'ks2samp', 'shapiro'] as const;
type Stat = (typeof STATS)[number];

function measure(stat: Stat, n: number): void {
  const uniform = lcg32(7);
  const x = Float64Array.from({ length: n }, () => Math.round(uniform() * 1e6) / 100);
  const y = Float64Array.from({ length: n }, () => Math.round(uniform() * 1e6) / 100);
  const before = process.resourceUsage().maxRSS;
  const run: Record<Stat, () => unknown> = {
    spearmanr: () => spearmanr(x, y),
    kendalltau: () => kendalltau(x, y),
    mannwhitneyu: () => mannwhitneyu(x, y),
    ks2samp: () => ks2samp(x, y),
    shapiro: () => shapiro(x),
  };
  run[stat]();
  const after = process.resourceUsage().maxRSS;
  process.stdout.write(JSON.stringify({ stat, n, bytes: (after - before) * 1024 }));
}

const { values: flags, positionals } = commandLine(
  { measure: { type: 'string' } },
  `usage: pnpm --filter @lambda-stats/stats-core bench:rank-memory [rows]
  rows            a row count of at least 1000 (default 1000000)
  --measure STAT  (internal) one statistic at [rows] rows in this process: ${STATS.join(', ')}`,
  { positionals: true },
);
const { stat, n } = checkedFlags(() => {
  if (positionals.length > 1) {
    throw new FlagError(`bench:rank-memory takes one row count (got ${positionals.join(' ')})`);
  }
  const stat =
    flags.measure === undefined ? undefined : choiceFlag('measure', flags.measure, STATS);
  return { stat, n: wholeNumberFlag('<rows>', positionals[0] ?? '1000000', stat ? 1 : 1000) };
});
if (stat) {
  measure(stat, n);
} else {
  console.log(`n = ${n} rows (two columns of Float64Array: ${(16 * n) / 1e6} MB of input)\n`);
  console.log(
    `Each statistic at n and n / 5 rows: bytes per row is the slope between the two, fixed the rest.\n`,
  );
  console.log(`| statistic | peak growth at n | bytes per row | fixed |`);
  console.log('|---|---|---|---|');
  const self = fileURLToPath(import.meta.url);
  const run = (s: Stat, rows: number): number | string => {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, self, '--measure', s, String(rows)],
      {
        encoding: 'utf8',
      },
    );
    if (child.status !== 0) return `failed: ${child.stderr.trim().split('\n')[0]}`;
    return (JSON.parse(child.stdout) as { bytes: number }).bytes;
  };
  for (const s of STATS) {
    const big = run(s, n);
    const small = run(s, Math.round(n / 5));
    if (typeof big === 'string' || typeof small === 'string') {
      console.log(`| ${s} | ${typeof big === 'string' ? big : small} | | |`);
      continue;
    }
    const perRow = (big - small) / (n - Math.round(n / 5));
    const fixed = big - perRow * n;
    console.log(
      `| ${s} | ${(big / 1e6).toFixed(1)} MB | ${perRow.toFixed(0)} | ${(fixed / 1e6).toFixed(1)} MB |`,
    );
  }
}
