import { StatsInputError } from '../errors';
import { noteLane } from '../internal/lanes';
import { tPvalue } from '../internal/pvalue';
import {
  checkAlternative,
  checkEqualLength,
  checkFinite,
  checkNumericArray,
  isConstant,
  type NumericArray,
} from '../internal/validate';
import type { Alternative } from '../options';
import { constantY } from './internal/constantY';
import { linregressCompensated } from './internal/linregressCompensated';
import type { LinregressCore } from './internal/linregressCore';
import { isShortDecimal, linregressDecimal } from './internal/linregressDecimal';
import { linregressExact } from './internal/linregressExact';
import { linregressFloat } from './internal/linregressFloat';

export type { Alternative } from '../options';

/** Options of {@link linregress}. */
export interface LinregressOptions {
  /** The alternative hypothesis for the slope: 'two-sided' (default), 'less' or 'greater'. */
  alternative?: Alternative;
}

/** Result of {@link linregress}; field names follow scipy's, in camelCase. */
export interface LinregressResult {
  /** Least-squares slope b of y = a + b x. */
  slope: number;
  /** Intercept a. */
  intercept: number;
  /** Pearson correlation coefficient; NaN when y is constant. */
  rvalue: number;
  /** p-value of the test of slope = 0 (Student's t, n - 2 degrees of freedom). */
  pvalue: number;
  /** Standard error of the slope. */
  stderr: number;
  /** Standard error of the intercept. */
  interceptStderr: number;
}

const FN = 'linregress';

/**
 * Least-squares line y = intercept + slope x with the t test of slope = 0:
 * scipy.stats.linregress (scipy 1.17) semantics, exact-answer accuracy.
 *
 * t = slope / stderr with stderr = sqrt(SSR / (n - 2) / S_xx), SSR the
 * residual sum of squares; the p-value is Student's t with n - 2 degrees of
 * freedom. Each input is taken as the decimal its shortest round-trip string
 * writes. A lean float64 path (one fused pass of shifted sums, plain in
 * blocks of 8 and compensated across; then only as a bound demands,
 * near-exact (split) means, a compensated refinement pass, or residual
 * sums near |r| = 1) carries an error bound on every field; when a bound exceeds 1e-11 relative
 * a double-double pass (exact products, compensated sums) tries again with
 * the same bounds (this rescues tiny p-values on ordinary data), and only
 * if that also declines (large offsets, near-perfect fits, tiny
 * correlations) is the answer recomputed exactly from the decimals (BigInt)
 * and rounded once, so every field is within 1e-10 relative of the exact
 * answer.
 *
 * As scipy 1.17: n = 2 gives stderr = interceptStderr = 0 and pvalue 0 (1 if
 * the two y are equal) for every alternative; a constant y gives slope 0,
 * rvalue, pvalue, stderr and interceptStderr NaN (for n = 2: rvalue NaN,
 * pvalue 1, stderrs 0). Where scipy is merely imprecise the exact answer wins:
 * a perfect fit has pvalue exactly 0 (scipy: about 1e-10 from its 1e-20 fudge).
 *
 * @param x - predictor values (number[] or Float64Array)
 * @param y - responses, same length as x
 * @param options - `alternative`: 'two-sided' (default) | 'less' | 'greater'
 * @returns `{ slope, intercept, rvalue, pvalue, stderr, interceptStderr }`
 * @throws StatsInputError when x or y is not numeric, the lengths differ,
 *   n < 2, a value is NaN or infinite (names the array and index), all x are
 *   identical, or `alternative` is unknown.
 * @example
 * linregress([1, 2, 3, 4], [2.1, 3.9, 6.2, 7.8]);
 * // { slope: 1.94, intercept: 0.15, rvalue: 0.99783, pvalue: 0.00217, stderr: 0.0906, ... }
 */
