import { studentTSf } from '../../distributions/studentT';
import { isConstant } from '../../internal/validate';
import { BLOCK, centredSums, headMean } from './centredSums';
import type { LinregressCore } from './linregressCore';

const U = 2 ** -53;
/**
 * Accept the float64 result only if every field's error bound is below this:
 * a tenth of the 1e-10 promise (the bounds are worst-case in the inputs'
 * representation errors, so the real errors are usually far smaller).
 */
const TOLERANCE = 1e-11;
/** A shifted pass is kept when sum d^2 is at most this multiple of S_xx. */
const MAX_AMPLIFICATION = 2;

/** Why the float64 path declined (the caller checks or switches to exact). */
export type LinregressFloatOutcome =
  | LinregressCore
  | 'constant-x'
  | 'constant-y'
  | 'non-finite'
  | null;

/**
 * Simple linear regression in float64 with an error bound on every field
 * relative to the exact answer for the decimal inputs. Returns null when
 * any bound exceeds 1e-11 relative, so the caller switches to the exact
 * decimal path. Requires n >= 3.
 *
 * One blocked pass over the data shifted by the mean of the first 32 points
 * (S_xx = sum d^2 - (sum d)^2 / n, amplification A = sum d^2 / S_xx, near
 * 1); if the shift was poor (A > 2) a second pass centres at the mean. Near
 * |r| = 1 the residual sum of squares comes from the residuals themselves,
 * not from S_yy (1 - r^2). The inputs' binary rounding (u |x_i|) enters
 * through Cauchy-Schwarz with the data's RMS: |sum dx_i dy_i'| <= u ||dx|| ||y||.
 */
export function linregressFloat(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): LinregressFloatOutcome {
  const n = x.length;
  let kx = headMean(x);
  let ky = headMean(y);
  let [sd, se, sdd, sde, see] = centredSums(x, y, kx, ky);
  if (!Number.isFinite(sd + se + sdd + sde + see)) return 'non-finite';
  let sxx = sdd - (sd * sd) / n;
  let syy = see - (se * se) / n;
  if (!(sxx > 64 * U * U * sdd) && isConstant(x)) return 'constant-x';
  if (!(syy > 64 * U * U * see) && isConstant(y)) return 'constant-y';
  let ax = sdd / sxx;
  let ay = see / syy;
  if (!(ax <= MAX_AMPLIFICATION && ay <= MAX_AMPLIFICATION)) {
    kx += sd / n;
    ky += se / n;
    [sd, se, sdd, sde, see] = centredSums(x, y, kx, ky);
    sxx = sdd - (sd * sd) / n;
    syy = see - (se * se) / n;
    ax = sdd / sxx;
    ay = see / syy;
  }
  if (!(sxx > 0 && syy > 0) || !Number.isFinite(sxx * syy)) return null;
  const mx = kx + sd / n;
  const my = ky + se / n;
  const g = 4 * (Math.sqrt(Math.min(n, BLOCK)) + Math.sqrt(n / BLOCK) + 2) * U;
  const plainSxy = sde - (sd * se) / n;
  const plain = finish(x, y, {
    n,
    sxx,
    syy,
    sxy: plainSxy,
    mx,
    my,
    ax,
    ay,
    g,
    // Blocked summation of d e, relative to sqrt(S_xx S_yy).
    crossError: 2 * g * Math.sqrt(ax * ay),
  });
  if (plain.worst <= TOLERANCE) return plain.core;
  // Refinement: when the cross sum's rounding is what stands in the way
  // (small |r|: it enters as g / |r|), one more pass sums (x - mx)(y - my)
  // compensated, which leaves u-sized terms over |r| instead of sqrt(n) u.
  if (!(plain.crossShare > 0.5)) return null;
  const refined = refinedCrossSum(x, y, mx, my, sxx, syy, g);
  const again = finish(x, y, {
    n,
    sxx,
    syy,
    sxy: refined.sxy,
    mx,
    my,
    ax,
    ay,
    g,
    crossError: refined.error,
  });
  return again.worst <= TOLERANCE ? again.core : null;
}

interface Sums {
  n: number;
  sxx: number;
  syy: number;
  sxy: number;
  mx: number;
  my: number;
  /** Amplifications sum d^2 / S_xx and sum e^2 / S_yy of the shifted pass. */
  ax: number;
  ay: number;
  /** Relative rounding of the blocked sums. */
  g: number;
  /** Bound on |computed S_xy - S_xy of the doubles| relative to sqrt(S_xx S_yy). */
  crossError: number;
}

/**
 * The fields from the sums, with the largest relative error bound (`worst`)
 * and the share of the correlation's bound owed to the cross sum's rounding.
 */
