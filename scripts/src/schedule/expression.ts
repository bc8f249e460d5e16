import { ScheduleError } from './errors';
import type { WallTime } from './timeZone';

/**
 * EventBridge Scheduler's schedule expressions, as AWS documents them
 * (Scheduler User Guide, "Schedule types"; API reference, CreateSchedule
 * ScheduleExpression):
 *
 * - `rate(value unit)`: a positive whole value; unit minute(s), hour(s) or
 *   day(s); a day is 24 hours of elapsed time whatever the clocks do.
 * - `cron(minutes hours day-of-month month day-of-week year)`: minutes 0-59,
 *   hours 0-23, day-of-month 1-31, month 1-12 or JAN-DEC, day-of-week 1-7 or
 *   SUN-SAT (1 is Sunday), year 1970-2199; `, - * /` in every field, `?`
 *   in day-of-month or day-of-week (exactly one of the two must be `?`),
 *   `L` (last day) and `nW` (the weekday nearest day n, within the month) in
 *   day-of-month, `L` (Saturday, the last day of the week), `nL` (the last
 *   day n of the month) and `n#k` (the k-th day n of the month) in day-of-week.
 * - `at(yyyy-mm-ddThh:mm:ss)`: once, at that wall-clock time.
 */
export type ScheduleExpression =
  | { kind: 'rate'; value: number; unit: 'minutes' | 'hours' | 'days'; periodMs: number }
  | { kind: 'cron'; cron: CronFields; source: string }
  | { kind: 'at'; wall: WallTime };

/** A parsed cron expression: the allowed values of each field, or a special day rule. */
export interface CronFields {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  months: ReadonlySet<number>;
  years: ReadonlySet<number>;
  /** Which days of a month match. */
  day: DayRule;
}

export type DayRule =
  | { kind: 'dayOfMonth'; days: ReadonlySet<number> }
  | { kind: 'lastDayOfMonth' }
  | { kind: 'nearestWeekday'; day: number }
  | { kind: 'dayOfWeek'; weekdays: ReadonlySet<number> }
  | { kind: 'lastWeekdayOfMonth'; weekday: number }
  | { kind: 'nthWeekdayOfMonth'; weekday: number; nth: number };

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Parses a schedule expression; a ScheduleError says what is wrong and what AWS accepts. */
export function parseScheduleExpression(expression: string): ScheduleExpression {
  const text = expression.trim();
  const m = /^(rate|cron|at)\((.*)\)$/s.exec(text);
  if (!m) {
    throw new ScheduleError(
      `${JSON.stringify(expression)} is not a schedule expression: use rate(value unit), cron(minutes hours day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss)`,
    );
  }
  const [, kind, body] = m as unknown as [string, 'rate' | 'cron' | 'at', string];
  if (kind === 'rate') return parseRate(text, body);
  if (kind === 'at') return parseAt(text, body);
  return { kind: 'cron', cron: parseCron(text, body), source: text };
}

function parseRate(text: string, body: string): ScheduleExpression {
  const m = /^\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*$/.exec(body);
  if (!m) {
    throw new ScheduleError(
      `${text}: a rate is rate(value unit) with a positive whole value and a unit of minute(s), hour(s) or day(s), e.g. rate(15 minutes)`,
    );
  }
  const value = Number(m[1]);
  if (!(value >= 1) || !Number.isSafeInteger(value)) {
    throw new ScheduleError(`${text}: the value must be a positive whole number (got ${m[1]})`);
  }
  const unit = (m[2]?.endsWith('s') ? m[2] : `${m[2]}s`) as 'minutes' | 'hours' | 'days';
  const unitMs = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 }[unit];
  return { kind: 'rate', value, unit, periodMs: value * unitMs };
}

function parseAt(text: string, body: string): ScheduleExpression {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body.trim());
  if (!m) {
    throw new ScheduleError(
      `${text}: a one-time schedule is at(yyyy-mm-ddThh:mm:ss), e.g. at(2026-12-24T18:00:00)`,
    );
  }
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw new ScheduleError(`${text}: ${body.trim()} is not a valid date and time`);
  }
  return { kind: 'at', wall: { year, month, day, hour, minute, second } };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** The value of names[0] (JAN = 1, SUN = 1). */
  nameBase?: number;
}

