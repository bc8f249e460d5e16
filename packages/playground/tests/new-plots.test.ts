/**
 * The robust, smoothing and analyses plots, without a browser: each mark
 * sits at the API's numbers, the least-squares line and the quartiles agree
 * with scipy/numpy (tests/fixtures/plots.json, from golden/plots.py), and
 * the flagged points are those found independently in Python.
 */
import { describe, expect, it } from 'vitest';
import { analysisPlots, type ResultsBody } from '../src/plots/analyses';
import { DATA_POINTS, plotsFor } from '../src/plots/index';
import { leastSquaresLine, quantileLinear } from '../src/plots/quantiles';
import { flagging, IQR_NORMAL, MAD_NORMAL } from '../src/plots/robust';
import type { Body } from '../src/plots/types';
import { example, golden } from './support/fixtures';
import { channel, markWith } from './support/marks';

/** Relative agreement: |a - b| <= tol max(1, |b|). */
const close = (a: number, b: number, tol = 1e-12) =>
  expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

/** A line mark's points as [x, y] pairs. */
const linePoints = (mark: { data: unknown[] }) =>
  mark.data.map((d) => [channel(mark, 'x', d), channel(mark, 'y', d)] as [number, number]);

describe('theilslopes and siegelslopes', () => {
  it('the least-squares contrast line agrees with scipy linregress to 1e-12', () => {
    for (const g of golden.ols_lines) {
      const l = leastSquaresLine(g.x, g.y);
      close(l.slope, g.slope);
      close(l.intercept, g.intercept);
    }
  });

  it('theilslopes: the robust line is the API slope and intercept, with its slope interval and the OLS line', () => {
    const { request, response } = example('theilslopes');
    const [main] = plotsFor('theilslopes', request, response, { x: 'hour', y: 'load (kW)' });
    const robust = markWith(main!, 'robust-line');
    for (const [x, y] of linePoints(robust))
      close(y, (response.intercept as number) + (response.slope as number) * x);
    const ols = markWith(main!, 'ols-line');
    const g = golden.ols_lines[0]!;
    for (const [x, y] of linePoints(ols)) close(y, g.intercept + g.slope * x);
    // the interval's fan: at its ends, the band's width is |high - low| times the distance to the median of x
    const fan = markWith(main!, 'slope-interval');
    const xm = quantileLinear(request.x as number[], 0.5);
    const widthPerUnit = (response.high_slope as number) - (response.low_slope as number);
    for (const d of fan.data as { x: number; lo: number; hi: number }[])
      close(d.hi - d.lo, Math.abs(widthPerUnit * (d.x - xm)));
    expect(main!.options.x).toMatchObject({ label: 'hour' });
    expect(main!.options.y).toMatchObject({ label: 'load (kW)' });
    expect(main!.description).toContain('interval 1 to 1.4');
  });

  it('siegelslopes: no interval; x defaults to 0, 1, ... when absent', () => {
    const { request, response } = example('siegelslopes');
    const { x: _x, ...noX } = request;
    const [main] = plotsFor('siegelslopes', noX, response, {});
    expect(markWith(main!, 'slope-interval')).toBeUndefined();
    const dots = markWith(main!, DATA_POINTS);
    expect(dots.data.map((d: Body) => d.x)).toEqual((request.y as number[]).map((_, i) => i));
    expect(main!.options.x).toMatchObject({ label: 'index (0, 1, …)' });
  });
});

