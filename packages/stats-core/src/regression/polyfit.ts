import { StatsInputError } from '../errors';
import {
  checkEqualLength,
  checkFinite,
  checkNumericArray,
  type NumericArray,
} from '../internal/validate';
import type { OlsResult } from './internal/fit';
import { polyfitExact } from './internal/polyfitExact';
import { polyfitFloat } from './internal/polyfitFloat';
import { polyfitFused } from './internal/polyfitFused';
import { checkPolyfitDegree, polyfitPowers } from './internal/polyfitShape';

/** Options of {@link polyfit}. */
export interface PolyfitOptions {
  /** Include the constant term (default true). */
  intercept?: boolean;
}

const FN = 'polyfit';

/**
 * Least-squares polynomial y = b0 + b1 x + ... + bd x^d with the full OLS
 * inference (see `ols`): the model NIST StRD's Pontius, Filip and Wampler
 * datasets certify. Coefficients run from the constant term up (numpy's
 * polyfit runs the other way).
 *
 * Without the intercept the columns are x, ..., x^d and R^2 is uncentred.
 *
 * Lanes, first that applies:
 * - Short decimals (x and y with at most 15 places, what people and CSV
 *   files write, values on a large offset included): the normal equations
 *   exactly, from power sums of the integers x 10^px and y 10^py shifted to
 *   the middle of their range, summed in float64 limbs (no BigInt per
 *   value), then moved back to powers of x exactly (binomial theorem, in
 *   BigInt), solved in exact rationals up to 4 coefficients, else at 64
 *   digits ('bignumber'). Applies while the shifted x stay
 *   small (below 2^23 units of their last place in the one pass at degree
 *   3 or less, 2^26 otherwise); y may also have full precision.
 * - Full-precision x (17-digit doubles), degree 5 or less: ols's fused
 *   lane on the powers of a shifted, scaled x (a double-double Gram
 *   matrix of the decimals, one pass for the cubic, and Cholesky with a
 *   rigorous bound), the coefficients moved back to powers of x exactly
 *   ('float64'). Declines when the bound or the exact shift fails.
 * - Otherwise the float64 path: Householder QR on the powers formed in
 *   float64 and, when their rounding is what limits the error bound, as
 *   double-doubles of the decimal x ('float64'), else the same exact normal
 *   equations with BigInt powers ('bignumber'), which is what lets Filip
 *   reach its certified digits.
 *
 * @param x - predictor (number[] or Float64Array)
 * @param y - responses, same length
 * @param degree - integer from 1 to 20
 * @param options - `intercept` (default true)
 * @returns the `ols` result; `method` says which path answered
 * @throws StatsInputError when lengths differ, a value is NaN or infinite,
 *   the degree is not an integer in 1..20, there are no more points than
 *   coefficients, or all x are identical (a singular design).
 * @example
 * polyfit([0, 1, 2, 3, 4], [1, 3.1, 8.9, 19.2, 33], 2).coefficients;
 * // [b0, b1, b2] ~ [1.0, 0.1, 2.0]
 */
export function polyfit(
  x: NumericArray,
  y: NumericArray,
  degree: number,
  options: PolyfitOptions = {},
): OlsResult {
  const xs = checkNumericArray(FN, 'x', x);
  const ys = checkNumericArray(FN, 'y', y);
  checkEqualLength(FN, xs, ys);
  checkPolyfitDegree(FN, degree);
  checkFinite(FN, 'x', xs);
  checkFinite(FN, 'y', ys);
  const hasIntercept = options.intercept ?? true;
  const { first, p } = polyfitPowers(FN, xs.length, degree, hasIntercept);
  if (xs.every((v) => v === xs[0])) {
    throw new StatsInputError(
      FN,
      `cannot fit a polynomial when all x values are identical (every x is ${xs[0]})`,
    );
  }
  return (
    polyfitExact(FN, xs, ys, first, p, hasIntercept) ??
    polyfitFused(xs, ys, first, p, hasIntercept) ??
    polyfitFloat(FN, xs, ys, first, p, hasIntercept)
  );
}
