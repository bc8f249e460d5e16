import { createHash } from 'node:crypto';
import type { SeriesOutcome } from './analyse';

export type RunStatus = 'SUCCEEDED' | 'FAILED';

/** The runs-table item of one run. */
export interface RunRecord {
  readonly analysis: string;
  /** `run#<startedAt>#<runId>`: runs sort by start time. */
  readonly sk: string;
  readonly runId: string;
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly durationMs: number;
  readonly counts: {
    readonly series: number;
    readonly analysed: number;
    readonly rejected: number;
    readonly anomalies: number;
  };
  /** Set when the run failed as a whole (unreadable input, a function that kept failing). */
  readonly error?: string;
  readonly outcomes: readonly SeriesOutcome[];
  readonly expiresAt: number;
}

export const runSortKey = (startedAt: string, runId: string) => `run#${startedAt}#${runId}`;

/**
 * Sums up a run from the Map's outcomes. A run whose input could not be
 * read, or whose Map failed, is FAILED with the reason; a run where some
 * series were rejected SUCCEEDED (each rejection is in its outcome).
 */
export function summariseRun(input: {
  analysis: string;
  runId: string;
  startedAt: string;
  endedAt: Date;
  outcomes: readonly SeriesOutcome[] | undefined;
  failure?: { Error?: string; Cause?: string };
  ttlDays: number;
}): RunRecord {
  const outcomes = input.outcomes ?? [];
  const analysed = outcomes.filter((o) => o.status === 'analysed');
  const anomalies = analysed.reduce(
    (sum, o) => sum + (o.status === 'analysed' ? o.anomalies.length : 0),
    0,
  );
  const failed = input.failure !== undefined;
  return {
    analysis: input.analysis,
    sk: runSortKey(input.startedAt, input.runId),
    runId: input.runId,
    status: failed ? 'FAILED' : 'SUCCEEDED',
    startedAt: input.startedAt,
    endedAt: input.endedAt.toISOString(),
    durationMs: input.endedAt.getTime() - Date.parse(input.startedAt),
    counts: {
      series: outcomes.length,
      analysed: analysed.length,
      rejected: outcomes.length - analysed.length,
      anomalies,
    },
    ...(failed ? { error: describeFailure(input.failure!) } : {}),
    outcomes,
    expiresAt: Math.floor(input.endedAt.getTime() / 1000) + input.ttlDays * 86_400,
  };
}

/** Step Functions' Catch output: Cause is often a JSON Lambda error. */
function describeFailure(failure: { Error?: string; Cause?: string }): string {
  try {
    const cause = JSON.parse(failure.Cause ?? '') as { errorType?: string; errorMessage?: string };
    if (cause.errorMessage) return `${cause.errorType ?? failure.Error}: ${cause.errorMessage}`;
  } catch {
    // not JSON: the cause as given
  }
  return `${failure.Error ?? 'Error'}: ${failure.Cause ?? 'no cause given'}`;
}

/** One flagged reading of a run. */
export interface FlaggedReading {
  readonly series: string;
  readonly period: string;
  readonly actual: number;
  readonly expected: number;
  readonly score: number;
}

/** Every reading a run flagged, in the order of its outcomes. */
export function flaggedReadings(run: RunRecord): FlaggedReading[] {
  return run.outcomes.flatMap((o) =>
    o.status === 'analysed'
      ? o.anomalies.map((a) => ({
          series: o.series,
          period: a.period,
          actual: a.actual,
          expected: a.expected,
          score: a.score,
        }))
      : [],
  );
}

/**
 * The runs-table sort key that records "this reading was notified": one per
 * analysis, series and period, whichever run found it. Finish claims it with
 * a conditional put before publishing, so a re-run over the same period (or
 * an overlapping one) never notifies the same anomaly twice. Hashed, so a
 * series id holding '#' cannot collide with another pair.
 */
export function noticeKey(series: string, period: string): string {
  return `notice#${createHash('sha256').update(`${series}\n${period}`).digest('hex').slice(0, 32)}`;
}

