import { studentTSf } from '../../distributions/studentT';
import { primeKernel } from '../../internal/fastMoments';
import { sumError } from '../../internal/twoSum';
import { isConstant } from '../../internal/validate';
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

/**
 * Which pass answered (or was the last tried): the shifted pass alone, plus
 * the near-exact (split) means, or plus the compensated refinement pass.
 */
export type FloatStage = 'shifted' | 'means' | 'refined';

/** Why the float64 path declined (the caller checks or switches to exact). */
export type LinregressFloatOutcome =
  | LinregressCore
  | 'constant-x'
  | 'constant-y'
  | 'non-finite'
  | 'not-a-number'
  | null;

/**
 * Simple linear regression in float64 with an error bound on every field
 * relative to the exact answer for the decimal inputs. Returns null when
 * any bound exceeds 1e-11 relative, so the caller switches to the exact
 * decimal path. Requires n >= 3.
 *
 * One pass over the data shifted by the mean of the first 32 points, in
 * blocks of 8 summed plainly and compensated across blocks (a rigorous
 * bound of about 10 u on each sum; S_xx = sum d^2 - (sum d)^2 / n,
 * amplification A = sum d^2 / S_xx, near 1); if the shift was poor (A > 2)
 * the pass is repeated centred at the mean. That one pass answers most
 * data, weak and no correlation and heavy tails included. Then, only as
 * far as the bounds demand: near-exact means (splitMeans) when only the
 * intercept (near zero) is short of digits; a compensated refinement pass
 * when the cross sum is (|r| of a few 1e-4 with a moderate t); the residuals summed
 * directly when SSR = S_yy (1 - r^2) cancels (|r| near 1). The inputs'
 * binary rounding (u |x_i|) enters through Cauchy-Schwarz with the data's
 * RMS: |sum dx_i dy_i'| <= u ||dx|| ||y||.
 *
 * x and y need not have been checked beyond being arrays (or Float64Arrays)
 * of the same length: the first pass, which reads every value before any
 * other, returns 'not-a-number' at a value that is not a number (the
 * typeof test costs nothing on arrays of doubles and Float64Arrays, whose
 * elements V8 knows are numbers), so linregress checks them only when this
 * lane does not answer.
 */
export function linregressFloat(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  trace?: { stage: FloatStage },
): LinregressFloatOutcome {
  const n = x.length;
  primeKernel(floatPasses, n, x);
  let kx = headMean(x);
  let ky = headMean(y);
  let sums = shiftedSums(x, y, kx, ky);
  if (sums === 'non-finite' || sums === 'not-a-number') return sums;
  let { sd, se, sdd, see } = sums;
  let sxx = sdd - (sd * sd) / n;
  let syy = see - (se * se) / n;
  if (!(sxx > 64 * U * U * sdd) && isConstant(x)) return 'constant-x';
  if (!(syy > 64 * U * U * see) && isConstant(y)) return 'constant-y';
  if (!(sdd <= MAX_AMPLIFICATION * sxx && see <= MAX_AMPLIFICATION * syy)) {
    // The head was a poor shift (a trend, sorted data): centre at the mean.
    kx += sd / n;
    ky += se / n;
    sums = shiftedSums(x, y, kx, ky);
    if (sums === 'non-finite' || sums === 'not-a-number') return sums;
    ({ sd, se, sdd, see } = sums);
    sxx = sdd - (sd * sd) / n;
    syy = see - (se * se) / n;
  }
  if (!(sxx > 0 && syy > 0) || !Number.isFinite(sxx * syy)) return null;
  const bounded = { n, ...shiftedBounds(sums, n) };
  const plain = finish(x, y, bounded);
  if (trace) trace.stage = 'shifted';
  if (plain.worst <= TOLERANCE) return plain.core;
  if (trace) trace.stage = 'means';
  if (plain.worstButIntercept <= TOLERANCE) {
    // Only the intercept (near zero against the means: my - slope mx
    // cancels) needs better means: x and y summed split on a grid (see
    // splitMeans), a pass at the cost of a plain sum of both.
    const means = splitMeans(x, y, meanGrid(n, kx, sdd), meanGrid(n, ky, see));
    const again = means && finish(x, y, { ...bounded, ...means });
    if (again && again.worst <= TOLERANCE) return again.core;
  }
  // Refinement: one more pass, centred at the means just found, with every
  // sum compensated and the centring exact (see refinedSums): what the
  // blocked sums' rounding cost (about 20 u over |r| on S_xy, over the
  // intercept, over 1 - r^2) drops to a few u, and only the inputs' own
  // representation error is left. Correlations of a few 1e-3 with t of
  // 10 to 40 and intercepts within 1e-4 of zero land here instead of the
  // double-double lane.
  if (trace) trace.stage = 'refined';
  const refined = refinedSums(x, y, sums.mx, sums.my);
  if (!(refined.sxx > 0 && refined.syy > 0)) return null;
  const again = finish(x, y, { n, ...refined });
  return again.worst <= TOLERANCE ? again.core : null;
}

