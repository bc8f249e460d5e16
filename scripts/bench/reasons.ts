/**
 * Where the time goes for the functions whose worst-shape goal is not met:
 * what a CPU profile or a same-process A/B measured. docs/performance.md
 * shows an entry only while the function's goal is not met in
 * bench/results/latest.json. Each entry, in about six sentences: the best
 * reached and on which shape (with the run it comes from), where the time
 * goes now, what was tried and measured no faster (one clause each, with
 * its figure), and what going further would need. Superseded history is in
 * git and, for the rounds before 2026-12-08, docs/performance-history.md;
 * rewrite an entry when the code it describes changes or a full run moves
 * its figures.
 */
export interface Reason {
  /** What was measured: where the time goes and why it is needed for the accuracy contract. */
  why: string;
  /** The doc (relative to docs/) with the full account. */
  doc: string;
}

export const REASONS: Readonly<Record<string, Reason>> = {
  linregress: {
    why: "Full run of 2026-12-08 00:37-00:54 UTC (pinned): 0.61x scipy at worst (offset, n = 1e5, Float64Array, shared process; 0.53x alone), the full-precision shapes 0.27-0.55x at 1e5-1e6 and the short decimals 0.49-0.61x. On the decimal shapes the one pass is bound by the two divisions a value that prove each double's decimal (the exact lane's precondition); on weak at 1e6 (0.55x) the intercept, -2.1e-5, is within 10% of what the inputs' own rounding allows at the 1e-11 acceptance margin kept under the 1e-10 promise, so its means take a second, split pass (five additions a value). Tried and not kept: the split sums carried in the shifted pass (1.7x its time), blocks of 16 or 32 in that pass (faster, but heavy-tails at 1e6 then needs the refinement pass), values in pairs, four values a step in the means pass, multiply-based decimal checks. The 0.5x goal needs a cheaper proof of the decimals than a division per value and of an intercept near zero than a second pass (or a one-pass bound within 0.1 u of the means).",
    doc: 'precision-lanes.md',
  },
  ols: {
    why: "Full run of 2026-12-08 00:37-00:54 UTC (pinned): 4.97x numpy.linalg.lstsq at worst (weak, n = 1e5, plain arrays, shared process; 4.15x alone); the full-precision shapes (strong, weak, none, heavy-tails) 1.6-5.0x, the short decimals, exact integers, 0.67-1.02x. On strong and weak (an intercept near 0) and none at 1e6 (R^2 near p / n) no bound on the doubles can answer: the floor, sum_i |df/dv_i| ulp(v_i) / 2 over every value, is 1.01x to 51x the 1e-13 tolerance (bench/ols-bound-floor.ts), so each value's decimal is resolved (14-21 ns a value) and the Gram matrix corrected; that is the accuracy contract's price, where numpy's lstsq takes about 20 ns a row with no such bound. A --cpu-prof at n = 1e4 gave the decimals 53% of a call, the Dot2 Gram matrix 25%, the cross terms 8%, the read 6%; heavy-tails at every size, and none at 1e4, avoid the decimals through a row-by-row bound (17-30 ns a row). Tried and not kept: the hot loops' tables in locals, each column split once, the cross terms in the decimal pass, the row pass over typed-array vectors (10x slower), loops reshaped against per-call deopts (no gain measured). Going further needs the decimals resolved for less than a division a value, or a looser contract for full-precision input.",
    doc: 'precision-lanes.md',
  },
  polyfit: {
    why: "Full run of 2026-12-08 00:37-00:54 UTC (pinned): 1.42x numpy.polyfit at worst (none, n = 1e4, plain arrays, alone; 1.37x in the shared process); the full-precision shapes 1.17-1.37x at 1e4, 1.09-1.30x at 1e5 and 0.99-1.05x at 1e6, the short decimals (exact shifted power sums, solved in rationals) 0.49-0.88x. On strong, weak and none no bound on the doubles can answer (the floor, bench/polyfit-bound-floor.ts, is 1.7-19x the tolerance: the x^2 and x^3 coefficients move by about u sqrt(n) / |t| when the inputs move by their rounding), so x's and y's decimals are resolved: about 100 ns a value at 1e4 against numpy's 72 (the sums pass 45 ns, the decimals 40). Heavy-tailed y from 2^15 rows answers on the doubles with the representation bound taken row by row. Tried and not kept: loops reshaped against per-call deopts (no gain measured, same-process A/B 0.94-1.02x). Going further needs the decimals resolved for less than a division a value.",
    doc: 'precision-lanes.md',
  },
  kendalltau: {
    why: "Met in the full run of 2026-12-08 00:37-00:54 UTC (pinned): 0.89x scipy at worst (ties, n = 1e6, plain arrays; 0.84x alone). Full-precision data sort by MSD radix (pairs on x's highest differing bits) and count discordant pairs by an MSD radix pass over y; runs of ties, small integers and coarse grids take the merge count.",
    doc: 'numerics.md',
  },
  shapiro: {
    why: "Full run of 2026-12-08 00:37-00:54 UTC (pinned): 2.48x scipy at worst (weak, n = 1e6, plain arrays, alone; 2.33x in the shared process); the full-precision shapes 0.91-1.00x at 1e4, 1.8-2.1x at 1e5 and 2.0-2.3x at 1e6, the short decimals (sorted as integers by a counting sort) 0.6-2.1x. What is left is the sort: numpy sorts with its vectorised AVX-512 quicksort on this CPU, and ours is a scalar spread sort (buckets between two sampled quantiles, MSD radix below), primed against per-call deopts; swilk's own passes are a small part of a call (the coefficients' sums kept with the coefficients, the statistic pass branch-free). Tried and kept along the way: 13-bit MSD digits from 65,536 values, the read fused with the sort's first level; a radix-sort priming cost more than it saved. The goal needs a sort JavaScript cannot express on this machine (SIMD), or the sort moved to native code.",
    doc: 'numerics.md',
  },
  spearmanr: {
    why: 'Met in the full run of 2026-12-08 00:37-00:54 UTC (pinned): 0.56x scipy at worst (heavy-tails, n = 1e6, plain arrays; 0.45x alone). Two grid or radix sorts with their order, then the rank-correlation pass.',
    doc: 'numerics.md',
  },
  ks_2samp: {
    why: 'Met in the full run of 2026-12-08 00:37-00:54 UTC (pinned): 0.71x scipy at worst (strong, n = 1e6, Float64Array, alone; 0.70x in the shared process). Two values-only sorts (decimals on a grid as integers) and one merge of the sorted samples for the cdf differences.',
    doc: 'numerics.md',
  },
  ttest_1samp: {
    why: 'Met in the full run of 2026-12-08 00:37-00:54 UTC (pinned): 0.65x scipy at worst (offset, n = 1e6, Float64Array; 0.52x alone). One pass of exact integer sums on decimals (a division a value proves each one), one compensated pass otherwise.',
    doc: 'precision-lanes.md',
  },
  ttest_ind: {
    why: 'Met in the full run of 2026-12-08 00:37-00:54 UTC (pinned): 0.71x scipy at worst (offset, n = 1e6, Float64Array; 0.54x alone). Each sample summed as ttest_1samp sums it.',
    doc: 'precision-lanes.md',
  },
  ttest_rel: {
    why: 'Met in the full run of 2026-12-08 00:37-00:54 UTC (pinned): 0.72x scipy at worst (small-int, n = 1e6, Float64Array; 0.71x alone). One pass over the differences, centred on the mean of the first 64; on decimals (the offset shape) the exact route with two divisions a pair. The paired kernels are primed on pairs that reach their answers (PAIRED_PRIMING).',
    doc: 'precision-lanes.md',
  },
  pearsonr: {
    why: 'Met in the full run of 2026-12-08 00:37-00:54 UTC (pinned): 0.52x scipy at worst (heavy-tails, n = 1e5, Float64Array; 0.42x alone). One pass of five sums in blocks of four; exact integer sums on an offset.',
    doc: 'precision-lanes.md',
  },
  f_oneway: {
    why: 'Met in the full run of 2026-12-08 00:37-00:54 UTC (pinned): 0.47x scipy at worst (offset, n = 1e5, Float64Array; 0.44x alone). Each group summed as ttest_ind sums it.',
    doc: 'precision-lanes.md',
  },
  describe: {
    why: "Met in the full run of 2026-12-08 00:37-00:54 UTC (pinned): 0.64x scipy at worst (offset, n = 1e5, Float64Array; 0.52x alone). On decimals two passes (the mean with the minimum and maximum, then three compensated power sums a value); one DecimalShift is kept alive for the process so a full collection cannot free its hidden class between calls. Found with this run's method: in a fresh process pinned to one CPU and fed both array kinds alternately, the offset shape at n = 1e6 took 15-26 ms a call against 7.0-9.6 ms with one kind (V8 left the passes in their cached on-stack code); the bench's alone runs now use one kind, and the shared panel still mixes both.",
    doc: 'precision-lanes.md',
  },
};

