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
    why: "Short decimals (the offset, small-int, two-decimal and ties shapes) now answer on exact power sums of the integers shifted to their range's middle, one float64-limb pass with no BigInt per value, moved back to powers of x exactly and solved in exact rationals: 0.78-0.99x numpy at 1e4, 0.36-0.74x at 1e5-1e6 in two runs (offset was 9-16x). The full-precision shapes stay on the float64 lane and pay what ols pays: profiled at 1e6 (strong), garbage collection 27%, resolving the decimals 23%, the residual pass 16%, Householder QR 13%, polyfit's own Vandermonde and double-double powers 13%, refinement 7%; their 17-digit decimal integers are too wide for the exact limb sums (four limbs a value, eleven for a cube) (2026-12-06).",
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
    why: "Plain data (every shape but offset) now run one pass (blocks of four about a centre near the mean, a TwoSum per block): 0.38-0.45x the previous two passes' time at n = 1e4-1e6, measured interleaved in one process. What remains slowest is the offset shape: its one pass divides once per value to prove each double is the decimal it prints as (the decimals are what the accuracy contract is about there; a check by exact products would take about 20 operations a value against one division: counted, not built), 3.5 ms at n = 1e6 against scipy's 3-4 ms (2026-12-06).",
    doc: 'precision-lanes.md',
  },
  ttest_ind: {
    why: 'As ttest_1samp, per sample: plain shapes 0.39-0.44x the previous code in one process; the offset shape is the slowest (2026-12-06).',
    doc: 'precision-lanes.md',
  },
  ttest_rel: {
    why: 'As ttest_1samp, on the paired differences: plain shapes 0.60-0.68x the previous code in one process (the pass also tracks the largest |a| + |b| and |a - b|, which decide whether the differences need the exact decimal route); the offset shape answers in the exact decimal route with its division per value (2026-12-06).',
    doc: 'precision-lanes.md',
  },
  pearsonr: {
    why: "Profiled at n = 1e6: three passes (two means, then the sums), each bound by a TwoSum per value, and on an offset a division per value in each of three passes. Now one pass on plain data (five sums in blocks of four) and one pass of exact integer sums on an offset: 0.19-0.50x the previous time in one process at n = 1e4-1e6; the rest is the offset lane's division per value (2026-12-06).",
    doc: 'precision-lanes.md',
  },
  f_oneway: {
    why: 'Not profiled separately: it sums each group as ttest_ind does (fastSharedCentral), so the one-pass plain sums took it to 0.38-0.45x the previous time on plain shapes; the offset shape keeps its division per value (2026-12-06).',
    doc: 'precision-lanes.md',
  },
};
