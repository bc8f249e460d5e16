/**
 * The one home of what the plots share: the figure frame (size, axes and
 * their labels), the data points mark the tests count, bands, fitted lines,
 * reference lines, the Q-Q marks and the flagged-point mark. Every plot
 * module builds its figures from these, so a style or an accessibility
 * detail changes in one place.
 */
import * as Plot from '@observablehq/plot';
import { normalQq } from './quantiles';
import { BASE, DATA_POINTS, MAIN, type PlotSpec } from './types';

// biome-ignore lint/suspicious/noExplicitAny: Plot's channel options accept a field name or an accessor of any datum.
type Channel = string | ((d: any, i: number) => unknown);
type Marks = NonNullable<PlotSpec['options']['marks']>;

export const COLORS = {
  points: '#3182bd',
  accent: '#d94801',
  line: '#08519c',
  bandDark: '#3182bd',
  bandLight: '#9ecae1',
  reference: '#888',
  flagged: '#d7301f',
} as const;

/** An axis: its label (the column's name, with its unit when the header has one) and any Plot scale options. */
export interface Axis {
  label: string;
  [option: string]: unknown;
}

/**
 * A figure: the main one (`plot-main`, large) or a secondary one. Axes are
 * always labelled; the title is also the SVG's aria-label and the
 * description its caption and aria-description (the page adds both).
 */
export function figure(
  id: string,
  title: string,
  description: string,
  axes: { x: Axis; y: Axis; [scale: string]: unknown },
  marks: Marks,
  extra: Record<string, unknown> = {},
): PlotSpec {
  return {
    id,
    title,
    description,
    options: { ...(id === 'plot-main' ? MAIN : BASE), ...extra, ...axes, marks },
  };
}

/** The data points: one element per data point, of class `data-points`. */
export function dataDots<T>(
  data: T[],
  x: Channel,
  y: Channel,
  options: { fill?: Channel; r?: number; stroke?: string; tip?: boolean; title?: Channel } = {},
) {
  return Plot.dot(data, {
    x,
    y,
    r: options.r ?? 3.5,
    fill: options.fill ?? COLORS.points,
    fillOpacity: 0.85,
    stroke: options.stroke ?? 'white',
    className: DATA_POINTS,
    tip: options.tip ?? true,
    ...(options.title ? { title: options.title } : {}),
  });
}

/** Flagged points (outliers, anomalies), ringed over the data points: one element per flagged point. */
export function flaggedRings<T>(data: T[], x: Channel, y: Channel, className = 'flagged') {
  return Plot.dot(data, {
    x,
    y,
    r: 7,
    stroke: COLORS.flagged,
    strokeWidth: 2,
    fill: 'none',
    className,
  });
}

/** A band between two curves (confidence, prediction, expected range). */
export function band<T>(
  data: T[],
  x: Channel,
  y1: Channel,
  y2: Channel,
  className: string,
  fill: string = COLORS.bandLight,
) {
  return Plot.areaY(data, { x, y1, y2, fill, fillOpacity: 0.35, className, curve: 'linear' });
}

/** A horizontal band over the whole width, between two values (a threshold range). */
export function valueBand(
  lo: number,
  hi: number,
  className: string,
  fill: string = COLORS.bandLight,
) {
  return Plot.rectY([{ lo, hi }], { y1: 'lo', y2: 'hi', fill, fillOpacity: 0.25, className });
}

/** A fitted or expected line. */
export function fittedLine<T>(
  data: T[],
  x: Channel,
  y: Channel,
  className: string,
  options: { stroke?: string; dashed?: boolean; width?: number } = {},
) {
  return Plot.line(data, {
    x,
    y,
    stroke: options.stroke ?? COLORS.line,
    strokeWidth: options.width ?? 2,
    ...(options.dashed ? { strokeDasharray: '6 4' } : {}),
    className,
  });
}

/** A straight line y = intercept + slope x drawn over [x0, x1]. */
export function straightLine(
  slope: number,
  intercept: number,
  x0: number,
  x1: number,
  className: string,
  options: { stroke?: string; dashed?: boolean; width?: number } = {},
) {
  return fittedLine(
    [x0, x1].map((x) => ({ x, y: intercept + slope * x })),
    'x',
    'y',
    className,
    options,
  );
}

/** A dashed reference line (y = x, a Q-Q line). */
export function referenceLine(points: { x: number; y: number }[], className = 'reference') {
  return Plot.line(points, {
    x: 'x',
    y: 'y',
    stroke: COLORS.reference,
    strokeDasharray: '4 3',
    className,
  });
}

/** Horizontal rules at given values (zero, a population mean, a threshold). */
export function hRules(values: number[], className: string, stroke: string = COLORS.reference) {
  return Plot.ruleY(values, { stroke, strokeDasharray: '4 3', className });
}

/** A normal Q-Q plot's marks: the quartile line and the ordered values, one dot each. */
export function qqMarks(values: number[], r = 3.5): Marks {
  const qq = normalQq(values);
  const zs = qq.points.map((q) => q.theoretical);
  const z0 = Math.min(...zs);
  const z1 = Math.max(...zs);
  return [
    referenceLine(
      [z0, z1].map((z) => ({ x: z, y: qq.line.intercept + qq.line.slope * z })),
      'qq-line',
    ),
    dataDots(qq.points, 'theoretical', 'sample', { r }),
  ];
}

/** Minimum and maximum of the finite values (for a line's ends, a domain). */
export function extent(values: number[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}
