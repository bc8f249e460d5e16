import { StatsInputError } from '../errors';
import { checkOptions, checkSample, type Sample } from '../internal/validate';
import { applyNanPolicy, checkNanPolicy, type NanPolicy } from './internal/nanPolicy';
import { medianInPlace } from './internal/select';

export interface ModifiedZscoreOptions {
  /** |M| above this is an outlier; default 3.5 (Iglewicz and Hoaglin's recommendation). */
  threshold?: number;
  /** What a NaN does: 'propagate' (default: every score NaN, nothing flagged), 'omit' (its score is NaN, not flagged) or 'raise'. */
  nanPolicy?: NanPolicy;
}

export interface ModifiedZscoreResult {
  /** M_i for each value, in input order. */
  scores: Float64Array;
  /** |M_i| > threshold, in input order. */
  outliers: boolean[];
  median: number;
  /** median(|x - median|), unscaled. */
  mad: number;
  /**
   * 'mad' for 0.6745 (x - median) / MAD; 'meanAbsoluteDeviation' when MAD = 0
   * (half or more of the values equal the median), where (x - median) / (1.253314 MeanAD)
   * is used; 'none' when every value is equal (all scores 0).
   */
  scaleUsed: 'mad' | 'meanAbsoluteDeviation' | 'none';
  threshold: number;
}

/**
 * The modified z-score of Iglewicz and Hoaglin ("How to Detect and Handle
 * Outliers", ASQC 1993, section 3.3) for flagging anomalies:
 * M_i = 0.6745 (x_i - median) / MAD with MAD = median(|x - median|);
 * |M_i| > 3.5 flags an outlier. Not a scipy function (ours: the endpoint is
 * `/modified_zscore`). 0.6745 is Phi^-1(0.75) rounded as the authors give
 * it, so MAD / 0.6745 estimates a normal sd and M is in sd units.
 * When MAD = 0 the definition divides by zero; as IBM SPSS Modeler's
 * anomaly node and later literature do, the mean absolute deviation around
 * the median is used instead, M_i = (x_i - median) / (1.253314 MeanAD)
 * (1.253314 = sqrt(pi / 2) makes MeanAD a normal sd estimate). Constant data
 * get scores of 0 and no outliers.
 *
 * @param x - the sample (at least one value)
 * @param options - `{ threshold = 3.5, nanPolicy = 'propagate' }`
 * @returns `{ scores, outliers, median, mad, scaleUsed, threshold }`
 * @throws StatsInputError for an empty sample, a threshold that is not a
 *   positive finite number, or a NaN under nanPolicy 'raise'
 * @example modifiedZscore([1, 2, 3, 4, 100]).outliers // [false, false, false, false, true]
 */
export function modifiedZscore(x: Sample, options?: ModifiedZscoreOptions): ModifiedZscoreResult {
  const fn = 'modifiedZscore';
  const opts = checkOptions(fn, options);
  const threshold = opts.threshold ?? 3.5;
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold <= 0) {
    throw new StatsInputError(
      fn,
      `requires threshold to be a positive finite number (got ${String(threshold)})`,
    );
  }
  const policy = checkNanPolicy(fn, opts.nanPolicy);
  const all = checkSample(fn, 'x', x);
  if (all.length === 0) throw new StatsInputError(fn, 'requires a non-empty sample (got 0 values)');
  const { values, nan } = applyNanPolicy(fn, 'x', all, policy);
  const n = all.length;
  const scores = new Float64Array(n);
  if (nan || values.length === 0) {
    return {
      scores: scores.fill(Number.NaN),
      outliers: new Array<boolean>(n).fill(false),
      median: Number.NaN,
      mad: Number.NaN,
      scaleUsed: 'none',
      threshold,
    };
  }
  const work = Float64Array.from(values);
  const median = medianInPlace(work);
  let sumAbs = 0;
  for (let i = 0; i < values.length; i++) {
    work[i] = Math.abs((values[i] as number) - median);
    sumAbs += work[i] as number;
  }
  const mad = medianInPlace(work);
  let scaleUsed: ModifiedZscoreResult['scaleUsed'] = 'mad';
  let score = (v: number) => (0.6745 * (v - median)) / mad;
  if (mad === 0) {
    const meanAD = sumAbs / values.length;
    scaleUsed = meanAD > 0 ? 'meanAbsoluteDeviation' : 'none';
    score = meanAD > 0 ? (v) => (v - median) / (1.253314 * meanAD) : () => 0;
  }
  const outliers = new Array<boolean>(n);
  for (let i = 0; i < n; i++) {
    const v = all[i] as number;
    scores[i] = Number.isNaN(v) ? Number.NaN : score(v);
    outliers[i] = Math.abs(scores[i] as number) > threshold;
  }
  return { scores, outliers, median, mad, scaleUsed, threshold };
}
