import {
  exponentialSmoothing,
  median,
  modifiedZscore,
  normalQuantile,
  StatsInputError,
} from '@lambda-stats/stats-core';
import type { HoltWintersMethod, RobustScoreMethod } from './spec';

/** One scored reading: what was expected, the band it was expected in, what came, how far off. */
export interface ScoredPeriod {
  /** The reading's time (ms since the epoch). */
  readonly time: number;
  readonly actual: number;
  readonly expected: number;
  readonly low: number;
  readonly high: number;
  /** Signed distance from the expected value in (robust) standard deviations. */
  readonly score: number;
  readonly flag: boolean;
}

export type MethodResult = { ok: true; periods: ScoredPeriod[] } | { ok: false; message: string };

/**
 * Smart Targets: Holt-Winters (stats-core's exponentialSmoothing,
 * parameters estimated as statsmodels does) fitted to all but the newest
 * `evaluatePeriods` readings, which are then compared with its forecasts.
 * The interval is the core's prediction interval of the forecast at
 * `intervalLevel` (analytical, or with multiplicative seasonality exact for
 * the first cycle and simulated beyond); the score is (actual - forecast) /
 * forecast sd, the sd read off that interval. A reading is flagged when
 * |score| exceeds the threshold.
 */
export function scoreHoltWinters(
  times: readonly number[],
  values: Float64Array,
  method: HoltWintersMethod,
  threshold: number,
): MethodResult {
  const h = method.evaluatePeriods;
  const fitN = values.length - h;
  let fit: ReturnType<typeof exponentialSmoothing>;
  try {
    fit = exponentialSmoothing(values.subarray(0, fitN), {
      trend: method.trend,
      damped: method.damped,
      seasonal: method.seasonal,
      seasonalPeriods: method.seasonalPeriods,
      horizon: h,
      confidenceLevel: method.intervalLevel,
    });
  } catch (error) {
    if (error instanceof StatsInputError)
      return { ok: false, message: `Holt-Winters: ${error.message}` };
    throw error;
  }
  const z = normalQuantile(0.5 + method.intervalLevel / 2);
  // the core states an interval for every horizon it forecasts (null only for none)
  const intervals = fit.predictionIntervals;
  const periods: ScoredPeriod[] = [];
  for (let k = 0; intervals && k < h; k++) {
    const expected = fit.forecast[k]!;
    const low = intervals.lower[k]!;
    const high = intervals.upper[k]!;
    const sd = (high - low) / (2 * z);
    const actual = values[fitN + k]!;
    const score =
      sd > 0
        ? (actual - expected) / sd
        : actual === expected
          ? 0
          : Math.sign(actual - expected) * Infinity;
    periods.push({
      time: times[fitN + k]!,
      actual,
      expected,
      low,
      high,
      score,
      flag: Math.abs(score) > threshold,
    });
  }
  return { ok: true, periods };
}

/**
 * Smart Alarms: each reading's expected value is the median of the other
 * readings in the same slot of the cycle (slot = position modulo
 * `seasonalPeriods`: the same half-hour of the week for 336), and its score
 * the Iglewicz-Hoaglin modified z-score (stats-core's modifiedZscore) of
 * its deviation from that median among all the series' deviations. The
 * newest `evaluatePeriods` readings are scored; the interval is the band
 * of scores within +-threshold, in the data's units.
 */
export function scoreRobust(
  times: readonly number[],
  values: Float64Array,
  method: RobustScoreMethod,
  threshold: number,
): MethodResult {
  const m = method.seasonalPeriods;
  const n = values.length;
  // each reading's expected value: the median of the OTHER readings in its slot
  // (leaving it out keeps a spike from pulling its own expectation up)
  const expectedOf = new Float64Array(n);
  for (let s = 0; s < m; s++) {
    const slot: number[] = [];
    for (let i = s; i < n; i += m) slot.push(values[i]!);
    for (let i = s, k = 0; i < n; i += m, k++) {
      expectedOf[i] = median(slot.filter((_, j) => j !== k));
    }
  }
  const deviations = Float64Array.from(values, (v, i) => v - expectedOf[i]!);
  const mz = modifiedZscore(deviations, { threshold });
  // the robust sd the score is measured in: M = (d - median) / sd
  const sd =
    mz.scaleUsed === 'mad'
      ? mz.mad / 0.6745
      : mz.scaleUsed === 'meanAbsoluteDeviation'
        ? Number.NaN
        : 0;
  const periods: ScoredPeriod[] = [];
  for (let i = n - method.evaluatePeriods; i < n; i++) {
    const expected = expectedOf[i]! + mz.median;
    const score = mz.scores[i]!;
    // with the mean-absolute-deviation fallback the sd is read off the score itself
    const unit = Number.isNaN(sd) && score !== 0 ? (values[i]! - expected) / score : sd;
    const band = Number.isFinite(unit) ? threshold * unit : 0;
    periods.push({
      time: times[i]!,
      actual: values[i]!,
      expected,
      low: expected - band,
      high: expected + band,
      score,
      flag: mz.outliers[i]!,
    });
  }
  return { ok: true, periods };
}
