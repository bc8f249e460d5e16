import type { LinregressResult } from '../linregress';

/**
 * scipy 1.17's linregress answer when every y is the same value: a flat
 * line through it, no correlation; n = 2 is scipy's special case (a
 * perfect fit with zero standard errors and p = 1). Shared by the one-shot
 * function and the partial states' finalize.
 */
export function constantY(value: number, n: number): LinregressResult {
  const undefinedForN = n === 2 ? 0 : Number.NaN;
  return {
    slope: 0,
    intercept: value,
    rvalue: Number.NaN,
    pvalue: n === 2 ? 1 : Number.NaN,
    stderr: undefinedForN,
    interceptStderr: undefinedForN,
  };
}
