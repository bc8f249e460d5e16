import erfc from '@stdlib/math-base-special-erfc';

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
