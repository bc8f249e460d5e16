import { StatsInputError } from '../errors';
import { checkOptions, checkSample, describeType, type Sample } from '../internal/validate';
import { applyNanPolicy, checkNanPolicy, type NanPolicy } from './internal/nanPolicy';
import { medianInPlace } from './internal/select';

export interface MedianAbsDeviationOptions {
  /**
   * The MAD is divided by this: a positive number (default 1), or 'normal'
   * for 0.6744897501960817 = Phi^-1(0.75), which makes the MAD a consistent
   * estimator of the standard deviation of normal data.
   */
  scale?: number | 'normal';
  /** What a NaN does: 'propagate' (default: the result is NaN), 'omit' or 'raise'. */
  nanPolicy?: NanPolicy;
}

/** scipy's constant for scale='normal' (special.ndtri(0.75)). */
export const NORMAL_MAD_SCALE = 0.6744897501960817;

/** Checks `scale` as scipy's median_abs_deviation and iqr take it. */
export function checkScale(fn: string, scale: unknown, normal: number): number {
  if (scale === undefined) return 1;
  if (scale === 'normal') return normal;
  if (typeof scale === 'number' && Number.isFinite(scale) && scale > 0) return scale;
  throw new StatsInputError(
    fn,
    `requires scale to be a positive finite number or 'normal' (got ${describeType(scale)})`,
  );
}

/**
 * The median absolute deviation, as scipy.stats.median_abs_deviation (scipy
 * 1.17) with its default center (the median): median(|x - median(x)|) / scale.
 * Medians are found by selection (O(n) expected), not by sorting.
 *
 * @param x - the sample (at least one value)
 * @param options - `{ scale = 1, nanPolicy = 'propagate' }`
 * @returns the MAD divided by scale; NaN under 'propagate' when x holds a NaN
 * @throws StatsInputError for an empty sample (scipy warns and returns NaN),
 *   one left empty by nanPolicy 'omit', a scale that is not positive, or a
 *   NaN under nanPolicy 'raise'
 * @example medianAbsDeviation([1, 2, 3, 4, 10]) // 1
 */
export function medianAbsDeviation(x: Sample, options?: MedianAbsDeviationOptions): number {
  const fn = 'medianAbsDeviation';
  const opts = checkOptions(fn, options);
  const scale = checkScale(fn, opts.scale, NORMAL_MAD_SCALE);
  const policy = checkNanPolicy(fn, opts.nanPolicy);
  const { values, nan } = applyNanPolicy(fn, 'x', checkSample(fn, 'x', x), policy);
  if (nan) return Number.NaN;
  if (values.length === 0) {
    throw new StatsInputError(fn, 'requires at least one (non-NaN) value (got none)');
  }
  return mad(values) / scale;
}

/** mad's priming sample (see primeMad). */
const PRIME_SAMPLE = Float64Array.of(1.5, -2, 0.25, 7, 3);
let madPrimed = false;

/**
 * Runs mad a dozen times on five values, once per process, before its first
 * real call: unprimed, V8 (Node 20) compiled its loop on-stack during the
 * first large call, before the call after the loop had type feedback, and
 * deoptimised there on every later call (--trace-deopt, warm requests).
 */
function primeMad(): void {
  madPrimed = true;
  for (let k = 0; k < 12; k++) mad(PRIME_SAMPLE);
}

/** median(|x - median(x)|) of NaN-free, non-empty data (x is left as it is). */
export function mad(x: Float64Array): number {
  if (!madPrimed) primeMad();
  const work = Float64Array.from(x);
  const med = medianInPlace(work);
  for (let i = 0; i < x.length; i++) work[i] = Math.abs((x[i] as number) - med);
  return medianInPlace(work);
}
