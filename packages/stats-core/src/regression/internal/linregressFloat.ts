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
    g,
    // Blocked sums: g of the magnitudes, which the shift amplified by ax, ay.
    eSxx: g * ax,
    eSyy: g * ay,
    // Blocked summation of d e, relative to sqrt(S_xx S_yy).
    crossError: 2 * g * Math.sqrt(ax * ay),
    // The means: each d rounded (u |d|) and summed (g), sum |d| <= sqrt(n sum d^2);
    // then the shift added back (u |mean|).
    mxError: (g + U) * Math.sqrt(sdd / n) + U * Math.abs(mx),
    myError: (g + U) * Math.sqrt(see / n) + U * Math.abs(my),
    formula: g,
  });
  if (plain.worst <= TOLERANCE) return plain.core;
  // Refinement: one more pass, centred at the means just found, with every
  // sum compensated and the centring exact (see refinedSums): what the
  // blocked sums' rounding cost (sqrt(n) u over |r| on S_xy, over the
  // intercept, over 1 - r^2) drops to a few u, and only the inputs' own
  // representation error is left. Weak and no correlation, intercepts near
  // zero and moderate t at n = 1e3 to 1e6 stay here instead of the
  // double-double lane.
  const refined = refinedSums(x, y, mx, my);
  if (!(refined.sxx > 0 && refined.syy > 0)) return null;
  const again = finish(x, y, { n, g, ...refined });
  return again.worst <= TOLERANCE ? again.core : null;
}

interface Sums {
  n: number;
  sxx: number;
  syy: number;
  sxy: number;
  mx: number;
  my: number;
  /** Relative rounding of the blocked sums (the residual pass near |r| = 1 uses them). */
  g: number;
  /** Bounds on |computed S_xx - S_xx of the doubles| / S_xx, likewise S_yy. */
  eSxx: number;
  eSyy: number;
  /** Bound on |computed S_xy - S_xy of the doubles| relative to sqrt(S_xx S_yy). */
  crossError: number;
  /** Bounds on |computed mean - mean of the doubles| (absolute). */
  mxError: number;
  myError: number;
  /** Relative rounding of SSR = S_yy - slope S_xy beyond its inputs' errors. */
  formula: number;
}

/**
 * The fields from the sums, with the largest relative error bound (`worst`)
 * and the share of the correlation's bound owed to the cross sum's rounding.
 */
