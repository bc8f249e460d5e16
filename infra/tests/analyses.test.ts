/**
 * The analyses declared in a stack config are checked at synth: each bad
 * field is reported with the analysis's name and the field's path, all at
 * once, and defaults are filled in.
 */
import { describe, expect, it } from 'vitest';
import { type AnalysisConfig, DEMO_ANALYSES, validateAnalyses } from '../src/analyses';
import { environmentConfig, STACK_NAMES } from '../src/config';

const base = DEMO_ANALYSES[1]!;
const withChange = (change: Record<string, unknown>): AnalysisConfig =>
  ({ ...base, ...change }) as unknown as AnalysisConfig;

describe('validateAnalyses', () => {
  it('accepts every stack config, and the local stack declares the demo pair', () => {
    for (const name of STACK_NAMES)
      expect(() => validateAnalyses(environmentConfig(name).analyses)).not.toThrow();
    expect(environmentConfig('local').analyses.map((a) => a.name)).toEqual([
      'smart-targets',
      'smart-alarms',
    ]);
  });

  it('defaults the input prefix to analyses/<name>/input/ and keeps a given one', () => {
    const [a, b] = validateAnalyses([
      base,
      withChange({ name: 'other', inputPrefix: 'meters/raw/' }),
    ]);
    expect(a!.inputPrefix).toBe('analyses/smart-alarms/input/');
    expect(b!.inputPrefix).toBe('meters/raw/');
  });

  it.each([
    [{ name: 'Bad_Name' }, /analysis "Bad_Name": name: .*lower-case/],
    [
      { schedule: { ...base.schedule, expression: 'rate(5 minute)' } },
      /"smart-alarms": schedule.expression: "rate\(5 minute\)": use rate\(1 minute\) for one and rate\(5 minutes\)/,
    ],
    [
      { schedule: { ...base.schedule, expression: 'rate(0 hours)' } },
      /schedule.expression: .*1 or more/,
    ],
    [
      { schedule: { ...base.schedule, expression: 'cron(0 6 * * ?)' } },
      /schedule.expression: .*6 fields .* got 5/,
    ],
    [
      { schedule: { ...base.schedule, expression: 'every day' } },
      /schedule.expression: .*expected rate/,
    ],
    [
      { schedule: { ...base.schedule, expression: 'at(2026-02-30T25:00:00)' } },
      /schedule.expression: .*not a real date-time/,
    ],
    [
      { schedule: { ...base.schedule, timezone: 'Mars/Olympus' } },
      /schedule.timezone: "Mars\/Olympus" is not an IANA time zone/,
    ],
    [
      { schedule: { ...base.schedule, startDate: 'yesterday' } },
      /schedule.startDate: "yesterday" is not an ISO 8601 instant/,
    ],
    [
      {
        schedule: {
          ...base.schedule,
          startDate: '2026-02-01T00:00:00Z',
          endDate: '2026-01-01T00:00:00Z',
        },
      },
      /schedule.endDate: must be after startDate/,
    ],
    [{ inputPrefix: '/abs/' }, /inputPrefix: .*ending in '\/'/],
    [
      { columns: { series: 'id', timestamp: 'id', value: 'v' } },
      /columns: series, timestamp and value must be three different columns/,
    ],
    [
      { columns: { series: '', timestamp: 't', value: 'v' } },
      /columns.series: must name a CSV column/,
    ],
    [
      { method: { kind: 'arima' } },
      /method.kind: got "arima"; use "holt-winters" or "modified-zscore"/,
    ],
    [{ method: { ...base.method, seasonalPeriods: 1 } }, /method.seasonalPeriods: got 1/],
    [
      { method: { ...DEMO_ANALYSES[0]!.method, intervalLevel: 95 } },
      /method.intervalLevel: got 95; give a level between 0 and 1/,
    ],
    [
      { method: { ...DEMO_ANALYSES[0]!.method, damped: true, trend: null } },
      /method.damped: a damped trend needs trend "add"/,
    ],
    [{ threshold: -1 }, /threshold: got -1/],
    [
      { notify: ['ops@example.com', 'not-an-email'] },
      /notify: "not-an-email" is not an email address/,
    ],
    [{ resultTtlDays: 0 }, /resultTtlDays: got 0/],
  ])('rejects %j naming the analysis and the field', (change, message) => {
    expect(() => validateAnalyses([withChange(change)])).toThrow(message);
  });

  it('reports every problem at once, and a duplicated name', () => {
    let message = '';
    try {
      validateAnalyses([base, withChange({ threshold: 0, notify: ['x'] })]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toHaveLength(4);
    expect(message).toMatch(/name: declared twice/);
    expect(message).toMatch(/threshold: got 0/);
    expect(message).toMatch(/notify: "x"/);
  });
});

describe('at synth', () => {
  it('a stack with a bad analysis does not synthesize, and says which analysis and field', async () => {
    const { Testing } = await import('cdktf');
    const { LambdaStatsStack } = await import('../src/lambda-stats-stack');
    const config = { ...environmentConfig('dev'), analyses: [withChange({ threshold: 'high' })] };
    expect(
      () =>
        new LambdaStatsStack(Testing.app(), 'dev', {
          config,
          artifacts: {
            layer: { compatibleArchitectures: ['arm64'], compatibleRuntimes: ['nodejs22.x'] },
            functions: [],
          } as never,
        }),
    ).toThrow(/analysis "smart-alarms": threshold: got "high"/);
  });
});
