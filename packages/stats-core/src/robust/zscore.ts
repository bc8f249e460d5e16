import { StatsInputError } from '../errors';
import { centralSums } from '../internal/moments';
import { checkDdof, checkOptions, checkSample, type Sample } from '../internal/validate';
import { applyNanPolicy, checkNanPolicy, type NanPolicy } from './internal/nanPolicy';

export interface ZscoreOptions {
  /** Delta degrees of freedom of the standard deviation (divisor n - ddof); default 0, as scipy. */
  ddof?: number;
  /**
   * What a NaN does: 'propagate' (default: every score is NaN), 'omit' (mean
   * and sd from the other values; a NaN's own score stays NaN) or 'raise'.
   */
  nanPolicy?: NanPolicy;
}

/**
 * Standard scores, as scipy.stats.zscore (scipy 1.17):
 * z_i = (x_i - mean) / sd, sd = sqrt(sum (x - mean)^2 / (n - ddof)).
 * The deviations come from a compensated two-pass (with an exact decimal
 * shift for data on a large offset), so z keeps its digits where a naive
 * pass would cancel.
 *
 * @param a - the sample
 * @param options - `{ ddof = 0, nanPolicy = 'propagate' }`
 * @returns one score per value (a new Float64Array). As scipy, every score
 *   is NaN when the data are (numerically) constant, sd <= |eps * mean|,
 *   and when n - ddof = 0 leaves the variance undefined.
 * @throws StatsInputError for an empty sample, a ddof that is not an
 *   integer in [0, n], or a NaN under nanPolicy 'raise'
 * @example zscore([1, 2, 3, 4, 10]) // [-0.9258, -0.6172, -0.3086, 0, 1.8516] (rounded)
 */
export function zscore(a: Sample, options?: ZscoreOptions): Float64Array {
  const fn = 'zscore';
  const opts = checkOptions(fn, options);
  const policy = checkNanPolicy(fn, opts.nanPolicy);
  const x = checkSample(fn, 'a', a);
  if (x.length === 0) throw new StatsInputError(fn, 'requires a non-empty sample (got 0 values)');
  const ddof = checkDdof(fn, opts.ddof, 0);
  const { values, nan } = applyNanPolicy(fn, 'a', x, policy);
  const out = new Float64Array(x.length);
  if (nan || values.length === 0) return out.fill(Number.NaN);
  const n = values.length;
  if (ddof > n) {
    throw new StatsInputError(
      fn,
      `requires ddof <= the number of values (got ddof ${ddof} for ${n} values; the variance would be negative)`,
    );
  }
  const { mean, ss, deviations: dev } = centralSums(values, { deviations: true });
  const sd = Math.sqrt(ss / (n - ddof));
  // scipy: NaN where the sample is constant up to rounding, or sd is undefined
  if (!(sd > Math.abs(Number.EPSILON * mean))) return out.fill(Number.NaN);
  if (x.length === n) {
    for (let i = 0; i < n; i++) out[i] = (dev[i] as number) / sd;
    return out;
  }
  // nanPolicy 'omit': scores for the kept values, NaN where the input was NaN
  let k = 0;
  for (let i = 0; i < x.length; i++) {
    out[i] = Number.isNaN(x[i]) ? Number.NaN : (dev[k++] as number) / sd;
  }
  return out;
}
