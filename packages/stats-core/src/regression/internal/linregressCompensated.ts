import { studentTSf } from '../../distributions/studentT';
import { DoubleDouble } from './doubleDouble';
import type { LinregressCore } from './linregressCore';

const U = 2 ** -53;
/** The same acceptance as the plain float64 path: a tenth of the 1e-10 promise. */
const TOLERANCE = 1e-11;

/** A double-double value. */
interface Dd {
  hi: number;
  lo: number;
}

function twoProduct(a: number, b: number): Dd {
  const acc = new DoubleDouble();
  acc.addProduct(a, b);
  return { hi: acc.hi, lo: acc.lo };
}

/** a * b for double-doubles, to about u^2 relative. */
function mul(a: Dd, b: Dd): Dd {
  const p = twoProduct(a.hi, b.hi);
  const acc = new DoubleDouble();
  acc.add(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
  return { hi: acc.hi, lo: acc.lo };
}

/** a - b for double-doubles. */
function sub(a: Dd, b: Dd): Dd {
  const acc = new DoubleDouble();
  acc.add(a.hi, a.lo);
  acc.add(-b.hi, -b.lo);
  return { hi: acc.hi, lo: acc.lo };
}

const value = (a: Dd) => a.hi + a.lo;

/**
 * Simple linear regression from raw sums accumulated in double-double (the
 * products exact, the sums compensated), for data the plain float64 pass
 * could not vouch for, typically a tiny p-value: there d log p / d log t is
 * up to min(df, t^2 + 1), so t needs about 1e-11 / t^2 relative accuracy,
 * which the plain pass's summation rounding (sqrt(n) u) cannot promise but
 * double-double sums can. Same first-order bounds against the exact
 * decimal answer as the float64 path (the inputs' binary rounding through
 * their RMS); returns null when any bound exceeds 1e-11, so the caller
 * falls back to the exact decimal path. Requires n >= 3.
 *
 * With C_xx = n S_xx - S_x^2 (likewise C_yy, C_xy, in double-double):
 * slope = C_xy / C_xx, R = C_xx C_yy - C_xy^2, SSR = R / (n C_xx),
 * stderr^2 = R / (df C_xx^2), t^2 = df C_xy^2 / R.
 */
export function linregressCompensated(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): LinregressCore | null {
  const n = x.length;
  const df = n - 2;
  const sx = new DoubleDouble();
  const sy = new DoubleDouble();
  const sxx = new DoubleDouble();
  const sxy = new DoubleDouble();
  const syy = new DoubleDouble();
  for (let i = 0; i < n; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    sx.add(a);
    sy.add(b);
    sxx.addProduct(a, a);
    sxy.addProduct(a, b);
    syy.addProduct(b, b);
  }
  // Far from under- and overflow: the products stay exact (Dekker's split)
  // and subnormal inputs' representation errors are negligible.
  const meanSquares = [sxx.hi / n, syy.hi / n];
  if (!meanSquares.every((v) => v > 1e-200 && v < 1e200)) return null;
  const N: Dd = { hi: n, lo: 0 };
  const Sx: Dd = { hi: sx.hi, lo: sx.lo };
  const Sy: Dd = { hi: sy.hi, lo: sy.lo };
  const Sxx: Dd = { hi: sxx.hi, lo: sxx.lo };
  const Syy: Dd = { hi: syy.hi, lo: syy.lo };
  const cxx = sub(mul(N, Sxx), mul(Sx, Sx));
  const cyy = sub(mul(N, Syy), mul(Sy, Sy));
  const cxy = sub(mul(N, { hi: sxy.hi, lo: sxy.lo }), mul(Sx, Sy));
  const residual = sub(mul(cxx, cyy), mul(cxy, cxy));
  const Cxx = value(cxx);
  const Cyy = value(cyy);
  const Cxy = value(cxy);
  const R = value(residual);
  if (!(Cxx > 0 && Cyy > 0 && R > 0) || !Number.isFinite(Cxx * Cyy)) return null;

  const slope = Cxy / Cxx;
  let r = Cxy / Math.sqrt(Cxx) / Math.sqrt(Cyy);
  if (r > 1) r = 1;
  else if (r < -1) r = -1;
  const numerator = sub(mul(Sy, cxx), mul(cxy, Sx));
  const intercept = value(numerator) / (n * Cxx);
  const stderr = Math.sqrt(R / df) / Cxx;
  const sumSquaresX = value(Sxx);
  const interceptStderr = (Math.sqrt(R / df) * Math.sqrt(sumSquaresX / n)) / Cxx;
  const tAbs = Math.sqrt(df) * (Math.abs(Cxy) / Math.sqrt(R));
  const t = Cxy < 0 ? -tAbs : tAbs;

  // Computation: each double-double sum is within e2 of the sum of its
  // terms' magnitudes; C_xx's error relative to itself is then at most
  // 3 e2 A_x with A_x = n sum x^2 / C_xx (likewise y, xy), and the few
  // double-double operations after add u^2 terms (folded into e2).
  const e2 = 4 * (n + 8) ** 2 * U * U;
  const ax = (n * sumSquaresX) / Cxx;
  const ay = (n * value(Syy)) / Cyy;
  const oneMinusR2 = R / (Cxx * Cyy);
  const dXX = 3 * e2 * ax;
  const dYY = 3 * e2 * ay;
  const dXY = (3 * e2 * Math.sqrt(ax * ay)) / Math.abs(r);
  const dR = (dXX + dYY + 2 * dXY * r * r + 8 * U * U) / oneMinusR2;
  // Representation (decimal inputs vs their doubles), in RMS, first order.
  const mx = value(Sx) / n;
  const my = value(Sy) / n;
  const sdevX = Math.sqrt(Cxx) / n;
  const sdevY = Math.sqrt(Cyy) / n;
  const repX = U * Math.hypot(sdevX, mx);
  const repY = U * Math.hypot(sdevY, my);
  const ssr = R / (n * Cxx);
  const eXX = dXX + 3 * U + (2 * repX) / sdevX;
  const eYY = dYY + 3 * U + (2 * repY) / sdevY;
  const eXY = dXY + 3 * U + (repX / sdevX + repY / sdevY) / Math.abs(r);
  const eSlope = eXX + eXY + 2 * U;
  const eR = eXY + (eXX + eYY) / 2 + 6 * U;
  // dSSR = 2 r^T (dy - slope dx) (the fit is optimal), |.| <= 2 sqrt(n SSR) (repY + |slope| repX).
  const eSsr = dR + dXX + 4 * U + (2 * (repY + Math.abs(slope) * repX)) / Math.sqrt(ssr / n);
  const eStderr = (eSsr + eXX) / 2 + 6 * U;
  const meanSquareX = sumSquaresX / n;
  const eInterceptStderr = eStderr + eXX + 6 * U + repX / Math.sqrt(meanSquareX);
  const gd = 8 * U + 3 * e2 * (ax + ay);
  const interceptError =
    repY +
    gd * (Math.abs(my) + Math.abs(slope * mx)) +
    Math.abs(slope * mx) * eSlope +
    Math.abs(slope) * repX +
    4 * U * Math.abs(intercept);
  const eIntercept = interceptError / Math.abs(intercept);
  const eT = eSlope + eStderr + 4 * U;
  // d log p / d log t is at most min(df, t^2 + 1); an underflowed p stays 0.
  const p = studentTSf(tAbs, df);
  const ePvalue =
    p === 0 && studentTSf(tAbs * (1 - 8 * eT), df) === 0 ? 0 : eT * (2 + Math.min(df, t * t + 1));
  const worst = Math.max(eSlope, eR, eSsr, eStderr, eInterceptStderr, eIntercept, ePvalue);
  if (!(worst <= TOLERANCE)) return null;
  return { slope, intercept, rvalue: r, stderr, interceptStderr, t };
}
