import { StatsInputError } from '../errors';
import { describeShape } from '../internal/describeShape';
import {
  checkedSum,
  DecimalShift,
  deviationSums,
  isArrayInput,
  obviousOffset,
  onOffset,
  passOut,
  primeKernel,
  primeShift,
  sampleScale,
} from '../internal/fastMoments';
import { noteLane } from '../internal/lanes';
import { centralSums } from '../internal/moments';
import type { Sample } from '../internal/validate';
import { checkBoolean, checkDdof, checkOptions, checkSample } from '../internal/validate';

export interface DescribeOptions {
  /** Delta degrees of freedom of the variance (denominator n - ddof); default 1. */
  ddof?: number;
  /** If false, skewness and kurtosis are corrected for statistical bias; default true. */
  bias?: boolean;
}

export interface DescribeResult {
  nobs: number;
  minmax: [number, number];
  mean: number;
  variance: number;
  skewness: number;
  /** Excess (Fisher) kurtosis: 0 for a normal distribution. */
  kurtosis: number;
}

/**
 * Summary statistics of a sample, as scipy.stats.describe (scipy 1.17):
 * count, minimum and maximum, mean, variance sum((x - mean)^2) / (n - ddof),
 * skewness m3 / m2^1.5 and excess kurtosis m4 / m2^2 - 3 (m_k the biased
 * central moments; with `bias: false` the adjusted Fisher-Pearson forms
 * G1 = sqrt(n(n-1)) / (n-2) g1 for n > 2 and
 * G2 = ((n^2-1) m4/m2^2 - 3(n-1)^2) / ((n-2)(n-3)) for n > 3).
 * Data on a large offset are first shifted exactly as the decimals written.
 *
 * @param a - the sample (NaN propagates, as scipy's default nan_policy)
 * @param options - `{ ddof = 1, bias = true }`
 * @returns `{ nobs, minmax, mean, variance, skewness, kurtosis }`; variance is
 *   Infinity when n = ddof (NaN if the data are constant, so n = 1 gives
 *   NaN); skewness and kurtosis are NaN for (near-)constant data, as scipy
 * @throws StatsInputError for an empty sample, non-numbers, or a ddof that is
 *   not an integer in [0, n]
 * @example describe([1, 2, 3, 4, 10]) // { nobs: 5, minmax: [1, 10], mean: 4, variance: 12.5, skewness: 1.138..., kurtosis: -0.212 }
 */
export function describe(a: Sample, options?: DescribeOptions): DescribeResult {
  const fast = fastDescribe(a, options);
  if (fast) return fast;
  const fn = 'describe';
  const x = checkSample(fn, 'a', a);
  const opts = checkOptions(fn, options);
  if (x.length === 0) throw new StatsInputError(fn, 'requires a non-empty sample (got 0 values)');
  const ddof = checkDdof(fn, opts.ddof, 1);
  if (ddof > x.length) {
    throw new StatsInputError(
      fn,
      `requires ddof <= the number of values (got ddof ${ddof} for ${x.length} values; scipy would return a negative variance)`,
    );
  }
  const bias = checkBoolean(fn, 'bias', opts.bias, true);
  const n = x.length;
  let min = x[0] as number;
  let max = min;
  for (let i = 0; i < n; i++) {
    const v = x[i] as number;
    if (Number.isNaN(v) || Number.isNaN(min)) {
      min = Number.NaN;
      max = Number.NaN;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const { mean, ss, s3, s4 } = centralSums(x, { higher: true, deviations: false });
  return fromSums(n, min, max, mean, ss, s3, s4, ddof, bias);
}

/**
 * describe's two plain passes, for primeKernel: unprimed, a process whose
 * first describe is large ran both loops' optimised code without feedback
 * for the code after them, deoptimised there on every call and finished the
 * loops interpreted (measured: see docs/precision-lanes.md).
 */
const plainPasses = (x: Sample): void => {
  checkedSum(x, true);
  deviationSums(x, 1, true);
};

/** The result from the extremes and the central sums. */
function fromSums(
  n: number,
  min: number,
  max: number,
  mean: number,
  ss: number,
  s3: number,
  s4: number,
  ddof: number,
  bias: boolean,
): DescribeResult {
  // As scipy: ddof = n gives Infinity (NaN for constant data, as n = 1 does).
  const variance = n > ddof ? ss / (n - ddof) : (ss / n) * (n / (n - ddof));
  const { skewness, kurtosis } = describeShape(n, mean, ss / n, s3 / n, s4 / n, bias);
  return { nobs: n, minmax: [min, max], mean, variance, skewness, kurtosis };
}

/**
 * describe straight from the caller's array (see fastMoments.ts): the same
 * sums and the same doubles as centralSums, or undefined when the general
 * path must answer (bad input or options, NaN, infinities, an offset the
 * fast shift cannot take).
 */
function fastDescribe(a: unknown, options: unknown): DescribeResult | undefined {
  if (!isArrayInput(a) || a.length === 0) return undefined;
  const n = a.length;
  let ddof = 1;
  let bias = true;
  if (options !== undefined) {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) return undefined;
    const o = options as Record<string, unknown>;
    if (o.ddof !== undefined) {
      if (typeof o.ddof !== 'number' || !Number.isInteger(o.ddof) || o.ddof < 0 || o.ddof > n) {
        return undefined;
      }
      ddof = o.ddof;
    }
    if (o.bias !== undefined) {
      if (typeof o.bias !== 'boolean') return undefined;
      bias = o.bias;
    }
  }
  // Obviously on an offset (the first 64 values): the exact shift at once,
  // two passes instead of the plain two and then the shifted two.
  if (obviousOffset(a)) {
    const shifted = shiftedDescribe(a, n, ddof, bias);
    if (shifted !== 'not decimals') return shifted;
  }
  primeKernel(plainPasses, n, a);
  const total = checkedSum(a, true);
  if (Number.isNaN(total)) return undefined;
  const min = passOut[0] as number;
  const max = passOut[1] as number;
  const mean = total / n;
  deviationSums(a, mean, true);
  const ss = passOut[0] as number;
  if (!Number.isFinite(ss)) return undefined;
  if (onOffset(n, mean, ss)) {
    const shifted = shiftedDescribe(a, n, ddof, bias);
    return shifted === 'not decimals' ? undefined : shifted;
  }
  return fromSums(n, min, max, mean, ss, passOut[1] as number, passOut[2] as number, ddof, bias);
}

/**
 * describe on the exact decimal shift (see DecimalShift): the mean pass
 * also takes the minimum and maximum, then the central sums of the shifted
 * integers. 'not decimals' when no scale fits the first values, undefined
 * when a later value does not fit it (the general path answers).
 */
function shiftedDescribe(
  a: Sample,
  n: number,
  ddof: number,
  bias: boolean,
): DescribeResult | undefined | 'not decimals' {
  const places = sampleScale([a]);
  if (places === undefined) return 'not decimals';
  primeShift(n, a);
  const shift = new DecimalShift(places, a[0] as number);
  const m = shift.mean(a, true);
  if (Number.isNaN(m)) return undefined;
  shift.deviationSums(a, true);
  noteLane('decimal-shift');
  const mean = (a[0] as number) + m;
  const ss = passOut[0] as number;
  return fromSums(
    n,
    shift.min,
    shift.max,
    mean,
    ss,
    passOut[1] as number,
    passOut[2] as number,
    ddof,
    bias,
  );
}
