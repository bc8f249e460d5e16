import { decimalCorrections, type ScaledIntegers } from './decimal';
import type { ExactNormalEquations } from './exactNormalEquations';

/**
 * A regression design: the float64 columns (intercept first when present),
 * a label per column for messages, and the same columns formed exactly from
 * the decimal inputs (polynomial powers included) as scaled integers.
 */
export interface Design {
  /** Name of the public function, for error messages. */
  fn: string;
  n: number;
  columns: Float64Array[];
  labels: string[];
  hasIntercept: boolean;
  /** Extra relative representation error of the float64 columns (x^k carries about k u). */
  representationUlps: number;
  y: ArrayLike<number>;
  /** The columns as double-doubles of the decimal inputs (see {@link DecimalColumns}). */
  decimalColumns: () => DecimalColumns;
  exactColumns: () => ScaledIntegers[];
  /**
   * X^T X, X^T y and the sums of y exactly, when the design has a cheaper way
   * to them than dot products of `exactColumns` (a polynomial's power sums);
   * the BigNumber solver uses them instead of the columns.
   */
  exactNormalEquations?: () => ExactNormalEquations;
  /**
   * With an intercept only: column j of `columns` is the input column minus
   * shifts[j], exactly (0 for the intercept and unshifted columns). The
   * float64 solver fits the shifted design, which is far better conditioned
   * when the values sit on a large offset, and recovers the intercept as
   * b0 = b0' - sum_j shifts[j] b_j; `decimalColumns` then bounds each entry's
   * error relative to the shifted entry. The exact columns are never shifted.
   */
  shifts?: number[];
  /**
   * With an intercept only: the float64 solver fits y - yShift (an integer)
   * instead of y, given here as the shifted decimals (see {@link shiftedDecimals}).
   */
  yShift?: number;
  shiftedY?: ShiftedDecimals;
}

/**
 * Low parts that turn each float64 column entry into the value the decimal
 * inputs define (hi + lo, hi being `columns`), and a bound on what remains,
 * relative to each entry.
 */
export interface DecimalColumns {
  /** One per column; null where the float64 column is already exact. */
  lo: (Float64Array | null)[];
  /** max over entries of |hi + lo - exact| / |hi|. */
  error: number;
}

/** A column of n ones, exactly. */
export function onesColumn(n: number): ScaledIntegers {
  return { integers: new Array<bigint>(n).fill(1n), exponent: 0 };
}

const U = 2 ** -53;
/** What {@link decimalCorrections} leaves (2u^2 relative), doubled. */
export const RESOLVED_ERROR = 4 * U * U;

/**
 * {@link DecimalColumns} of columns that hold the decimal inputs as given
 * (`exact[j]` marks a column that is exact already, such as the intercept's ones).
 */
export function decimalColumnsOf(columns: Float64Array[], exact: boolean[]): DecimalColumns {
  const parts = columns.map((c, j) => (exact[j] ? null : decimalLowParts(c)));
  return {
    lo: parts.map((part) => withoutZeros(part?.lo ?? null)),
    error: Math.max(RESOLVED_ERROR, ...parts.map((part) => part?.error ?? 0)),
  };
}

/**
 * null for low parts that are all zero (integers, or values whose decimals
 * are their doubles): the solver then skips the passes that would add them.
 * The error bound stays the caller's; the sums are the same (adding 0 to a
 * double-double changes neither part).
 */
export function withoutZeros(lo: Float64Array | null): Float64Array | null {
  if (lo === null) return null;
  for (let i = 0; i < lo.length; i++) if (lo[i] !== 0) return lo;
  return null;
}

/**
 * The double-double form of decimal inputs: `lo[i] = decimal(values[i]) -
 * values[i]` and the relative error left per entry: {@link RESOLVED_ERROR}
 * when every value resolved; else no low parts and u (the plain float64
 * rounding), decided at the first value that does not resolve.
 */
export function decimalLowParts(values: ArrayLike<number>): {
  lo: Float64Array | null;
  error: number;
} {
  const lo = new Float64Array(values.length);
  if (decimalCorrections(values, lo) < values.length) return { lo: null, error: U };
  return { lo, error: RESOLVED_ERROR };
}

/**
 * An exact shift for a column on a large offset: an integer c near its first
 * value such that every value lies in [c / 2, 2 c] (or [2 c, c / 2] for
 * c < 0), so each x - c is exact in float64 (Sterbenz) and, c being an
 * integer, the decimal of x minus c is the decimal of x - c. 0 (no shift)
 * when some value is outside that range, as for data around zero.
 */
export function exactShift(values: ArrayLike<number>): number {
  const c = Math.round(values[0] as number);
  if (c === 0 || !Number.isSafeInteger(c)) return 0;
  const low = c > 0 ? c / 2 : 2 * c;
  const high = c > 0 ? 2 * c : c / 2;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!(v >= low && v <= high)) return 0;
  }
  return c;
}

/** Decimal inputs minus an integer c as double-doubles hi + lo, and the relative error left. */
export interface ShiftedDecimals {
  hi: Float64Array;
  /** null when some value's decimal could not be resolved (then hi = x - c, off by u |x|). */
  lo: Float64Array | null;
  /** max over entries of |hi + lo - (decimal - c)| / |hi|. */
  error: number;
}

/**
 * decimal(x) - c for each x, c an integer from {@link exactShift}: x - c is
 * exact (Sterbenz) and, c being an integer, decimal(x) - c = (x - c) + dx
 * with dx = decimal(x) - x. The low part dx can be as large as the shifted
 * value itself (17-digit values a few ulps apart), so it is folded in:
 * hi + lo = (x - c) + dx by TwoSum, |lo| <= u |hi|. What is left is dx's
 * own error, {@link RESOLVED_ERROR} |x|, taken relative to |hi| (an entry
 * with hi = 0 is exact: x = c is an integer).
 */
export function shiftedDecimals(values: ArrayLike<number>, c: number): ShiftedDecimals {
  const n = values.length;
  const part = decimalLowParts(values);
  const dxs = part.lo;
  const hi = new Float64Array(n);
  const lo = dxs ? new Float64Array(n) : null;
  let ratio = 1;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    const d = v - c;
    let h = d;
    if (dxs && lo) {
      const dx = dxs[i] as number;
      h = d + dx;
      const t = h - d;
      lo[i] = d - (h - t) + (dx - t);
    }
    hi[i] = h;
    if (h !== 0) ratio = Math.max(ratio, Math.abs(v) / Math.abs(h));
  }
  return { hi, lo, error: part.error * ratio * (1 + 4 * U) };
}
