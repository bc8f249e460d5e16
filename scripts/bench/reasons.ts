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
    why: "The fused lane (one read, a double-double Gram matrix and Cholesky, no QR or residual pass) answers every shape; short decimals (offset, two-decimal, small-int, ties) are exact integers and run at 0.44-1.3x numpy. Full-precision shapes (strong, weak, none, heavy-tails) need each value's decimal: their intercepts are near 0 (error u |ybar| / |b0| on the doubles) and with no relation ESS is about p / n of TSS, so the bound on the doubles alone fails at every size. At n = 1e6 (about 115 ms against numpy's 31-54 ms; 3.6-3.8x on none and heavy-tails, 5-6.4x at 1e4-1e5): resolving 3e6 decimals about 55 ms (three Dekker probes a value), the Dot2 Gram matrix about 21 ms, the read about 10 ms, the decimals' cross terms about 8 ms. A same-process A/B against the previous lanes measured 0.19-0.37x on full-precision shapes and 0.05-0.17x on decimal ones (2026-12-06).",
    doc: 'precision-lanes.md',
  },
  polyfit: {
    why: 'The offset shape answers in the BigNumber lane: x^3 of values near 1e9 with 3 decimals are 120-bit integers, about 2.5 us a point; a shifted float64 fit with a bounded back-transform to the powers of x is not built. The other shapes pay what ols pays (decimals, double-double Gram matrix, residual pass) (2026-12-06).',
    doc: 'precision-lanes.md',
  },
  kendalltau: {
    why: 'Profiled at n = 1e6: the two index-carrying sorts 29%, the inversion count 28%, scatter and pairing 27%; scipy counts inversions in C. A branch-free merge, a bit partition with many distinct values and a lexicographic sort carrying y ranks were measured and not kept (2026-12-06).',
    doc: 'numerics.md',
  },
  shapiro: {
    why: "Almost all of the time is the sort: a 6-pass radix sort on full-precision doubles against numpy's C sort; Royston's coefficients and the sums are about 5% (2026-12-06).",
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
