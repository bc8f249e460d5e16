import { lcg32 } from '@lambda-stats/lambda-kit/random';
import { describe, expect, it } from 'vitest';
import { toScaledIntegers } from '../src/regression/internal/decimal';
import {
  exactResidualSumOfSquares,
  normalEquationsOfColumns,
  polynomialNormalEquations,
} from '../src/regression/internal/exactNormalEquations';

/** A seeded generator (tests must not depend on Math.random). */
const rng = lcg32;

/** Values of the families the lanes see: on a large offset with 3 decimals, short decimals, full precision. */
function family(kind: string, n: number, seed: number): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => {
    if (kind === 'offset') return Math.round((1e9 + 1000 * (r() - 0.5)) * 1000) / 1000;
    if (kind === 'short') return Math.round(1000 * r()) / 100;
    return (r() - 0.5) * 7;
  });
}

/** The polynomial design's exact columns, x^k formed from the decimal integers (independent of the power sums). */
function powerColumns(x: number[], first: number, p: number) {
  const base = toScaledIntegers(x);
  return Array.from({ length: p }, (_, j) => {
    const k = first + j;
    return { integers: base.integers.map((v) => v ** BigInt(k)), exponent: base.exponent * k };
  });
}

describe('exact normal equations', () => {
  for (const kind of ['offset', 'short', 'full']) {
    it(`polynomial power sums equal the exact columns' dot products (${kind} x, degree 3 and 2 without intercept)`, () => {
      const x = family(kind, 300, 11);
      const y = family(kind === 'full' ? 'short' : kind, 300, 12);
      const Y = toScaledIntegers(y);
      for (const [first, p] of [
        [0, 4],
        [1, 2],
      ] as const) {
        const fromSums = polynomialNormalEquations(toScaledIntegers(x), Y, first, p);
        const fromColumns = normalEquationsOfColumns(powerColumns(x, first, p), Y);
        expect(fromSums).toEqual(fromColumns);
      }
    });
  }

  it('gives the RSS a row-by-row exact sum gives, for decimal coefficients of any scale', () => {
    const r = rng(5);
    for (let trial = 0; trial < 20; trial++) {
      const x = family(trial % 2 ? 'offset' : 'short', 50, 100 + trial);
      const y = family('short', 50, 200 + trial);
      const X = powerColumns(x, 0, 3);
      const Y = toScaledIntegers(y);
      const mantissas = [0, 1, 2].map(() => BigInt(Math.round((r() - 0.5) * 1e15)));
      const exponents = [0, 1, 2].map(() => Math.floor(r() * 30) - 25);
      const { rss, exponent } = exactResidualSumOfSquares(
        normalEquationsOfColumns(X, Y),
        mantissas,
        exponents,
      );
      // Reference: every residual as an exact rational on a common scale 10^E, squared and summed.
      const E = Math.min(Y.exponent, ...X.map((c, j) => c.exponent + (exponents[j] as number)));
      const scale = (k: number) => 10n ** BigInt(k);
      let reference = 0n;
      for (let i = 0; i < y.length; i++) {
        let e = (Y.integers[i] as bigint) * scale(Y.exponent - E);
        X.forEach((c, j) => {
          e -=
            (c.integers[i] as bigint) *
            (mantissas[j] as bigint) *
            scale(c.exponent + (exponents[j] as number) - E);
        });
        reference += e * e;
      }
      expect(exponent).toBe(2 * E);
      expect(rss).toBe(reference);
    }
  });
});
