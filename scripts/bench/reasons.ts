/**
 * Where the time goes for the functions whose worst-shape goal is not met:
 * what a CPU profile or a same-process A/B measured. docs/performance.md
 * shows an entry only while the function's goal is not met in
 * bench/results/latest.json. Each entry, in about six sentences: the best
 * reached and on which shape (with the run it comes from), where the time
 * goes now, what was tried and measured no faster (one clause each, with
 * its figure), and what going further would need. Superseded history is in
 * git, not here; rewrite an entry when the code it describes changes.
 */
export interface Reason {
  /** What was measured: where the time goes and why it is needed for the accuracy contract. */
  why: string;
  /** The doc (relative to docs/) with the full account. */
  doc: string;
}

export const REASONS: Readonly<Record<string, Reason>> = {
  linregress: {
    why: "Full run of 2026-12-07 08:12 UTC: 0.93x scipy at worst (weak, n = 1e6, Float64Array; 0.89x alone), 0.07-0.65x at 1e3-1e5 and on every decimal shape. In the run of 11:06 the worst was small-int at 1e5 alone, 1.07x: 0.64-0.66 ms in a fresh process against 0.35-0.40 ms in the shared one in all of that day's runs, on the same lane (decimal-integers), a state V8 reached in that process rather than the lane's cost. Found 2026-12-07 (v8slow): exactSums was primed on small integers, so a process whose data were small integers kept integer arithmetic with overflow checks in the pass; primed on an offset of 2^31 (double feedback from the start), fresh processes at 1e5 read 0.52 -> 0.34 ms median on Float64Arrays and 0.46 -> 0.30 ms on plain arrays (10 and 8 processes, 12:13 UTC, load 7-9), two-decimal 0.88 -> 0.62 ms, and 0.45 -> 0.38 ms after the shared panel's earlier calls (precision-lanes.md). With both input kinds in one process, the float64 lane on strong data at 1e6 took either about 2.0 ms or 3.6-4.4 ms a call on both kinds alike, per process (fast in 5 of 8, 3 of 6 and 1 of 10 processes in three runs at load 5-9), with the same optimised code (same size, same optimisations and deopts under --trace-opt/--trace-deopt, with or without on-stack replacement); one kind alone was always 1.8-2.1 ms, Float64Array and plain arrays alike (1.95 and 1.97 ms median, 10 processes each): the 1.3x gap between the kinds is the shared process's, not the lane's. Priming shiftedSums on both kinds made 7 of 10 such processes fast but single-kind Float64Array processes 1.16x slower (1.95 -> 2.27 ms median, 10 each), so it was not kept; the cause was not found. On decimal data (offset, small integers, two decimals, ties) the one pass is bound by the two divisions per value that prove each double is the decimal it prints as (two-decimal at 1e6: about 3.7 ms, nearly all the exact-sums pass, against scipy's 7.5); full-precision data with an intercept near zero (the weak shape) need a second pass for the means. The lanes run before the type checks and prove the values themselves (plain arrays 0.74-0.86x the previous time at 1e4 and 1e6, same-process A/B). Tried and measured no faster: multiply-based decimal checks (no cheaper than the division); priming the kernels against their end-of-loop deopts (0.97-1.08x per shape at 1e6). The 2x goal needs a proof of the decimals cheaper than a division per value and a one-pass bound that holds with an intercept near zero.",
    doc: 'precision-lanes.md',
  },
  ols: {
    why: "Short decimals (offset, two-decimal, small-int, ties) are exact integers and run at 0.47-1.4x numpy; the worst case in the full run of 2026-12-07 is full precision: 8.23x at strong, n = 1e4, in the shared process (4.60x alone; numpy's time there 0.23 ms, 0.23-0.34 ms over shapes), 5.77x at 1e5 and 4.15x at 1e6. A --cpu-prof at heavy-tails, n = 1e4, gave resolving the three columns' decimals 53% of a call (70-79 ns a row), the Dot2 Gram matrix 25% (24-31 ns), the cross terms 8% and the read 6%, against numpy's 27 ns a row. Since then (branch olsref) the bound on the doubles is also taken row by row (the smallest bound that holds without the decimals, within 2x; one pass of 17-30 ns a row, tried when a 1-in-64 row estimate passes): heavy-tails and none at 1e4 no longer resolve decimals, 0.49-0.59x the previous time at 1e4-1e6 (same-process A/B, 2026-12-07 12:13-12:16 UTC, load 8-21), and a partial panel (12:19 UTC, load 17.7) put heavy-tails at 2.4x numpy at 1e4, 2.0-2.3x at 1e5 and 1.8-1.9x at 1e6 (4.7x, 4.9x and 3.8x in the 11:06 full run). The rest cannot follow: on strong and weak (an intercept near 0) at every size and none at 1e6 (R^2 near p / n) the floor itself, sum_i |df/dv_i| ulp(v_i) / 2 over every value, is 1.01x to 51x the 1e-13 tolerance (bench/ols-bound-floor.ts), and none at 1e5 fails on adjusted R^2 (its numerator cancels; about 9x in the lane's estimate), so no bound on the doubles, refined or not, can answer and the decimals are the contract's price: that partial panel's worst was still strong at 1e4, 7.4x (1.68 ms against 0.25). Tried and not kept: the hot loops' tables read from locals, each column split once instead of per product, the cross terms taken in the decimal pass, the row-by-row pass as loops over vectors in typed arrays (about 10x slower than the kernel kept).",
    doc: 'precision-lanes.md',
  },
  polyfit: {
    why: "Short decimals (offset, small-int, two-decimal, ties) answer on exact power sums of the shifted integers, solved in exact rationals: 0.78-1.09x numpy at 1e4, 0.34-0.74x at 1e5-1e6. The worst case in the full run of 2026-12-07 is full-precision x on ols's fused machinery: weak, n = 1e5, 1.95x alone (1.43x in the shared process), 1.40x at 1e4 and 1.26x at 1e6. At 1e4 a value costs about 100 ns against numpy's 72: the sums pass 45 ns (some 200 flops of error-free sums and exact products) and resolving x's and y's decimals 40 ns, which the rigorous bound needs on these shapes (as ols: decimals 53% of a call, Gram 25%). The checks before the lanes are about 2% of a call (26-28 \u00b5s of 1.26-1.39 ms), so folding them into the lanes, as linregress does, was not done. Going further needs, as for ols, a bound that holds on the doubles alone.",
    doc: 'precision-lanes.md',
  },
  kendalltau: {
    why: "Full run of 2026-12-07 13:47 UTC (quiet): 1.48x scipy at worst (heavy-tails, n = 1e4, Float64Array, shared process; 1.13x alone), with the merge counting inversions 51% of a call at 1e4 and the pairs sort (six LSD passes on full-precision x) 35%. Since then (branch kentt) both are MSD radix sorts on full-precision data: the pairs sorted on x's highest differing bits, moving y (sortPairsMsd.ts), and the discordant pairs counted by an MSD radix sort of y whose levels add, for each value, the earlier values of its range with a larger digit, read from a count tree with no branch on the data (kendallInversions.ts); the merge stays where y comes in sorted runs of 8 or more (ties, small integers, coarse grids). Same-process A/B against main: 0.75-0.94x at 1e4 for the count, then 0.75-0.88x for the sort; 0.69-0.91x at 1e6 (numerics.md). Partial run `--functions kendalltau,ttest_rel --sizes 1e4,1e5,1e6`, 2026-12-07 15:21-15:24 UTC, load average 11 at start: 1.06x at worst (ties, n = 1e5, plain arrays, shared process: 9.19 against 9.65 ms; 0.83x alone), small-int at 1e5 1.04x (plain arrays); strong, weak, none, offset and heavy-tails (the radix count's shapes) 0.60-0.89x at 1e4, 0.78-0.97x at 1e5 and 0.56-0.82x at 1e6. The rows still over are the merge path's (unchanged code: the ties row read 1.04x in the 13:47 run too) within the run-to-run noise of a loaded machine. Tried and not kept: the radix count on every input (1.35-1.68x the merge's time on ties and small-int at 1e4), 13-bit digits (1.03-1.21x against main where 11 bits read 0.74-0.95x), a Fenwick tree over y's dense ranks as scipy counts (0.98-1.49x the merge's time), a branch-free merge (0.99-1.11x).",
    doc: 'numerics.md',
  },
  shapiro: {
    why: "Full run of 2026-12-07: 1.01x scipy at worst (heavy-tails, n = 1e5, plain arrays, shared process; 0.92x alone), 0.95x at 1e4 and 1.00x at 1e6: at the goal within the run-to-run noise (scipy's own time at 1e5 over shapes 3.06-5.75 ms). The sort is most of a call (60-64% on full-precision data; numpy's is vectorised C), then Royston's coefficients (kept for the last n) and the statistic. Kept: each sample read once before its sort, the MSD sort finishing small buckets with one insertion sort (together 0.90-1.01x the previous time, at the edge of what the A/B resolves: the same code against itself reads 0.95-0.99x), decimals on a grid sorted as integers (0.35-0.87x on two-decimal, ties and small-int). Going further needs a faster sort of full-precision doubles than the LSD/MSD radix sorts already used. The 11:06 run's worst row (none, 1e4, plain arrays, 0.66 ms shared against 0.33 ms alone) was not reproduced as a state of shapiro's code (2026-12-07, v8slow): 0.29 ms median over 6 fresh processes alone and 0.24 ms after every panel function on every shape and both kinds at 1e3 and the earlier shapes at 1e4 (numerics.md). Full run of 13:47 UTC on this session's machine (AMD EPYC with AVX-512; numpy reports X86_V4 and AVX512_ICL, and np.sort of 1e5 doubles takes 0.74 ms): 4.50x at none, n = 1e5 (2.48x alone), because scipy's time fell, not ours: at 1e5 over shapes scipy 0.87-1.49 ms against 2.99-4.97 ms in the 11:06 run, ours 1.45-4.87 against 1.70-4.76 ms (plain arrays). shapiro's reference is bound by numpy's sort, which is vectorised with AVX-512 where the CPU has it (x86-simd-sort); a scalar radix sort in JavaScript does not reach it, so on such machines the goal needs a sort JavaScript cannot express (no SIMD in V8 without WebAssembly).",
    doc: 'numerics.md',
  },
  spearmanr: {
    why: 'Met (full run of 2026-12-07): 0.74x scipy at worst (weak, n = 1e6, plain arrays; 0.56x alone). Profiled at n = 1e4 (strong, plain arrays): the two index-carrying LSD radix sorts 69%, the rank-correlation pass 6%, average ranks 2%; decimals on a grid sort as integers with their order (0.46-0.82x at 1e4 on two-decimal, offset, small-int and ties; full-precision shapes unchanged).',
    doc: 'numerics.md',
  },
  ks_2samp: {
    why: "Met (full run of 2026-12-07): 0.71x scipy at worst (heavy-tails, n = 1e5, plain arrays; 0.59x alone). Profiled at n = 1e4 (strong, plain arrays): the two values-only sorts 49%, the two-pointer pass 28%, the exact p-value 4%; decimals on a grid sort as integers (0.77-0.85x at 1e4 on two-decimal and the warm request's data, 0.45-0.50x at 1e6). Full run of 13:47 UTC on a machine with AVX-512 (numpy's sort vectorised): 1.54x at none, n = 1e5, plain arrays (1.09x alone); scipy at 1e5 took 7.05-62.3 ms over shapes against 13.3-59.6 ms in the 11:06 run, ours 5.77-15.5 against 4.65-17.0 ms: the reference's sorts got faster on this CPU, see shapiro's entry.",
    doc: 'numerics.md',
  },
  ttest_1samp: {
    why: "Two throughput runs of 2026-12-07 (09:53 and 09:57 UTC, the six moment functions at 1e4-1e6, load average 6.4 and 20 at start): 0.86x scipy at worst in the first (weak, n = 1e6, Float64Array, shared process; 0.38x alone), 0.77x in the second (offset, n = 1e6: 2.35 ms against 3.00 ms; 0.63x alone); the offset shape at 1e6 read 0.84x and 0.77x. Its time had been DecimalShift's fields: ES2022 class fields, first defined as undefined, which V8 kept tagged, and the one pass ran 1.5x its time; declared instead, the offset shape takes 0.55-0.71x the previous time at 1e4-1e6 (same-process A/B, bench/moments-ab.ts). That pass, with its division per value proving the decimals, is now bound by its operation count: 1.7 ns a value, against 1.1 ns with no check at all (micro-benchmark). Tried and not kept: a division-free proof of the decimals (precision-lanes.md), 0.88-0.90x on Float64Arrays and 0.95-1.02x on plain arrays, but 2.2-3.3x slower on data across a power of two, and 0.96-0.98x once guarded against them.",
    doc: 'precision-lanes.md',
  },
  ttest_ind: {
    why: 'Two throughput runs of 2026-12-07 (09:53 and 09:57 UTC, the six moment functions at 1e4-1e6, load average 6.4 and 20 at start): 0.89x and 0.72x scipy at worst, both offset, n = 1e6, Float64Array (4.78 and 4.80 ms against 5.36 and 6.87; 0.73x and 0.66x alone). Per sample as ttest_1samp: the declared DecimalShift fields took the offset shape to 0.55-0.74x its previous time (same-process A/B); what remains is the one pass with its division per value, bound by its operation count, and the division-free proof measured no better (see ttest_1samp).',
    doc: 'precision-lanes.md',
  },
  ttest_rel: {
    why: "Full run of 2026-12-07 13:47 UTC (quiet): 1.03x scipy at worst (strong, n = 1e6, Float64Array, shared process: 4.29 against 4.24 ms; 0.97x alone, 4.00 against 4.32 ms), while weak, offset, heavy-tails and the decimal shapes at 1e6 took 1.9-2.5 ms on the same lane (none 3.8-4.4 ms). Partial run `--functions kendalltau,ttest_rel --sizes 1e4,1e5,1e6`, 15:21-15:24 UTC, load average 11 at start: 0.65x at worst (strong, 1e6, Float64Array: 4.46 against 6.09 ms; 0.61x alone, 3.94 against 6.62 ms), the other shapes at 1e6 1.8-2.6 ms; the ratio moved because scipy's time did, not ours. No code changed: in a script calling ttestRel directly on the bench's strong and weak data at 1e6, both input kinds in one process (8 fresh processes, 15:26 UTC, load 6-8), strong took 2.20-2.34 ms on Float64Array and 1.62-1.71 ms on plain arrays, weak 2.39-2.43 and 1.69-1.78 ms: the 3.9-4.5 ms of the strong row is a state of the bench's process (as ttest_1samp's entry found for its float64 lane) (cause not found), not of the lane. The offset shape answers in the exact decimal route with two divisions a pair; the division-free proof in that kernel measured 1.10-1.16x slower and one shared per-pair check 1.25-1.36x, so the kernel keeps its written-out check.",
    doc: 'precision-lanes.md',
  },
  pearsonr: {
    why: 'Two throughput runs of 2026-12-07 (09:53 and 09:57 UTC, the six moment functions at 1e4-1e6, load average 6.4 and 20 at start): 0.37x and 0.24x scipy at worst (weak, n = 1e5, and strong, n = 1e6, Float64Array). One pass on plain data (five sums in blocks of four) and one pass of exact integer sums on an offset (0.21x and 0.10x there at 1e6); the declared DecimalShift fields changed nothing here (0.99-1.01x, same-process A/B).',
    doc: 'precision-lanes.md',
  },
  f_oneway: {
    why: "Two throughput runs of 2026-12-07 (09:53 and 09:57 UTC, the six moment functions at 1e4-1e6, load average 6.4 and 20 at start): 0.25x scipy at worst in both (offset, n = 1e6, Float64Array: 7.2 and 7.1 ms against 29 ms; scipy's own time at 1e5 read 7-9 ms in these runs against 1.05-1.84 ms in the last full run, so these ratios flatter us). Each group is summed as ttest_ind does, and the declared DecimalShift fields took the offset shape to 0.55-0.69x its previous time (same-process A/B): 0.53-0.75 ms at 1e5, 5.3-7.2 ms at 1e6.",
    doc: 'precision-lanes.md',
  },
  describe: {
    why: "Two throughput runs of 2026-12-07 (09:53 and 09:57 UTC, the six moment functions at 1e4-1e6, load average 6.4 and 20 at start): 0.68x scipy at worst in the first (offset, n = 1e6, 7.91 ms against 11.6 alone); in the second the worst was small-int, n = 1e5, plain arrays, 1.30x alone (1.82 ms against 1.55) but 0.70x in the shared process, a path this round did not change: one slow round of one process. On the offset shape the declared DecimalShift fields gave 0.90-0.94x; two passes remain there (the mean with the minimum and maximum, then three compensated power sums per value). One loop for the plain and shifted deviation sums measured 1.10-1.19x, so each keeps its own. In the full runs of 10:33 and 11:06 UTC the offset row at n = 1e6 read 1.22x and 1.99x alone: the same call takes either about 8 ms or 14-16 ms depending on the state V8 reaches in that process (`pnpm bench --only throughput --functions describe --shapes offset --sizes 1e6`: 14.4-14.8 ms in four runs with one input kind, 8.2 ms with both; 7.9-8.1 ms in a script calling describe directly from its third call on). The slow state, found 2026-12-07 (v8slow): DecimalShift.mean's loop, compiled on-stack and cached, deoptimised after the loop on every call (insufficient type feedback at its field stores) in processes where a full garbage collection had freed the shifts' hidden class (every shift dies with its call) and cleared the feedback naming it. One shift is now kept alive for the process (fastMoments.ts): fresh processes in the bench's timing loop, 12 each (11:54 UTC, load 4.1), 6.9 / 18.9 / 35.1 ms before (min / median / max), 6.8 / 8.0 / 11.1 ms after; with a full collection forced after the first call (node --expose-gc, 10 each, 12:30 UTC) 12.3 / 18.1 / 32.9 ms before, 6.9 / 7.1 / 7.3 ms after; the bench row, four runs each (load 4-8), 7.65-8.41 ms and once 15.4 ms before, 8.04-10.2 ms after (docs/precision-lanes.md).",
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
