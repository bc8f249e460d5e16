/**
 * A schedule expression, time zone or schedule setting that cannot be
 * used. The message names the part and says what AWS accepts, e.g.
 * `cron(0 9 * * MON *): day-of-month and day-of-week cannot both be given: use ? in one of them`.
 */
export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
}
