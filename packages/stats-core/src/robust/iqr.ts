import { StatsInputError } from '../errors';
import { checkOptions, checkSample, describeType, type Sample } from '../internal/validate';
import { applyNanPolicy, checkNanPolicy, type NanPolicy } from './internal/nanPolicy';
import { type Interpolation, quantilesBySelection } from './internal/percentile';
import { checkScale } from './medianAbsDeviation';

export type { Interpolation } from './internal/percentile';

export interface IqrOptions {
  /** The two percentiles in [0, 100] (in either order, as scipy); default [25, 75]. */
  rng?: readonly [number, number];
  /**
   * The range is divided by this: a positive number (default 1), or 'normal'
   * for 1.3489795003921636 = 2 sqrt(2) erfinv(1/2), the interquartile range
   * of the standard normal, which makes the IQR estimate its sd.
   */
  scale?: number | 'normal';
  /** numpy's percentile method between data points; default 'linear'. */
  interpolation?: Interpolation;
  /** What a NaN does: 'propagate' (default: NaN), 'omit' or 'raise'. */
  nanPolicy?: NanPolicy;
}

/** scipy's constant for scale='normal' (special.erfinv(.5) * 2.0 * math.sqrt(2.0)). */
export const NORMAL_IQR_SCALE = 1.3489795003921636;

const METHODS: readonly Interpolation[] = ['linear', 'lower', 'higher', 'midpoint', 'nearest'];

/**
 * The interquartile range (or any percentile range), as scipy.stats.iqr
 * (scipy 1.17): (percentile(x, high) - percentile(x, low)) / scale, with
 * scipy.stats.quantile's definitions ('linear' is Hyndman and Fan's type 7,
 * numpy's default; the others as numpy's methods of the same names).
 *
 * @param x - the sample (at least one value)
 * @param options - `{ rng = [25, 75], scale = 1, interpolation = 'linear', nanPolicy = 'propagate' }`
 * @returns the range divided by scale; NaN under 'propagate' when x holds a NaN
 * @throws StatsInputError for an empty sample (scipy warns and returns NaN),
 *   a percentile of rng outside [0, 100], an unknown interpolation, a scale
 *   that is not positive, or a NaN under nanPolicy 'raise'
 * @example iqr([1, 2, 3, 4, 10]) // 2
 */
export function iqr(x: Sample, options?: IqrOptions): number {
  const fn = 'iqr';
  const opts = checkOptions(fn, options);
  const rng = opts.rng ?? [25, 75];
  if (
    !Array.isArray(rng) ||
    rng.length !== 2 ||
    !rng.every((q) => typeof q === 'number' && Number.isFinite(q))
  ) {
    throw new StatsInputError(
      fn,
      `requires rng to be two numbers [low, high] (got ${describeType(rng)})`,
    );
  }
  const [low, high] = rng as [number, number];
  if (!(Math.min(low, high) >= 0 && Math.max(low, high) <= 100)) {
    throw new StatsInputError(
      fn,
      `requires both percentiles of rng in [0, 100] (got [${low}, ${high}])`,
    );
  }
  // as scipy: the order of the two percentiles does not matter
  const pLow = low < high ? low / 100 : high / 100;
  const pHigh = low < high ? high / 100 : low / 100;
  const method = (opts.interpolation ?? 'linear') as Interpolation;
  if (!METHODS.includes(method)) {
    throw new StatsInputError(
      fn,
      `requires interpolation to be one of ${METHODS.map((m) => `'${m}'`).join(', ')} (got ${describeType(method)})`,
    );
  }
  const scale = checkScale(fn, opts.scale, NORMAL_IQR_SCALE);
  const policy = checkNanPolicy(fn, opts.nanPolicy);
  const checked = checkSample(fn, 'x', x);
  const { values, nan } = applyNanPolicy(fn, 'x', checked, policy);
  if (nan) return Number.NaN;
  if (values.length === 0) {
    throw new StatsInputError(fn, 'requires at least one (non-NaN) value (got none)');
  }
  // selection reorders: copy unless applyNanPolicy already made a new array
  const work = values === checked ? Float64Array.from(values) : values;
  const [qLow, qHigh] = quantilesBySelection(work, [pLow, pHigh], method) as [number, number];
  const range = qHigh - qLow;
  return scale === 1 ? range : range / scale;
}
