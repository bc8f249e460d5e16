/**
 * Scheduled analyses, declared per stack: what to read, how to
 * analyse each series, when to run and whom to tell. `validateAnalyses`
 * runs at synth (LambdaStatsStack calls it) so a bad declaration stops the
 * synth with a message naming the analysis and the field.
 */

import type { AnalysisMethod } from '@lambda-stats/lambda-kit/analysis-spec';

export type {
  AnalysisMethod,
  HoltWintersMethod,
  RobustScoreMethod,
} from '@lambda-stats/lambda-kit/analysis-spec';

export interface AnalysisSchedule {
  /** EventBridge Scheduler expression: rate(...), cron(...) or at(...). */
  readonly expression: string;
  /** IANA time zone cron and at are read in (ScheduleExpressionTimezone). */
  readonly timezone: string;
  /** ISO 8601 instants bounding the firings (StartDate, EndDate). */
  readonly startDate?: string;
  readonly endDate?: string;
  readonly enabled: boolean;
}

export interface AnalysisConfig {
  /** Lower-case letters, digits and '-', 1-40 characters: it names the schedule, state machine and keys. */
  readonly name: string;
  readonly schedule: AnalysisSchedule;
  /** S3 prefix in the stack's data bucket holding the CSV input (default `analyses/<name>/input/`). */
  readonly inputPrefix?: string;
  /** CSV column names. */
  readonly columns: { readonly series: string; readonly timestamp: string; readonly value: string };
  readonly method: AnalysisMethod;
  /** |score| above this flags a reading (robust standard deviations; 3.5 is Iglewicz-Hoaglin's). */
  readonly threshold: number;
  /** Email addresses subscribed to the analysis's alarms. */
  readonly notify: readonly string[];
  /** Results expire (DynamoDB TTL) this many days after the run. */
  readonly resultTtlDays: number;
}

/** An analysis with every default filled in. */
export type ResolvedAnalysis = AnalysisConfig & { readonly inputPrefix: string };

export class AnalysisConfigError extends Error {
  override name = 'AnalysisConfigError';
}

const NAME = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const AT = /^at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)$/;
const CRON = /^cron\(([^()]+)\)$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The expression's shape as EventBridge Scheduler accepts it (rate with a
 * positive whole value and a matching singular/plural unit, cron with six
 * fields, at with a local date-time). The full parser that computes firing
 * times lives with the local stack (scripts/src/schedule); its tests run it
 * over every analysis declared here.
 */
function checkExpression(expression: string): string | undefined {
  const rate = RATE.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    if (value < 1) return 'a rate value must be 1 or more';
    const plural = rate[2]!.endsWith('s');
    if ((value === 1) === plural) {
      return `use rate(1 ${rate[2]!.replace(/s$/, '')}) for one and rate(${value} ${rate[2]!.replace(/s?$/, 's')}) for more`;
    }
    return undefined;
  }
  if (AT.test(expression)) {
    return Number.isNaN(Date.parse(`${expression.slice(3, -1)}Z`))
      ? 'not a real date-time'
      : undefined;
  }
  const cron = CRON.exec(expression);
  if (cron) {
    const fields = cron[1]!.trim().split(/\s+/);
    return fields.length === 6
      ? undefined
      : `cron() takes 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`;
  }
  return 'expected rate(<n> <unit>), cron(<6 fields>) or at(yyyy-mm-ddThh:mm:ss)';
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function positiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/**
 * Checks every analysis and fills in defaults. Every problem found is
 * reported at once, one per line, each as `analysis "<name>": <field>: <what is wrong>`.
 */
