/**
 * Per-series quality: a missing reading, a duplicated timestamp,
 * an unparsable value or timestamp, uneven spacing and a series too short
 * for its seasonal period each give that series a rejected outcome with a
 * message naming the line and the fix; the other series of the same file
 * are analysed as usual.
 */
import { describe, expect, it } from 'vitest';
import {
  AnalysisInputError,
  type AnalysisSpec,
  analyseSeries,
  groupSeries,
} from '../../src/analytics/index';

const spec: AnalysisSpec = {
  name: 'alarms',
  bucket: 'b',
  inputPrefix: 'analyses/alarms/input/',
  scratchPrefix: 'analyses/alarms/runs/',
  columns: { series: 'meter', timestamp: 'time', value: 'kwh' },
  method: { kind: 'modified-zscore', seasonalPeriods: 4, evaluatePeriods: 4 },
  threshold: 3.5,
  resultTtlDays: 7,
};
const T0 = Date.parse('2026-03-02T00:00:00Z');
const HOUR = 3_600_000;
/** n hourly readings of a 4-hour cycle with a little deterministic wobble. */
const rows = (
  id: string,
  n: number,
  edit: (i: number, t: string, v: string) => string | null = (_i, t, v) => `${id},${t},${v}`,
) => {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const line = edit(
      i,
      new Date(T0 + i * HOUR).toISOString(),
      (10 + (i % 4) + ((i * 7) % 5) / 10).toFixed(2),
    );
    if (line !== null) out.push(line);
  }
  return out;
};
const analyse = (csv: string) => {
  const groups = groupSeries(csv, 'input.csv', spec.columns);
  return [...groups].map(
    ([id, readings]) => analyseSeries(spec, id, readings, 'run-1', new Date(T0)).outcome,
  );
};

