/**
 * Priming against V8's on-stack compile (Node 20). A function whose first
 * call in a process runs a long loop gets that loop compiled on-stack
 * before the code after the loop has any type feedback; that code then
 * deoptimises at the loop's end, and every later call enters the loop's
 * on-stack code again and deoptimises again: --trace-deopt showed one or
 * two deopts per warm 10,000-point request in the rank, robust and
 * polynomial statistics. Calling the function a dozen times on a few values
 * first, once per process, gives the code after the loop its feedback
 * (fastMoments.ts's primeKernel does the same for the moment kernels).
 */
const primed = new Set<unknown>();

/**
 * A call of at most this many values is not worth priming for: its loops
 * run too few iterations for the on-stack compile the priming is against,
 * and a fresh process's first (cold start) request would pay the priming
 * interpreted (kendalltau's made its cold start 1.46x hello-world's).
 */
export const PRIME_MIN_SIZE = 2 ** 10;

/**
 * Runs `run` a dozen times, the first time it is asked for `fn` in this
 * process by a call of more than PRIME_MIN_SIZE values (`size`; without it,
 * whatever the call's size).
 */
export function primeOnce(fn: unknown, run: () => unknown, size = Number.POSITIVE_INFINITY): void {
  if (size <= PRIME_MIN_SIZE || primed.has(fn)) return;
  primed.add(fn);
  for (let k = 0; k < 12; k++) run();
}

/**
 * primeOnce with two runs, for priming inputs of hundreds of loop
 * iterations (the sorts'): the first run spends V8's budget for a
 * function's feedback vector (under a thousand bytes of bytecode run), so
 * the second records feedback on every path it takes. Twelve runs of such
 * inputs cost a fresh process's first request milliseconds.
 */
export function primeOnceLong(fn: unknown, run: () => unknown): void {
  if (primed.has(fn)) return;
  primed.add(fn);
  run();
  run();
}

/** Six short decimals with a tie, as a Float64Array. */
export const PRIME_F64 = Float64Array.of(1.25, -0.5, 3, 0.75, 3, 2);
/** The same values as a plain array. */
export const PRIME_ARRAY: readonly number[] = Array.from(PRIME_F64);

/** The priming values of the same array kind as `like` (priming both kinds would make the loads polymorphic). */
export const primeLike = (like: ArrayLike<number>): ArrayLike<number> =>
  like instanceof Float64Array ? PRIME_F64 : PRIME_ARRAY;
