import { incompleteGamma } from './internal/incompleteGamma';

const INV_SQRT_2PI = 0.3989422804014327;

/**
 * Upper tail P(Z > z) of the standard normal distribution,
 * erfc(z / sqrt 2) / 2 = Q(1/2, z^2 / 2) / 2 for z >= 0, accurate in the far
 * tail (never 1 - cdf).
 *
 * @example normalSf(1.959963984540054) // 0.025
 */
export function normalSf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const tail = 0.5 * incompleteGamma(0.5 * z * z, 0.5, true);
  return z >= 0 ? tail : 1 - tail;
}

/**
 * Lower tail P(Z <= z) of the standard normal distribution.
 *
 * @example normalCdf(-1.959963984540054) // 0.025
 */
export function normalCdf(z: number): number {
  return normalSf(-z);
}

/**
 * Quantile (inverse cdf) of the standard normal distribution, scipy's ndtri:
 * z with P(Z <= z) = p, accurate in both tails. The tail t = min(p, 1 - p)
 * (1 - p is exact there) is inverted by Halley's method on the direct tail
 * normalSf (|z| >= 0.67) or on erf(z / sqrt 2) = 1 - 2t = P(1/2, z^2/2)
 * near the centre, where 1 - 2t is exact and the tail would cancel.
 *
 * @param p - probability in [0, 1]; 0 gives -Infinity, 1 gives +Infinity, otherwise NaN
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  const t = p < 0.5 ? p : 1 - p;
  const w = t < 0.25 ? invertTail(t) : invertCentre(1 - 2 * t);
  return p < 0.5 ? -w : w;
}

/** w > 0 with normalSf(w) = t, t < 1/4. */
function invertTail(t: number): number {
  // Start: the asymptotic inverse of the Mills ratio.
  const l = -2 * Math.log(t);
  let w = Math.sqrt(Math.max(l - Math.log(2 * Math.PI * Math.max(l - 1, 1)), 0.3));
  for (let i = 0; i < 60; i++) {
    const pdf = INV_SQRT_2PI * Math.exp(-0.5 * w * w);
    const delta = (normalSf(w) - t) / pdf;
    const step = delta / (1 + 0.5 * w * delta);
    w += step;
    if (Math.abs(step) <= 1e-16 * w) break;
  }
  return w;
}

/** w > 0 with P(1/2, w^2/2) = erf(w / sqrt 2) = e, 0 < e <= 1/2. */
function invertCentre(e: number): number {
  let w = e * 1.2533141373155003; // sqrt(pi/2) e, the linear term
  for (let i = 0; i < 60; i++) {
    const dens = 2 * INV_SQRT_2PI * Math.exp(-0.5 * w * w);
    const delta = (e - incompleteGamma(0.5 * w * w, 0.5)) / dens;
    const step = delta / (1 - 0.5 * w * delta);
    w += step;
    if (Math.abs(step) <= 1e-16 * w) break;
  }
  return w;
}
