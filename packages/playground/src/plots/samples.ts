import { studentTQuantile } from '@lambda-stats/stats-core';
import * as Plot from '@observablehq/plot';
import { COLORS, dataDots, figure, hRules, qqMarks } from './marks';
import { type Body, type Labels, numbers, type PlotSpec, rowsOf, short } from './types';

/** Mean and its two-sided t interval (level 0.95) of one sample. */
export function meanInterval(
  values: number[],
  level = 0.95,
): { mean: number; lo: number; hi: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { mean, lo: mean, hi: mean };
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(variance / n);
  return { mean, lo: mean - half, hi: half + mean };
}

/**
 * A deterministic jitter in [-0.26, 0.1) for the i-th point (a low-discrepancy
 * sequence, not random: the same data always draw the same picture).
 */
export const jitter = (i: number) => (((i * 0.618033988749895) % 1) - 0.5) * 0.36 - 0.08;

/** Points of samples laid out as strips: sample k at x = k, each point jittered (deterministically). */
export function stripLayout(samples: { name: string; values: number[] }[]) {
  return samples.flatMap((s, k) =>
    s.values.map((v, i) => ({ sample: s.name, k, i, pos: k + jitter(i), value: v })),
  );
}

/** The categorical x axis of strip plots: one tick per sample, named. */
export function sampleAxis(names: string[]) {
  return {
    label: 'sample',
    ticks: names.map((_, k) => k),
    tickFormat: (k: number) => names[k] ?? '',
    domain: [-0.5, names.length - 0.5],
  };
}

/**
 * Samples as strip plots, one column per sample, each with its mean (a bar)
 * and the mean's 95% t interval (a rule): ttest_ind, ttest_rel,
 * mannwhitneyu, f_oneway, ttest_1samp and describe.
 */
export function stripPlots(
  samples: { name: string; values: number[] }[],
  valueLabel: string,
  extra: { popmean?: number } = {},
): PlotSpec[] {
  const points = stripLayout(samples);
  const summaries = samples.map((s, k) => ({ sample: s.name, k, ...meanInterval(s.values) }));
  return [
    figure(
      'plot-main',
      `${samples.map((s) => s.name).join(', ')}: values, means and 95% intervals`,
      `${points.length} values in ${samples.length} sample${samples.length > 1 ? 's' : ''}; the black bar is each mean and the rule its 95% confidence interval (Student t).`,
      { x: sampleAxis(samples.map((s) => s.name)), y: { label: valueLabel } },
      [
        ...(extra.popmean !== undefined ? [hRules([extra.popmean], 'popmean', COLORS.accent)] : []),
        dataDots(points, 'pos', 'value', { stroke: 'none' }),
        Plot.ruleX(summaries, {
          x: (d: { k: number }) => d.k + 0.28,
          y1: 'lo',
          y2: 'hi',
          stroke: 'black',
          strokeWidth: 2,
          className: 'mean-intervals',
        }),
        Plot.ruleY(summaries, {
          y: 'mean',
          x1: (d: { k: number }) => d.k + 0.2,
          x2: (d: { k: number }) => d.k + 0.36,
          stroke: 'black',
          strokeWidth: 3,
          className: 'means',
        }),
      ],
    ),
  ];
}

