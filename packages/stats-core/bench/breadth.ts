/**
 * Benchmark of the breadth functions at large n (1e5 and 1e6, Float64Array
 * in, two samples of n where the test takes two, three for fOneway), the
 * sizes of the README's throughput table. Prints the median of several runs
 * per case. Informational: nothing is asserted.
 *
 * Run: pnpm --filter @lambda-stats/stats-core bench:breadth [n ...]
 */
import {
  describe,
  fOneway,
  kendalltau,
  ks2samp,
  mannwhitneyu,
  pearsonr,
  shapiro,
  spearmanr,
  ttest1samp,
  ttestInd,
  ttestRel,
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
const time = (label: string, fn: () => unknown, runs: number) => {
  fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    t.push(performance.now() - start);
  }
  console.log(`${label.padEnd(16)} ${median(t).toFixed(2).padStart(10)} ms`);
};

const sizes = process.argv.slice(2).map(Number);
for (const n of sizes.length > 0 ? sizes : [100_000, 1_000_000]) {
  const a = sample(n);
  const b = sample(n, 0.05);
  const c = sample(n, 0.1);
  const runs = n > 100_000 ? 3 : 7;
  console.log(`n = ${n}`);
  time('ttest1samp', () => ttest1samp(a, 0.01), runs);
  time('ttestRel', () => ttestRel(a, b), runs);
  time('ttestInd', () => ttestInd(a, b), runs);
  time('pearsonr', () => pearsonr(a, b), runs);
  time('fOneway', () => fOneway(a, b, c), runs);
  time('shapiro', () => shapiro(a), runs);
  time('describe', () => describe(a), runs);
  time('spearmanr', () => spearmanr(a, b), runs);
  time('kendalltau', () => kendalltau(a, b), runs);
  time('mannwhitneyu', () => mannwhitneyu(a, b), runs);
  time('ks2samp', () => ks2samp(a, b), runs);
}
