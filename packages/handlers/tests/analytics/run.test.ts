/**
 * A run's record, its alarm and its metrics line: counts add up, a failure
 * is recorded with its reason, the notice key is one per series and period
 * (so a re-run notifies once), the alarm lists only what is new, and
 * the EMF line is what CloudWatch turns into metrics.
 */
import { describe, expect, it } from 'vitest';
import {
  alarmMessage,
  flaggedReadings,
  metricsLine,
  noticeKey,
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

const more: SeriesOutcome = {
  series: 'd',
  status: 'analysed',
  readings: 10,
  scored: 4,
  from: 'f',
  to: 't',
  anomalies: [{ period: '2026-03-02T02:00:00.000Z', actual: 1, expected: 9, score: -8 }],
};

describe('alarmMessage', () => {
  it('is undefined without anomalies', () => {
    expect(alarmMessage(summariseRun({ ...base, outcomes: [outcomes[1]!] }))).toBeUndefined();
  });

  it('lists the anomalies not notified before; says how many an earlier run notified', () => {
    const run = summariseRun({ ...base, outcomes: [...outcomes, more] });
    const flagged = flaggedReadings(run);
    expect(flagged.map((f) => `${f.series}@${f.period}`)).toEqual([
      'a@2026-03-02T01:00:00.000Z',
      'd@2026-03-02T02:00:00.000Z',
    ]);
    const all = alarmMessage(run)!;
    expect(all.subject).toBe('[lambda-stats] alarms: 2 anomalies in 2 series');
    expect(all.body).toMatch(
      /a {2}2026-03-02T01:00:00.000Z {2}actual 90 {2}expected 10 {2}score 9.1/,
    );
    expect(all.attributes).toEqual({ analysis: 'alarms' });
    // a re-run where 'a' was notified before: only 'd' goes out, and the body says why
    const rerun = alarmMessage(run, [flagged[1]!], 1)!;
    expect(rerun.subject).toBe('[lambda-stats] alarms: 1 new anomaly in 1 series');
    expect(rerun.body).not.toMatch(/^ {2}a {2}/m);
    expect(rerun.body).toMatch(/^ {2}d {2}2026-03-02T02:00:00.000Z/m);
    expect(rerun.body).toContain('1 already notified by an earlier run');
    expect(alarmMessage(run, [], 2)).toBeUndefined();
  });

  it('lists at most 5 readings per series (the largest scores), so a step change does not hide the other series', () => {
    const step: SeriesOutcome = {
      ...more,
      series: 'step',
      anomalies: Array.from({ length: 144 }, (_, i) => ({
        period: new Date(Date.UTC(2026, 2, 3) + i * 1_800_000).toISOString(),
        actual: 50,
        expected: 30,
        score: i === 7 ? 99 : 10,
      })),
    };
    const body = alarmMessage(summariseRun({ ...base, outcomes: [step, outcomes[0]!] }))!.body;
    const stepLines = body.split('\n').filter((l) => l.startsWith('  step  '));
    expect(stepLines).toHaveLength(6);
    expect(
      stepLines.some((l) => l.includes('2026-03-03T03:30:00.000Z') && l.includes('score 99')),
    ).toBe(true);
    expect(stepLines[5]).toBe(
      '  step  ... and 139 more (GET /analyses/alarms/results?series=step&flagged=true)',
    );
    expect(body).toMatch(/^ {2}a {2}2026-03-02T01:00:00.000Z/m);
  });
});

describe('noticeKey', () => {
  it('is one key per series and period, whichever run finds it; a "#" in an id cannot collide', () => {
    expect(noticeKey('a', '2026-03-02T01:00:00.000Z')).toBe(
      noticeKey('a', '2026-03-02T01:00:00.000Z'),
    );
    expect(noticeKey('a', '2026-03-02T01:00:00.000Z')).not.toBe(
      noticeKey('a', '2026-03-02T01:30:00.000Z'),
    );
    expect(noticeKey('a#b', 'c')).not.toBe(noticeKey('a', 'b#c'));
    expect(noticeKey('a', 'b')).toMatch(/^notice#[0-9a-f]{32}$/);
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