/**
 * Where the time goes for a function whose warm 10,000-point request is over
 * its goal (at most 1.2x `JSON.parse` of the body), in the same form as
 * REASONS: what the statistic alone costs against JSON.parse and against
 * scipy's own time on the same values (scripts/bench/warm-statistic.ts), the
 * request's profile, what was tried, what going further needs. Ratios are
 * to JSON.parse of the body. The notes are rendered into docs/performance.md
 * as they are here (docs.ts), whatever run wrote the results file.
 */
export const WARM_REASONS: Readonly<Record<string, string>> = {
  ols: "X's rows went through valibot's array schema, a pipe per row, a third of the request; checked in one loop since 2026-12-07 (valibot still reports any bad row), the request read 0.93-1.01x against main's 1.99-2.41x (one process each, alternating, load 2-4). What remains is the reader (about 0.5x) and the fit (0.5-1x). V8 deoptimises the request reader's array loop at its end on every request in processes where it compiled the loop on-stack first (six a request with compilation made deterministic; toIntegerColumn's one is primed away since 2026-12-07): priming the reader too made every warm request's read slower (spearmanr and kendalltau 1.1-1.2x, one process each, alternating), so it is not primed",
  polyfit:
    "The fit alone is 0.82x JSON.parse of this body (0.54 ms) and numpy.polyfit's on the same 10,000 values 1.10x (0.72 ms; scripts/bench/warm-statistic.ts), so with the read (about 0.5x) the goal, 0.2x after the read, is out of reach for numpy's own fit too. The request's profile: the exact power sums of the short decimals (cubicBlock) 39%, the reader 35%. V8 deoptimised midrange and cubicBlock at the end of their loop on every request in processes where it compiled the loop on-stack first (three a request on main with compilation made deterministic); primed since 2026-12-07 (under 40 deopts in 600 requests). Going further needs the exact sums (two divisions a value proving the decimals, 18-bit limbs) cheaper",
  spearmanr:
    "The statistic alone is 1.08-1.26x JSON.parse of this body (0.69-0.80 ms) and scipy's on the same 10,000 pairs 3.3x (2.1 ms; scripts/bench/warm-statistic.ts): ours is 0.32-0.38x scipy's, and the goal, 0.2x after reading the body, is beyond it. The request's profile: the two grid sorts with their order 33%, the rank-correlation pass 19%, the reader 30%. V8 deoptimised averageRanks and rankCorrelation at the end of their loop on every request in processes where it compiled the loop on-stack first (two a request on main with compilation made deterministic); primed since 2026-12-07 (under 40 deopts in 600 requests)",
  kendalltau:
    "The statistic alone is 2.12x JSON.parse of this body (1.35 ms) and scipy's on the same values 2.80x (1.80 ms; scripts/bench/warm-statistic.ts): ours 0.75x scipy's. The request's profile: the merge counting inversions 43% (a Fenwick tree, as scipy counts, measured 0.98-1.49x its time), the grid sort of x 9%, the reader 24%. V8 deoptimised readGrid and tieStatsOfSorted at the end of their loop on every request in processes where it compiled the loop on-stack first (two a request on main with compilation made deterministic); primed since 2026-12-07 (under 40 deopts in 600 requests)",
  mannwhitneyu:
    "The statistic alone is 1.44x JSON.parse of this body (0.92 ms) and scipy's on the same values 4.20x (2.68 ms; scripts/bench/warm-statistic.ts): ours 0.34x scipy's, and the goal, 0.2x after reading the body, is beyond it. Both samples sort as integers on these decimals (internal/sortGrid.ts); the request's own part (the read, checks and a 2-number answer) is about 0.7x",
  ks_2samp:
    "The statistic alone is 1.45x JSON.parse of this body (0.94 ms) and scipy's on the same values 4.92x (3.08 ms; scripts/bench/warm-statistic.ts): ours 0.30x scipy's, and the goal, 0.2x after reading the body, is beyond it. Two grid sorts and the two-pointer pass; the request's own part is about 0.7x",
  shapiro:
    "The statistic alone is 0.66-0.72x JSON.parse of this body (0.20-0.23 ms) and scipy's on the same values 1.30-1.33x (0.40 ms; scripts/bench/warm-statistic.ts): ours 0.52-0.56x scipy's. The request's profile: the reader 41%, the grid read and counting sort 22%, Royston's statistic 7%, the metric line's write 6%: the read (about 0.45x) plus the statistic leave it at 1.4-1.7x, and the goal would need the statistic at a third of scipy's. V8 deoptimised readGrid at the end of its loop on every request in processes where it compiled the loop on-stack first (one a request on main with compilation made deterministic); primed since 2026-12-07 (under 40 deopts in 600 requests)",
  median_abs_deviation:
    "Two medians and the read (about 0.45x). The metric line counted the request's values by walking the sample (7-14% of the request): it takes the reader's all-numbers mark now (1.43-1.50x against main's 1.74-1.82x, load 2-4). Since 2026-12-07 the first median sorts the cents as integers (the statistic 0.74-0.87x its previous time on the warm data, same-process A/B), the second (the deviations, off every grid) stays with quickselect; a Floyd-Rivest selection written for Float64Array measured 0.88-1.26x quickselect's time. V8 deoptimised mad and readGrid at the end of their loop on every request in processes where it compiled the loop on-stack first (one or two a request on main with compilation made deterministic); primed since 2026-12-07 (under 40 deopts in 600 requests)",
  iqr: "Two quartiles and the read (about 0.45x). The metric line's walk over the sample is gone (1.14-1.34x against main's 1.41-1.65x, load 2-4), and since 2026-12-07 the quartiles of 512 or more short decimals come from an integer sort of the grid (the statistic 0.25-0.38x its previous time on the warm data, same-process A/B); a typed Floyd-Rivest selection measured no faster than quickselect",
  zscore:
    "The answer is 10,000 full-precision doubles: JSON.stringify of it alone is 3.3x JSON.parse of the 56 KiB body of 2-decimal values (V8 prints each double's shortest round-trip digits, about 160 ns a number, against about 35 ns to read a 2-decimal one), 58-64% of the request's profile, so the goal cannot be met while the answer is JSON numbers. Other writers of 10,000 fresh doubles measured slower (Node 20): Array.prototype.join 1.8x (faster only on doubles printed before, V8's number-string cache), a string of String(x) 1.5x. The statistic (two passes) is about 6% of the profile and the copy with null for non-finite values (a push loop; Array.from with a mapper cost 0.37-0.76 ms) 3%. V8 deoptimised twoPass at the end of its loop on every request in processes where it compiled the loop on-stack first (one or two a request on main with compilation made deterministic); primed since 2026-12-07 (under 40 deopts in 600 requests)",
  modified_zscore:
    "As zscore, the answer is 10,000 full-precision doubles (JSON.stringify of it alone 3.5x JSON.parse of the body, 52-58% of the request's profile), so the goal cannot be met while the answer is JSON numbers. The rest: the two medians (the first on the grid of the request's cents since 2026-12-07) and the scores about 20%, the reader 8%, outlier_indices and the null copy (push loops) 3%",
};

