import { describe, expect, it } from 'vitest';
import { kolmogorovSf, kolmogorovTwoSidedSf, normalQuantile } from '../src/index';
import golden from './fixtures/golden/scipy_stats.json' with { type: 'json' };

/**
 * Reference: golden/scipy_stats.py (scipy 1.17 kstwo.sf, kstwobign.sf; the
 * normal quantile from mpmath's erfinv at 50 digits). Tolerance: 12
 * significant digits on a grid that visits every branch of scipy's method
 * choice (Ruben-Gambino ends, Durbin matrix, Pomeranz, Pelz-Good, and the
 * one-sided Smirnov sum, which scipy evaluates in double-double and this
 * library with Loader's saddle-point binomial terms); the worst case measured
 * is 1.4e-13 relative (Pomeranz, n = 140, d = 0.15).
 */
const rel = (a: number, e: number) => (e === 0 ? Math.abs(a) : Math.abs(a - e) / Math.abs(e));

describe('kolmogorovTwoSidedSf (kstwo.sf)', () => {
  it.each(golden.kstwoSf)('n=$n d=$d', ({ n, d, sf }) => {
    if (sf < 1e-300) return void expect(kolmogorovTwoSidedSf(d, n)).toBeLessThan(1e-290);
    expect(rel(kolmogorovTwoSidedSf(d, n), sf)).toBeLessThanOrEqual(1e-12);
  });
});

describe('kolmogorovSf (kstwobign.sf)', () => {
  it.each(golden.kolmogorovSf)('x=$x', ({ x, sf }) => {
    expect(rel(kolmogorovSf(x), sf)).toBeLessThanOrEqual(1e-12);
  });
});

describe('normalQuantile', () => {
  it.each(golden.normalQuantile)('p=$p', ({ p, q }) => {
    expect(rel(normalQuantile(p), q)).toBeLessThanOrEqual(1e-12);
  });

  it('is infinite at 0 and 1 and NaN outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});
