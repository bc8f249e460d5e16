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
    why: "Short decimals (offset, small-int, two-decimal, ties) answer on exact power sums of the integers shifted to their range's middle, solved in exact rationals: 0.78-0.99x numpy at 1e4, 0.36-0.74x at 1e5-1e6. Full-precision x (strong, weak, none, heavy-tails) now answers on ols's fused machinery: the cubic in one pass over x, y and their resolved decimals (power sums of t^1..t^6 and t^k y of a shifted, scaled x in Sum2/Dot2, a double-double Cholesky with the rigorous first-order bound, coefficients moved back to powers of x by exact binomial combinations): 0.87-0.94x numpy at 1e6, 0.89-1.36x at 1e5 (numpy's own time there varies 7.7-11.5 ms), 1.38-1.47x at 1e4 and 2.0x on the first case measured (JIT warm-up) (was 4-14x; A/B 0.16-0.36x the QR lane). Not met at 1e4: about 100 ns a value against numpy's 72, of which the sums pass is 45 ns (flop-bound: some 200 flops of error-free sums and exact products) and resolving x's and y's decimals 40 ns, which the bound needs on the panel's shapes (2026-12-07).",
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

/**
 * Where the time goes for a function whose warm 10,000-point request is over
 * its goal (at most 1.2x `JSON.parse` of the body): what the request's own
 * part costs and what the statistic alone costs, measured in one process
 * against JSON.parse of the same body. scripts/bench/warm.ts adds the entry
 * to the row of a function over the goal. Ratios are to JSON.parse.
 */
export const WARM_REASONS: Readonly<Record<string, string>> = {
  ols: "reading the 10,000-row matrix is 0.5x (it was 3-10x while the reader marked every row as all-finite in a WeakSet, 2026-12-07); validating X row by row through valibot's array schema about 0.2x (0.37 ms: a one-loop fast path for rows of finite numbers, as finiteNumbers() has for a sample, would remove most of it; src/schema.ts); the fit itself 0.8-1x",
  polyfit:
    'the fit alone (the handler on the parsed object) is 1.5x, the body read 0.75x: the cubic fit on 10,000 points is the stats core',
  spearmanr:
    "the statistic alone (two index-carrying radix sorts) is 1.9-2.3x; the request's own part (read 0.65x, arrays the reader marked are not walked again, a 4-number answer) is within the goal",
  kendalltau:
    "the statistic alone (a pairs sort and a merge counting inversions) is 2.5-3x; the request's own part (read 0.65x) is within the goal",
  mannwhitneyu:
    "the statistic alone (the sort of both samples and the rank sums) is 1.9-2.1x; the request's own part (read 0.7x) is within the goal",
  ks_2samp:
    "the statistic alone (two sorts and the two-pointer pass) is 1.8-2.1x; the request's own part (read 0.65x) is within the goal",
  shapiro:
    "the statistic alone (the sort and Royston's coefficients) is 1.0-1.6x; the request's own part (read 0.7x) is within the goal",
  median_abs_deviation:
    'the statistic alone (two selections of the median) is 0.6-0.7x, the body read 0.65x',
  iqr: 'the statistic alone (two selections of quartiles) is 0.6x, the body read 0.65x',
  zscore:
    "the answer is 10,000 full-precision doubles: JSON.stringify of it alone is 3.3x JSON.parse of the 56 KiB body of 2-decimal values (V8 prints each double's shortest round-trip digits, about 160 ns a number, against about 35 ns to read a 2-decimal one), so the goal cannot be met while the answer is JSON numbers; the statistic alone is 1.3x",
  modified_zscore:
    'as zscore, the answer is 10,000 full-precision doubles (JSON.stringify of it alone 3.5x); the statistic alone (two median selections and the scores) is 1.8x',
};

/**
 * Where a cold start goes for a function over its goal (at most 1.3x
 * hello-world's), measured on Node 22 in the Lambda layout, CPU time of
 * the module's compile, its evaluation and the first request.
 * scripts/bench/cold.ts adds the entry to the row of a function over the goal.
 */
export const COLD_REASONS: Readonly<Record<string, string>> = {
  linregress:
    "evaluating the bundle builds the decimal readers' tables (633 and 3 x 2048 entries through interpreted callbacks, regression/internal/decimal.ts and olsDecimal.ts), about 1.5 ms of CPU on every cold start: building them on their first use would take that off; the other functions no longer build them (2026-12-07)",
  ols: "the decimal readers' tables as linregress (about 1.5 ms of CPU at load), then the first request runs the fused lane, its bound and the p-values interpreted (4-5 ms of CPU on Node 22; compile of the 78 KiB bundle 3 ms)",
  polyfit:
    "the decimal readers' tables as linregress (about 1.5 ms of CPU at load), then the first request runs the fit's lanes interpreted (3.5-5.5 ms of CPU on Node 22; compile of the 94 KiB bundle 4-5 ms)",
};
