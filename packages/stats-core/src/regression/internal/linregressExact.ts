import { ratioToNumber, sqrtRatioToNumber } from './bigRatio';
import { toScaledIntegers } from './decimal';
import type { LinregressCore } from './linregressCore';

/**
 * Simple linear regression computed exactly on the decimal values the inputs
 * write (integer sums on a common decimal scale, BigInt), rounded once at the
 * end. Used when the float64 path cannot guarantee 1e-10 relative accuracy:
 * large offsets, near-perfect fits, tiny correlations. Requires n >= 2 and
 * x not constant.
 *
 * With X, Y the scaled integers, C_xx = n S_xx - S_x^2 (likewise C_yy, C_xy):
 * slope = C_xy / C_xx, SSR = (C_xx C_yy - C_xy^2) / (n C_xx),
 * stderr^2 = (C_xx C_yy - C_xy^2) / (df C_xx^2), t^2 = df C_xy^2 / (C_xx C_yy - C_xy^2).
 */
export function linregressExact(x: ArrayLike<number>, y: ArrayLike<number>): LinregressCore {
  const n = x.length;
  const df = n - 2;
  const { integers: X, exponent: ex } = toScaledIntegers(x);
  const { integers: Y, exponent: ey } = toScaledIntegers(y);
  let sx = 0n;
  let sy = 0n;
  let sxx = 0n;
  let sxy = 0n;
  let syy = 0n;
  for (let i = 0; i < n; i++) {
    const a = X[i] as bigint;
    const b = Y[i] as bigint;
    sx += a;
    sy += b;
    sxx += a * a;
    sxy += a * b;
    syy += b * b;
  }
  const N = BigInt(n);
  const cxx = N * sxx - sx * sx;
  const cyy = N * syy - sy * sy;
  const cxy = N * sxy - sx * sy;
  const residual = cxx * cyy - cxy * cxy; // n^2 * n * SSR * C_xx / n^2, >= 0
  const slope = ratioToNumber(cxy, cxx, ey - ex);
  const intercept = ratioToNumber(sy * cxx - cxy * sx, N * cxx, ey);
  const rSquared = cyy === 0n ? Number.NaN : ratioToNumber(cxy * cxy, cxx * cyy);
  const rvalue = cxy < 0n ? -Math.sqrt(rSquared) : Math.sqrt(rSquared);
  if (df === 0) return { slope, intercept, rvalue, stderr: 0, interceptStderr: 0, t: Number.NaN };
  const D = BigInt(df);
  const stderr = sqrtRatioToNumber(residual, D * cxx * cxx, 2 * (ey - ex));
  const interceptStderr = sqrtRatioToNumber(residual * sxx, D * N * cxx * cxx, 2 * ey);
  let t: number;
  if (residual === 0n) t = cxy === 0n ? Number.NaN : cxy > 0n ? Infinity : -Infinity;
  else {
    const tAbs = sqrtRatioToNumber(D * cxy * cxy, residual);
    t = cxy < 0n ? -tAbs : tAbs;
  }
  return { slope, intercept, rvalue, stderr, interceptStderr, t };
}