/**
 * Every pass below on the prime values, for primeKernel: unprimed,
 * shiftedSums and the means pass deoptimised at their ends on every call
 * (linregress on 1e6 full-precision pairs).
 */
function floatPasses(x: ArrayLike<number>, y: ArrayLike<number>): void {
  shiftedSums(x, y, 1, 2);
  splitMeans(x, y, 2 ** -40, 2 ** -40);
  refinedSums(x, y, 1, 2);
  residualSumOfSquares(x, y, 1, 2, 0.5);
}

/** Values per block of the shifted pass: plain sums inside, compensated across. */
const BLOCK = 8;

/** The shifted pass's five sums, the means it implies and the data's largest magnitudes. */
interface ShiftedSums {
  sd: number;
  se: number;
  sdd: number;
  sde: number;
  see: number;
  /** kx + sd / n and ky + se / n. */
  mx: number;
  my: number;
}

/**
 * One pass over the data shifted by (kx, ky): sum d, sum e, sum d^2, sum d e,
 * sum e^2 with d = x - kx, e = y - ky. Each block of BLOCK values is summed
 * plainly (at most (BLOCK - 1) u of its terms' magnitudes, Higham's
 * gamma_{BLOCK-1}), and the block sums are added by TwoSum with their errors
 * summed apart (Ogita, Rump and Oishi's Sum2: u |sum| + gamma_m^2 of the
 * magnitudes, m = n / BLOCK blocks). A rigorous bound of about 20 u where a
 * plain sum of n terms promises only n u, for five additions and three
 * products per point plus one TwoSum per sum and block. 'non-finite' when a
 * value is NaN or infinite (the sums are then not finite), 'not-a-number'
 * at a value that is not a number (unchecked input: see linregressFloat).
 *
 * x.length is read in the loop, not before it: with both array kinds in one
 * process, optimised code compiled on one kind deoptimises at the first
 * read of x of the other. Before the loop, that left the loop's on-stack
 * (OSR) code cached, and later calls ran it, about 2x slower, for tens of
 * calls (strong, n = 1e6: 3.7-4.4 ms against 2.0-2.2); inside the loop, V8
 * drops that OSR code and optimises the function again within a call or
 * two (docs/architecture.md, "Hot loops under V8").
 */
function shiftedSums(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  kx: number,
  ky: number,
): ShiftedSums | 'non-finite' | 'not-a-number' {
  let sd = 0;
  let se = 0;
  let sdd = 0;
  let sde = 0;
  let see = 0;
  let cd = 0;
  let ce = 0;
  let cdd = 0;
  let cde = 0;
  let cee = 0;
  for (let start = 0; start < x.length; start += BLOCK) {
    const end = Math.min(start + BLOCK, x.length);
    let bd = 0;
    let be = 0;
    let bdd = 0;
    let bde = 0;
    let bee = 0;
    for (let i = start; i < end; i++) {
      const xi: unknown = x[i];
      const yi: unknown = y[i];
      if (typeof xi !== 'number' || typeof yi !== 'number') return 'not-a-number';
      const d = xi - kx;
      const e = yi - ky;
      bd += d;
      be += e;
      bdd += d * d;
      bde += d * e;
      bee += e * e;
    }
    cd += sumError(sd, bd);
    sd += bd;
    ce += sumError(se, be);
    se += be;
    cdd += sumError(sdd, bdd);
    sdd += bdd;
    cde += sumError(sde, bde);
    sde += bde;
    cee += sumError(see, bee);
    see += bee;
  }
  if (!Number.isFinite(sd + se + sdd + sde + see)) return 'non-finite';
  const n = x.length;
  sd += cd;
  se += ce;
  sdd += cdd;
  sde += cde;
  see += cee;
  return { sd, se, sdd, sde, see, mx: kx + sd / n, my: ky + se / n };
}

