import { ScheduleError } from './errors';
import {
  type CronFields,
  daysInMonth,
  parseScheduleExpression,
  type ScheduleExpression,
} from './expression';
import { checkTimeZone, instantsOf, type WallTime, wallTimeOf } from './timeZone';

/** A schedule as EventBridge Scheduler stores it (CreateSchedule's fields that decide when it fires). */
export interface Schedule {
  /** rate(...), cron(...) or at(...). */
  expression: string;
  /** ScheduleExpressionTimezone: the IANA zone cron and at are read in; default UTC. */
  timezone?: string;
  /** StartDate: no firing before it; a rate schedule's first firing is at it. */
  startDate?: Date;
  /** EndDate: firings are strictly before it. */
  endDate?: Date;
  /** State: a DISABLED schedule never fires. Default ENABLED. */
  state?: 'ENABLED' | 'DISABLED';
  /** When the schedule was created: a rate schedule without a StartDate fires from then on. */
  createdAt?: Date;
}

/**
 * The next `count` instants, strictly after `after`, at which EventBridge
 * Scheduler would invoke the schedule's target, in AWS's documented rules:
 *
 * - rate: StartDate (or, without one, the creation time) and every period
 *   after it; days are 24 elapsed hours, so a daily rate moves on the wall
 *   clock across a daylight-saving change.
 * - cron: the wall-clock times the fields match, read in the schedule's
 *   time zone. A time the clocks skip (the spring-forward gap) does not
 *   fire; a time the clocks show twice (the hour after they go back) fires
 *   once, at its first occurrence.
 * - at: once, at that wall-clock time (not at all if it falls in a gap).
 *
 * StartDate and EndDate bound every kind; a DISABLED schedule returns none.
 * Years end at 2199, as the cron year field does.
 */
export function nextFirings(schedule: Schedule, after: Date, count: number): Date[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new ScheduleError(`count must be a whole number >= 0 (got ${count})`);
  }
  const parsed = parseScheduleExpression(schedule.expression);
  const timeZone = schedule.timezone ?? 'UTC';
  checkTimeZone(timeZone);
  const start = schedule.startDate?.getTime() ?? Number.NEGATIVE_INFINITY;
  const end = schedule.endDate?.getTime() ?? Number.POSITIVE_INFINITY;
  if (start >= end) {
    throw new ScheduleError(
      `startDate (${schedule.startDate?.toISOString()}) must be before endDate (${schedule.endDate?.toISOString()})`,
    );
  }
  if (schedule.state === 'DISABLED' || count === 0) return [];
  // firings strictly after `after` and at or after the start date
  const from = Math.max(after.getTime() + 1, start);
  const out: number[] = [];
  for (const t of firings(parsed, schedule, timeZone, from)) {
    if (t >= end) break;
    out.push(t);
    if (out.length === count) break;
  }
  return out.map((t) => new Date(t));
}

/** Firing instants >= from, ascending (possibly endless). */
function* firings(
  parsed: ScheduleExpression,
  schedule: Schedule,
  timeZone: string,
  from: number,
): Generator<number> {
  if (parsed.kind === 'rate') {
    const anchor = (schedule.startDate ?? schedule.createdAt)?.getTime();
    if (anchor === undefined) {
      throw new ScheduleError(
        `${schedule.expression}: a rate schedule fires from its startDate, or from its creation time without one: give startDate or createdAt`,
      );
    }
    const k = Math.max(0, Math.ceil((from - anchor) / parsed.periodMs));
    for (let t = anchor + k * parsed.periodMs; ; t += parsed.periodMs) yield t;
  }
  if (parsed.kind === 'at') {
    const [t] = instantsOf(parsed.wall, timeZone);
    if (t !== undefined && t >= from) yield t;
    return;
  }
  yield* cronFirings(parsed.cron, timeZone, from);
}

function* cronFirings(cron: CronFields, timeZone: string, from: number): Generator<number> {
  const hours = [...cron.hours].sort((a, b) => a - b);
  const minutes = [...cron.minutes].sort((a, b) => a - b);
  const lastYear = Math.max(...cron.years);
  // start on the local date of `from`, a day early so an overlap hour is not missed
  const first = wallTimeOf(from - 86_400_000, timeZone);
  let { year, month, day } = first;
  while (year <= lastYear) {
    if (!cron.years.has(year)) {
      year++;
      month = 1;
      day = 1;
      continue;
    }
    if (!cron.months.has(month)) {
      ({ year, month } = nextMonth(year, month));
      day = 1;
      continue;
    }
    if (dayMatches(cron, year, month, day)) {
      for (const hour of hours) {
        for (const minute of minutes) {
          const wall: WallTime = { year, month, day, hour, minute, second: 0 };
          const [t] = instantsOf(wall, timeZone); // none in a gap; the first of two in an overlap
          if (t !== undefined && t >= from) yield t;
        }
      }
    }
    day++;
    if (day > daysInMonth(year, month)) {
      ({ year, month } = nextMonth(year, month));
      day = 1;
    }
  }
}

function nextMonth(year: number, month: number): { year: number; month: number } {
  return month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
}

/** Day of the week, AWS numbering: 1 Sunday ... 7 Saturday. */
const weekday = (year: number, month: number, day: number) =>
  new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;

function dayMatches(cron: CronFields, year: number, month: number, day: number): boolean {
  const rule = cron.day;
  const last = daysInMonth(year, month);
  switch (rule.kind) {
    case 'dayOfMonth':
      return rule.days.has(day);
    case 'lastDayOfMonth':
      return day === last;
    case 'nearestWeekday': {
      if (rule.day > last) return false; // e.g. 31W in a 30-day month
      const wd = weekday(year, month, rule.day);
      let target = rule.day;
      if (wd === 7)
        target = rule.day === 1 ? 3 : rule.day - 1; // Saturday: Friday, or Monday the 3rd
      else if (wd === 1) target = rule.day === last ? rule.day - 2 : rule.day + 1; // Sunday: Monday, or Friday
      return day === target;
    }
    case 'dayOfWeek':
      return rule.weekdays.has(weekday(year, month, day));
    case 'lastWeekdayOfMonth':
      return weekday(year, month, day) === rule.weekday && day + 7 > last;
    case 'nthWeekdayOfMonth':
      return weekday(year, month, day) === rule.weekday && Math.ceil(day / 7) === rule.nth;
  }
}