function finish(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  sums: Sums,
): { core: LinregressCore; worst: number; crossShare: number } {
  const { n, sxx, syy, sxy, mx, my, ax, ay, g, crossError } = sums;
  const df = n - 2;

  let r = sxy / Math.sqrt(sxx * syy);
  if (r > 1) r = 1;
  else if (r < -1) r = -1;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;

  // Relative error bounds, first order. g: blocked summation rounding
  // (probabilistic), times the shift's amplification; repX, repY: how far a
  // double may sit from the decimal it prints as, in RMS.
  const sdevX = Math.sqrt(sxx / n);
  const sdevY = Math.sqrt(syy / n);
  const repX = U * Math.hypot(sdevX, mx);
  const repY = U * Math.hypot(sdevY, my);
  const eXX = g * ax + (2 * repX) / sdevX;
  const eYY = g * ay + (2 * repY) / sdevY;
  const eXY = (crossError + repX / sdevX + repY / sdevY) / Math.abs(r);
  const eSlope = eXX + eXY;
  const eR = eXY + (eXX + eYY) / 2;

  let ssr: number;
  let eSsr: number;
  const oneMinusR2 = (1 - r) * (1 + r);
  if (oneMinusR2 >= 0.25) {
    ssr = syy - slope * sxy;
    eSsr = g + (eYY + eSlope + eXY) / oneMinusR2;
  } else {
    ssr = residualSumOfSquares(x, y, mx, my, slope);
    const spread = sdevY + Math.abs(slope) * sdevX;
    eSsr = g + (2 * (repY + Math.abs(slope) * repX + 4 * U * spread)) / Math.sqrt(ssr / n);
  }
  if (!(ssr > 0)) return { core: NO_FIT, worst: Number.POSITIVE_INFINITY, crossShare: 0 };
  const stderr = Math.sqrt(ssr / df / sxx);
  const meanSquareX = sxx / n + mx * mx;
  const interceptStderr = stderr * Math.sqrt(meanSquareX);
  const t = slope / stderr;

  const eStderr = (eSsr + eXX) / 2 + 4 * U;
  const eInterceptStderr = eStderr + eXX + g + repX / Math.sqrt(meanSquareX);
  const interceptError =
    repY +
    g * Math.abs(my) +
    Math.abs(slope * mx) * (eSlope + g) +
    Math.abs(slope) * repX +
    U * Math.abs(intercept);
  const eIntercept = interceptError / Math.abs(intercept);
  const eT = eSlope + eStderr;
  // d log p / d log t is at most about min(df, t^2 + 1); an underflowed p stays 0.
  const p = studentTSf(Math.abs(t), df);
  const ePvalue =
    p === 0 && studentTSf(Math.abs(t) * (1 - 8 * eT), df) === 0 ? 0 : eT * pvalueSensitivity(t, df);

  const worst = Math.max(eSlope, eR, eSsr, eStderr, eInterceptStderr, eIntercept, ePvalue);
  return {
    core: { slope, intercept, rvalue: r, stderr, interceptStderr, t },
    worst: Number.isNaN(worst) ? Number.POSITIVE_INFINITY : worst,
    crossShare: crossError / Math.abs(r) / eR,
  };
}

/**
 * A bound on |d log p / d log t| for every alternative: min(df, t^2 + 1)
 * plus 2 in general; for |t| < 0.99 (a p-value near 1 or 1/2, where
 * correlations near 0 land) the sharper |t| f(|t|) / sf(|t|) <= |t| f(0) /
 * sf(1) <= 2.52 |t|, since every Student t density has f(0) <= 1 / sqrt(2 pi)
 * and sf(1) >= the normal's 0.1587 (the tails only get heavier as df falls).
 */
export function pvalueSensitivity(t: number, df: number): number {
  const general = 2 + Math.min(df, t * t + 1);
  const a = Math.abs(t);
  return a < 0.99 ? Math.min(general, 2.6 * a) : general;
}

/** Placeholder core for a declined fit (never returned to the caller). */
const NO_FIT: LinregressCore = {
  slope: Number.NaN,
  intercept: Number.NaN,
  rvalue: Number.NaN,
  stderr: Number.NaN,
  interceptStderr: Number.NaN,
  t: Number.NaN,
};

/**
 * S_xy = sum d e - (sum d)(sum e) / n with d = x - mx, e = y - my, the
 * products summed compensated (TwoSum). Error of the doubles' S_xy, bounded
 * absolutely: each d and e is rounded once and each product once (3 u |d e|),
 * the compensated sum adds 2 u |sum| + 2 n u^2 sum |d e|, and the centring
 * term (sum d)(sum e) / n carries the blocked sums' rounding (g + u) sum |d|
 * with sum |d| <= sqrt(n sum d^2). Returned relative to sqrt(S_xx S_yy).
 */
function refinedCrossSum(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  mx: number,
  my: number,
  sxx: number,
  syy: number,
  g: number,
): { sxy: number; error: number } {
  const n = x.length;
  let sd = 0;
  let se = 0;
  let sdd = 0;
  let see = 0;
  let hi = 0;
  let lo = 0;
  let abs = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - mx;
    const e = (y[i] as number) - my;
    sd += d;
    se += e;
    sdd += d * d;
    see += e * e;
    const p = d * e;
    abs += Math.abs(p);
    const s = hi + p;
    const bb = s - hi;
    lo += hi - (s - bb) + (p - bb);
    hi = s;
  }
  const sde = hi + lo;
  const centring = (sd * se) / n;
  const sxy = sde - centring;
  // The plain sums above (sd, se, sdd, see, abs) are sequential: rounding at
  // most n u of their magnitudes; sdd and see only size the bound.
  const seq = 1.01 * n * U;
  const errD = (g + seq + U) * Math.sqrt(n * sdd * (1 + seq));
  const errE = (g + seq + U) * Math.sqrt(n * see * (1 + seq));
  const errCentring =
    ((Math.abs(sd) + errD) * errE + (Math.abs(se) + errE) * errD) / n + 3 * U * Math.abs(centring);
  const errProducts = (3 * U + 2 * n * U * U) * abs * (1 + seq) + 2 * U * Math.abs(sde);
  const error = (errProducts + errCentring + U * Math.abs(sxy)) / Math.sqrt(sxx * syy);
  return { sxy, error };
}

/** sum((y - my) - slope (x - mx))^2, corrected for the residuals' mean. */
function residualSumOfSquares(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  mx: number,
  my: number,
  slope: number,
): number {
  const n = x.length;
  let se = 0;
  let see = 0;
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    let be = 0;
    let bee = 0;
    for (let i = start; i < end; i++) {
      const e = (y[i] as number) - my - slope * ((x[i] as number) - mx);
      be += e;
      bee += e * e;
    }
    se += be;
    see += bee;
  }
  return see - (se * se) / n;
}