/**
 * S_xx, S_yy, S_xy and the means from the shifted pass, with bounds against
 * the doubles' exact sums. Per term: d and e each rounded once (u |d|), a
 * product rounded once, so (3 u + 4 u^2) of |d e|; the blocks' plain sums
 * gamma_{BLOCK-1} of the terms' magnitudes; Sum2 across blocks u |sum| +
 * gamma_m^2 of the magnitudes. sum |d| <= sqrt(n sum d^2) and sum |d e| <=
 * sqrt(sum d^2 sum e^2) (Cauchy-Schwarz), so no absolute sums are taken.
 */
function shiftedBounds(s: ShiftedSums, n: number): Omit<Sums, 'n'> {
  const { sd, se, sdd, sde, see, mx, my } = s;
  const gBlock = gamma(BLOCK - 1);
  const gAcross = gamma(Math.ceil(n / BLOCK)) ** 2;
  const perTerm = 3 * U + 4 * U * U;
  const rel = (gBlock + gAcross) * (1 + perTerm) + perTerm;
  const errSdd = rel * sdd + U * sdd;
  const errSee = rel * see + U * see;
  const errSde = rel * Math.sqrt(sdd * see) + U * Math.abs(sde);
  const relD = (gBlock + gAcross) * (1 + U) + U;
  const errSd = relD * Math.sqrt(n * sdd) + U * Math.abs(sd);
  const errSe = relD * Math.sqrt(n * see) + U * Math.abs(se);
  const sxx = sdd - (sd * sd) / n;
  const syy = see - (se * se) / n;
  const sxy = sde - (sd * se) / n;
  return {
    sxx,
    syy,
    sxy,
    mx,
    my,
    eSxx: (errSdd + centring(n, sd, errSd, sd, errSd) + U * Math.abs(sxx)) / sxx,
    eSyy: (errSee + centring(n, se, errSe, se, errSe) + U * Math.abs(syy)) / syy,
    crossError:
      (errSde + centring(n, sd, errSd, se, errSe) + U * Math.abs(sxy)) / Math.sqrt(sxx * syy),
    // The mean: sum d's error over n, the division and the shift added back.
    mxError: errSd / n + (U * Math.abs(sd)) / n + U * Math.abs(mx),
    myError: errSe / n + (U * Math.abs(se)) / n + U * Math.abs(my),
  };
}

/** Higham's gamma_k = k u / (1 - k u). */
const gamma = (k: number) => (k * U) / (1 - k * U);

/** Relative bound of a sum of n nonnegative terms summed in BLOCKs plainly, then by Sum2. */
const blockedRounding = (n: number) => gamma(BLOCK - 1) + gamma(Math.ceil(n / BLOCK)) ** 2 + U;

/**
 * Error of (a b) / n, the centring term of S = sum - a b / n, from errors ea
 * and eb of a and b, plus its three roundings.
 */
const centring = (n: number, a: number, ea: number, b: number, eb: number) =>
  (Math.abs(a) * eb + Math.abs(b) * ea + ea * eb) / n + (3 * U * Math.abs(a * b)) / n;

/**
 * Mean of the first (up to) 32 values: a cheap shift close to the mean
 * (NaN when one is not a number: the values may be unchecked, and the pass
 * after it names them).
 */
function headMean(v: ArrayLike<number>): number {
  const m = Math.min(32, v.length);
  let s = 0;
  for (let i = 0; i < m; i++) {
    const value: unknown = v[i];
    s += typeof value === 'number' ? value : Number.NaN;
  }
  return s / m;
}

interface Sums {
  n: number;
  sxx: number;
  syy: number;
  sxy: number;
  mx: number;
  my: number;
  /** Bounds on |computed S_xx - S_xx of the doubles| / S_xx, likewise S_yy. */
  eSxx: number;
  eSyy: number;
  /** Bound on |computed S_xy - S_xy of the doubles| relative to sqrt(S_xx S_yy). */
  crossError: number;
  /** Bounds on |computed mean - mean of the doubles| (absolute). */
  mxError: number;
  myError: number;
}

/**
 * The fields from the sums, with the largest relative error bound (`worst`)
 * and the share of the correlation's bound owed to the cross sum's rounding.
 */
