import type { RawReading } from './csv';
import { scoreHoltWinters, scoreRobust } from './methods';
import { checkSeries, type RejectReason } from './quality';
import type { AnalysisSpec } from './spec';

/** A results-table item: one analysis, one series, one period. */
export interface ResultItem {
  /** `<analysis>#<series>`: the partition key. */
  readonly pk: string;
  /** The reading's ISO 8601 time: the sort key, so a re-run for the same period replaces the item. */
  readonly period: string;
  readonly analysis: string;
  readonly series: string;
  readonly expected: number;
  readonly low: number;
  readonly high: number;
  readonly actual: number;
  readonly score: number;
  readonly flag: boolean;
  readonly runId: string;
  /** DynamoDB TTL, seconds since the epoch. */
  readonly expiresAt: number;
}

export interface Anomaly {
  readonly period: string;
  readonly actual: number;
  readonly expected: number;
  readonly score: number;
}

/** The per-series line of a run record. */
export type SeriesOutcome =
  | {
      readonly series: string;
      readonly status: 'analysed';
      readonly readings: number;
      readonly scored: number;
      /** First and last scored period. */
      readonly from: string;
      readonly to: string;
      readonly anomalies: readonly Anomaly[];
    }
  | {
      readonly series: string;
      readonly status: 'rejected';
      readonly readings: number;
      readonly reason: RejectReason;
      readonly message: string;
    };

/** Anomalies listed in one outcome (all are counted; the results table holds every one). */
export const MAX_ANOMALIES_LISTED = 50;

export const resultKey = (analysis: string, series: string) => `${analysis}#${series}`;

/**
 * Analyses one series: checks it (checkSeries), scores its newest readings
 * by the analysis's method, and returns the results-table items and the
 * outcome. A bad series yields a rejected outcome and no items; it never
 * throws for the data's sake.
 */
export function analyseSeries(
  spec: AnalysisSpec,
  series: string,
  readings: readonly RawReading[],
  runId: string,
  now: Date,
): { outcome: SeriesOutcome; items: ResultItem[] } {
  const rejected = (reason: RejectReason, message: string) => ({
    outcome: { series, status: 'rejected' as const, readings: readings.length, reason, message },
    items: [],
  });
  const checked = checkSeries(readings, spec.method);
  if (!checked.ok) return rejected(checked.reason, checked.message);
  const result =
    spec.method.kind === 'holt-winters'
      ? scoreHoltWinters(checked.times, checked.values, spec.method, spec.threshold)
      : scoreRobust(checked.times, checked.values, spec.method, spec.threshold);
  if (!result.ok) return rejected('model-error', result.message);
  const expiresAt = Math.floor(now.getTime() / 1000) + spec.resultTtlDays * 86_400;
  const pk = resultKey(spec.name, series);
  const items = result.periods.map((p) => ({
    pk,
    period: new Date(p.time).toISOString(),
    analysis: spec.name,
    series,
    expected: p.expected,
    low: p.low,
    high: p.high,
    actual: p.actual,
    score: p.score,
    flag: p.flag,
    runId,
    expiresAt,
  }));
  const anomalies = items
    .filter((i) => i.flag)
    .map((i) => ({ period: i.period, actual: i.actual, expected: i.expected, score: i.score }));
  return {
    outcome: {
      series,
      status: 'analysed',
      readings: readings.length,
      scored: items.length,
      from: items[0]!.period,
      to: items[items.length - 1]!.period,
      anomalies,
    },
    items,
  };
}
