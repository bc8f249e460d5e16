import type { ScaledIntegers } from './decimal';

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
  exactColumns: () => ScaledIntegers[];
}

/** A column of n ones, exactly. */
export function onesColumn(n: number): ScaledIntegers {
  return { integers: new Array<bigint>(n).fill(1n), exponent: 0 };
}