describe('per-series outcomes', () => {
  const good = rows('good', 16);
  it.each([
    [
      'missing-reading',
      rows('bad', 16, (i, t, v) => (i === 9 ? null : `bad,${t},${v}`)),
      /1 reading missing between 2026-03-02T08:00:00.000Z \(input.csv line \d+\) and 2026-03-02T10:00:00.000Z .*one every 1 h/,
    ],
    [
      'duplicate-timestamp',
      [...rows('bad', 16), `bad,${new Date(T0 + 3 * HOUR).toISOString()},11`],
      /2026-03-02T03:00:00.000Z appears twice \(input.csv line \d+ and input.csv line \d+\); keep one reading per timestamp/,
    ],
    [
      'unparsable-value',
      rows('bad', 16, (i, t, v) => `bad,${t},${i === 5 ? 'n/a' : v}`),
      /input.csv line \d+: value "n\/a" is not a number/,
    ],
    [
      'unparsable-value',
      rows('bad', 16, (i, t, v) => `bad,${t},${i === 5 ? '' : v}`),
      /value "" is not a number.*empty cell is a missing value/,
    ],
    [
      'unparsable-timestamp',
      rows('bad', 16, (i, t, v) => `bad,${i === 2 ? '2026-03-02 02:00' : t},${v}`),
      /timestamp "2026-03-02 02:00" is not an ISO 8601 instant with a zone/,
    ],
    [
      'irregular-spacing',
      rows(
        'bad',
        16,
        (i, t, v) => `bad,${i === 7 ? new Date(T0 + 7 * HOUR + 60_000).toISOString() : t},${v}`,
      ),
      /is 1 h apart|is 61 min apart|is 59 min apart/,
    ],
    [
      'too-short',
      rows('bad', 7),
      /7 readings; the method needs at least 8 \(2 seasonal cycles of 4/,
    ],
  ])(
    '%s: the series is rejected with its reason, the other series analysed',
    (reason, bad, message) => {
      const csv = ['meter,time,kwh', ...good, ...bad].join('\n');
      const outcomes = analyse(csv);
      expect(outcomes.find((o) => o.series === 'good')).toMatchObject({
        status: 'analysed',
        scored: 4,
      });
      const rejected = outcomes.find((o) => o.series === 'bad')!;
      expect(rejected).toMatchObject({ status: 'rejected', reason });
      expect(rejected.status === 'rejected' && rejected.message).toMatch(message);
    },
  );

  it('a series too short for Holt-Winters names what it needs', () => {
    const hw: AnalysisSpec = {
      ...spec,
      method: {
        kind: 'holt-winters',
        seasonalPeriods: 4,
        seasonal: 'add',
        trend: null,
        damped: false,
        evaluatePeriods: 4,
        intervalLevel: 0.95,
      },
    };
    const groups = groupSeries(
      ['meter,time,kwh', ...rows('m', 11)].join('\n'),
      'input.csv',
      spec.columns,
    );
    const { outcome, items } = analyseSeries(hw, 'm', groups.get('m')!, 'r', new Date(T0));
    expect(items).toEqual([]);
    expect(outcome).toMatchObject({ status: 'rejected', reason: 'too-short' });
    expect(outcome.status === 'rejected' && outcome.message).toMatch(
      /11 readings; the method needs at least 12 \(2 seasonal cycles of 4 to fit and 4 to score\)/,
    );
  });

  it('a model the core refuses (multiplicative season over zeros) is a model-error outcome, not a crash', () => {
    const hw: AnalysisSpec = {
      ...spec,
      method: {
        kind: 'holt-winters',
        seasonalPeriods: 4,
        seasonal: 'mul',
        trend: null,
        damped: false,
        evaluatePeriods: 4,
        intervalLevel: 0.95,
      },
    };
    const groups = groupSeries(
      ['meter,time,kwh', ...rows('m', 16, (i, t) => `m,${t},${i % 4}`)].join('\n'),
      'f.csv',
      spec.columns,
    );
    const { outcome } = analyseSeries(hw, 'm', groups.get('m')!, 'r', new Date(T0));
    expect(outcome).toMatchObject({ status: 'rejected', reason: 'model-error' });
    expect(outcome.status === 'rejected' && outcome.message).toMatch(/^Holt-Winters: .*positive/);
  });

  it('rows out of order are sorted by time, and results are keyed by analysis#series and period', () => {
    const csv = ['meter,time,kwh', ...rows('m', 16).reverse()].join('\r\n');
    const groups = groupSeries(csv, 'f.csv', spec.columns);
    const { outcome, items } = analyseSeries(spec, 'm', groups.get('m')!, 'r', new Date(T0));
    expect(outcome.status).toBe('analysed');
    expect(items.map((i) => i.period)).toEqual(
      [12, 13, 14, 15].map((k) => new Date(T0 + k * HOUR).toISOString()),
    );
    expect(items[0]).toMatchObject({
      pk: 'alarms#m',
      analysis: 'alarms',
      series: 'm',
      runId: 'r',
      expiresAt: T0 / 1000 + 7 * 86_400,
    });
  });
});

describe('the input file', () => {
  it('without a configured column is an AnalysisInputError naming the column and the header', () => {
    expect(() =>
      groupSeries('meter,when,kwh\nm,2026-03-02T00:00:00Z,1\n', 'x.csv', spec.columns),
    ).toThrow(AnalysisInputError);
    expect(() => groupSeries('meter,when,kwh\n', 'x.csv', spec.columns)).toThrow(
      /x.csv: the header has no column "time" \(timestamp\); it has "meter", "when", "kwh"/,
    );
  });

  it('reads quoted cells (commas, quotes, line breaks) as RFC 4180 says, and an open quote is an error', () => {
    const csv = 'meter,time,kwh\n"a,""1""",2026-03-02T00:00:00Z,"1.5"\n';
    const groups = groupSeries(csv, 'q.csv', spec.columns);
    expect([...groups.keys()]).toEqual(['a,"1"']);
    expect(groups.get('a,"1"')![0]).toMatchObject({ value: '1.5', line: 2 });
    expect(() => groupSeries('meter,time,kwh\n"m,2026,1\n', 'q.csv', spec.columns)).toThrow(
      /q.csv: a quote opened on line 2 is never closed/,
    );
  });
});
