import erfc from '@stdlib/math-base-special-erfc';
import erfcinv from '@stdlib/math-base-special-erfcinv';

/**
 * Upper tail P(Z > z) of the standard normal distribution, erfc(z / sqrt 2) / 2,
 * accurate in the far tail (never 1 - cdf).
 *
 * @example normalSf(1.959963984540054) // 0.025
 */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * Lower tail P(Z <= z) of the standard normal distribution.
 *
 * @example normalCdf(-1.959963984540054) // 0.025
 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * Quantile (inverse cdf) of the standard normal distribution, scipy's ndtri:
 * z with P(Z <= z) = p, computed as -sqrt(2) erfcinv(2p), accurate in both
 * tails (2p is exact, so no 1 - p cancellation).
 *
 * @param p - probability in [0, 1]; 0 gives -Infinity, 1 gives +Infinity, otherwise NaN
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  return -Math.SQRT2 * erfcinv(2 * p);
}
