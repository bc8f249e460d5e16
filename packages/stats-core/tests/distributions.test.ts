import { describe, expect, it } from 'vitest';
import { chiSquaredSf, fisherFSf, normalSf, studentTCdf, studentTSf } from '../src/index';
import golden from './fixtures/golden/distributions.json' with { type: 'json' };

/**
 * Reference: golden/distributions.py (scipy 1.17 cross-checked with mpmath at
 * 50 digits; the JSON stores the mpmath value). Tolerance: 12 significant
 * digits (relative 1e-12), the accuracy the p-values promise, for tails down
 * to 1e-300. Every tail is computed directly, so tiny p-values keep their
 * relative precision instead of collapsing to 0 as 1 - cdf would.
 */
const digits12 = (actual: number, expected: number) => {
  if (expected === 0) return expect(actual).toBe(0);
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(1e-12);
};

describe('studentTSf', () => {
  it.each(golden.t_sf)('t=$t df=$df', ({ t, df, sf }) => {
    digits12(studentTSf(t, df), sf);
  });

  it('is the mirror image of the cdf', () => {
    expect(studentTCdf(-2.5, 7)).toBe(studentTSf(2.5, 7));
  });

  it('gives NaN for a NaN statistic or non-positive df', () => {
    expect(studentTSf(Number.NaN, 3)).toBeNaN();
    expect(studentTSf(1, 0)).toBeNaN();
  });
});

describe('fisherFSf', () => {
  it.each(golden.f_sf)('f=$f dfn=$dfn dfd=$dfd', ({ f, dfn, dfd, sf }) => {
    digits12(fisherFSf(f, dfn, dfd), sf);
  });
});

describe('chiSquaredSf', () => {
  it.each(golden.chi2_sf)('x=$x df=$df', ({ x, df, sf }) => {
    digits12(chiSquaredSf(x, df), sf);
  });
});

describe('normalSf', () => {
  it.each(golden.norm_sf)('z=$z', ({ z, sf }) => {
    digits12(normalSf(z), sf);
  });
});
