/**
 * The robust statistics' plots: the Theil-Sen and Siegel lines through the
 * points (against the least-squares line, for contrast), and the sample as
 * a strip with its box (quartiles and median) and the points each statistic
 * flags (z-score, modified z-score, MAD, IQR fences).
 */
import { NORMAL_IQR_SCALE, NORMAL_MAD_SCALE } from '@lambda-stats/stats-core';
import * as Plot from '@observablehq/plot';
import {
  COLORS,
  dataDots,
  extent,
  figure,
  flaggedRings,
  hRules,
  straightLine,
  valueBand,
} from './marks';
import { leastSquaresLine, quantileLinear } from './quantiles';
import { sampleAxis, stripLayout } from './samples';
import { type Body, type Labels, numbers, type PlotSpec, short } from './types';

/** scipy's 'normal' scale of the MAD: Phi^-1(0.75). */
export const MAD_NORMAL = NORMAL_MAD_SCALE;
/** scipy's 'normal' scale of the IQR: 2 Phi^-1(0.75). */
export const IQR_NORMAL = NORMAL_IQR_SCALE;
/** |z| beyond this flags a point in the z-score plot (the usual three-sigma rule). */
export const Z_LIMIT = 3;
/** Modified z-score beyond this flags a point in the MAD plot (Iglewicz and Hoaglin's 3.5). */
export const MAD_LIMIT = 3.5;
/** Tukey's fences: this many IQRs beyond the quartiles. */
export const TUKEY_K = 1.5;

/** theilslopes and siegelslopes: points, the robust line (with theilslopes' slope interval), and the OLS line. */
export function slopesPlots(
  statistic: 'theilslopes' | 'siegelslopes',
  request: Body,
  response: Body,
  labels: Labels,
): PlotSpec[] {
  const y = numbers(request.y);
  const x = request.x === undefined ? y.map((_, i) => i) : numbers(request.x);
  const xLabel = request.x === undefined ? 'index (0, 1, …)' : (labels.x ?? 'x');
  const yLabel = labels.y ?? 'y';
  const points = x.map((xi, i) => ({ x: xi, y: y[i] }));
  const [x0, x1] = extent(x);
  const slope = response.slope as number;
  const intercept = response.intercept as number;
  const ols = leastSquaresLine(x, y);
  const name = statistic === 'theilslopes' ? 'Theil-Sen' : 'Siegel repeated-medians';
  const marks = [];
  const hasInterval =
    typeof response.low_slope === 'number' && typeof response.high_slope === 'number';
  if (hasInterval) {
    // The slope interval as a fan through the fit at the median of x.
    const xm = quantileLinear(x, 0.5);
    const ym = intercept + slope * xm;
    const fan = [x0, xm, x1].map((xi) => {
      const a = ym + (response.low_slope as number) * (xi - xm);
      const b = ym + (response.high_slope as number) * (xi - xm);
      return { x: xi, lo: Math.min(a, b), hi: Math.max(a, b) };
    });
    marks.push(
      Plot.areaY(fan, {
        x: 'x',
        y1: 'lo',
        y2: 'hi',
        fill: COLORS.bandLight,
        fillOpacity: 0.35,
        className: 'slope-interval',
      }),
    );
  }
  marks.push(
    straightLine(ols.slope, ols.intercept, x0, x1, 'ols-line', {
      stroke: COLORS.reference,
      dashed: true,
    }),
    straightLine(slope, intercept, x0, x1, 'robust-line'),
    dataDots(points, 'x', 'y', { fill: COLORS.accent }),
  );
  const level = `${short(100 * ((request.alpha as number | undefined) ?? 0.95))}%`;
  return [
    figure(
      'plot-main',
      `${yLabel} against ${xLabel}: ${name} line`,
      `${points.length} points; the ${name} line (solid, slope ${short(slope)}${hasInterval ? `, ${level} interval ${short(response.low_slope)} to ${short(response.high_slope)}, shaded` : ''}) against the least-squares line (dashed, slope ${short(ols.slope)}), which outliers pull.`,
      { x: { label: xLabel }, y: { label: yLabel } },
      marks,
    ),
  ];
}

/** The box of a sample: quartiles and median (linear interpolation, as numpy), for the strip's box. */
export function boxOf(values: number[]) {
  return {
    q1: quantileLinear(values, 0.25),
    median: quantileLinear(values, 0.5),
    q3: quantileLinear(values, 0.75),
  };
}

/**
 * What a sample plot shows besides the points: the range outside of which a
 * point is flagged (a band), and which points are flagged.
 */
export interface Flagging {
  /** The band's ends in the data's unit, and what it is. */
  lo: number;
  hi: number;
  rule: string;
  /** Indices of flagged values. */
  flagged: number[];
}

const outside = (values: number[], lo: number, hi: number) =>
  values.flatMap((v, i) => (v < lo || v > hi ? [i] : []));

/** The value of the `scale` option (a number, "normal", or the default 1). */
const scaleOf = (scale: unknown, normal: number) =>
  scale === 'normal' ? normal : typeof scale === 'number' ? scale : 1;

/**
 * Which points each robust statistic flags, from the API's own numbers:
 * - zscore: |z| > 3, the band at z = ±3 (the mean and standard deviation
 *   read back from two of the API's scores, as z is linear in x);
 * - modified_zscore: the API's `outliers`, the band median ± threshold · MAD / 0.6745;
 * - median_abs_deviation: the same rule (modified z-score above 3.5), from
 *   the API's MAD and the sample's median;
 * - iqr: Tukey's fences, the two percentiles of `rng` (the quartiles by
 *   default, linear interpolation) ∓ 1.5 · the API's range in the data's unit.
 */