const FIELDS: Record<string, FieldSpec> = {
  minutes: { name: 'minutes', min: 0, max: 59 },
  hours: { name: 'hours', min: 0, max: 23 },
  dayOfMonth: { name: 'day-of-month', min: 1, max: 31 },
  month: { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  dayOfWeek: { name: 'day-of-week', min: 1, max: 7, names: WEEKDAYS, nameBase: 1 },
  year: { name: 'year', min: 1970, max: 2199 },
};

function parseCron(text: string, body: string): CronFields {
  const parts = body.trim().split(/\s+/);
  if (parts.length !== 6) {
    throw new ScheduleError(
      `${text}: a cron expression has six fields, minutes hours day-of-month month day-of-week year (got ${parts.length}), e.g. cron(0 9 ? * MON-FRI *)`,
    );
  }
  const [min, hour, dom, month, dow, year] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const fail = (problem: string): never => {
    throw new ScheduleError(`${text}: ${problem}`);
  };
  const domQ = dom === '?';
  const dowQ = dow === '?';
  if (domQ === dowQ) {
    fail(
      domQ
        ? 'day-of-month and day-of-week cannot both be ?: give one of them, e.g. cron(0 9 * * ? *) for every day'
        : 'day-of-month and day-of-week cannot both be given: use ? in one of them, e.g. cron(0 9 ? * MON *)',
    );
  }
  const set = (field: string, spec: FieldSpec) => parseList(field, spec, fail);
  let day: DayRule;
  if (!domQ) {
    const up = dom.toUpperCase();
    const w = /^(\d+)W$/.exec(up);
    if (up === 'L') day = { kind: 'lastDayOfMonth' };
    else if (w) {
      const n = Number(w[1]);
      if (n < 1 || n > 31) fail(`day-of-month ${dom}: the day before W must be 1-31`);
      day = { kind: 'nearestWeekday', day: n };
    } else day = { kind: 'dayOfMonth', days: set(dom, FIELDS.dayOfMonth as FieldSpec) };
  } else {
    const up = dow.toUpperCase();
    const last = /^([A-Z]{3}|\d)L$/.exec(up);
    const nth = /^([A-Z]{3}|\d)#(\d)$/.exec(up);
    if (up === 'L') day = { kind: 'dayOfWeek', weekdays: new Set([7]) };
    else if (last)
      day = { kind: 'lastWeekdayOfMonth', weekday: weekdayValue(last[1] as string, dow, fail) };
    else if (nth) {
      const k = Number(nth[2]);
      if (k < 1 || k > 5)
        fail(`day-of-week ${dow}: the number after # must be 1-5 (the k-th such day of the month)`);
      day = {
        kind: 'nthWeekdayOfMonth',
        weekday: weekdayValue(nth[1] as string, dow, fail),
        nth: k,
      };
    } else day = { kind: 'dayOfWeek', weekdays: set(dow, FIELDS.dayOfWeek as FieldSpec) };
  }
  return {
    minutes: set(min, FIELDS.minutes as FieldSpec),
    hours: set(hour, FIELDS.hours as FieldSpec),
    months: set(month, FIELDS.month as FieldSpec),
    years: set(year, FIELDS.year as FieldSpec),
    day,
  };
}

function weekdayValue(token: string, field: string, fail: (p: string) => never): number {
  const i = WEEKDAYS.indexOf(token);
  const v = i >= 0 ? i + 1 : Number(token);
  if (!(v >= 1 && v <= 7)) fail(`day-of-week ${field}: days are 1-7 or SUN-SAT (1 is Sunday)`);
  return v;
}

/** `*`, `a`, `a-b`, `*\/s`, `a/s`, `a-b/s`, comma-separated, names allowed where the field has them. */
function parseList(field: string, spec: FieldSpec, fail: (p: string) => never): Set<number> {
  const out = new Set<number>();
  const value = (token: string): number => {
    const up = token.toUpperCase();
    const i = spec.names ? spec.names.indexOf(up) : -1;
    if (i >= 0) return i + (spec.nameBase ?? 0);
    if (!/^\d+$/.test(token)) {
      fail(
        `${spec.name} ${JSON.stringify(field)}: ${JSON.stringify(token)} is not a value; ${spec.name} takes ${spec.min}-${spec.max}${spec.names ? ` or ${spec.names[0]}-${spec.names.at(-1)}` : ''} with , - * /${spec.name.startsWith('day-of') ? ' ?' : ''}`,
      );
    }
    const v = Number(token);
    if (v < spec.min || v > spec.max)
      fail(`${spec.name} ${JSON.stringify(field)}: ${v} is outside ${spec.min}-${spec.max}`);
    return v;
  };
  for (const item of field.split(',')) {
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined || range === undefined || range === '')
      fail(
        `${spec.name} ${JSON.stringify(field)}: ${JSON.stringify(item)} is not a value, range or step`,
      );
    let lo: number;
    let hi: number;
    if (range === '*') {
      lo = spec.min;
      hi = spec.max;
    } else if (range.includes('-')) {
      const [a, b, more] = range.split('-');
      if (more !== undefined)
        fail(`${spec.name} ${JSON.stringify(field)}: ${JSON.stringify(range)} is not a range a-b`);
      lo = value(a as string);
      hi = value(b as string);
      if (lo > hi)
        fail(
          `${spec.name} ${JSON.stringify(field)}: the range ${range} runs backwards; write it low-high`,
        );
    } else {
      lo = value(range);
      hi = stepText === undefined ? lo : spec.max;
    }
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1)
        fail(
          `${spec.name} ${JSON.stringify(field)}: the step after / must be a positive whole number`,
        );
      step = Number(stepText);
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}
