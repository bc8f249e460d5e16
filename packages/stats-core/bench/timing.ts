/**
 * The stats-core benchmarks' timing: one untimed warm-up call, then the
 * median wall time of `runs` calls. (`pnpm bench`'s panel, in
 * scripts/bench/harness.ts, times CPU in batches; these benches are
 * informational single-package runs and keep the simpler rule.) The median
 * is the package's own, numpy's.
 */

import { median } from '../src/index';

/** Median milliseconds of `runs` calls of `fn`, after one warm-up call. */
export function time(fn: () => unknown, runs: number): number {
  fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    t.push(performance.now() - start);
  }
  return median(t);
}
