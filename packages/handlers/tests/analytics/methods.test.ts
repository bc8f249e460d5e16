/**
 * The two scoring methods. Robust score: a spike of 6 robust standard
 * deviations is flagged, normal readings are not, the score is the
 * Iglewicz-Hoaglin statistic of stats-core (checked by hand on a tiny
 * series). Holt-Winters: expected values and intervals are stats-core's
 * exponentialSmoothing forecast and prediction interval for the held-out
 * readings (whose accuracy against statsmodels is tested in stats-core).
 */

import { gaussian, mulberry32 } from '@lambda-stats/lambda-kit/random';
import { exponentialSmoothing, normalQuantile } from '@lambda-stats/stats-core';
import { describe, expect, it } from 'vitest';
import { scoreHoltWinters, scoreRobust } from '../../src/analytics/index';

/** Seeded normals (mulberry32 + Box-Muller), so the test data never change. */
function normals(seed: number, n: number): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, () => gaussian(random));
}

const m = 24;
const weeks = 4;
const n = m * weeks;
const times = Array.from({ length: n }, (_, i) => i * 3_600_000);
const season = (i: number) => 50 + 20 * Math.sin((2 * Math.PI * (i % m)) / m);

describe('scoreRobust', () => {
  const noise = normals(7, n);
  const values = Float64Array.from(noise, (e, i) => season(i) + e);

  it('flags a spike of 6 robust standard deviations and nothing else in the scored window', () => {
    const spiked = values.slice();
    const at = n - 5;
    // the robust sd of the deviations, measured on the clean series
    const clean = scoreRobust(
      times,
      values,
      { kind: 'modified-zscore', seasonalPeriods: m, evaluatePeriods: m },
      3.5,
    );
    expect(clean.ok && clean.periods.filter((p) => p.flag)).toEqual([]);
    const p0 = clean.ok ? clean.periods[at - (n - m)]! : undefined;
    const robustSd = (p0!.high - p0!.expected) / 3.5;
    spiked[at] = spiked[at]! + 6 * robustSd;
    const r = scoreRobust(
      times,
      spiked,
      { kind: 'modified-zscore', seasonalPeriods: m, evaluatePeriods: m },
      3.5,
    );
    if (!r.ok) throw new Error('expected a result');
    const flagged = r.periods.filter((p) => p.flag);
    expect(flagged.map((p) => p.time)).toEqual([times[at]]);
    // the spike moves its own score by 6 (the MAD barely moves with one reading of 96)
    expect(flagged[0]!.score - p0!.score).toBeCloseTo(6, 0);
    expect(flagged[0]!.actual).toBeGreaterThan(flagged[0]!.high);
  });

  it('on a hand-checked series: expected = median of the other readings in the slot; M = 0.6745 (d - median d) / MAD', () => {
    // slots of 2: slot 0 holds 1, 3, 2, 100; slot 1 holds 10, 12, 11, 11
    const v = Float64Array.from([1, 10, 3, 12, 2, 11, 100, 11]);
    const r = scoreRobust(
      [0, 1, 2, 3, 4, 5, 6, 7],
      v,
      { kind: 'modified-zscore', seasonalPeriods: 2, evaluatePeriods: 2 },
      3.5,
    );
    if (!r.ok) throw new Error('expected a result');
    // reading 6 (100): the others in slot 0 are 1, 3, 2 -> median 2; deviations of all readings:
    // [1-2.5, 10-11, 3-2, 12-11, 2-2, 11-11, 100-2, 11-11.5] = [-1.5, -1, 1, 1, 0, 0, 98, -0.5]
    // median of deviations 0; MAD = median |d| = median(1.5, 1, 1, 1, 0, 0, 98, 0.5) = 1
    expect(r.periods[0]!.expected).toBe(2);
    expect(r.periods[0]!.score).toBeCloseTo(0.6745 * 98, 12);
    expect(r.periods[0]!.flag).toBe(true);
    expect(r.periods[1]!.expected).toBe(11);
    expect(r.periods[1]!.score).toBe(0);
    expect(r.periods[1]!.high).toBeCloseTo(11 + 3.5 / 0.6745, 12);
  });
});

describe('scoreHoltWinters', () => {
  const noise = normals(11, n);
  const values = Float64Array.from(noise, (e, i) => season(i) + 0.5 * e);
  const method = {
    kind: 'holt-winters' as const,
    seasonalPeriods: m,
    seasonal: 'add' as const,
    trend: null,
    damped: false,
    evaluatePeriods: m,
    intervalLevel: 0.95,
  };

  it("expects stats-core's forecast of the held-out day, within its prediction interval", () => {
    const r = scoreHoltWinters(times, values, method, 3.5);
    if (!r.ok) throw new Error(r.message);
    const core = exponentialSmoothing(values.subarray(0, n - m), {
      seasonal: 'add',
      seasonalPeriods: m,
      horizon: m,
      confidenceLevel: 0.95,
    });
    expect(r.periods.map((p) => p.expected)).toEqual(Array.from(core.forecast));
    expect(r.periods.map((p) => p.low)).toEqual(Array.from(core.predictionIntervals!.lower));
    const z = normalQuantile(0.975);
    const p = r.periods[3]!;
    expect(p.score).toBeCloseTo((p.actual - p.expected) / ((p.high - p.low) / (2 * z)), 12);
    expect(r.periods.filter((q) => q.flag)).toEqual([]);
  });

  it('flags a reading far above its target', () => {
    const spiked = values.slice();
    spiked[n - 3] = spiked[n - 3]! + 10;
    const r = scoreHoltWinters(times, spiked, method, 3.5);
    if (!r.ok) throw new Error(r.message);
    expect(r.periods.filter((q) => q.flag).map((q) => q.time)).toEqual([times[n - 3]]);
  });
});
