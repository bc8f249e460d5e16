import { describe, expect, it } from 'vitest';
import { PAIRED_PRIMING, pairedPrimers } from '../src/hypothesis-tests/ttestRel';
import {
  PRIME_ARRAY,
  PRIME_F64,
  PRIME_MIN_SIZE,
  primeLike,
  primeOnce,
} from '../src/internal/prime';

/**
 * primeOnce runs a function's priming calls once per process, before its
 * first real call, so V8 has type feedback for the code after a long loop
 * (the priming only warms the compiler: results are the accuracy tests').
 */
describe('primeOnce', () => {
  it('runs the priming a dozen times the first time a function asks, never again', () => {
    const key = () => 0;
    let runs = 0;
    primeOnce(key, () => runs++);
    expect(runs).toBe(12);
    primeOnce(key, () => runs++);
    expect(runs).toBe(12);
  });

  it('with a size, primes only for a call of more than PRIME_MIN_SIZE values', () => {
    const key = () => 0;
    let runs = 0;
    primeOnce(key, () => runs++, PRIME_MIN_SIZE);
    expect(runs).toBe(0);
    primeOnce(key, () => runs++, PRIME_MIN_SIZE + 1);
    expect(runs).toBe(12);
    primeOnce(key, () => runs++, 1e6);
    expect(runs).toBe(12);
  });

  it('a function priming itself from its own body runs the priming once (no recursion)', () => {
    let calls = 0;
    const f = (x: ArrayLike<number>): number => {
      primeOnce(f, () => f(primeLike(x)));
      calls++;
      return x.length;
    };
    expect(f([1, 2, 3])).toBe(3);
    expect(calls).toBe(13);
    f([4]);
    expect(calls).toBe(14);
  });

  it('primes with the array kind of the call', () => {
    expect(primeLike(new Float64Array(3))).toBe(PRIME_F64);
    expect(primeLike([1, 2])).toBe(PRIME_ARRAY);
    expect(Array.from(PRIME_F64)).toEqual(PRIME_ARRAY);
  });
});

/**
 * ttestRel primes its paired kernels on PAIRED_PRIMING: each priming call
 * must reach its kernel's answer (the code after the loop the priming is
 * for), with the magnitudes that give the arithmetic floating-point rather
 * than small-integer feedback. The answers are checked against the
 * differences' mean and sum of squares computed in cents as integers.
 */
describe("ttestRel's priming pairs", () => {
  const { a, b, exactShift } = PAIRED_PRIMING;
  const cents = (v: number) => Math.round(v * 100);
  const d = Array.from(a, (v, i) => cents(v) - cents(b[i] as number));
  const meanCents = d.reduce((s, v) => s + v, 0) / d.length;
  const ssCents = d.reduce((s, v) => s + (v - meanCents) ** 2, 0);

  it.each([
    ['Float64Array', PRIME_F64],
    ['plain array', PRIME_ARRAY],
  ] as const)("reach both kernels' answers (%s)", (_, like) => {
    for (const primer of [pairedPrimers.onePass, pairedPrimers.exact]) {
      const answer = primer(like);
      expect(typeof answer).toBe('object');
      const { mean, ss } = answer as { mean: number; ss: number };
      expect(mean).toBeCloseTo(meanCents / 100, 9);
      expect(ss / (ssCents / 1e4)).toBeCloseTo(1, 9);
    }
  });

  it('have scaled values and squared differences beyond 32-bit integers when shifted', () => {
    expect(Math.min(...Array.from(a, (v) => cents(v + exactShift)))).toBeGreaterThan(2 ** 31);
    expect(Math.min(...d.map((v) => v * v))).toBeGreaterThan(2 ** 31);
  });
});
