import { StatsInputError } from '../errors';
import { checkFinite, checkNumericArray, type NumericArray } from '../internal/validate';
import { toScaledIntegers } from './internal/decimal';
import { decimalColumnsOf, exactShift, onesColumn, shiftedDecimals } from './internal/design';
import type { OlsResult } from './internal/fit';
import { fitDesign } from './internal/fitDesign';
import { olsFused } from './internal/olsFused';

export type { OlsResult } from './internal/fit';

/** Options of {@link ols}. */
export interface OlsOptions {
  /** Add an intercept column (default true). */
  intercept?: boolean;
}

const FN = 'ols';

/**
 * Ordinary least squares y = X b (+ intercept), with the usual inference:
 * the statsmodels OLS summary, field for field.
 *
 * Residual SD s = sqrt(RSS / dfResidual); standard errors s sqrt(diag((X^T X)^-1));
 * t = b / se with two-sided Student-t p-values (dfResidual = n - p). R^2 is
 * 1 - RSS / TSS with TSS centred when there is an intercept and uncentred
 * (sum y^2) without, as NIST and statsmodels define it; adjusted R^2 is
 * 1 - (1 - R^2)(n - k0) / dfResidual (k0 = 1 with intercept, else 0);
 * F = ((TSS - RSS) / dfModel) / s^2 with dfModel = p - k0.
 *
 * Method, fastest first (each answers only when an a posteriori error bound
 * on every field, inputs taken as the decimals they print as, is below
 * 1e-13 relative and 1e-10 on the p-values: 'float64'):
 * 1. The fused lane: one pass reads the rows into reused column buffers;
 *    columns of short decimals become exact integers (shifted by their
 *    first value under an intercept), the augmented Gram matrix
 *    [1 X y]^T [1 X y] is summed in double-double (exactly for such
 *    columns) and factored by Cholesky in double-double; the bound comes
 *    from the Gram entries' errors by first-order perturbation theory.
 *    Full-precision columns are first taken as they are, and their
 *    decimals resolved (as first-order corrections to the same sums) only
 *    when the bound needs them.
 * 2. Householder QR in float64 on the column-scaled design, refined with
 *    double-double residuals and Gram matrix on the decimals as
 *    double-doubles (0.1 is not one tenth in binary; x + dx is, to about
 *    u^2).
 * 3. The normal equations built exactly from the decimal inputs (BigInt
 *    sums) and solved in mathjs BigNumber at 64 digits ('bignumber'), which
 *    also names the columns of a singular design.
 * Every NIST StRD linear-regression certified value comes out to 13+
 * significant digits with the defaults.
 *
 * @param X - one row per observation, each a number[] or Float64Array of the
 *   same length k >= 1
 * @param y - the responses, one per row
 * @param options - `intercept` (default true)
 * @returns `{ coefficients, standardErrors, tValues, pValues,
 *   residualStandardDeviation, rSquared, adjustedRSquared, fStatistic,
 *   fPvalue, dfModel, dfResidual, conditionNumber, method }`, coefficients
 *   intercept first; conditionNumber is the 2-norm condition number of the
 *   design (intercept column included), a few digits.
 * @throws StatsInputError when X or y is malformed, rows differ in length,
 *   X and y differ in length, n <= p, a value is NaN or infinite (names
 *   the index), or the design is singular (names the collinear columns).
 * @example
 * ols([[1, 0], [2, 1], [3, 0], [4, 1], [5, 3]], [3.1, 5.9, 7.2, 9.8, 13.1]);
 * // { coefficients: [intercept, b1, b2], method: 'float64', ... }
 */
