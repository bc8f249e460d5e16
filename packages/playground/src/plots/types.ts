import type { PlotOptions } from '@observablehq/plot';

/** A request or response body: scipy-named JSON. */
export type Body = Record<string, unknown>;

/** What the page needs to know about the data beyond the request: axis names from the CSV header. */
export interface Labels {
  /** Label of each request field, e.g. `{ x: 'temp (°C)', y: 'kWh' }` (defaults to the field name). */
  [field: string]: string;
}

/**
 * One figure: Observable Plot options (marks included) and a title. Building
 * it needs no DOM; `Plot.plot(spec.options)` renders it in the page. The
 * first spec a statistic returns is the main plot (`data-testid="plot-main"`),
 * whose `data-points` mark has one element per data point.
 */
export interface PlotSpec {
  id: string;
  title: string;
  /** One sentence for screen readers and the figure caption. */
  description: string;
  options: PlotOptions;
}

/** Class of the mark that draws one element per data point (the browser tests count them). */
export const DATA_POINTS = 'data-points';

export const numbers = (v: unknown): number[] =>
  Array.isArray(v) ? v.map((x) => (typeof x === 'number' ? x : Number.NaN)) : [];

export const rowsOf = (v: unknown): number[][] => (Array.isArray(v) ? v.map(numbers) : []);

/** Readable on a laptop: the width the page lays plots out at, and a common style. */
export const BASE = {
  width: 520,
  height: 330,
  marginLeft: 64,
  marginBottom: 48,
  style: { fontSize: '13px' },
  grid: true,
  // keeps points at the ends of the axes clear of the frame
  inset: 6,
} as const;

/** The main plot is larger: it spans the results column. */
export const MAIN = { ...BASE, width: 860, height: 440 } as const;

/** A number for a caption: 4 significant digits. */
export function short(v: unknown): string {
  return typeof v === 'number' && Number.isFinite(v) ? String(Number(v.toPrecision(4))) : 'n/a';
}
