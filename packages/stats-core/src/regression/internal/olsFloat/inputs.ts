import { type Design, decimalLowParts, withoutZeros } from '../design';

export const U = 2 ** -53;

/**
 * What the solver takes the data to be: the float64 design and y, plus low
 * parts that bring them closer to the decimal inputs (hi + lo, as
 * double-doubles), and the relative error that remains per entry.
 */
export interface FloatInputs {
  columnsLo: (Float64Array | null)[];
  yLo: Float64Array | null;
  /** Bound on |entry - decimal entry| / |entry| over the design. */
  columnError: number;
  /** The same over y. */
  yError: number;
}

/** The float64 data alone: every entry off by its binary rounding (x^k by about k u more). */
export function plainInputs(d: Design): FloatInputs {
  return {
    columnsLo: d.columns.map(() => null),
    yLo: null,
    columnError: (2 * d.representationUlps + 1) * U,
    // A shifted y is the shifted decimals rounded once (|lo| <= u |hi|), plus their error.
    yError: d.shiftedY ? U + d.shiftedY.error : U,
  };
}

/** The decimal data as double-doubles: what is left is about u^2 per entry where it resolves. */
export function decimalInputs(d: Design): FloatInputs {
  const columns = d.decimalColumns();
  const y = d.shiftedY ?? decimalLowParts(d.y);
  return {
    columnsLo: columns.lo,
    yLo: withoutZeros(y.lo),
    columnError: columns.error,
    yError: y.error,
  };
}
