import { normalQuantile } from './normal';
import { studentTSf } from './studentT';

/**
 * Quantile (inverse CDF) of Student's t distribution with `df` degrees of
 * freedom: the t with P(T <= t) = p, as scipy.stats.t.ppf(p, df).
 *
 * Found by safeguarded Newton steps on the upper tail {@link studentTSf}
 * (accurate to about 14 digits, never formed as 1 - cdf), starting from the
 * normal quantile with Cornish-Fisher terms, inside a bracket that shrinks
 * on every step so it cannot diverge. The density in the Newton step only
 * sets the step size, so its own accuracy (about 1e-12 at large df) does not
 * limit the result: the answer's relative error is that of the tail divided
 * by t times the density, about 1e-14 for the usual levels.
 *
 * @param p - probability in [0, 1]; 0 and 1 give -Infinity and +Infinity
 * @param df - degrees of freedom, > 0; NaN otherwise
 * @returns the quantile, NaN for p outside [0, 1] or df <= 0
 * @example studentTQuantile(0.975, 10) // 2.228138851986274
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  // Solve for the upper tail q = P(T > t) with t > 0, then mirror.
  const q = p > 0.5 ? 1 - p : p;
  const t = upperQuantile(q, df);
  return p > 0.5 ? t : -t;
}

/** t > 0 with studentTSf(t, df) = q, 0 < q < 1/2. */
function upperQuantile(q: number, df: number): number {
  const z = normalQuantile(1 - q);
  // Cornish-Fisher start (Abramowitz and Stegun 26.7.5), then Newton.
  const z2 = z * z;
  let t = z + (z * (z2 + 1)) / (4 * df) + (z * (5 * z2 * z2 + 16 * z2 + 3)) / (96 * df * df);
  if (!(t > 0) || !Number.isFinite(t)) t = z > 0 ? z : 1;
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  const logNorm = logDensityConstant(df);
  for (let i = 0; i < 200; i++) {
    const tail = studentTSf(t, df);
    if (tail === q) return t;
    if (tail > q) lo = t;
    else hi = t;
    const density = Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
    let next = t + (tail - q) / density;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) {
      next = Number.isFinite(hi) ? (lo + hi) / 2 : 2 * t;
    }
    if (Math.abs(next - t) <= 4e-16 * t) return next;
    t = next;
  }
  return t;
}

/** ln of Gamma((df + 1) / 2) / (sqrt(df pi) Gamma(df / 2)). */
function logDensityConstant(df: number): number {
  return logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
}

/** ln Gamma(z), z > 0, by Stirling's series after shifting z above 10 (about 1e-14). */
function logGamma(z: number): number {
  let shift = 0;
  let x = z;
  while (x < 10) {
    shift -= Math.log(x);
    x += 1;
  }
  const w = 1 / (x * x);
  const series = (1 / 12 - w * (1 / 360 - w * (1 / 1260 - w / 1680))) / x;
  return shift + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series;
}
