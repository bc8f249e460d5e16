import { describe, expect, it } from 'vitest';
import { incompleteGamma } from '../src/distributions/internal/incompleteGamma';
import { normalCdf, normalQuantile, normalSf } from '../src/index';
import golden from './fixtures/golden/distributions.json' with { type: 'json' };

/**
 * The regularized incomplete gamma behind the chi-squared and normal tails,
 * and the normal quantile, against golden/distributions.py (mpmath at 50-60
 * digits; `incgamma`, `norm_ppf`): 12 significant digits wherever the value
 * is at least 1e-300 (null in the JSON below that).
 */
const digits12 = (actual: number, expected: number) => {
  if (expected === 0) return expect(actual).toBe(0);
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(1e-12);
};

describe('incompleteGamma', () => {
  it.each(golden.incgamma)('P($a, $x)', ({ x, a, lower, upper }) => {
    if (lower !== null) digits12(incompleteGamma(x, a), lower);
    else expect(incompleteGamma(x, a)).toBeLessThan(1e-299);
    if (upper !== null) digits12(incompleteGamma(x, a, true), upper);
    else expect(incompleteGamma(x, a, true)).toBeLessThan(1e-299);
  });

  // chi-squared with 1e4 to 1e6 degrees of freedom, at a + k sqrt(a), |k| <= 30.
  it.each(golden.incgamma_large)('large a: P($a, $x)', ({ x, a, lower, upper }) => {
    if (lower !== null) digits12(incompleteGamma(x, a), lower);
    else expect(incompleteGamma(x, a)).toBeLessThan(1e-299);
    if (upper !== null) digits12(incompleteGamma(x, a, true), upper);
    else expect(incompleteGamma(x, a, true)).toBeLessThan(1e-299);
  });

  it('has the exact values at the ends and NaN outside the domain', () => {
    expect(incompleteGamma(0, 2)).toBe(0);
    expect(incompleteGamma(0, 2, true)).toBe(1);
    expect(incompleteGamma(Number.POSITIVE_INFINITY, 2)).toBe(1);
    expect(incompleteGamma(Number.POSITIVE_INFINITY, 2, true)).toBe(0);
    expect(incompleteGamma(-1, 2)).toBeNaN();
    expect(incompleteGamma(1, 0)).toBeNaN();
    expect(incompleteGamma(Number.NaN, 1)).toBeNaN();
  });
});

describe('normalQuantile', () => {
  it.each(golden.norm_ppf)('p=$p', ({ p, z }) => {
    digits12(normalQuantile(p), z);
  });

  it('inverts the cdf and handles the ends', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
    digits12(normalCdf(normalQuantile(0.3)), 0.3);
  });

  it('normalSf is NaN for NaN and exact at the ends', () => {
    expect(normalSf(Number.NaN)).toBeNaN();
    expect(normalSf(Number.POSITIVE_INFINITY)).toBe(0);
    expect(normalSf(Number.NEGATIVE_INFINITY)).toBe(1);
    expect(normalSf(0)).toBe(0.5);
  });
});
