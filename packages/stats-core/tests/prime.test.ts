import { describe, expect, it } from 'vitest';
import { PRIME_ARRAY, PRIME_F64, primeLike, primeOnce } from '../src/internal/prime';

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
