import type { BigNumber } from './bigNumber';

/**
 * A regression design: the float64 columns (intercept first when present),
 * a label per column for messages, and a way to form the same columns in
 * BigNumber from the decimal inputs (polynomial powers included).
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
  bigColumns: () => BigNumber[][];
}
