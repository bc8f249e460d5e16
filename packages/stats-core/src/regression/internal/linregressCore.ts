/**
 * What both linregress paths (float64 and exact decimal) produce; the public
 * function turns `t` into a p-value for the requested alternative.
 */
export interface LinregressCore {
  slope: number;
  intercept: number;
  rvalue: number;
  stderr: number;
  interceptStderr: number;
  /** slope / stderr; +-Infinity for a perfect fit. */
  t: number;
}