describe('sample plots with flagged points', () => {
  const flaggedIndices = (statistic: string, field: string, request: Body, response: Body) => {
    const [main] = plotsFor(statistic, request, response, { [field]: 'reading (kWh)' });
    const rings = markWith(main!, 'flagged');
    expect(markWith(main!, DATA_POINTS).data).toHaveLength((request[field] as number[]).length);
    expect(main!.options.y).toMatchObject({ label: 'reading (kWh)' });
    return { main: main!, flagged: (rings.data as { i: number }[]).map((d) => d.i) };
  };

  for (const [k, g] of golden.robust.entries()) {
    it(`sample ${k + 1}: zscore flags |z| > 3, its band is mean -+ 3 sd (numpy)`, () => {
      const { flagged } = flaggedIndices('zscore', 'a', { a: g.x }, { zscore: g.zscore });
      expect(flagged).toEqual(g.flag_z);
      const f = flagging('zscore', g.x, { a: g.x }, { zscore: g.zscore });
      close(f.lo, g.mean - 3 * g.std, 1e-10);
      close(f.hi, g.mean + 3 * g.std, 1e-10);
    });

    it(`sample ${k + 1}: median_abs_deviation flags modified z > 3.5, with either scale`, () => {
      expect(
        flaggedIndices('median_abs_deviation', 'x', { x: g.x }, { median_abs_deviation: g.mad })
          .flagged,
      ).toEqual(g.flag_mad);
      const normal = flagging(
        'median_abs_deviation',
        g.x,
        { x: g.x, scale: 'normal' },
        { median_abs_deviation: g.mad_normal },
      );
      close(normal.hi - g.median, (3.5 * g.mad) / MAD_NORMAL, 1e-12);
    });

    it(`sample ${k + 1}: iqr draws the quartiles (numpy) and flags beyond Tukey's fences`, () => {
      const { main, flagged } = flaggedIndices('iqr', 'x', { x: g.x }, { iqr: g.iqr });
      expect(flagged).toEqual(g.flag_iqr);
      const box = markWith(main, 'box').data[0] as { q1: number; q3: number };
      close(box.q1, g.q1);
      close(box.q3, g.q3);
      const scaled = flagging('iqr', g.x, { x: g.x, scale: 'normal' }, { iqr: g.iqr / IQR_NORMAL });
      close(scaled.lo, g.q1 - 1.5 * g.iqr, 1e-12);
    });
  }

  it('iqr with rng = [10, 90] and scale "normal": fences around those percentiles (numpy), in the data unit', () => {
    const g = golden.iqr_rng;
    const request = { x: g.x, rng: g.rng, scale: 'normal' };
    const { flagged } = flaggedIndices('iqr', 'x', request, { iqr: g.iqr_normal });
    expect(flagged).toEqual(g.flagged);
    const f = flagging('iqr', g.x, request, { iqr: g.iqr_normal });
    close(f.lo, g.p10 - 1.5 * (g.p90 - g.p10), 1e-12);
    close(f.hi, g.p90 + 1.5 * (g.p90 - g.p10), 1e-12);
  });

  it("modified_zscore rings the API's own outliers and bands median -+ threshold MAD / 0.6745", () => {
    const { request, response } = example('modified_zscore');
    const { main, flagged } = flaggedIndices('modified_zscore', 'x', request, response);
    expect(flagged).toEqual(response.outlier_indices);
    const band = markWith(main, 'expected-band').data[0] as { lo: number; hi: number };
    close(band.hi - (response.median as number), (3.5 * (response.mad as number)) / MAD_NORMAL);
  });
});

describe('exponential_smoothing', () => {
  const { request, response } = example('exponential_smoothing');
  const [main, resid] = plotsFor('exponential_smoothing', request, response, {
    y: 'sales (units)',
  });

  it('the series, the fitted values at t = 0..n-1, the forecast and its band after them', () => {
    const n = (request.y as number[]).length;
    expect(markWith(main!, DATA_POINTS).data).toHaveLength(n);
    expect(linePoints(markWith(main!, 'fitted-line'))).toEqual(
      (response.fitted_values as number[]).map((v, t) => [t, v]),
    );
    expect(linePoints(markWith(main!, 'forecast-line'))).toEqual(
      (response.forecast as number[]).map((v, k) => [n + k, v]),
    );
    const pi = response.prediction_intervals as { lower: number[]; upper: number[] };
    const band = markWith(main!, 'prediction-band').data as { t: number; lo: number; hi: number }[];
    expect(band.map((b) => [b.t, b.lo, b.hi])).toEqual(
      pi.lower.map((lo, k) => [n + k, lo, pi.upper[k]]),
    );
    expect(main!.options.y).toMatchObject({ label: 'sales (units)' });
    expect(main!.options.x).toMatchObject({ label: 'step (t, oldest first)' });
  });

  it('adds the one-step-ahead residuals', () => {
    expect(resid?.id).toBe('plot-residuals');
    expect(markWith(resid!, DATA_POINTS).data).toHaveLength(
      (response.residuals as number[]).length,
    );
  });
});

describe('analyses results', () => {
  const rows = Array.from({ length: 48 }, (_, i) => {
    const expected = 10 + Math.sin(i / 4);
    const actual = i === 30 ? 25 : i === 5 ? null : expected + 0.1;
    return {
      period: new Date(Date.UTC(2026, 10, 24, 0, 30 * i)).toISOString(),
      expected: i < 2 ? null : expected,
      low: i < 2 ? null : expected - 1,
      high: i < 2 ? null : expected + 1,
      actual,
      score: null,
      flag: i === 30,
    };
  });
  const body: ResultsBody = {
    analysis: 'smart-alarms',
    series: 'meter-004',
    count: rows.length,
    truncated: false,
    results: rows,
  };

  it('one dot per reading, the band and expected line where the analysis had them, anomalies ringed', () => {
    const [main] = analysisPlots(body);
    expect(main!.id).toBe('plot-main');
    expect(markWith(main!, DATA_POINTS).data).toHaveLength(47); // one reading is missing
    expect(markWith(main!, 'expected-band').data).toHaveLength(46);
    expect(markWith(main!, 'expected-line').data).toHaveLength(46);
    const anomalies = markWith(main!, 'anomalies').data as { period: string; actual: number }[];
    expect(anomalies.map((a) => [a.period, a.actual])).toEqual([[rows[30]!.period, 25]]);
    expect(main!.options.x).toMatchObject({ label: 'time (UTC)', type: 'utc' });
    expect(main!.options.y).toMatchObject({ label: 'meter-004 reading' });
    expect(main!.title).toContain('1 anomaly');
  });
});
