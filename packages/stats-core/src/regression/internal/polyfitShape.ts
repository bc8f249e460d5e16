import { StatsInputError } from '../../errors';
import { POLYFIT_MAX_DEGREE } from '../../options';

/** polyfit's degree, checked: an integer from 1 to {@link POLYFIT_MAX_DEGREE}. */
export function checkPolyfitDegree(fn: string, degree: unknown): number {
  if (
    typeof degree !== 'number' ||
    !Number.isInteger(degree) ||
    degree < 1 ||
    degree > POLYFIT_MAX_DEGREE
  ) {
    throw new StatsInputError(
      fn,
      `requires degree to be an integer from 1 to ${POLYFIT_MAX_DEGREE} (got ${String(degree)})`,
    );
  }
  return degree;
}

/**
 * The powers a polyfit of `degree` takes (x^first .. x^degree: first is 0
 * with an intercept, else 1) and their number p, once n points can
 * determine them.
 *
 * @throws StatsInputError when n <= p
 */
export function polyfitPowers(
  fn: string,
  n: number,
  degree: number,
  hasIntercept: boolean,
): { first: number; p: number } {
  const first = hasIntercept ? 0 : 1;
  const p = degree + 1 - first;
  if (n <= p) {
    throw new StatsInputError(
      fn,
      `requires more points than coefficients (got ${n} points for degree ${degree}${hasIntercept ? ' with intercept' : ''}, which needs at least ${p + 1})`,
    );
  }
  return { first, p };
}
