import { StatsInputError } from '../errors';
import { tPvalue } from '../internal/pvalue';
import { checkAlternative, type NumericArray } from '../internal/validate';
import { ratioToNumber, sqrtRatioToNumber } from '../regression/internal/bigRatio';
import { constantY } from '../regression/internal/constantY';
import type { LinregressOptions, LinregressResult } from '../regression/linregress';
import {
  alignBivariate,
  bivariateSums,
  emptyBivariate,
  mergeBivariate,
  parseBivariate,
} from './bivariate';
import type { LinregressState } from './state';

const FN = 'linregress';

/**
 * Partial state of {@link linregress} for one chunk of rows: n and the exact
 * sums of x, y, x^2, x y and y^2 of the decimal inputs (integers on a
 * decimal scale, BigInt beyond 2^53).
 *
 * @param x - predictor values of the chunk (number[] or Float64Array)
 * @param y - responses, same length (0 is allowed: an empty chunk)
 * @returns a JSON-safe {@link LinregressState}
 * @throws StatsInputError when x or y is not numeric, the lengths differ, or
 *   a value is NaN or infinite (names the array and index)
 * @example linregressFinalize(linregressMerge(linregressPartial([1, 2], [2.1, 3.9]), linregressPartial([3, 4], [6.2, 7.8])))
 */
export function linregressPartial(x: NumericArray, y: NumericArray): LinregressState {
  return { stat: 'linregress', v: 1, ...bivariateSums(FN, x, y) };
}

/** The state of no rows. */
export function linregressEmpty(): LinregressState {
  return { stat: 'linregress', v: 1, ...emptyBivariate() };
}

/** Merges two states exactly (associative and commutative; the result does not depend on the split). */
export function linregressMerge(a: LinregressState, b: LinregressState): LinregressState {
  parseLinregressState(a, 'a');
  parseLinregressState(b, 'b');
  return { stat: 'linregress', v: 1, ...mergeBivariate(a, b) };
}

/**
 * Checks that `value` is a {@link LinregressState} (as read back from JSON)
 * and returns it typed.
 * @throws StatsInputError naming the malformed field
 */
export function parseLinregressState(value: unknown, name = 'state'): LinregressState {
  const o = parseBivariate('linregressMerge', 'linregress', value, name);
  return {
    stat: 'linregress',
    v: 1,
    n: o.n,
    sx: o.sx,
    sy: o.sy,
    sxx: o.sxx,
    sxy: o.sxy,
    syy: o.syy,
  };
}

/**
 * The {@link linregress} result from a merged state: computed exactly from
 * the integer sums and rounded once per field (the one-shot function's exact
 * lane), so every field is within 1e-10 relative of the exact answer
 * whatever the split. Same options, result type, edge cases (n = 2,
 * constant y) and errors as {@link linregress}.
 *
 * @throws StatsInputError for n < 2, identical x values, an unknown
 *   alternative, or a malformed state
 */
export function linregressFinalize(
  state: LinregressState,
  options: LinregressOptions = {},
): LinregressResult {
  const s = parseLinregressState(state);
  const alternative = checkAlternative(FN, options.alternative);
  const n = s.n;
  if (n < 2) throw new StatsInputError(FN, `requires at least 2 points to fit a line (got ${n})`);
  const a = alignBivariate(s);
  const N = a.n;
  const cxx = N * a.sxx - a.sx * a.sx;
  const cyy = N * a.syy - a.sy * a.sy;
  const cxy = N * a.sxy - a.sx * a.sy;
  if (cxx === 0n) {
    throw new StatsInputError(
      FN,
      `cannot fit a line when all x values are identical (every x is ${ratioToNumber(a.sx, N, a.ex)})`,
    );
  }
  if (cyy === 0n) return constantY(ratioToNumber(a.sy, N, a.ey), n);
  const slope = ratioToNumber(cxy, cxx, a.ey - a.ex);
  const intercept = ratioToNumber(a.sy * cxx - cxy * a.sx, N * cxx, a.ey);
  const rSquared = ratioToNumber(cxy * cxy, cxx * cyy);
  const rvalue = cxy < 0n ? -Math.sqrt(rSquared) : Math.sqrt(rSquared);
  if (n === 2) return { slope, intercept, rvalue, pvalue: 0, stderr: 0, interceptStderr: 0 };
  const df = n - 2;
  const D = BigInt(df);
  const residual = cxx * cyy - cxy * cxy;
  const stderr = sqrtRatioToNumber(residual, D * cxx * cxx, 2 * (a.ey - a.ex));
  const interceptStderr = sqrtRatioToNumber(residual * a.sxx, D * N * cxx * cxx, 2 * a.ey);
  let t: number;
  if (residual === 0n) t = cxy === 0n ? Number.NaN : cxy > 0n ? Infinity : -Infinity;
  else {
    const tAbs = sqrtRatioToNumber(D * cxy * cxy, residual);
    t = cxy < 0n ? -tAbs : tAbs;
  }
  return {
    slope,
    intercept,
    rvalue,
    pvalue: tPvalue(t, df, alternative),
    stderr,
    interceptStderr,
  };
}