/** The warm request's goal: the whole handler at most this many times JSON.parse of the body. */
export const WARM_GOAL = 1.2;

/** What ends a warm row's "how" before its note: the note starts after it. */
const OVER_IT = '; over it: ';

/** A warm row's note (from {@link WARM_REASONS}) for a function over the goal, or ''. */
export function warmOverGoal(name: string, ratio: number): string {
  const why = WARM_REASONS[name];
  return ratio > WARM_GOAL && why !== undefined ? `${OVER_IT}${why}` : '';
}

/**
 * A warm row's "how" with its note as {@link WARM_REASONS} has it now: a
 * results file keeps the note of the run that wrote it, and the note is
 * prose about the code, which changes between runs of the bench.
 */
export function currentWarmHow(how: string, name: string, ratio: number): string {
  const at = how.indexOf(OVER_IT);
  return `${at < 0 ? how : how.slice(0, at)}${warmOverGoal(name, ratio)}`;
}

/**
 * Where a cold start goes for a function over its goal (at most 1.3x
 * hello-world's), measured on Node 22 in the Lambda layout, CPU time of
 * the module's compile, its evaluation and the first request.
 * scripts/bench/cold.ts adds the entry to the row of a function over the goal.
 */
export const COLD_REASONS: Readonly<Record<string, string>> = {
  linregress:
    "the decimal readers' tables (633 and 3 x 2048 entries, regression/internal/decimal.ts and olsDecimal.ts) are built on their first use since 2026-12-07 (handler load 11.9 -> 9.0 ms on Node 20, 15 cold runs paired with the previous build); what remains is the first request's lanes run interpreted",
  ols: "the first request runs the fused lane, its bound and the p-values interpreted (4-5 ms of CPU on Node 22; compile of the 78 KiB bundle 3 ms); the decimal readers' tables are built on first use since 2026-12-07 (handler load 13.2 -> 11.9 ms on Node 20)",
  polyfit:
    "the first request runs the fit's lanes interpreted (3.5-5.5 ms of CPU on Node 22; compile of the 94 KiB bundle 4-5 ms); the decimal readers' tables are built on first use since 2026-12-07 (handler load 16.1 -> 9.7 ms on Node 20)",
};
