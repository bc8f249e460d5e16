/**
 * TwoSum, the one error-free addition every compensated sum of the moment
 * family is built on (Knuth; the Sum2 of Ogita, Rump and Oishi 2005): for
 * doubles a and b whose sum does not overflow, fl(a + b) + sumError(a, b)
 * is a + b exactly. Branch-free, so it gives the same double as the
 * branching Fast2Sum form (|a| >= |b| ? (a - t) + b : (b - t) + a) without
 * a branch that random data mispredict.
 *
 * A compensated sum reads `c += sumError(s, v); s += v;`: V8 inlines the
 * call and computes s + v once (measured in bench/moments-ab.ts against the
 * copies it replaced, which wrote the four lines out inline).
 */
export function sumError(a: number, b: number): number {
  const t = a + b;
  const z = t - a;
  return a - (t - z) + (b - z);
}

/**
 * acc[at] + acc[at + 1] += v by TwoSum: the high part is the running sum,
 * the low part the accumulated errors (a compensated accumulator kept in a
 * reused Float64Array, for sums added once per block of values).
 */
export function addExact(acc: Float64Array, at: number, v: number): void {
  const s = acc[at] as number;
  acc[at + 1] = (acc[at + 1] as number) + sumError(s, v);
  acc[at] = s + v;
}
