/**
 * Where the time goes for the functions whose worst-shape goal (issue 15)
 * is not met: what a CPU profile or a same-process A/B measured, and where
 * the full account is. docs/performance.md shows an entry only while the
 * function's goal is not met in bench/results/latest.json. Update an entry
 * when the code it describes changes; each says when it was measured.
 */
export interface Reason {
  /** What was measured: where the time goes and why it is needed for the accuracy contract. */
  why: string;
  /** The doc (relative to docs/) with the full account. */
  doc: string;
}

export const REASONS: Readonly<Record<string, Reason>> = {
  linregress: {
    why: 'On decimal data (offset, small integers, two decimals, ties) the one pass is bound by the two divisions per value that prove each double is the decimal it prints as; multiply-based checks measured no cheaper. Full-precision data with an intercept near zero (the weak shape at 1e6) need a second pass for the means. Full-precision shapes at 1e5-1e6 measured 0.25-0.52x the previous lane in the same process (2026-12-06).',
    doc: 'precision-lanes.md',
  },
  ols: {
    why: "Profiled at n = 1e6 (about 0.75 s): resolving each value's decimal about 0.2 s, the residual pass 140-170 ms, the double-double Gram matrix 50-90 ms, Householder QR 60-80 ms, plus garbage collection; numpy's lstsq is one LAPACK call without an error bound. Solving on the doubles alone was measured and its bound declines on the none, weak, strong and heavy-tails shapes (an R^2 near 0 needs RSS / TSS to about 1e-19), so the decimals are needed for the 1e-13 promise. Next step: fuse the bound's passes and factor the double-double Gram matrix instead of a second QR (2026-12-06).",
    doc: 'precision-lanes.md',
  },
  polyfit: {
    why: "Short decimals (the offset, small-int, two-decimal and ties shapes) now answer on exact power sums of the integers shifted to their range's middle, one float64-limb pass with no BigInt per value, moved back to powers of x exactly and solved in exact rationals: 0.78-0.99x numpy at 1e4, 0.36-0.74x at 1e5-1e6 in two runs (offset was 9-16x). The full-precision shapes stay on the float64 lane and pay what ols pays: profiled at 1e6 (strong), garbage collection 27%, resolving the decimals 23%, the residual pass 16%, Householder QR 13%, polyfit's own Vandermonde and double-double powers 13%, refinement 7%; their 17-digit decimal integers are too wide for the exact limb sums (four limbs a value, eleven for a cube) (2026-12-06).",
    doc: 'precision-lanes.md',
  },
  kendalltau: {
    why: "Rewritten (2026-12-06): one radix sort of the pairs by x carrying y's values, each group of equal x sorted by y (MSD radix), then a merge sort counting the inversions of y in that order; no y sort, rank arrays or pair scatter (same-process A/B 0.54-0.83x the previous code, n = 1e4-1e6). Profiled at n = 1e5 on full-precision data: the merge 45%, the pairs sort 20%; scipy's Fenwick tree runs in C. The merge is bound by mispredicted comparisons on random data; a branch-free merge measured 1.11x slower in V8.",
    doc: 'numerics.md',
  },
  shapiro: {
    why: "Profiled at n = 1e5 (2026-12-06): the sort 64%, Royston's coefficients and sums (swilk) 15%, the NaN check 3%, against numpy's vectorised C sort. Full-precision values now take an MSD radix sort (0.78-0.93x the LSD passes), grids and offsets the LSD passes over their varying digits (high halves only when the low ones are shared: 0.87-0.90x); the coefficients live in a kept buffer and the shift and scaling are one pass (0.87-0.93x). Panel rerun with all of it (load 22): 0.66-1.17x, the worst offset at 1e4 and heavy-tails at 1e5, where scipy's own time over shapes spans 0.42-0.52 and 3.98-6.41 ms.",
    doc: 'numerics.md',
  },
  spearmanr: {
    why: 'Profiled at n = 1e4, 8,000 calls in a loop, strong shape, plain arrays (2026-12-06): the two index-carrying LSD radix sorts 69%, the rank-correlation pass 6%, average ranks 2%, the collector 3%; no fixed cost or allocation stood out. The 3.03x of the 21:42 panel was the first case the old timing rule measured; the same case as Float64Array in that run was 0.64x, and 1.45 ms a call here against scipy 2.3-2.7 ms.',
    doc: 'numerics.md',
  },
  ks_2samp: {
    why: 'Profiled at n = 1e4, 8,000 calls, strong shape, plain arrays (2026-12-06): the two values-only sorts (now the MSD radix sort on full-precision data, 0.8-0.9x the LSD passes at 1e4) 49%, the two-pointer pass over both samples 28%, the exact p-value 4%. The 1.59x of the 21:42 panel was the first case the old timing rule measured (0.37x as Float64Array in the same run).',
    doc: 'numerics.md',
  },
  ttest_1samp: {
    why: 'On an offset the one pass still divides once per value to prove each double is its decimal (a third of a pass); plain data run one compensated pass per sample, within the run-to-run noise of scipy at n = 1e5-1e6 (2026-12-06).',
    doc: 'precision-lanes.md',
  },
  ttest_ind: {
    why: 'As ttest_1samp, per sample (2026-12-06).',
    doc: 'precision-lanes.md',
  },
  ttest_rel: {
    why: 'As ttest_1samp, on the paired differences (2026-12-06).',
    doc: 'precision-lanes.md',
  },
};
