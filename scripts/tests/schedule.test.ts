/**
 * EventBridge Scheduler expressions and firing times. Every expected
 * instant was worked out by hand from the calendar and the zone's rules
 * (and checked with Python's zoneinfo): America/New_York springs forward
 * on 2026-03-08 at 02:00 (to 03:00 EDT, UTC-4) and falls back on
 * 2026-11-01 at 02:00 (to 01:00 EST, UTC-5); Europe/London springs forward
 * on 2026-03-29 at 01:00 GMT. AWS's rules (Scheduler User Guide, "Daylight
 * savings time"): a cron time in the gap is skipped; a time in the repeated
 * hour fires once; a rate in days is 24 elapsed hours.
 */
import { describe, expect, it } from 'vitest';
import { nextFirings, parseScheduleExpression, ScheduleError } from '../src/schedule/index';
import { WALL_CLOCK_FIELDS } from '../src/schedule/timeZone';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString().replace('.000Z', 'Z'));
const at = (s: string) => new Date(s);

describe('rate()', () => {
  it('fires from the start date every period', () => {
    const s = { expression: 'rate(5 minutes)', startDate: at('2026-03-01T00:00:00Z') };
    expect(iso(nextFirings(s, at('2026-03-01T00:07:00Z'), 3))).toEqual([
      '2026-03-01T00:10:00Z',
      '2026-03-01T00:15:00Z',
      '2026-03-01T00:20:00Z',
    ]);
    // the start itself is the first firing; `after` is exclusive
    expect(iso(nextFirings(s, at('2026-02-01T00:00:00Z'), 1))).toEqual(['2026-03-01T00:00:00Z']);
    expect(iso(nextFirings(s, at('2026-03-01T00:10:00Z'), 1))).toEqual(['2026-03-01T00:15:00Z']);
  });

  it('counts a day as 24 elapsed hours across a daylight-saving change (the wall clock moves)', () => {
    // 04:00 EST on 7 March; after the change the same instant-step lands at 05:00 EDT
    const s = {
      expression: 'rate(1 day)',
      timezone: 'America/New_York',
      startDate: at('2026-03-07T09:00:00Z'),
    };
    expect(iso(nextFirings(s, at('2026-03-07T09:00:00Z'), 2))).toEqual([
      '2026-03-08T09:00:00Z',
      '2026-03-09T09:00:00Z',
    ]);
  });

  it('fires from the creation time without a start date, and accepts singular units', () => {
    const s = { expression: 'rate(1 hour)', createdAt: at('2026-05-01T10:20:00Z') };
    expect(iso(nextFirings(s, at('2026-05-01T12:00:00Z'), 2))).toEqual([
      '2026-05-01T12:20:00Z',
      '2026-05-01T13:20:00Z',
    ]);
    expect(parseScheduleExpression('rate(2 days)')).toMatchObject({
      unit: 'days',
      periodMs: 172_800_000,
    });
  });
});