export function flagging(
  statistic: string,
  values: number[],
  request: Body,
  response: Body,
): Flagging {
  const median = quantileLinear(values, 0.5);
  switch (statistic) {
    case 'zscore': {
      const z = numbers(response.zscore);
      const i = z.findIndex((v) => Number.isFinite(v) && v !== 0);
      const j = z.findIndex((v, k) => Number.isFinite(v) && values[k] !== values[i]);
      let lo = Number.NaN;
      let hi = Number.NaN;
      if (i >= 0 && j >= 0) {
        const sd = (values[i]! - values[j]!) / (z[i]! - z[j]!);
        const mean = values[i]! - sd * z[i]!;
        lo = mean - Z_LIMIT * sd;
        hi = mean + Z_LIMIT * sd;
      }
      return {
        lo,
        hi,
        rule: `|z| > ${Z_LIMIT}`,
        flagged: z.flatMap((v, k) => (Math.abs(v) > Z_LIMIT ? [k] : [])),
      };
    }
    case 'modified_zscore': {
      const mad = response.mad as number;
      const threshold = (response.threshold as number | undefined) ?? MAD_LIMIT;
      const centre = (response.median as number | undefined) ?? median;
      const half = (threshold * mad) / MAD_NORMAL;
      const outliers = Array.isArray(response.outliers) ? (response.outliers as boolean[]) : [];
      return {
        lo: centre - half,
        hi: centre + half,
        rule: `modified z-score > ${short(threshold)}`,
        flagged: outliers.flatMap((o, k) => (o ? [k] : [])),
      };
    }
    case 'median_abs_deviation': {
      const raw = (response.median_abs_deviation as number) * scaleOf(request.scale, MAD_NORMAL);
      const half = (MAD_LIMIT * raw) / MAD_NORMAL;
      return {
        lo: median - half,
        hi: median + half,
        rule: `modified z-score > ${MAD_LIMIT}`,
        flagged: outside(values, median - half, median + half),
      };
    }
    case 'iqr': {
      // Tukey's fences around the two percentiles asked for (the quartiles by default)
      const raw = (response.iqr as number) * scaleOf(request.scale, IQR_NORMAL);
      const rng = Array.isArray(request.rng) ? numbers(request.rng) : [25, 75];
      const [p0, p1] = [Math.min(rng[0]!, rng[1]!), Math.max(rng[0]!, rng[1]!)];
      const lo = quantileLinear(values, p0 / 100) - TUKEY_K * raw;
      const hi = quantileLinear(values, p1 / 100) + TUKEY_K * raw;
      return {
        lo,
        hi,
        rule: `more than ${TUKEY_K} ranges beyond the ${short(p0)}th and ${short(p1)}th percentiles`,
        flagged: outside(values, lo, hi),
      };
    }
    default:
      return { lo: Number.NaN, hi: Number.NaN, rule: '', flagged: [] };
  }
}

const SUMMARY: Record<string, (r: Body) => string> = {
  zscore: () => 'z-scores',
  modified_zscore: (r) => `median ${short(r.median)}, MAD ${short(r.mad)}`,
  median_abs_deviation: (r) => `MAD ${short(r.median_abs_deviation)}`,
  iqr: (r) => `IQR ${short(r.iqr)}`,
};

/**
 * zscore, modified_zscore, median_abs_deviation, iqr: the sample as a strip
 * with its box (quartiles, median), the band inside which points are not
 * flagged, and the flagged points ringed.
 */
export function robustSamplePlots(
  statistic: string,
  field: string,
  request: Body,
  response: Body,
  labels: Labels,
): PlotSpec[] {
  const values = numbers(request[field]);
  const name = labels[field] ?? field;
  const points = stripLayout([{ name, values }]);
  const box = boxOf(values);
  const f = flagging(statistic, values, request, response);
  const flaggedSet = new Set(f.flagged);
  const flagged = points.filter((p) => flaggedSet.has(p.i));
  const marks = [];
  if (Number.isFinite(f.lo) && Number.isFinite(f.hi))
    marks.push(valueBand(f.lo, f.hi, 'expected-band'), hRules([f.lo, f.hi], 'thresholds'));
  marks.push(
    Plot.rectY([box], {
      x1: 0.2,
      x2: 0.4,
      y1: 'q1',
      y2: 'q3',
      fill: 'none',
      stroke: 'black',
      className: 'box',
    }),
    Plot.ruleY([box], {
      y: 'median',
      x1: 0.2,
      x2: 0.4,
      stroke: 'black',
      strokeWidth: 3,
      className: 'median',
    }),
    dataDots(points, 'pos', 'value', {
      stroke: 'none',
      fill: (d: { i: number }) => (flaggedSet.has(d.i) ? COLORS.flagged : COLORS.points),
    }),
    flaggedRings(flagged, 'pos', 'value'),
  );
  return [
    figure(
      'plot-main',
      `${name}: ${statistic}, ${f.flagged.length} flagged`,
      `${values.length} values (${SUMMARY[statistic]?.(response) ?? statistic}); the box spans the quartiles with the median as a bar; the shaded band is where no point is flagged (${f.rule}); ${f.flagged.length} flagged point${f.flagged.length === 1 ? '' : 's'} ringed in red.`,
      { x: sampleAxis([name]), y: { label: name } },
      marks,
    ),
  ];
}