export function linregress(
  x: NumericArray,
  y: NumericArray,
  options: LinregressOptions = {},
): LinregressResult {
  // Short decimals (money, counts, readings) first: exact integer sums in
  // one pass, no representation error to bound. Declines at the first value
  // with more places. Then float64. Both run before x and y are checked:
  // each reads every value first and declines on anything but a number (the
  // short-decimal lane on anything but a finite one), so an answer proves
  // them (the checks' two passes were a fifth of a 1e6-point call), and
  // when neither answers the checks below run and name the problem as before.
  const unchecked =
    isArrayOrFloat64Array(x) && isArrayOrFloat64Array(y) && x.length === y.length && x.length > 2;
  const shortFirst = unchecked && isShortDecimal(x[0]) && isShortDecimal(y[0]);
  const early = shortFirst ? linregressDecimal(x, y) : null;
  if (early !== null) {
    const alternative = checkAlternative(FN, options.alternative);
    noteLane('decimal-integers');
    return withPvalue(early, x.length, alternative);
  }
  // (cast: linregressFloat reads the values as unknown until its first pass has seen each)
  const first = unchecked ? linregressFloat(x as NumericArray, y as NumericArray) : undefined;
  if (typeof first === 'object' && first !== null) {
    const alternative = checkAlternative(FN, options.alternative);
    return withPvalue(first, x.length, alternative);
  }
  const xs = checkNumericArray(FN, 'x', x);
  const ys = checkNumericArray(FN, 'y', y);
  checkEqualLength(FN, xs, ys);
  const alternative = checkAlternative(FN, options.alternative);
  const n = xs.length;
  if (n < 2) {
    throw new StatsInputError(FN, `requires at least 2 points to fit a line (got ${n})`);
  }
  const fast =
    first !== undefined && first !== 'not-a-number'
      ? first
      : n > 2
        ? linregressFloat(xs, ys)
        : null;
  if (typeof fast === 'object' && fast !== null) return withPvalue(fast, n, alternative);
  // The careful lane: n = 2, non-finite sums, constant data, or a float64
  // answer whose error bound was too large.
  if (fast === 'non-finite' || n === 2) {
    checkFinite(FN, 'x', xs);
    checkFinite(FN, 'y', ys);
  }
  if (fast === 'constant-x' || isConstant(xs)) {
    throw new StatsInputError(
      FN,
      `cannot fit a line when all x values are identical (every x is ${xs[0]})`,
    );
  }
  if (fast === 'constant-y' || isConstant(ys)) return constantY(ys[0] as number, n);
  // The float64 bound was too loose. Short decimals (money, counts, a few
  // decimals on a large offset): exact integer sums.
  const decimal = n > 2 && !shortFirst ? linregressDecimal(xs, ys) : null;
  if (decimal !== null) {
    noteLane('decimal-integers');
    return withPvalue(decimal, n, alternative);
  }
  // Otherwise (typically a tiny p-value): double-double sums.
  const compensated = n > 2 ? linregressCompensated(xs, ys) : null;
  if (compensated !== null) {
    noteLane('double-double');
    return withPvalue(compensated, n, alternative);
  }
  noteLane('exact');
  const exact = linregressExact(xs, ys);
  if (n === 2) {
    const { slope, intercept, rvalue } = exact;
    return { slope, intercept, rvalue, pvalue: 0, stderr: 0, interceptStderr: 0 };
  }
  return withPvalue(exact, n, alternative);
}

/** An array or a Float64Array (what checkNumericArray accepts), its values not yet checked. */
function isArrayOrFloat64Array(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || v instanceof Float64Array;
}

function withPvalue(core: LinregressCore, n: number, alternative: Alternative): LinregressResult {
  return {
    slope: core.slope,
    intercept: core.intercept,
    rvalue: core.rvalue,
    pvalue: tPvalue(core.t, n - 2, alternative),
    stderr: core.stderr,
    interceptStderr: core.interceptStderr,
  };
}