function finish(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  sums: Sums,
): { core: LinregressCore; worst: number; worstButIntercept: number } {
  const { n, sxx, syy, sxy, mx, my, eSxx, eSyy, crossError, mxError, myError } = sums;
  const df = n - 2;

  let r = sxy / Math.sqrt(sxx * syy);
  if (r > 1) r = 1;
  else if (r < -1) r = -1;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;

  // Relative error bounds, first order, from the sums' own bounds; repX,
  // repY: how far a double may sit from the decimal it prints as, in RMS.
  const sdevX = Math.sqrt(sxx / n);
  const sdevY = Math.sqrt(syy / n);
  const repX = U * Math.hypot(sdevX, mx);
  const repY = U * Math.hypot(sdevY, my);
  const eXX = eSxx + (2 * repX) / sdevX;
  const eYY = eSyy + (2 * repY) / sdevY;
  const eXY = (crossError + repX / sdevX + repY / sdevY) / Math.abs(r);
  const eSlope = eXX + eXY;
  const eR = eXY + (eXX + eYY) / 2;

  // SSR = S_yy - slope S_xy = S_yy (1 - r^2): S_yy's error, and slope S_xy's
  // (r^2 S_yy times the slope's and S_xy's relative errors and two
  // roundings), grow by 1 / (1 - r^2), so
  // near |r| = 1, when that bound is too loose, SSR is summed from the
  // residuals themselves (one more pass).
  const oneMinusR2 = (1 - r) * (1 + r);
  let ssr = syy - slope * sxy;
  let eSsr = U + (eYY + r * r * (eSlope + eXY + 3 * U)) / oneMinusR2;
  if (!(eSsr <= TOLERANCE) && oneMinusR2 < 0.25) {
    ssr = residualSumOfSquares(x, y, mx, my, slope);
    const spread = sdevY + Math.abs(slope) * sdevX;
    eSsr =
      blockedRounding(n) +
      (2 * (repY + Math.abs(slope) * repX + 4 * U * spread)) / Math.sqrt(ssr / n);
  }
  if (!(ssr > 0)) {
    return {
      core: NO_FIT,
      worst: Number.POSITIVE_INFINITY,
      worstButIntercept: Number.POSITIVE_INFINITY,
    };
  }
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
    p === 0 && studentTSf(Math.abs(t) * (1 - 8 * eT), df) === 0
      ? 0
      : eT * pvalueSensitivity(t, df, p);

  const worstButIntercept = Math.max(eSlope, eR, eSsr, eStderr, eInterceptStderr, ePvalue);
  const worst = Math.max(worstButIntercept, eIntercept);
  return {
    core: { slope, intercept, rvalue: r, stderr, interceptStderr, t },
    worst: Number.isNaN(worst) ? Number.POSITIVE_INFINITY : worst,
    worstButIntercept: Number.isNaN(worstButIntercept)
      ? Number.POSITIVE_INFINITY
      : worstButIntercept,
  };
}

/**
 * A bound on |d log p / d log t| for every alternative: min(df, t^2 + 1)
 * plus 2 in general; for |t| < 0.99 (a p-value near 1 or 1/2, where
 * correlations near 0 land) the sharper |t| f(|t|) / sf(|t|) <= |t| f(0) /
 * sf(1) <= 2.52 |t|, since every Student t density has f(0) <= 1 / sqrt(2 pi)
 * and sf(1) >= the normal's 0.1587 (the tails only get heavier as df falls).
 * Given `sf` = sf(|t|), also |t| f(0) / sf(|t|): d log p / d log t is
 * |t| f(t) / p, and p (sf(t), cdf(t) or 2 sf(|t|)) is never below sf(|t|).
 */
export function pvalueSensitivity(t: number, df: number, sf?: number): number {
  const general = 2 + Math.min(df, t * t + 1);
  const a = Math.abs(t);
  const sharp = a < 0.99 ? Math.min(general, 2.6 * a) : general;
  // Given sf(|t|): every alternative's p is at least sf(|t|) and f(t) <= f(0) < 0.399.
  return sf !== undefined && sf > 0 ? Math.min(sharp, (0.399 * a) / sf) : sharp;
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
): Omit<Sums, 'n'> {
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
    const dLo = sumError(a, -mx);
    const e = b - my;
    const eLo = sumError(b, -my);
    sdLo += sumError(sdHi, d) + dLo;
    sdHi += d;
    seLo += sumError(seHi, e) + eLo;
    seHi += e;
    let p = d * d;
    sddLo += sumError(sddHi, p) + 2 * d * dLo;
    sddHi += p;
    p = e * e;
    seeLo += sumError(seeHi, p) + 2 * e * eLo;
    seeHi += p;
    p = d * e;
    sdeAbs += Math.abs(p);
    sdeLo += sumError(sdeHi, p) + d * eLo + e * dLo;
    sdeHi += p;
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
  };
}

