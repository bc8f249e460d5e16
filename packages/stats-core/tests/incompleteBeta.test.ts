import { describe, expect, it } from 'vitest';
import { gammaSmall, stirlingCorrection, xMinusLog1p } from '../src/distributions/internal/gamma';
import { incompleteBeta } from '../src/distributions/internal/incompleteBeta';
import golden from './fixtures/golden/distributions.json' with { type: 'json' };

/**
 * The regularized incomplete beta behind the t, F and correlation tails,
 * against golden/distributions.py (mpmath at 50 digits, 1200 for the
 * complements; `incbeta`): a, b from 1/2 to 2500 (and 1/2 with 5e5, the t
 * distribution at df = 1e6), x from 1e-300 to 1 - 1e-10, both tails, each to
 * 12 significant digits wherever the value is at least 1e-300 (null in the
 * JSON below that).
 */
const digits12 = (actual: number, expected: number) => {
  if (expected === 0) return expect(actual).toBe(0);
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(1e-12);
};

describe('incompleteBeta', () => {
  it.each(golden.incbeta)('I_$x($a, $b)', ({ x, a, b, lower, upper }) => {
    if (lower !== null) digits12(incompleteBeta(x, a, b), lower);
    else expect(incompleteBeta(x, a, b)).toBeLessThan(1e-299);
    if (upper !== null) digits12(incompleteBeta(x, a, b, true), upper);
    else expect(incompleteBeta(x, a, b, true)).toBeLessThan(1e-299);
  });

  // Student t at df = 1e6 and 2e6, F with dfd = 1e6 and dfn up to 1000: the
  // mean of Beta(a, b) and 1 to 30 standard deviations either side.
  it.each(golden.incbeta_large)('large parameters: I_$x($a, $b)', ({ x, a, b, lower, upper }) => {
    if (lower !== null) digits12(incompleteBeta(x, a, b), lower);
    else expect(incompleteBeta(x, a, b)).toBeLessThan(1e-299);
    if (upper !== null) digits12(incompleteBeta(x, a, b, true), upper);
    else expect(incompleteBeta(x, a, b, true)).toBeLessThan(1e-299);
  });

  it('has the exact values at the ends and NaN outside the domain', () => {
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(0, 2, 3, true)).toBe(1);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
    expect(incompleteBeta(1, 2, 3, true)).toBe(0);
    for (const [x, a, b] of [
      [Number.NaN, 1, 1],
      [-0.1, 1, 1],
      [1.1, 1, 1],
      [0.5, 0, 1],
      [0.5, 1, -1],
      [0.5, Number.NaN, 1],
    ] as const) {
      expect(incompleteBeta(x, a, b)).toBeNaN();
    }
  });

  it('is a cdf: I_x(1, 1) = x, and I_x(a, b) = 1 - I_{1-x}(b, a)', () => {
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 15);
    digits12(incompleteBeta(0.25, 3, 7), 1 - incompleteBeta(0.75, 7, 3));
  });
});

describe('incomplete beta helpers', () => {
  it('gammaSmall matches Gamma at known values', () => {
    digits12(gammaSmall(0.5), Math.sqrt(Math.PI));
    digits12(gammaSmall(1), 1);
    digits12(gammaSmall(5), 24);
    digits12(gammaSmall(15.5), 334838609873.55646); // mpmath.gamma(15.5)
    digits12(gammaSmall(1e-3), 999.4237724845955); // mpmath.gamma(0.001)
  });

  it('stirlingCorrection is ln Gamma minus Stirling (mpmath)', () => {
    // mpmath: loggamma(z) - ((z - 1/2) log z - z + log(2 pi) / 2)
    digits12(stirlingCorrection(8), 0.010411265261972096);
    digits12(stirlingCorrection(1e6), 8.333333333330556e-8);
  });

  it('xMinusLog1p keeps its digits near 0 (mpmath)', () => {
    digits12(xMinusLog1p(1e-10), 4.999999999666667e-21);
    digits12(xMinusLog1p(-0.4), 0.1108256237659907);
    digits12(xMinusLog1p(0.9), 0.2581461138276052);
    digits12(xMinusLog1p(5), 3.208240530771945);
  });
});
