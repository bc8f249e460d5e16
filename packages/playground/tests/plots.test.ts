/**
 * The plot specifications, without a browser: for every statistic, the
 * endpoint's own example (from the committed OpenAPI document) gives a main
 * plot whose data-points mark holds exactly the data points, labelled axes,
 * and marks placed at the API's numbers (bands at the prediction columns,
 * the KS gap at statistic_location, expected frequencies, means and
 * intervals against scipy's, normal quantiles against scipy's).
 */
import { describe, expect, it } from 'vitest';
import { withPlotRequests } from '../src/page/statistics';
import { DATA_POINTS, plotsFor } from '../src/plots/index';
import { normalQq } from '../src/plots/quantiles';
import { meanInterval } from '../src/plots/samples';
import type { Body } from '../src/plots/types';
import { doc, golden, statistics } from './support/fixtures';
import { channel, markWith } from './support/marks';

/** How many data points an example request carries, per statistic. */
function pointCount(statistic: string, request: Body): number {
  const len = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  switch (statistic) {
    case 'ttest_ind':
    case 'ttest_rel':
      return len(request.a) + len(request.b);
    case 'mannwhitneyu':
      return len(request.x) + len(request.y);
    case 'ks_2samp':
      return len(request.data1) + len(request.data2);
    case 'f_oneway':
      return (request.samples as number[][]).flat().length;
    case 'chi2_contingency':
      return (request.observed as number[][]).flat().length;
    case 'describe':
    case 'ttest_1samp':
      return len(request.a);
    case 'spearmanr':
      return len(request.a);
    case 'ols':
    case 'exponential_smoothing':
    case 'theilslopes':
    case 'siegelslopes':
      return len(request.y);
    case 'zscore':
      return len(request.a);
    default:
      return len(request.x);
  }
}

describe('every statistic gets a main plot with one mark per data point', () => {
  it('offers every statistic of the API document (every POST route)', () => {
    const posts = Object.entries(doc.paths as Record<string, { post?: unknown }>)
      .filter(([path, item]) => item.post !== undefined && !/^\/(datasets|jobs)/.test(path))
      .map(([path]) => path.slice(1));
    expect(posts.length).toBeGreaterThanOrEqual(22);
    expect(statistics.map((s) => s.name).sort()).toEqual(posts.sort());
  });

  for (const s of statistics) {
    it(`${s.name}: plot-main, labelled axes, ${DATA_POINTS} = the example's points`, () => {
      const [main] = plotsFor(s.name, s.example.request, s.example.response);
      expect(main?.id).toBe('plot-main');
      const options = main!.options as { x?: { label?: string }; y?: { label?: string } };
      expect(options.x?.label, 'x axis label').toBeTruthy();
      expect(options.y?.label, 'y axis label').toBeTruthy();
      expect(main!.title.length).toBeGreaterThan(5);
      expect(main!.description.length).toBeGreaterThan(10);
      const points = markWith(main!, DATA_POINTS);
      expect(points, 'data-points mark').toBeDefined();
      expect(points.data).toHaveLength(pointCount(s.name, s.example.request));
    });
  }
});

