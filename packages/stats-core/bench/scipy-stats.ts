/**
 * Benchmark: each scipy.stats function of stats-core on random samples of
 * n = 1,000 and 100,000 (two samples of n where the test takes two), plus
 * the exact-decimal path on data sitting on a 1e9 offset. Prints the median
 * of several runs per case. Informational: nothing is asserted.
 *
 * Run: pnpm --filter @lambda-stats/stats-core bench:scipy
 */
import {
  chi2Contingency,
  describe,
  fOneway,
  kendalltau,
  ks2samp,
  mannwhitneyu,
  pearsonr,
  shapiro,
  spearmanr,
  ttestInd,
} from '../src/index';

let state = 20261126;
const uniform = () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return state / 2 ** 32;
};
const normal = () =>
  Math.sqrt(-2 * Math.log(uniform() + 1e-300)) * Math.cos(2 * Math.PI * uniform());
const sample = (n: number, shift = 0) => Float64Array.from({ length: n }, () => normal() + shift);

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] as number;
const time = (label: string, fn: () => unknown, runs = 7) => {
  fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    t.push(performance.now() - start);
  }
  console.log(`${label.padEnd(48)} ${median(t).toFixed(2).padStart(9)} ms`);
};

for (const n of [1_000, 100_000]) {
  const a = sample(n);
  const b = sample(n, 0.05);
  console.log(`n = ${n}`);
  time('describe', () => describe(a));
  time('pearsonr', () => pearsonr(a, b));
  time('spearmanr', () => spearmanr(a, b));
  time('kendalltau', () => kendalltau(a, b));
  time('ttestInd', () => ttestInd(a, b));
  time('mannwhitneyu', () => mannwhitneyu(a, b));
  time('fOneway (3 groups of n)', () => fOneway(a, b, sample(n, 0.1)));
  time('ks2samp', () => ks2samp(a, b), n > 10_000 ? 7 : 3);
  time('shapiro', () => shapiro(n > 5000 ? a.subarray(0, 5000) : a));
}
const offset = Float64Array.from(
  { length: 100_000 },
  () => 1e9 + Math.round(normal() * 1000) / 1000,
);
console.log('exact-decimal path, n = 100000 on a 1e9 offset');
time('describe', () => describe(offset));
time('fOneway (2 groups)', () => fOneway(offset.subarray(0, 50_000), offset.subarray(50_000)));
time('ks2samp exact, 10000 x 9999', () => ks2samp(sample(10_000), sample(9_999, 0.02)), 3);
time('chi2Contingency 20 x 20', () =>
  chi2Contingency(
    Array.from({ length: 20 }, (_, i) =>
      Array.from({ length: 20 }, (_, j) => 5 + ((i * 7 + j * 3) % 11)),
    ),
  ),
);