export function validateAnalyses(analyses: readonly AnalysisConfig[]): ResolvedAnalysis[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  analyses.forEach((a, index) => {
    const label = typeof a.name === 'string' && a.name !== '' ? `"${a.name}"` : `#${index + 1}`;
    const bad = (field: string, what: string) =>
      problems.push(`analysis ${label}: ${field}: ${what}`);
    if (typeof a.name !== 'string' || !NAME.test(a.name)) {
      bad(
        'name',
        `got ${JSON.stringify(a.name)}; use 1-40 lower-case letters, digits and '-', starting and ending with a letter or digit`,
      );
    } else if (seen.has(a.name)) {
      bad('name', 'declared twice; analysis names must be unique in a stack');
    } else {
      seen.add(a.name);
    }

    const s = a.schedule;
    if (s === undefined || typeof s.expression !== 'string') {
      bad('schedule.expression', 'missing; give rate(...), cron(...) or at(...)');
    } else {
      const why = checkExpression(s.expression.trim());
      if (why) bad('schedule.expression', `${JSON.stringify(s.expression)}: ${why}`);
      if (typeof s.timezone !== 'string' || !isTimeZone(s.timezone)) {
        bad(
          'schedule.timezone',
          `${JSON.stringify(s.timezone)} is not an IANA time zone (for example "UTC" or "Europe/Berlin")`,
        );
      }
      const dates: Record<string, number> = {};
      for (const key of ['startDate', 'endDate'] as const) {
        const v = s[key];
        if (v === undefined) continue;
        if (typeof v !== 'string' || !ISO_INSTANT.test(v) || Number.isNaN(Date.parse(v))) {
          bad(
            `schedule.${key}`,
            `${JSON.stringify(v)} is not an ISO 8601 instant with a zone (for example 2026-01-01T00:00:00Z)`,
          );
        } else {
          dates[key] = Date.parse(v);
        }
      }
      if (
        dates.startDate !== undefined &&
        dates.endDate !== undefined &&
        dates.startDate >= dates.endDate
      ) {
        bad('schedule.endDate', `must be after startDate (${s.startDate} >= ${s.endDate})`);
      }
      if (typeof s.enabled !== 'boolean') bad('schedule.enabled', 'must be true or false');
    }

    if (a.inputPrefix !== undefined) {
      if (
        typeof a.inputPrefix !== 'string' ||
        a.inputPrefix === '' ||
        a.inputPrefix.startsWith('/') ||
        !a.inputPrefix.endsWith('/')
      ) {
        bad(
          'inputPrefix',
          `${JSON.stringify(a.inputPrefix)}: give a key prefix in the data bucket ending in '/' and not starting with '/' (for example analyses/${a.name}/input/)`,
        );
      }
    }

    const c = a.columns;
    if (c === undefined) {
      bad('columns', 'missing; give the CSV column names { series, timestamp, value }');
    } else {
      for (const key of ['series', 'timestamp', 'value'] as const) {
        if (typeof c[key] !== 'string' || c[key].trim() === '')
          bad(`columns.${key}`, 'must name a CSV column');
      }
      const names = [c.series, c.timestamp, c.value];
      if (new Set(names).size !== names.length)
        bad(
          'columns',
          `series, timestamp and value must be three different columns (got ${names.join(', ')})`,
        );
    }

    const m = a.method;
    if (m === undefined || (m.kind !== 'holt-winters' && m.kind !== 'modified-zscore')) {
      bad(
        'method.kind',
        `got ${JSON.stringify((m as { kind?: unknown } | undefined)?.kind)}; use "holt-winters" or "modified-zscore"`,
      );
    } else {
      if (!positiveInteger(m.seasonalPeriods) || m.seasonalPeriods < 2) {
        bad(
          'method.seasonalPeriods',
          `got ${JSON.stringify(m.seasonalPeriods)}; give the readings per cycle, a whole number >= 2 (48 for half-hourly readings over a day)`,
        );
      }
      if (!positiveInteger(m.evaluatePeriods)) {
        bad(
          'method.evaluatePeriods',
          `got ${JSON.stringify(m.evaluatePeriods)}; give a whole number >= 1 of newest readings to score`,
        );
      }
      if (m.kind === 'holt-winters') {
        if (m.seasonal !== 'add' && m.seasonal !== 'mul')
          bad('method.seasonal', `got ${JSON.stringify(m.seasonal)}; use "add" or "mul"`);
        if (m.trend !== 'add' && m.trend !== null)
          bad('method.trend', `got ${JSON.stringify(m.trend)}; use "add" or null`);
        if (typeof m.damped !== 'boolean') bad('method.damped', 'must be true or false');
        if (m.damped === true && m.trend === null)
          bad('method.damped', 'a damped trend needs trend "add"');
        if (!(typeof m.intervalLevel === 'number' && m.intervalLevel > 0 && m.intervalLevel < 1)) {
          bad(
            'method.intervalLevel',
            `got ${JSON.stringify(m.intervalLevel)}; give a level between 0 and 1 (for example 0.95)`,
          );
        }
      }
    }

    if (!(typeof a.threshold === 'number' && Number.isFinite(a.threshold) && a.threshold > 0)) {
      bad(
        'threshold',
        `got ${JSON.stringify(a.threshold)}; give a positive number of robust standard deviations (3.5 is the usual)`,
      );
    }
    if (!Array.isArray(a.notify)) {
      bad('notify', 'give a list of email addresses (may be empty)');
    } else {
      for (const email of a.notify) {
        if (typeof email !== 'string' || !EMAIL.test(email))
          bad('notify', `${JSON.stringify(email)} is not an email address`);
      }
    }
    if (!positiveInteger(a.resultTtlDays)) {
      bad(
        'resultTtlDays',
        `got ${JSON.stringify(a.resultTtlDays)}; give a whole number of days >= 1`,
      );
    }
  });
  if (problems.length > 0) {
    throw new AnalysisConfigError(
      `invalid analyses in the stack config:\n  ${problems.join('\n  ')}`,
    );
  }
  return analyses.map((a) => ({ ...a, inputPrefix: a.inputPrefix ?? `analyses/${a.name}/input/` }));
}

/** The demo pair the local stack deploys and fires (Smart Targets and Smart Alarms). */
export const DEMO_ANALYSES: readonly AnalysisConfig[] = [
  {
    name: 'smart-targets',
    schedule: { expression: 'cron(0 6 * * ? *)', timezone: 'Europe/Berlin', enabled: true },
    columns: { series: 'series', timestamp: 'timestamp', value: 'value' },
    method: {
      kind: 'holt-winters',
      seasonalPeriods: 48,
      seasonal: 'add',
      trend: null,
      damped: false,
      evaluatePeriods: 48,
      intervalLevel: 0.95,
    },
    threshold: 3.5,
    notify: ['energy-team@example.com'],
    resultTtlDays: 90,
  },
  {
    name: 'smart-alarms',
    schedule: { expression: 'rate(1 hour)', timezone: 'UTC', enabled: true },
    columns: { series: 'series', timestamp: 'timestamp', value: 'value' },
    // slot = the same half-hour of the week: weekdays and weekends each have their own expectation
    method: { kind: 'modified-zscore', seasonalPeriods: 48 * 7, evaluatePeriods: 48 * 7 },
    threshold: 3.5,
    notify: ['alarms@example.com'],
    resultTtlDays: 30,
  },
];
