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

export interface AlarmMessage {
  /** Idempotency key: the same anomalies for the same analysis notify once, whichever run finds them. */
  readonly key: string;
  readonly subject: string;
  readonly body: string;
  readonly attributes: { readonly analysis: string };
}

/**
 * The alarm for a run's anomalies, or undefined when there are none. Its
 * key hashes the analysis and the (series, period) pairs flagged, so a
 * re-run over the same period finds the key taken and does not notify again.
 */
export function alarmMessage(run: RunRecord): AlarmMessage | undefined {
  const flagged = run.outcomes.flatMap((o) =>
    o.status === 'analysed' ? o.anomalies.map((a) => ({ series: o.series, ...a })) : [],
  );
  if (flagged.length === 0) return undefined;
  const pairs = flagged.map((f) => `${f.series}@${f.period}`).sort();
  const key = createHash('sha256')
    .update(`${run.analysis}\n${pairs.join('\n')}`)
    .digest('hex')
    .slice(0, 32);
  const seriesCount = new Set(flagged.map((f) => f.series)).size;
  const subject =
    `[lambda-stats] ${run.analysis}: ${flagged.length} anomal${flagged.length === 1 ? 'y' : 'ies'} in ${seriesCount} series`.slice(
      0,
      100,
    );
  const lines = flagged
    .slice(0, 100)
    .map(
      (f) =>
        `  ${f.series}  ${f.period}  actual ${round(f.actual)}  expected ${round(f.expected)}  score ${round(f.score)}`,
    );
  const body = [
    `Analysis ${run.analysis}, run ${run.runId} (${run.startedAt}):`,
    `${run.counts.analysed} of ${run.counts.series} series analysed, ${run.counts.rejected} rejected, ${flagged.length} anomalies.`,
    '',
    ...lines,
    ...(flagged.length > 100
      ? [`  ... and ${flagged.length - 100} more (GET /analyses/${run.analysis}/results)`]
      : []),
  ].join('\n');
  return { key, subject, body, attributes: { analysis: run.analysis } };
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
