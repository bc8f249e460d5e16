/**
 * Where the time goes for the functions whose worst-shape goal (the
 * throughput panel's `goal` ratio to scipy/numpy) is not met: what a CPU profile or a same-process A/B measured, and where
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
    why: "On decimal data (offset, small integers, two decimals, ties) the one pass is bound by the two divisions per value that prove each double is the decimal it prints as; multiply-based checks measured no cheaper. Full-precision data with an intercept near zero (the weak shape at 1e6) need a second pass for the means. Full-precision shapes at 1e5-1e6 measured 0.25-0.52x the previous lane in the same process (2026-12-06). 2026-12-07 (moments2): `node --trace-deopt` on 15 calls at n = 1e6 found shiftedSums and compensatedMeans (weak shape), and exactSums (offset) deoptimising at its end on every call (never primed); it is primed now (primeKernel in fastMoments.ts, for the array kind of the call only). Same-process A/B against the code before, n = 1e6, R = 9 at load 10-30: 0.97-1.08 per shape, no gain measured from it. 2026-12-07 (regress3): on plain arrays the two type-check passes over x and y were a fifth of a 1e6-point call (1.4 ms of 6.8 on two-decimal: memory-bound, 16 MB read once more); the short-decimal and float64 lanes now run first and prove the values themselves (typeof in their first pass, free on arrays of doubles), the checks running only when no lane answers. A/B against main, R = 9, load 19: plain arrays 0.74-0.83x at 1e6 and 0.75-0.86x at 1e4 on every shape, Float64Arrays unchanged; two-decimal at 1e6 is now about 3.7 ms, the exact-sums pass alone (two divisions a pair, about 3 ns of its 3.7), against scipy's 7.5 in the last run.",
    doc: 'precision-lanes.md',
  },
  ols: {
    why: "The fused lane (one read, a double-double Gram matrix and Cholesky, no QR or residual pass) answers every shape; short decimals (offset, two-decimal, small-int, ties) are exact integers and run at 0.47-1.4x numpy (two-decimal at 1e4 as Float64Array rows 0.8x in the last full run, 2.0x in a partial run at load 11-13). Full-precision shapes (strong, weak, none, heavy-tails) need every value's decimal: the bound on the doubles alone misses 1e-13 by 2.5x to 1300x (intercepts near 0, R^2 near p / n), resolving one or two of the three columns passes on no shape at 1e5-1e6, and the Gram entries need about 1e-19 relative, so every product stays in Dot2. Per row the lane costs the same at 1e4 and 1e6 (resolving three decimals about 55 ns, the Dot2 Gram matrix 45 ns, cross terms 15 ns, the read 12-18 ns; the two solves under 3% of a 1e4 call); numpy's lstsq takes 27 ns a row at 1e4 and 32-68 at 1e6, hence 4.6-6.8x at 1e4 and 1.3-3.8x at 1e6 (partial run, load 11-13). Reading the hot loops' tables from locals cut instructions 19% in an unminified bundle but measured nothing under tsx or in the handlers' minified bundle (esbuild inlines the constants there), so it was not kept (2026-12-07). Measured again 2026-12-07 (regress3, heavy-tails, n = 1e4, plain rows, load 13-17): a --cpu-prof gives the decimal resolution 53% of the call, the Dot2 Gram 25%, the read 6%, the cross terms 8%; timed step by step, read 6-8 ns a row, Gram 24-31, three columns' decimals 70-79, cross terms 10-11, the two double-double solves 44 and 61 µs (10 ns a row at 1e4; under tsx, as pnpm bench loads the source, the solve's closures pay tsx's __name wrapper). Six Dot2 products alone take 17 ns a row at 1e4 and 1e6 (a bench without the lane around them), so the Gram is near its flop count; splitting each column once instead of per product measured 1.15-1.20x slower (four arrays read per product). Taking the cross terms in the decimal pass (one loop, no stored corrections) measured 0.89-1.04x (noise at load 27) and 13% more instructions a row under callgrind (handlers' bundle options); the per-value work as a function of its own was 1.14-1.25x slower (not inlined). Neither kept. The contract needs all three columns' decimals (each value's own, about 18-25 ns with three Dekker probes) and ~1e-19-relative Gram entries on these shapes, which is what the time is.",
    doc: 'precision-lanes.md',
  },
  polyfit: {
    why: "Short decimals (offset, small-int, two-decimal, ties) answer on exact power sums of the integers shifted to their range's middle, solved in exact rationals: 0.78-1.09x numpy at 1e4, 0.34-0.74x at 1e5-1e6. Full-precision x (strong, weak, none, heavy-tails) answers on ols's fused machinery: the cubic in one pass over x, y and their resolved decimals (power sums of a shifted, scaled x in Sum2/Dot2, a double-double Cholesky with the rigorous first-order bound, coefficients moved back to powers of x exactly): 0.49-0.79x numpy at 1e6, 1.38-1.82x at 1e4 (partial run, load 11-13). Not met at 1e4: about 100 ns a value against numpy's 72, of which the sums pass is 45 ns (some 200 flops of error-free sums and exact products) and resolving x's and y's decimals 40 ns, which the bound needs on these shapes (2026-12-07). Unchanged by regress3 (2026-12-07): its ols measurements (decimals 53% of a 1e4 call, Gram 25%) hold for polyfit's fused lane, which uses the same decimal resolution; the validation before the lanes (type and finiteness checks of x and y, the constant-x test) measured 26-28 µs against 1.26-1.39 ms for the whole call (heavy-tails, n = 1e4, plain arrays, load 20), about 2%, so it was not folded into the lanes as linregress's was.",
    doc: 'precision-lanes.md',
  },
  kendalltau: {
    why: "One radix sort of the pairs by x carrying y's values, each group of equal x sorted by y (MSD radix), then a merge sort counting the inversions of y in that order (2026-12-06: 0.54-0.83x the previous code). Profiled at n = 1e4, none shape (2026-12-07): the merge and its insertion-sorted leaves 51%, the pairs sort (six LSD passes on full-precision x) 35%, the NaN and type checks 2%; scipy's Fenwick tree runs in C. The merge is bound by mispredicted comparisons on random data; a branch-free merge measured 1.11x slower in V8. A partial panel at high load (2026-12-07) read 0.72-0.93x at 1e4 and 0.67-0.96x at 1e5. 2026-12-07 (rank3, same-process A/B against main, bench/rank-ab.ts): a Fenwick tree over y's dense ranks (with the sort of y those need) took 0.98-1.41x the merge's time at 1e4 and 0.79-1.49x at 1e5 (worst on ties and small integers), a branch-free merge again 0.99-1.09x: neither kept. Decimals on a grid (up to six places: two-decimal, ties, small-int, the warm request's data) now sort x as integers (internal/sortGrid.ts): 0.78-0.88x at 1e4 and 0.82-0.94x at 1e5 on those shapes; the full-precision shapes, the weak one the worst row, are unchanged (0.97-1.06x).",
    doc: 'numerics.md',
  },
  shapiro: {
    why: "The sort is most of it (64% at n = 1e5, 2026-12-06; numpy's is vectorised C). Now (2026-12-07, same-process A/B against the previous code): each sample is read once (type check, copy, NaN check and the bits that choose the radix sort in one pass, where four passes were), the last n's Royston coefficients are kept (a caller testing one size skips the n/2 normal quantiles), the MSD sort finishes levels of small buckets with one insertion sort, and up to 65,536 values the offset shape takes the MSD sort: together 0.90-0.98x main's previous time at 1e4 and 0.96-1.01x at 1e5 (plain arrays, 21 alternating rounds; identical code in two module instances reads 0.95-0.99x, so that is at the edge of what the A/B resolves). A partial panel at high load (1e4 and 1e5, before the offset change) read 0.52-1.03x at 1e4 (offset the worst) and 0.75-1.06x at 1e5 (two-decimal the worst), scipy's own time moving 20-40% between shapes. 2026-12-07 (rank3): profiled at 1e4 on the two-decimal shape, the MSD sort was 60% of a call; decimals on a grid now sort as integers (a counting sort, or two or three 11-bit LSD passes, each value written back bit for bit; internal/sortGrid.ts): A/B against main 0.81-0.91x at 1e4 two-decimal, 0.53-0.54x at 1e5, 0.35-0.39x at 1e6; ties and small-int 0.60-0.87x; full-precision shapes unchanged within the A/B's noise.",
    doc: 'numerics.md',
  },
  spearmanr: {
    why: 'Profiled at n = 1e4, 8,000 calls in a loop, strong shape, plain arrays (2026-12-06): the two index-carrying LSD radix sorts 69%, the rank-correlation pass 6%, average ranks 2%, the collector 3%; no fixed cost or allocation stood out. The 3.03x of the 21:42 panel was the first case the old timing rule measured; the same case as Float64Array in that run was 0.64x, and 1.45 ms a call here against scipy 2.3-2.7 ms. A partial panel at high load (2026-12-07) read 0.71x at worst (weak, 1e4). 2026-12-07 (rank3): decimals on a grid sort as integers with their order (internal/sortGrid.ts): A/B against main at 1e4 0.46-0.82x on two-decimal, offset, small-int and ties, 0.71-0.77x on the warm request data; full-precision shapes unchanged (0.83-1.16x depending on which shapes ran before in the same process; the same code against itself 1.00x).',
    doc: 'numerics.md',
  },
  ks_2samp: {
    why: 'Profiled at n = 1e4, 8,000 calls, strong shape, plain arrays (2026-12-06): the two values-only sorts 49%, the two-pointer pass over both samples 28%, the exact p-value 4%. Since 2026-12-07 each sample is read once before its sort (type check, copy, NaN check, differing bits) and the offset shape takes the MSD sort up to 65,536 values (A/B 0.94x at 1e4, at the edge of what the A/B resolves; against main overall 0.96-1.09x, no change resolved). A partial panel at high load (2026-12-07) read 0.61x at worst (strong, 1e5). 2026-12-07 (rank3): decimals on a grid sort as integers: A/B against main 0.77-0.85x at 1e4 on two-decimal and warm data, 0.45-0.50x at 1e6.',
    doc: 'numerics.md',
  },
  ttest_1samp: {
    why: "Plain data (every shape but offset) now run one pass (blocks of four about a centre near the mean, a TwoSum per block): 0.38-0.45x the previous two passes' time at n = 1e4-1e6, measured interleaved in one process. What remains slowest is the offset shape: its one pass divides once per value to prove each double is the decimal it prints as (the decimals are what the accuracy contract is about there; a check by exact products would take about 20 operations a value against one division: counted, not built), 3.5 ms at n = 1e6 against scipy's 3-4 ms (2026-12-06). 2026-12-07 (panel): the panel's cross-function effect is not in the kernel. V8's IC log (`--log-ic`) shows DecimalShift.meanAndSquares' element load polymorphic over the same two maps (Float64Array, a plain array of doubles) alone and after the whole panel sequence at 1e4-1e5; `--trace-deopt` shows no deopt in the timed calls; process CPU equals the main thread's (/proc/thread-self/schedstat), so no background GC thread is charged. A partial panel (7 moment functions, 3 shapes, 1e5-1e6, load 20) read ours 3.76 ms in the shared process and 3.52 ms alone on offset 1e6, while scipy read 3.81 ms in the long-lived reference process and 6.73 ms in a fresh one: at 1e6 the reference side moved most (1.03x shared, 0.48x alone): numpy's 8 MB temporaries were page-faulting mmaps in a fresh process until an earlier call had freed a larger block (glibc's moving malloc thresholds); the reference process now runs with them fixed, and a second partial panel read scipy 5.07 ms shared and 4.70 ms alone, ours 3.57-3.73 ms shared and 3.48-5.94 ms alone (0.74-0.91x shared, 0.80-1.26x alone, load 17-22). The kernel is still the division per value (meanAndSquares 47% of a t-test loop's profile at 1e6 offset, exactPairedSums 18%).",
    doc: 'precision-lanes.md',
  },
  ttest_ind: {
    why: "As ttest_1samp, per sample: plain shapes 0.39-0.44x the previous code in one process; the offset shape is the slowest (2026-12-06). 2026-12-07 (moments2): `node --trace-deopt` on 15 calls at n = 1e6 found DecimalShift.meanAndSquares (the offset shape, two deopts a call) deoptimising at its end on every call (never primed); it is primed now (primeKernel in fastMoments.ts, for the array kind of the call only). 2026-12-07 (panel): same partial panel as ttest_1samp's entry, offset 1e6 Float64Array: ours 13.4 ms shared, 12.9 ms alone; scipy 8.41 ms shared, 22.6 ms alone (1.58x against 0.56x). Same kernel feedback in both (IC log).",
    doc: 'precision-lanes.md',
  },
  ttest_rel: {
    why: 'As ttest_1samp, on the paired differences: plain shapes 0.60-0.68x the previous code in one process (the pass also tracks the largest |a| + |b| and |a - b|, which decide whether the differences need the exact decimal route); the offset shape answers in the exact decimal route with its division per value (2026-12-06). 2026-12-07 (moments2): `node --trace-deopt` on 15 calls at n = 1e6 found exactPairedSums (the offset shape) deoptimising at its end on every call (never primed); it is primed now (primeKernel in fastMoments.ts, for the array kind of the call only). 2026-12-07 (panel): same partial panel, offset 1e6 Float64Array: ours 6.00 ms shared, 5.51 ms alone; scipy 5.40 ms shared, 11.5 ms alone (1.06x against 0.46x).',
    doc: 'precision-lanes.md',
  },
  pearsonr: {
    why: "Profiled at n = 1e6: three passes (two means, then the sums), each bound by a TwoSum per value, and on an offset a division per value in each of three passes. Now one pass on plain data (five sums in blocks of four) and one pass of exact integer sums on an offset: 0.19-0.50x the previous time in one process at n = 1e4-1e6; the rest is the offset lane's division per value (2026-12-06). 2026-12-07 (moments2): `node --trace-deopt` on 15 calls at n = 1e6 found exactCrossSums (the offset shape) deoptimising at its end on every call (never primed); it is primed now (primeKernel in fastMoments.ts, for the array kind of the call only).",
    doc: 'precision-lanes.md',
  },
  f_oneway: {
    why: 'Not profiled separately: it sums each group as ttest_ind does (fastSharedCentral), so the one-pass plain sums took it to 0.38-0.45x the previous time on plain shapes; the offset shape keeps its division per value (2026-12-06). 2026-12-07 (moments2): `node --trace-deopt` on 15 calls at n = 1e6 found DecimalShift.meanAndSquares (the offset shape) deoptimising at its end on every call (never primed); it is primed now (primeKernel in fastMoments.ts, for the array kind of the call only). 2026-12-07 (panel): partial panel at load 20, offset 1e6: 0.36x shared, 0.23x alone.',
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
    "the statistic alone (two index-carrying sorts) was 1.9-2.3x; since 2026-12-07 the request's 2- and 3-decimal samples sort as integers (internal/sortGrid.ts), the statistic 0.71-0.77x its previous time (same-process A/B), and an in-process warm run of main's bundle against this one, at load 16-19, read 3.1-4.0x against 2.3x; the request's own part (read 0.65x, a 4-number answer) is within the goal",
  kendalltau:
    "the statistic alone (a pairs sort and a merge counting inversions) was 2.5-3x; since 2026-12-07 x sorts as integers on the request's decimals (0.80-0.88x the statistic's time, same-process A/B); the merge, bound by mispredicted comparisons, is what remains (a Fenwick tree measured no faster); the request's own part (read 0.65x) is within the goal",
  mannwhitneyu:
    "the statistic alone (the sort of both samples and the rank sums) was 1.9-2.1x; since 2026-12-07 both samples sort as integers on the request's decimals (0.77-0.94x the statistic's time, same-process A/B); the request's own part (read 0.7x) is within the goal",
  ks_2samp:
    "the statistic alone (two sorts and the two-pointer pass) was 1.8-2.1x; since 2026-12-07 both samples sort as integers on the request's decimals (0.77-0.84x the statistic's time, same-process A/B); the request's own part (read 0.65x) is within the goal",
  shapiro:
    "the statistic alone (the sort and Royston's coefficients) was 1.0-1.6x; since 2026-12-07 the sample sorts as integers on the request's decimals (0.57-0.85x the statistic's time, same-process A/B); the request's own part (read 0.7x) is within the goal",
  median_abs_deviation:
    "the statistic alone (two selections of the median) is 0.6-0.7x, the body read 0.65x; a Floyd-Rivest selection written for Float64Array measured 0.88-1.26x the quickselect package's time (V8 inlines its comparator), so it was not kept (2026-12-07); a profile of the warm request puts the rest in the reader (17%), the copies to Float64Array and the collector (11%)",
  iqr: 'the statistic alone (two selections of quartiles) is 0.6x, the body read 0.65x (the typed selection measured no faster, as for median_abs_deviation, 2026-12-07)',
  zscore:
    "the answer is 10,000 full-precision doubles: JSON.stringify of it alone is 3.3x JSON.parse of the 56 KiB body of 2-decimal values (V8 prints each double's shortest round-trip digits, about 160 ns a number, against about 35 ns to read a 2-decimal one), so the goal cannot be met while the answer is JSON numbers; the statistic alone is 1.3x. The writer was measured against other ways to print 10,000 fresh doubles (2026-12-07, Node 20): JSON.stringify is the fastest (1.2-1.3 ms); Array.prototype.join 1.8x slower (faster only when the same doubles are printed again: V8's number-to-string cache), a hand-built string of String(x) 1.5x slower, so it stays. Before it, finiteOrNullAll's Array.from(scores, finiteOrNull) costs 0.37-0.76 ms, a push loop into [] 0.07-0.11 ms with the same stringify time (handlers src/schema.ts, not changed here)",
  modified_zscore:
    "as zscore, the answer is 10,000 full-precision doubles (JSON.stringify of it alone 3.5x); the statistic alone (two median selections and the scores) is 1.8x; a profile of the warm request (2026-12-07): JSON.stringify 43%, the endpoint's handle 15% (outlier_indices by flatMap makes an array per value), finiteOrNullAll's Array.from 9%, the selections 6%",
};

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