describe('cron() in a time zone, around daylight-saving changes', () => {
  it('skips a time that the spring-forward gap removes', () => {
    const s = { expression: 'cron(30 2 * * ? *)', timezone: 'America/New_York' };
    // 02:30 on 8 March does not exist in New York
    expect(iso(nextFirings(s, at('2026-03-07T00:00:00Z'), 3))).toEqual([
      '2026-03-07T07:30:00Z', // 02:30 EST
      '2026-03-09T06:30:00Z', // 02:30 EDT
      '2026-03-10T06:30:00Z',
    ]);
  });

  it('fires once, at the first occurrence, for a time the fall-back repeats', () => {
    const s = { expression: 'cron(30 1 * * ? *)', timezone: 'America/New_York' };
    expect(iso(nextFirings(s, at('2026-10-31T00:00:00Z'), 3))).toEqual([
      '2026-10-31T05:30:00Z', // 01:30 EDT
      '2026-11-01T05:30:00Z', // 01:30 EDT; 01:30 EST (06:30Z) is not fired again
      '2026-11-02T06:30:00Z', // 01:30 EST
    ]);
  });

  it('does not repeat the wall-clock hour that the fall-back repeats, for a frequent schedule', () => {
    const s = { expression: 'cron(0/30 * * * ? *)', timezone: 'America/New_York' };
    expect(iso(nextFirings(s, at('2026-11-01T04:45:00Z'), 6))).toEqual([
      '2026-11-01T05:00:00Z', // 01:00 EDT
      '2026-11-01T05:30:00Z', // 01:30 EDT
      '2026-11-01T07:00:00Z', // 02:00 EST (01:00 and 01:30 EST were fired already)
      '2026-11-01T07:30:00Z',
      '2026-11-01T08:00:00Z',
      '2026-11-01T08:30:00Z',
    ]);
  });

  it('skips a weekly time in the gap in Europe/London', () => {
    const s = { expression: 'cron(15 1 ? * SUN *)', timezone: 'Europe/London' };
    // 01:15 on Sunday 29 March does not exist; Sunday 5 April 01:15 BST = 00:15Z
    expect(iso(nextFirings(s, at('2026-03-28T00:00:00Z'), 1))).toEqual(['2026-04-05T00:15:00Z']);
  });

  it('reads the fields in a half-hour zone and in UTC by default', () => {
    expect(
      iso(
        nextFirings(
          { expression: 'cron(0 9 * * ? *)', timezone: 'Asia/Kolkata' },
          at('2026-06-01T00:00:00Z'),
          1,
        ),
      ),
    ).toEqual(['2026-06-01T03:30:00Z']);
    expect(
      iso(nextFirings({ expression: 'cron(0 9 * * ? *)' }, at('2026-06-01T00:00:00Z'), 1)),
    ).toEqual(['2026-06-01T09:00:00Z']);
  });
});

describe('cron() day rules: L, W, #, names, ranges, steps, years', () => {
  const first = (expression: string, after: string, count = 1) =>
    iso(nextFirings({ expression }, at(after), count));

  it('L in day-of-month is the last day of the month', () => {
    expect(first('cron(0 12 L * ? *)', '2026-02-01T00:00:00Z')).toEqual(['2026-02-28T12:00:00Z']);
  });
  it('nW is the weekday nearest day n, without leaving the month', () => {
    // 15 Aug 2026 is a Saturday: Friday the 14th
    expect(first('cron(0 12 15W * ? *)', '2026-08-01T00:00:00Z')).toEqual(['2026-08-14T12:00:00Z']);
    // 1 Aug 2026 is a Saturday: Monday the 3rd, not Friday 31 July
    expect(first('cron(0 12 1W * ? *)', '2026-07-31T13:00:00Z')).toEqual(['2026-08-03T12:00:00Z']);
    // 31 May 2026 is a Sunday and the last day: Friday the 29th
    expect(first('cron(0 12 31W 5 ? *)', '2026-05-01T00:00:00Z')).toEqual(['2026-05-29T12:00:00Z']);
  });
  it('n#k is the k-th weekday n, nL the last one, L alone Saturday', () => {
    // first Monday (2) of September 2026: the 7th
    expect(first('cron(0 9 ? 9 2#1 *)', '2026-08-01T00:00:00Z')).toEqual(['2026-09-07T09:00:00Z']);
    // last Friday (6) of January 2026: the 30th
    expect(first('cron(0 9 ? 1 6L *)', '2026-01-01T00:00:00Z')).toEqual(['2026-01-30T09:00:00Z']);
    expect(first('cron(0 9 ? 1 FRIL *)', '2026-01-01T00:00:00Z')).toEqual(['2026-01-30T09:00:00Z']);
    expect(first('cron(0 9 ? * L *)', '2026-01-29T00:00:00Z')).toEqual(['2026-01-31T09:00:00Z']);
  });
  it('weekday names and ranges (1 is Sunday), lists and steps', () => {
    // Friday 30 Jan 2026 18:00 -> next MON-FRI 08:00 is Monday 2 Feb
    expect(first('cron(0 8 ? * MON-FRI *)', '2026-01-30T18:00:00Z')).toEqual([
      '2026-02-02T08:00:00Z',
    ]);
    expect(first('cron(0 8 ? * 2-6 *)', '2026-01-30T18:00:00Z')).toEqual(['2026-02-02T08:00:00Z']);
    expect(first('cron(5,35 10-11 1 JAN ? *)', '2026-01-01T00:00:00Z', 5)).toEqual([
      '2026-01-01T10:05:00Z',
      '2026-01-01T10:35:00Z',
      '2026-01-01T11:05:00Z',
      '2026-01-01T11:35:00Z',
      '2027-01-01T10:05:00Z',
    ]);
    expect(first('cron(10/20 0 1 1 ? 2026)', '2025-12-31T00:00:00Z', 4)).toEqual([
      '2026-01-01T00:10:00Z',
      '2026-01-01T00:30:00Z',
      '2026-01-01T00:50:00Z',
    ]);
  });
  it('the year field bounds the schedule', () => {
    expect(first('cron(0 0 1 1 ? 2027-2028)', '2026-06-01T00:00:00Z', 3)).toEqual([
      '2027-01-01T00:00:00Z',
      '2028-01-01T00:00:00Z',
    ]);
    // a date that never comes (30 February) ends the search at 2199 with none
    expect(first('cron(0 0 30 2 ? *)', '2026-01-01T00:00:00Z')).toEqual([]);
  });
});