function finish(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  sums: Sums,
): { core: LinregressCore; worst: number } {
  const { n, sxx, syy, sxy, mx, my, g, eSxx, eSyy, crossError, mxError, myError } = sums;
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
  const eXX = eSxx + (2 * repX) / sdevX;
  const eYY = eSyy + (2 * repY) / sdevY;
  const eXY = (crossError + repX / sdevX + repY / sdevY) / Math.abs(r);
  const eSlope = eXX + eXY;
  const eR = eXY + (eXX + eYY) / 2;

  let ssr: number;
  let eSsr: number;
  const oneMinusR2 = (1 - r) * (1 + r);
  if (oneMinusR2 >= 0.25) {
    ssr = syy - slope * sxy;
    eSsr = sums.formula + (eYY + eSlope + eXY) / oneMinusR2;
  } else {
    ssr = residualSumOfSquares(x, y, mx, my, slope);
    const spread = sdevY + Math.abs(slope) * sdevX;
    eSsr = g + (2 * (repY + Math.abs(slope) * repX + 4 * U * spread)) / Math.sqrt(ssr / n);
  }
  if (!(ssr > 0)) return { core: NO_FIT, worst: Number.POSITIVE_INFINITY };
  const stderr = Math.sqrt(ssr / df / sxx);
  const meanSquareX = sxx / n + mx * mx;
  const interceptStderr = stderr * Math.sqrt(meanSquareX);
  const t = slope / stderr;

  const eStderr = (eSsr + eXX) / 2 + 4 * U;
  // meanSquareX: S_xx / n (eXX), the mean's error (2 |mx| mxError) and three roundings.
  const eInterceptStderr =
    eStderr +
    eXX +
    (2 * Math.abs(mx) * mxError) / meanSquareX +
    3 * U +
    repX / Math.sqrt(meanSquareX);
  const interceptError =
    repY +
    myError +
    Math.abs(slope) * mxError +
    Math.abs(slope * mx) * (eSlope + 2 * U) +
    Math.abs(slope) * repX +
    2 * U * Math.abs(intercept);
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
 * The second pass: d = x - mx and e = y - my taken exactly (TwoSum: d + dLo),
 * and sum d, sum e, sum d^2, sum e^2, sum d e each compensated (a TwoSum per
 * term, the low parts summed, with the first-order dLo, eLo terms), so
 * S_xx = sum d^2 - (sum d)^2 / n and the others, and the refined means
 * mx + (sum d) / n, carry a few u instead of the blocked sums' sqrt(n) u.
 * Bounds, absolute, against the doubles' exact sums: a product rounded
 * once and the dropped dLo^2 ((u + 3 u^2) of each term), Sum2's
 * u |sum| + (n u)^2 sum |terms| (Ogita, Rump and Oishi 2005), the low
 * parts' own plain sums (n u of what they add: dLo <= u |d|), and
 * sum |d| <= sqrt(n sum d^2), and sum |d e| as summed (heavy tails make it far
 * smaller than sqrt(sum d^2 sum e^2)).
 */
function refinedSums(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  mx: number,
  my: number,
): Omit<Sums, 'n' | 'g'> {
  const n = x.length;
  let sdHi = 0;
  let sdLo = 0;
  let seHi = 0;
  let seLo = 0;
  let sddHi = 0;
  let sddLo = 0;
  let seeHi = 0;
  let seeLo = 0;
  let sdeHi = 0;
  let sdeLo = 0;
  let sdeAbs = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    const d = a - mx;
    let t = d - a;
    const dLo = a - (d - t) + (-mx - t);
    const e = b - my;
    t = e - b;
    const eLo = b - (e - t) + (-my - t);
    let s = sdHi + d;
    t = s - sdHi;
    sdLo += sdHi - (s - t) + (d - t) + dLo;
    sdHi = s;
    s = seHi + e;
    t = s - seHi;
    seLo += seHi - (s - t) + (e - t) + eLo;
    seHi = s;
    let p = d * d;
    s = sddHi + p;
    t = s - sddHi;
    sddLo += sddHi - (s - t) + (p - t) + 2 * d * dLo;
    sddHi = s;
    p = e * e;
    s = seeHi + p;
    t = s - seeHi;
    seeLo += seeHi - (s - t) + (p - t) + 2 * e * eLo;
    seeHi = s;
    p = d * e;
    sdeAbs += Math.abs(p);
    s = sdeHi + p;
    t = s - sdeHi;
    sdeLo += sdeHi - (s - t) + (p - t) + d * eLo + e * dLo;
    sdeHi = s;
  }
  const sd = sdHi + sdLo;
  const se = seHi + seLo;
  const sdd = sddHi + sddLo;
  const see = seeHi + seeLo;
  const sde = sdeHi + sdeLo;
  // Relative to the sum of the terms' magnitudes: products, Sum2, low parts, final rounding.
  const nu = 1.01 * n * U;
  const termError = U + 3 * U * U + nu * nu + 3 * nu * U;
  const errSdd = (termError + U) * sdd * (1 + termError);
  const errSee = (termError + U) * see * (1 + termError);
  // sum |d e| summed plainly: at most n u over.
  const errSde = termError * sdeAbs * (1 + nu) + U * Math.abs(sde);
  const errSd = U * Math.abs(sd) + (nu * nu + 2 * nu * U) * Math.sqrt(n * sdd * (1 + termError));
  const errSe = U * Math.abs(se) + (nu * nu + 2 * nu * U) * Math.sqrt(n * see * (1 + termError));
  const centring = (a: number, ea: number, b: number, eb: number) =>
    (Math.abs(a) * eb + Math.abs(b) * ea + ea * eb) / n + (3 * U * Math.abs(a * b)) / n;
  const sxx = sdd - (sd * sd) / n;
  const syy = see - (se * se) / n;
  const sxy = sde - (sd * se) / n;
  const mxRefined = mx + sd / n;
  const myRefined = my + se / n;
  return {
    sxx,
    syy,
    sxy,
    mx: mxRefined,
    my: myRefined,
    eSxx: (errSdd + centring(sd, errSd, sd, errSd) + U * Math.abs(sxx)) / sxx,
    eSyy: (errSee + centring(se, errSe, se, errSe) + U * Math.abs(syy)) / syy,
    crossError:
      (errSde + centring(sd, errSd, se, errSe) + U * Math.abs(sxy)) / Math.sqrt(sxx * syy),
    mxError: errSd / n + (2 * U * Math.abs(sd)) / n + U * Math.abs(mxRefined),
    myError: errSe / n + (2 * U * Math.abs(se)) / n + U * Math.abs(myRefined),
    // SSR = S_yy - slope S_xy with 1 - r^2 >= 1/4: at most 7 u of SSR beyond its inputs.
    formula: 12 * U,
  };
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
