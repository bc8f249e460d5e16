/**
 * A run's record, its alarm and its metrics line: counts add up, a failure
 * is recorded with its reason, the alarm key is the same for the same
 * anomalies (so a re-run notifies once) and changes when they change, and
 * the EMF line is what CloudWatch turns into metrics.
 */
import { describe, expect, it } from 'vitest';
import {
  alarmMessage,
  metricsLine,
  type SeriesOutcome,
  summariseRun,
} from '../../src/analytics/index';

const outcomes: SeriesOutcome[] = [
  {
    series: 'a',
    status: 'analysed',
    readings: 10,
    scored: 4,
    from: 'f',
    to: 't',
    anomalies: [{ period: '2026-03-02T01:00:00.000Z', actual: 90, expected: 10, score: 9.1 }],
  },
  { series: 'b', status: 'analysed', readings: 10, scored: 4, from: 'f', to: 't', anomalies: [] },
  { series: 'c', status: 'rejected', readings: 3, reason: 'too-short', message: '3 readings' },
];
const base = {
  analysis: 'alarms',
  runId: 'exec-1',
  startedAt: '2026-03-02T06:00:00.000Z',
  endedAt: new Date('2026-03-02T06:00:02.500Z'),
  ttlDays: 30,
};

describe('summariseRun', () => {
  it('counts series, analysed, rejected and anomalies; keys the run by start time', () => {
    const run = summariseRun({ ...base, outcomes });
    expect(run).toMatchObject({
      analysis: 'alarms',
      sk: 'run#2026-03-02T06:00:00.000Z#exec-1',
      status: 'SUCCEEDED',
      durationMs: 2500,
      counts: { series: 3, analysed: 2, rejected: 1, anomalies: 1 },
      expiresAt: Math.floor(Date.parse('2026-03-02T06:00:02.500Z') / 1000) + 30 * 86_400,
    });
  });

  it("records a failed run with the Lambda error's type and message", () => {
    const run = summariseRun({
      ...base,
      outcomes: undefined,
      failure: {
        Error: 'AnalysisInputError',
        Cause: JSON.stringify({
          errorType: 'AnalysisInputError',
          errorMessage: 'x.csv: the header has no column "value"',
        }),
      },
    });
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('AnalysisInputError: x.csv: the header has no column "value"');
    expect(run.counts.series).toBe(0);
  });
});

describe('alarmMessage', () => {
  it('is undefined without anomalies', () => {
    expect(alarmMessage(summariseRun({ ...base, outcomes: [outcomes[1]!] }))).toBeUndefined();
  });

  it('has the same key for the same anomalies in another run, and another key for other anomalies', () => {
    const first = alarmMessage(summariseRun({ ...base, outcomes }))!;
    const rerun = alarmMessage(
      summariseRun({ ...base, runId: 'exec-2', startedAt: '2026-03-02T07:00:00.000Z', outcomes }),
    )!;
    expect(rerun.key).toBe(first.key);
    const more: SeriesOutcome[] = [
      ...outcomes,
      {
        series: 'd',
        status: 'analysed',
        readings: 10,
        scored: 4,
        from: 'f',
        to: 't',
        anomalies: [{ period: '2026-03-02T02:00:00.000Z', actual: 1, expected: 9, score: -8 }],
      },
    ];
    expect(alarmMessage(summariseRun({ ...base, outcomes: more }))!.key).not.toBe(first.key);
    expect(first.subject).toBe('[lambda-stats] alarms: 1 anomaly in 1 series');
    expect(first.body).toMatch(
      /a {2}2026-03-02T01:00:00.000Z {2}actual 90 {2}expected 10 {2}score 9.1/,
    );
    expect(first.attributes).toEqual({ analysis: 'alarms' });
  });
});

describe('metricsLine', () => {
  it('is one JSON line in embedded metric format with the run figures', () => {
    const line = metricsLine(summariseRun({ ...base, outcomes }), new Date(0));
    expect(line).not.toMatch(/\n/);
    const emf = JSON.parse(line);
    expect(emf._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'LambdaStats/Analyses',
      Dimensions: [['Analysis']],
    });
    expect(emf._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name)).toEqual([
      'AnomaliesFound',
      'SeriesAnalysed',
      'SeriesRejected',
      'RunTime',
    ]);
    expect(emf).toMatchObject({
      Analysis: 'alarms',
      AnomaliesFound: 1,
      SeriesAnalysed: 2,
      SeriesRejected: 1,
      RunTime: 2500,
    });
  });
});