/**
 * The grid of splitMeans for values v with sum (v - k)^2 = s (a shifted
 * pass's sum, within a few dozen u of exact): the power of two g with
 * 2^50 g at least A = 2 (n |k| + sqrt(n s)), which bounds sum |v|
 * (Cauchy-Schwarz) and so max |v| too, with room for the bound's own error.
 */
function meanGrid(n: number, k: number, s: number): number {
  const bound = 2 * (n * Math.abs(k) + Math.sqrt(n * s));
  return Math.max(2 ** (Math.ceil(Math.log2(bound)) - 49), 2 ** -1022);
}

/**
 * The means of x and y each split on a grid (x on gx, y on gy): with
 * sigma = 1.5 * 2^52 g, h = (v + sigma) - sigma is v rounded to a multiple
 * of g and l = v - h its remainder, both exact while |v| <= 2^51 g (Fast2Sum;
 * Rump, Ogita and Oishi's ExtractVector). The sum of the h is then exact
 * while sum |h| < 2^53 g, and meanGrid's g leaves a factor of 4 on both;
 * the l, at most g / 2 each, are summed plainly: an error of at most
 * gamma_n n g / 2, about n^2 u^2 of sum |v|. Bounds against the doubles'
 * exact means: that error, the final addition's and the division's
 * roundings. Five additions a value and no dependence between values (the
 * TwoSum per value it replaced took eight: about 2.7 ms a pass on 1e6
 * pairs against 2.1, same-process A/B). null when sigma overflows (the
 * refinement pass takes over).
 */
function splitMeans(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  gx: number,
  gy: number,
): { mx: number; my: number; mxError: number; myError: number } | null {
  const sigmaX = 1.5 * 2 ** 52 * gx;
  const sigmaY = 1.5 * 2 ** 52 * gy;
  if (!Number.isFinite(sigmaX + sigmaY)) return null;
  const n = x.length;
  // Two values a step, each into its own sums (1.1-1.2x faster than one
  // with both array kinds in one process; four were slower).
  let hx = 0;
  let lx = 0;
  let hy = 0;
  let ly = 0;
  let hx2 = 0;
  let lx2 = 0;
  let hy2 = 0;
  let ly2 = 0;
  for (let i = n & 1; i < x.length; i += 2) {
    const a = x[i] as number;
    const b = y[i] as number;
    const a2 = x[i + 1] as number;
    const b2 = y[i + 1] as number;
    const ha = a + sigmaX - sigmaX;
    const hb = b + sigmaY - sigmaY;
    const ha2 = a2 + sigmaX - sigmaX;
    const hb2 = b2 + sigmaY - sigmaY;
    hx += ha;
    lx += a - ha;
    hy += hb;
    ly += b - hb;
    hx2 += ha2;
    lx2 += a2 - ha2;
    hy2 += hb2;
    ly2 += b2 - hb2;
  }
  if (n & 1) {
    // The first value, left over when n is odd.
    const a = x[0] as number;
    const b = y[0] as number;
    const ha = a + sigmaX - sigmaX;
    const hb = b + sigmaY - sigmaY;
    hx2 += ha;
    lx2 += a - ha;
    hy2 += hb;
    ly2 += b - hb;
  }
  const sx = hx + hx2 + (lx + lx2);
  const sy = hy + hy2 + (ly + ly2);
  const mx = sx / n;
  const my = sy / n;
  const remainders = (gamma(n) * n) / 2;
  return {
    mx,
    my,
    mxError: (U * Math.abs(sx) + remainders * gx) / n + U * Math.abs(mx),
    myError: (U * Math.abs(sy) + remainders * gy) / n + U * Math.abs(my),
  };
}

/**
 * sum((y - my) - slope (x - mx))^2, corrected for the residuals' mean,
 * summed as the shifted pass sums (plain in blocks, TwoSum across): within
 * blockedRounding(n) of the same sums taken exactly.
 */
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
  let ce = 0;
  let cee = 0;
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(start + BLOCK, n);
    let be = 0;
    let bee = 0;
    for (let i = start; i < end; i++) {
      const e = (y[i] as number) - my - slope * ((x[i] as number) - mx);
      be += e;
      bee += e * e;
    }
    ce += sumError(se, be);
    se += be;
    cee += sumError(see, bee);
    see += bee;
  }
  se += ce;
  see += cee;
  return see - (se * se) / n;
}
