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
  const df = n - 2;
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
  const sxy = sde - (sd * se) / n;
  const mx = kx + sd / n;
  const my = ky + se / n;

  let r = sxy / Math.sqrt(sxx * syy);
  if (r > 1) r = 1;
  else if (r < -1) r = -1;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;

  // Relative error bounds, first order. g: blocked summation rounding
  // (probabilistic), times the shift's amplification; repX, repY: how far a
  // double may sit from the decimal it prints as, in RMS.
  const g = 4 * (Math.sqrt(Math.min(n, BLOCK)) + Math.sqrt(n / BLOCK) + 2) * U;
  const sdevX = Math.sqrt(sxx / n);
  const sdevY = Math.sqrt(syy / n);
  const repX = U * Math.hypot(sdevX, mx);
  const repY = U * Math.hypot(sdevY, my);
  const eXX = g * ax + (2 * repX) / sdevX;
  const eYY = g * ay + (2 * repY) / sdevY;
  const eXY = (2 * g * Math.sqrt(ax * ay) + repX / sdevX + repY / sdevY) / Math.abs(r);
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
  if (!(ssr > 0)) return null;
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
    p === 0 && studentTSf(Math.abs(t) * (1 - 8 * eT), df) === 0
      ? 0
      : eT * (2 + Math.min(df, t * t + 1));

  const worst = Math.max(eSlope, eR, eSsr, eStderr, eInterceptStderr, eIntercept, ePvalue);
  if (!(worst <= TOLERANCE)) return null;
  return { slope, intercept, rvalue: r, stderr, interceptStderr, t };
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
