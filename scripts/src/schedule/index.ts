/**
 * EventBridge Scheduler schedule expressions and their firing times, for
 * the local stack, which must fire deployed schedules itself (moto stores
 * them and fires nothing). Pure: no I/O, no clock of its own.
 */
export { ScheduleError } from './errors';
export {
  type CronFields,
  type DayRule,
  parseScheduleExpression,
  type ScheduleExpression,
} from './expression';
export { nextFirings, type Schedule } from './nextFirings';
export { checkTimeZone, instantsOf, type WallTime, wallTimeOf } from './timeZone';
