import { ScheduleError } from './errors';

/** A wall-clock time in some time zone (month 1-12). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The Intl.DateTimeFormat fields of a wall-clock time, hours 0-23 (with 'en-US'). */
export const WALL_CLOCK_FIELDS = {
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
} as const satisfies Intl.DateTimeFormatOptions;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The formatter for an IANA time zone; a ScheduleError for a name Intl does not know. */
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, ...WALL_CLOCK_FIELDS });
    } catch {
      throw new ScheduleError(
        `unknown time zone ${JSON.stringify(timeZone)}: give an IANA name such as "Europe/London" or "UTC"`,
      );
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a ScheduleError unless `timeZone` is an IANA time zone this runtime knows. */
export function checkTimeZone(timeZone: string): void {
  formatter(timeZone);
}

/** The wall-clock time of an instant (ms since the epoch) in a time zone. */
export function wallTimeOf(instant: number, timeZone: string): WallTime {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

const asUtc = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** The zone's offset from UTC at an instant, in ms (wall time minus UTC). */
function offsetAt(instant: number, timeZone: string): number {
  return asUtc(wallTimeOf(instant, timeZone)) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instants at which the zone's clocks show `wall`, ascending: none in
 * a daylight-saving gap (the clocks jump over it), two in an overlap (the
 * hour after the clocks go back), else one. Assumes at most one offset
 * change within a day of `wall`, true of every IANA zone.
 */
export function instantsOf(wall: WallTime, timeZone: string): number[] {
  const w = asUtc(wall);
  const day = 86_400_000;
  const candidates = [
    ...new Set([w - offsetAt(w - day, timeZone), w - offsetAt(w + day, timeZone)]),
  ];
  return candidates.filter((t) => asUtc(wallTimeOf(t, timeZone)) === w).sort((a, b) => a - b);
}