export interface AlarmMessage {
  readonly subject: string;
  readonly body: string;
  readonly attributes: { readonly analysis: string };
}

/** How many flagged readings an alarm lists per series, and how many series. */
const PER_SERIES = 5;
const MAX_SERIES = 200;

/**
 * The alarm for the anomalies of a run not notified before (`fresh`, all of
 * the run's by default), or undefined when there are none.
 * `alreadyNotified` counts the run's anomalies an earlier run had notified.
 */
export function alarmMessage(
  run: RunRecord,
  fresh: readonly FlaggedReading[] = flaggedReadings(run),
  alreadyNotified = 0,
): AlarmMessage | undefined {
  if (fresh.length === 0) return undefined;
  const seriesCount = new Set(fresh.map((f) => f.series)).size;
  const subject =
    `[lambda-stats] ${run.analysis}: ${fresh.length} ${alreadyNotified > 0 ? 'new ' : ''}anomal${fresh.length === 1 ? 'y' : 'ies'} in ${seriesCount} series`.slice(
      0,
      100,
    );
  // grouped by series, at most PER_SERIES readings each (the largest |score|, in time
  // order): a step change flagging days of readings does not hide the other series
  const bySeries = new Map<string, FlaggedReading[]>();
  for (const f of fresh) bySeries.set(f.series, [...(bySeries.get(f.series) ?? []), f]);
  const lines: string[] = [];
  for (const [series, readings] of [...bySeries].slice(0, MAX_SERIES)) {
    const shown = [...readings]
      .sort((a, b) => Math.abs(b.score) - Math.abs(a.score))
      .slice(0, PER_SERIES)
      .sort((a, b) => a.period.localeCompare(b.period));
    for (const f of shown)
      lines.push(
        `  ${f.series}  ${f.period}  actual ${round(f.actual)}  expected ${round(f.expected)}  score ${round(f.score)}`,
      );
    if (readings.length > PER_SERIES)
      lines.push(
        `  ${series}  ... and ${readings.length - PER_SERIES} more (GET /analyses/${run.analysis}/results?series=${encodeURIComponent(series)}&flagged=true)`,
      );
  }
  const body = [
    `Analysis ${run.analysis}, run ${run.runId} (${run.startedAt}):`,
    `${run.counts.analysed} of ${run.counts.series} series analysed, ${run.counts.rejected} rejected, ${run.counts.anomalies} anomalies${alreadyNotified > 0 ? ` (${alreadyNotified} already notified by an earlier run, not repeated here)` : ''}.`,
    '',
    ...lines,
    ...(bySeries.size > MAX_SERIES
      ? [
          `  ... and ${bySeries.size - MAX_SERIES} more series (GET /analyses/${run.analysis}/results)`,
        ]
      : []),
  ].join('\n');
  return { subject, body, attributes: { analysis: run.analysis } };
}

const round = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(6)) : x);

/**
 * CloudWatch embedded metric format: one log line CloudWatch turns into
 * the metrics AnomaliesFound, SeriesAnalysed, SeriesRejected and RunTime
 * in namespace LambdaStats/Analyses, dimension Analysis.
 */
export function metricsLine(run: RunRecord, now: Date): string {
  return JSON.stringify({
    _aws: {
      Timestamp: now.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: 'LambdaStats/Analyses',
          Dimensions: [['Analysis']],
          Metrics: [
            { Name: 'AnomaliesFound', Unit: 'Count' },
            { Name: 'SeriesAnalysed', Unit: 'Count' },
            { Name: 'SeriesRejected', Unit: 'Count' },
            { Name: 'RunTime', Unit: 'Milliseconds' },
          ],
        },
      ],
    },
    Analysis: run.analysis,
    AnomaliesFound: run.counts.anomalies,
    SeriesAnalysed: run.counts.analysed,
    SeriesRejected: run.counts.rejected,
    RunTime: run.durationMs,
    runId: run.runId,
    status: run.status,
  });
}
