import { StatsInputError } from '../errors';
import {
  checkEqualLength,
  checkFinite,
  checkNumericArray,
  type NumericArray,
} from '../internal/validate';
import { toScaledIntegers } from './internal/decimal';
import {
  type DecimalColumns,
  decimalLowParts,
  onesColumn,
  RESOLVED_ERROR,
} from './internal/design';
import { productError } from './internal/doubleDouble';
import { polynomialNormalEquations } from './internal/exactNormalEquations';
import type { OlsResult } from './internal/fit';
import { fitDesign } from './internal/fitDesign';

/** Options of {@link polyfit}. */
export interface PolyfitOptions {
  /** Include the constant term (default true). */
  intercept?: boolean;
}

const FN = 'polyfit';
/** Beyond this the monomial basis is hopeless even at 64 digits. */
const MAX_DEGREE = 20;

/**
 * Least-squares polynomial y = b0 + b1 x + ... + bd x^d with the full OLS
 * inference (see `ols`): the model NIST StRD's Pontius, Filip and Wampler
 * datasets certify. Coefficients run from the constant term up (numpy's
 * polyfit runs the other way).
 *
 * Without the intercept the columns are x, ..., x^d and R^2 is uncentred.
 * The float64 path forms the powers in float64 and, when their rounding is
 * what limits the error bound, as double-doubles of the decimal x; the
 * high-precision path (chosen automatically when the conditioning calls for
 * it) forms them exactly from the decimal x, which is what lets Filip reach
 * its certified digits.
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
  if (!Number.isInteger(degree) || degree < 1 || degree > MAX_DEGREE) {
    throw new StatsInputError(
      FN,
      `requires degree to be an integer from 1 to ${MAX_DEGREE} (got ${degree})`,
    );
  }
  checkFinite(FN, 'x', xs);
  checkFinite(FN, 'y', ys);
  const hasIntercept = options.intercept ?? true;
  const first = hasIntercept ? 0 : 1;
  const p = degree + 1 - first;
  const n = xs.length;
  if (n <= p) {
    throw new StatsInputError(
      FN,
      `requires more points than coefficients (got ${n} points for degree ${degree}${hasIntercept ? ' with intercept' : ''}, which needs at least ${p + 1})`,
    );
  }
  if (xs.every((v) => v === xs[0])) {
    throw new StatsInputError(
      FN,
      `cannot fit a polynomial when all x values are identical (every x is ${xs[0]})`,
    );
  }
  const powers = Array.from({ length: p }, (_, j) => j + first);
  // x^k by repeated products ((k - 1) u at most), one pass over x.
  const columns = powers.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const v = xs[i] as number;
    let power = 1;
    for (let k = 0; k <= degree; k++) {
      if (k >= first) (columns[k - first] as Float64Array)[i] = power;
      power *= v;
    }
  }
  return fitDesign({
    fn: FN,
    n,
    columns,
    labels: powers.map((k) => (k === 0 ? 'intercept' : k === 1 ? 'x' : `x^${k}`)),
    hasIntercept,
    representationUlps: degree,
    y: ys,
    decimalColumns: () => decimalPowers(xs, first, columns),
    exactNormalEquations: () =>
      polynomialNormalEquations(toScaledIntegers(xs), toScaledIntegers(ys), first, p),
    exactColumns: () => {
      const base = toScaledIntegers(xs);
      return powers.map((k) =>
        k === 0
          ? onesColumn(n)
          : { integers: base.integers.map((v) => v ** BigInt(k)), exponent: base.exponent * k },
      );
    },
  });
}

/**
 * The powers of the decimal x as double-doubles: x + dx from its decimal
 * string, then repeated double-double products (each about 4 u^2 relative),
 * kept as low parts of the float64 powers in `columns` (column j holds
 * x^(first + j)).
 */
function decimalPowers(
  xs: ArrayLike<number>,
  first: number,
  columns: Float64Array[],
): DecimalColumns {
  const base = decimalLowParts(xs);
  const maxPower = first + columns.length - 1;
  if (base.lo === null) {
    return { lo: columns.map(() => null), error: (2 * maxPower + 1) * 2 ** -53 };
  }
  const dxs = base.lo;
  const lo = columns.map((_, j) => (j + first === 0 ? null : new Float64Array(xs.length)));
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const dx = dxs[i] as number;
    let hi = 1;
    let low = 0;
    for (let k = 1; k <= maxPower; k++) {
      const h = hi * x;
      const l = productError(hi, x, h) + hi * dx + low * x;
      hi = h + l;
      low = l - (hi - h);
      const column = lo[k - first];
      const float64 = columns[k - first];
      // hi and the float64 power are within an ulp or two: the difference is exact.
      if (column && float64) column[i] = hi - (float64[i] as number) + low;
    }
  }
  return { lo, error: maxPower * (RESOLVED_ERROR + 8 * 2 ** -106) };
}