export function ols(X: NumericArray[], y: NumericArray, options: OlsOptions = {}): OlsResult {
  if (!Array.isArray(X)) {
    throw new StatsInputError(FN, 'requires X to be an array of rows (one per observation)');
  }
  const ys = checkNumericArray(FN, 'y', y);
  const n = ys.length;
  const rows = X as unknown[];
  const hasIntercept = options.intercept ?? true;
  const fused = olsFused(rows, ys, hasIntercept);
  if (fused !== null) return fused;
  // Rows are checked inline, and the name `X[i]` (a string per row) is only
  // built for the row that fails, whose message then comes from the shared check.
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row instanceof Float64Array) continue;
    if (!Array.isArray(row)) checkNumericArray(FN, `X[${i}]`, row);
    const values = row as unknown[];
    for (let j = 0; j < values.length; j++) {
      if (typeof values[j] !== 'number') checkNumericArray(FN, `X[${i}]`, row);
    }
  }
  if (rows.length !== n) {
    throw new StatsInputError(
      FN,
      `requires one row of X per y value (got ${rows.length} rows and ${n} y values)`,
    );
  }
  const k = (rows[0] as NumericArray | undefined)?.length ?? 0;
  // The columns of X, filled in the same pass that checks every row's length and values.
  const xColumns = Array.from({ length: k }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const row = rows[i] as NumericArray;
    if (row.length !== k) {
      throw new StatsInputError(
        FN,
        `requires every row of X to have the same length (X[0] has ${k}, X[${i}] has ${row.length})`,
      );
    }
    for (let j = 0; j < k; j++) {
      const v = row[j] as number;
      if (!Number.isFinite(v)) checkFinite(FN, `X[${i}]`, row);
      (xColumns[j] as Float64Array)[i] = v;
    }
  }
  checkFinite(FN, 'y', ys);
  const p = k + (hasIntercept ? 1 : 0);
  if (p === 0) throw new StatsInputError(FN, 'requires at least one column in X');
  if (n <= p) {
    throw new StatsInputError(
      FN,
      `requires more observations than coefficients (got ${n} observations for ${p} coefficients)`,
    );
  }
  const labels = [
    ...(hasIntercept ? ['intercept'] : []),
    ...Array.from({ length: k }, (_, j) => `x${j + 1}`),
  ];
  const columns = [...(hasIntercept ? [new Float64Array(n).fill(1)] : []), ...xColumns];
  const exact = columns.map((_, j) => hasIntercept && j === 0);
  const exactColumns = () => [
    ...(hasIntercept ? [onesColumn(n)] : []),
    ...Array.from({ length: k }, (_, j) => toScaledIntegers(xColumns[j] as Float64Array)),
  ];
  // Columns on a large offset (values near 1e9 differing in the last digits)
  // are fitted shifted by an exact integer, which the intercept absorbs:
  // otherwise they are nearly collinear with the intercept and the float64
  // solver declines to the BigNumber lane.
  const shifts = columns.map((c, j) => (hasIntercept && j > 0 ? exactShift(c) : 0));
  const yShift = hasIntercept ? exactShift(ys) : 0;
  const shifted = yShift !== 0 || shifts.some((c) => c !== 0);
  if (!shifted) {
    return fitDesign({
      fn: FN,
      n,
      columns,
      labels,
      hasIntercept,
      representationUlps: 0,
      y: ys,
      decimalColumns: () => decimalColumnsOf(columns, exact),
      exactColumns,
    });
  }
  const parts = columns.map((c, j) => {
    const shift = shifts[j] as number;
    return shift === 0 ? null : shiftedDecimals(c, shift);
  });
  return fitDesign({
    fn: FN,
    n,
    columns: columns.map((c, j) => parts[j]?.hi ?? c),
    labels,
    hasIntercept,
    representationUlps: 0,
    y: ys,
    shifts,
    yShift,
    ...(yShift === 0 ? {} : { shiftedY: shiftedDecimals(ys, yShift) }),
    decimalColumns: () => {
      const plain = decimalColumnsOf(
        columns.map((c, j) => (parts[j] ? new Float64Array(0) : c)),
        exact.map((e, j) => e || parts[j] !== null),
      );
      return {
        lo: plain.lo.map((lo, j) => {
          const part = parts[j];
          return part ? part.lo : lo;
        }),
        error: Math.max(plain.error, ...parts.map((part) => part?.error ?? 0)),
      };
    },
    exactColumns,
  });
}