describe('at(), start and end dates, state', () => {
  it('fires once at the wall-clock time in its zone', () => {
    const s = { expression: 'at(2026-12-24T18:00:00)', timezone: 'Europe/Berlin' };
    expect(iso(nextFirings(s, at('2026-12-01T00:00:00Z'), 3))).toEqual(['2026-12-24T17:00:00Z']);
    expect(nextFirings(s, at('2026-12-24T17:00:00Z'), 3)).toEqual([]);
  });
  it('keeps firings at or after StartDate and strictly before EndDate', () => {
    const s = {
      expression: 'cron(0 * * * ? *)',
      startDate: at('2026-01-01T02:00:00Z'),
      endDate: at('2026-01-01T05:00:00Z'),
    };
    expect(iso(nextFirings(s, at('2026-01-01T00:00:00Z'), 10))).toEqual([
      '2026-01-01T02:00:00Z',
      '2026-01-01T03:00:00Z',
      '2026-01-01T04:00:00Z',
    ]);
  });
  it('never fires when DISABLED', () => {
    expect(
      nextFirings(
        { expression: 'rate(1 minute)', createdAt: at('2026-01-01T00:00:00Z'), state: 'DISABLED' },
        at('2026-01-01T00:00:00Z'),
        5,
      ),
    ).toEqual([]);
  });
});