describe('regressions', () => {
  const request = withPlotRequests('linregress', { x: [1, 2, 3, 4, 5], y: [2, 4, 5, 4, 5] });
  const grid = (request.predict as { x: number[] }).x;
  // A response shaped as the API answers: the bands are taken from it as they are.
  const mean = grid.map((x) => 2.2 + 0.6 * x);
  const response = {
    slope: 0.6,
    intercept: 2.2,
    prediction: {
      confidence_level: 0.9,
      mean,
      mean_se: grid.map(() => 0.5),
      mean_ci_lower: mean.map((m) => m - 1),
      mean_ci_upper: mean.map((m) => m + 1),
      obs_ci_lower: mean.map((m) => m - 2),
      obs_ci_upper: mean.map((m) => m + 2),
      fittedvalues: [2.8, 3.4, 4, 4.6, 5.2],
      resid: [-0.8, 0.6, 1, -0.6, -0.2],
    },
  };
  const specs = plotsFor('linregress', request, response, { x: 'temp (°C)', y: 'load (kWh)' });

  it('asks for the bands over the data range plus 5% and for the residuals', () => {
    expect(grid).toHaveLength(121);
    expect(grid[0]).toBeCloseTo(0.8, 12);
    expect(grid.at(-1)).toBeCloseTo(5.2, 12);
    expect((request.predict as { fitted: boolean }).fitted).toBe(true);
  });

  it('draws the fitted line and both bands at the API numbers, axes in the columns names and units', () => {
    const [main] = specs;
    expect((main!.options as { x: { label: string } }).x.label).toBe('temp (°C)');
    expect(main!.title).toContain('90% bands');
    const line = markWith(main!, 'fitted-line');
    const ci = markWith(main!, 'confidence-band');
    const pi = markWith(main!, 'prediction-band');
    line.data.forEach((d: unknown, i: number) => {
      expect(channel(line, 'x', d)).toBe(grid[i]);
      expect(channel(line, 'y', d)).toBe(mean[i]);
      expect(channel(ci, 'y1', d)).toBe(response.prediction.mean_ci_lower[i]);
      expect(channel(ci, 'y2', d)).toBe(response.prediction.mean_ci_upper[i]);
      expect(channel(pi, 'y1', d)).toBe(response.prediction.obs_ci_lower[i]);
      expect(channel(pi, 'y2', d)).toBe(response.prediction.obs_ci_upper[i]);
    });
  });

  it('adds residuals against fitted, a normal Q-Q plot and a histogram of the residuals', () => {
    expect(specs.map((s) => s.id)).toEqual([
      'plot-main',
      'plot-residuals',
      'plot-qq',
      'plot-histogram',
    ]);
    const residuals = markWith(specs[1]!, DATA_POINTS);
    expect(residuals.data.map((d: unknown) => channel(residuals, 'y', d))).toEqual(
      response.prediction.resid,
    );
    expect(residuals.data.map((d: unknown) => channel(residuals, 'x', d))).toEqual(
      response.prediction.fittedvalues,
    );
    const qq = markWith(specs[2]!, DATA_POINTS);
    expect(qq.data.map((d: unknown) => channel(qq, 'y', d))).toEqual(
      [...response.prediction.resid].sort((a, b) => a - b),
    );
  });

  it('ols: observed against fitted with each observation prediction interval', () => {
    const ols = statistics.find((s) => s.name === 'ols')!;
    const req = withPlotRequests('ols', ols.example.request);
    expect((req.predict as { X: unknown }).X).toEqual(ols.example.request.X);
    const p = {
      confidence_level: 0.95,
      mean: [3, 6, 7, 10, 13],
      mean_se: [0, 0, 0, 0, 0],
      mean_ci_lower: [0, 0, 0, 0, 0],
      mean_ci_upper: [0, 0, 0, 0, 0],
      obs_ci_lower: [2, 5, 6, 9, 12],
      obs_ci_upper: [4, 7, 8, 11, 14],
    };
    const [main] = plotsFor('ols', req, { prediction: p });
    const intervals = markWith(main!, 'prediction-intervals');
    expect(intervals.data.map((d: unknown) => channel(intervals, 'y1', d))).toEqual(p.obs_ci_lower);
    const dots = markWith(main!, DATA_POINTS);
    expect(dots.data.map((d: unknown) => channel(dots, 'y', d))).toEqual(ols.example.request.y);
  });
});

describe('tests of samples', () => {
  it('means and 95% intervals agree with scipy stats.t.interval to 1e-12', () => {
    for (const g of golden.mean_intervals) {
      const m = meanInterval(g.values);
      expect(m.mean).toBeCloseTo(g.mean, 12);
      expect(Math.abs(m.lo - g.interval[0])).toBeLessThan(
        1e-12 * Math.max(1, Math.abs(g.interval[0])),
      );
      expect(Math.abs(m.hi - g.interval[1])).toBeLessThan(
        1e-12 * Math.max(1, Math.abs(g.interval[1])),
      );
    }
  });

  it('ttest_ind draws both samples with a mean and an interval each', () => {
    const [main] = plotsFor(
      'ttest_ind',
      { a: [1, 2, 3, 4], b: [3, 4, 5, 6] },
      { statistic: -2.19, pvalue: 0.07 },
    );
    const rules = markWith(main!, 'mean-intervals');
    expect(rules.data).toHaveLength(2);
    expect(channel(rules, 'y1', rules.data[0])).toBeCloseTo(
      golden.mean_intervals[0]!.interval[0],
      12,
    );
    expect(channel(rules, 'y2', rules.data[1])).toBeCloseTo(
      golden.mean_intervals[1]!.interval[1],
      12,
    );
  });

  it('ks_2samp marks the gap at statistic_location, and the gap is D', () => {
    const ks = statistics.find((s) => s.name === 'ks_2samp')!;
    const [main] = plotsFor('ks_2samp', ks.example.request, ks.example.response);
    const gap = markWith(main!, 'statistic-location');
    const d = gap.data[0];
    expect(channel(gap, 'x', d)).toBe(ks.example.response.statistic_location);
    const height = Math.abs((channel(gap, 'y1', d) as number) - (channel(gap, 'y2', d) as number));
    expect(height).toBeCloseTo(ks.example.response.statistic as number, 12);
  });

  it('chi2_contingency puts the expected frequencies of the API beside the observed counts', () => {
    const chi = statistics.find((s) => s.name === 'chi2_contingency')!;
    const [main] = plotsFor('chi2_contingency', chi.example.request, chi.example.response);
    const expected = markWith(main!, 'expected');
    expect(expected.data.map((d: unknown) => channel(expected, 'y', d))).toEqual(
      (chi.example.response.expected_freq as number[][]).flat(),
    );
  });

  it('shapiro and the residual Q-Q plots use scipy normal quantiles at Blom positions', () => {
    for (const [n, quantiles] of Object.entries(golden.blom)) {
      const values = Array.from({ length: Number(n) }, (_, i) => Math.sin(i) * 10);
      const qq = normalQq(values);
      qq.points.forEach((p, i) => {
        expect(Math.abs(p.theoretical - quantiles[i]!)).toBeLessThan(1e-13);
      });
      expect(qq.points.map((p) => p.sample)).toEqual([...values].sort((a, b) => a - b));
    }
  });
});
