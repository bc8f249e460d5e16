import { decimalCorrection, type ScaledIntegers } from './decimal';

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
/** What {@link decimalCorrection} leaves (2u^2 relative), doubled. */
export const RESOLVED_ERROR = 4 * U * U;

/**
 * {@link DecimalColumns} of columns that hold the decimal inputs as given
 * (`exact[j]` marks a column that is exact already, such as the intercept's ones).
 */
export function decimalColumnsOf(columns: Float64Array[], exact: boolean[]): DecimalColumns {
  const parts = columns.map((c, j) => (exact[j] ? null : decimalLowParts(c)));
  return {
    lo: parts.map((part) => part?.lo ?? null),
    error: Math.max(RESOLVED_ERROR, ...parts.map((part) => part?.error ?? 0)),
  };
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
  for (let i = 0; i < values.length; i++) {
    const c = decimalCorrection(values[i] as number);
    if (Number.isNaN(c)) return { lo: null, error: U };
    lo[i] = c;
  }
  return { lo, error: RESOLVED_ERROR };
}