describe('bad schedules get a ScheduleError saying what AWS accepts', () => {
  const rejects = (f: () => unknown, says: RegExp) => {
    expect(f).toThrow(ScheduleError);
    expect(f).toThrow(says);
  };
  const parse = (e: string) => () => parseScheduleExpression(e);
  it('rejects malformed expressions', () => {
    rejects(parse('every 5 minutes'), /use rate\(value unit\), cron\(.*\) or at\(/);
    rejects(parse('rate(0 minutes)'), /positive whole number/);
    rejects(parse('rate(5 weeks)'), /unit of minute\(s\), hour\(s\) or day\(s\)/);
    rejects(parse('cron(0 9 * * ?)'), /six fields.*\(got 5\)/);
    rejects(parse('at(2026-02-30T10:00:00)'), /not a valid date and time/);
    rejects(parse('at(2026-02-10 10:00)'), /at\(yyyy-mm-ddThh:mm:ss\)/);
  });
  it('enforces the day-of-month / day-of-week exclusivity', () => {
    rejects(parse('cron(0 9 * * MON *)'), /cannot both be given: use \? in one of them/);
    rejects(parse('cron(0 9 ? * ? *)'), /cannot both be \?/);
  });
  it('rejects values out of range, backwards ranges and bad specials', () => {
    rejects(parse('cron(60 9 * * ? *)'), /minutes "60": 60 is outside 0-59/);
    rejects(parse('cron(0 24 * * ? *)'), /hours "24": 24 is outside 0-23/);
    rejects(parse('cron(0 9 ? * MON-SUN *)'), /range MON-SUN runs backwards/);
    rejects(parse('cron(0 9 ? * 0 *)'), /day-of-week "0": 0 is outside 1-7/);
    rejects(parse('cron(0 9 ? * 2#6 *)'), /must be 1-5/);
    rejects(parse('cron(0 9 * * ? 2300)'), /year "2300": 2300 is outside 1970-2199/);
    rejects(parse('cron(0 9 X * ? *)'), /"X" is not a value/);
  });
  it('rejects an unknown time zone, a rate without an anchor, and an empty window', () => {
    rejects(
      () =>
        nextFirings({ expression: 'cron(0 9 * * ? *)', timezone: 'Mars/Olympus' }, new Date(), 1),
      /unknown time zone "Mars\/Olympus"/,
    );
    rejects(
      () => nextFirings({ expression: 'rate(5 minutes)' }, new Date(), 1),
      /give startDate or createdAt/,
    );
    rejects(
      () =>
        nextFirings(
          {
            expression: 'rate(5 minutes)',
            startDate: at('2026-02-01T00:00:00Z'),
            endDate: at('2026-01-01T00:00:00Z'),
          },
          new Date(),
          1,
        ),
      /startDate .* must be before endDate/,
    );
  });
});

describe('cron() against a brute-force scan of every UTC minute', () => {
  // An independent reference: walk every minute of a window in UTC, read its
  // wall-clock time in the zone with Intl, keep it when the wall time matches
  // the fields and has not been seen before (AWS fires a repeated wall time
  // once). Gaps need no rule: a skipped wall time never shows on the clock.
  const weekdayNames = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
  function bruteForce(
    timeZone: string,
    from: string,
    minutes: number,
    match: (w: {
      month: number;
      day: number;
      hour: number;
      minute: number;
      weekday: number;
    }) => boolean,
  ): string[] {
    const f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      ...WALL_CLOCK_FIELDS,
      weekday: 'short',
    });
    const seen = new Set<string>();
    const out: string[] = [];
    const start = Date.parse(from);
    for (let i = 1; i <= minutes; i++) {
      const t = start + i * 60_000;
      const parts = Object.fromEntries(f.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
      const key = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const w = {
        month: Number(parts.month),
        day: Number(parts.day),
        hour: Number(parts.hour),
        minute: Number(parts.minute),
        weekday: weekdayNames.indexOf(String(parts.weekday).toUpperCase()) + 1,
      };
      if (match(w)) out.push(new Date(t).toISOString().replace('.000Z', 'Z'));
    }
    return out;
  }
  const cases: [
    string,
    string,
    string,
    (w: { month: number; day: number; hour: number; minute: number; weekday: number }) => boolean,
    number,
  ][] = [
    [
      'cron(*/20 0-3 * * ? *)',
      'America/New_York',
      '2026-03-07T00:00:00Z',
      (w) => w.minute % 20 === 0 && w.hour <= 3,
      45,
    ],
    [
      'cron(*/20 0-3 * * ? *)',
      'America/New_York',
      '2026-10-31T00:00:00Z',
      (w) => w.minute % 20 === 0 && w.hour <= 3,
      48,
    ],
    [
      'cron(15,45 1,2 ? * SUN,SAT *)',
      'Europe/London',
      '2026-03-27T00:00:00Z',
      (w) => [15, 45].includes(w.minute) && [1, 2].includes(w.hour) && [1, 7].includes(w.weekday),
      6,
    ],
    [
      'cron(0 2 ? * 1#2 *)',
      'America/New_York',
      '2026-03-01T00:00:00Z',
      (w) => w.minute === 0 && w.hour === 2 && w.weekday === 1 && Math.ceil(w.day / 7) === 2,
      0,
    ],
    [
      'cron(30 0-4 25-31 10 ? *)',
      'Europe/Berlin',
      '2026-10-24T00:00:00Z',
      (w) => w.minute === 30 && w.hour <= 4 && w.month === 10 && w.day >= 25,
      16,
    ],
  ];
  // 45: 12 a day for 4 days less 02:00-02:40 on 8 March; 48: the repeated 01:xx fired once;
  // 6: 29 March loses 01:15 and 01:45; 0: the second Sunday of March is 8 March, 02:00 is in the gap;
  // 16: 25-27 October five a day (02:30 once on the 25th) and 28 October 00:30 CET
  it.each(cases)('%s in %s from %s', (expression, timezone, from, match, count) => {
    const window = 4 * 24 * 60; // four days of minutes around the change
    const want = bruteForce(timezone, from, window, match);
    const end = new Date(Date.parse(from) + window * 60_000 + 1);
    const got = iso(nextFirings({ expression, timezone, endDate: end }, at(from), 1000));
    expect(want).toHaveLength(count);
    expect(got).toEqual(want);
  });
});