/** ks_2samp: both empirical CDFs as steps, the statistic's location as a rule with its gap. */
export function ecdfPlots(request: Body, response: Body, labels: Labels): PlotSpec[] {
  const series = (['data1', 'data2'] as const).map((field) => {
    const sorted = [...numbers(request[field])].sort((a, b) => a - b);
    return { field, name: labels[field] ?? field, sorted };
  });
  const points = series.flatMap((s) =>
    s.sorted.map((v, i) => ({ sample: s.name, value: v, F: (i + 1) / s.sorted.length })),
  );
  const steps = series.flatMap((s) => [
    { sample: s.name, value: Math.min(...points.map((p) => p.value)), F: 0 },
    ...s.sorted.map((v, i) => ({ sample: s.name, value: v, F: (i + 1) / s.sorted.length })),
  ]);
  const at = response.statistic_location as number | undefined;
  const ecdf = (sorted: number[], x: number) => sorted.filter((v) => v <= x).length / sorted.length;
  const gap =
    at === undefined
      ? []
      : [{ x: at, F1: ecdf(series[0]!.sorted, at), F2: ecdf(series[1]!.sorted, at) }];
  return [
    figure(
      'plot-main',
      'Empirical CDFs of both samples',
      `The two-sample KS statistic D = ${short(response.statistic)} is the largest vertical gap between the curves, marked at x = ${short(at)}.`,
      {
        x: { label: labels.value ?? 'value' },
        y: { label: 'cumulative fraction', domain: [0, 1] },
        color: { legend: true },
      },
      [
        Plot.line(steps, { x: 'value', y: 'F', stroke: 'sample', curve: 'step-after' }),
        dataDots(points, 'value', 'F', { r: 2.5, fill: 'sample', tip: false }),
        Plot.ruleX(gap, {
          x: 'x',
          y1: 'F1',
          y2: 'F2',
          stroke: COLORS.accent,
          strokeWidth: 3,
          className: 'statistic-location',
        }),
        Plot.text(gap, {
          x: 'x',
          y: (d: { F1: number; F2: number }) => (d.F1 + d.F2) / 2,
          text: () => ` D = ${short(response.statistic)}`,
          textAnchor: 'start',
          fill: COLORS.accent,
        }),
      ],
    ),
  ];
}

/** chi2_contingency: each cell's observed count (dot) against its expected frequency (tick). */
export function contingencyPlots(request: Body, response: Body): PlotSpec[] {
  const observed = rowsOf(request.observed);
  const expected = rowsOf(response.expected_freq);
  const cells = observed.flatMap((row, r) =>
    row.map((o, c) => ({
      cell: `row ${r + 1}, col ${c + 1}`,
      observed: o,
      expected: expected[r]?.[c],
    })),
  );
  return [
    figure(
      'plot-main',
      'Observed counts against expected frequencies',
      `${cells.length} cells: dots are observed counts, black ticks the frequencies expected under independence (chi-squared = ${short(response.statistic)}).`,
      { x: { label: 'cell', tickRotate: -30 }, y: { label: 'count' } },
      [
        Plot.ruleX(cells, { x: 'cell', y1: 'expected', y2: 'observed', stroke: COLORS.accent }),
        Plot.tickY(cells, {
          x: 'cell',
          y: 'expected',
          stroke: 'black',
          strokeWidth: 2,
          className: 'expected',
        }),
        dataDots(cells, 'cell', 'observed', { r: 4.5 }),
      ],
      { marginBottom: 72 },
    ),
  ];
}

/** shapiro: the normal Q-Q plot of the sample. */
export function qqPlots(values: number[], valueLabel: string, response: Body): PlotSpec[] {
  return [
    figure(
      'plot-main',
      'Normal Q-Q plot',
      `${values.length} values sorted against standard normal quantiles (Blom positions); W = ${short(response.statistic)}, p = ${short(response.pvalue)}.`,
      { x: { label: 'standard normal quantile' }, y: { label: `ordered ${valueLabel}` } },
      qqMarks(values),
    ),
  ];
}

/** pearsonr, spearmanr, kendalltau: the scatter of the pairs. */
export function scatterPlots(
  xs: number[],
  ys: number[],
  xLabel: string,
  yLabel: string,
  response: Body,
): PlotSpec[] {
  const points = xs.map((x, i) => ({ x, y: ys[i] }));
  return [
    figure(
      'plot-main',
      `${yLabel} against ${xLabel}`,
      `${points.length} pairs; statistic ${short(response.statistic)}, p = ${short(response.pvalue)}.`,
      { x: { label: xLabel }, y: { label: yLabel } },
      [dataDots(points, 'x', 'y')],
    ),
  ];
}
