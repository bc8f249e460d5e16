/**
 * Building blocks for request and response schemas, and the translation of
 * valibot issues into messages that say what to fix. Schemas stay plain
 * valibot schemas (no transforms) so @valibot/to-json-schema can turn them
 * into an OpenAPI 3.1 document; cross-field checks (equal lengths) are raw
 * checks, which JSON Schema cannot express and simply leaves out.
 *
 * valibot, not zod/mini: a schema is a plain object built by a function
 * call, so building the schemas at load and the first parse cost a fraction
 * of zod 4's class machinery (see README, "Dependencies").
 */
import { ALTERNATIVES } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { isFiniteArray } from './http/json';

/** A finite JSON number. `v.number()` alone accepts +-Infinity (JSON.parse gives Infinity for 1e400). */
export const finiteNumber = v.pipe(v.number(), v.finite());

/**
 * The message of the `number` schema under a whole number: lets describeIssue
 * say "a whole number" for a wrong type, as it does for a fraction.
 */
const WHOLE_NUMBER = 'a whole number';

/** A whole JSON number (rejects fractions and +-Infinity). */
export function wholeNumber() {
  return v.pipe(v.number(WHOLE_NUMBER), v.integer());
}

const isFiniteNumber = (x: unknown) => typeof x === 'number' && Number.isFinite(x);

/** Whether every entry of `row` is a finite number (an array the request reader marked all finite is not walked again). */
function allFinite(row: unknown[]): boolean {
  if (isFiniteArray(row)) return true;
  for (let j = 0; j < row.length; j++) if (!isFiniteNumber(row[j])) return false;
  return true;
}

/**
 * `v.array(finiteNumber)` that checks a valid array in one plain loop and
 * passes it on as is. valibot's array runs the item schema on a fresh
 * dataset per entry (and copies the array), which made validating a
 * 10,000-point linregress request take as long as its JSON.parse. Anything
 * else (not an array, or a bad entry) runs valibot's own array schema, so
 * the issues and their paths are exactly valibot's. To the JSON Schema
 * conversion it is the array schema it spreads. An array the request reader
 * (src/http/json.ts) already found all finite is not walked again.
 */
export function finiteNumbers(): v.ArraySchema<typeof finiteNumber, undefined> {
  const schema = v.array(finiteNumber);
  return {
    ...schema,
    '~run'(dataset, config) {
      const input = dataset.value;
      if (Array.isArray(input) && allFinite(input)) {
        return { typed: true, value: input as number[] };
      }
      return schema['~run'](dataset, config);
    },
  };
}

/**
 * Whether every row is an array of at least `minColumns` finite numbers.
 * The loop has a function of its own, which returns a boolean and nothing
 * else: V8 compiles a long loop on-stack during the first large request,
 * and code after it with no type feedback yet would deoptimise on every
 * request after that.
 */
function allRowsFinite(rows: unknown[], minColumns: number): boolean {
  for (let r = 0; r < rows.length; r++) {
    const row: unknown = rows[r];
    if (!(Array.isArray(row) && row.length >= minColumns && allFinite(row))) return false;
  }
  return true;
}

/**
 * `v.array(v.pipe(finiteNumbers(), v.minLength(minColumns)))`, a table of
 * rows of finite numbers, checked in one plain loop when it is valid and
 * passed on as is. Run through valibot, each row costs a pipe, an array
 * schema and a length check: a third of a warm 10,000-row ols request, as
 * long as its fit. Anything else runs valibot's own array schema, so the
 * issues and their paths are exactly valibot's; to the JSON Schema
 * conversion it is the array schema it spreads.
 */
export function finiteRows(
  minColumns: number,
): v.ArraySchema<
  v.SchemaWithPipe<
    readonly [ReturnType<typeof finiteNumbers>, v.MinLengthAction<number[], number, undefined>]
  >,
  undefined
> {
  const schema = v.array(v.pipe(finiteNumbers(), v.minLength(minColumns)));
  return {
    ...schema,
    '~run'(dataset, config) {
      const input = dataset.value;
      if (Array.isArray(input) && allRowsFinite(input, minColumns)) {
        return { typed: true, value: input as number[][] };
      }
      return schema['~run'](dataset, config);
    },
  };
}

/** A sample of at least `min` finite numbers. */
export function sample(name: string, min: number, description: string) {
  return v.pipe(finiteNumbers(), v.minLength(min), v.description(description), v.title(name));
}

/** A result number: finite, or null where the value is undefined (NaN, +-inf). */
export const resultNumber = v.nullable(finiteNumber);

/** Attaches OpenAPI documentation to a schema. */
export function documented<T extends v.GenericSchema>(schema: T, description: string) {
  return v.pipe(schema, v.description(description));
}

/** scipy's `alternative` argument, default 'two-sided'. */
export function alternative(description: string) {
  return documented(
    v.optional(v.picklist(ALTERNATIVES), ALTERNATIVES[0]),
    `Alternative hypothesis (scipy \`alternative\`): ${description}`,
  );
}

/** An optional boolean argument with scipy's default. */
export function flag(fallback: boolean, description: string) {
  return documented(v.optional(v.boolean(), fallback), description);
}

/** An optional choice among scipy's spellings, with scipy's default first. */
export function choice<const T extends readonly [string, ...string[]]>(
  values: T,
  description: string,
) {
  return documented(v.optional(v.picklist(values), values[0] as T[0]), description);
}

/**
 * scipy's `scale` of median_abs_deviation and iqr: a positive number, or
 * "normal" for the constant that makes the statistic estimate a normal sd.
 */
export function scaleArgument(description: string) {
  return documented(
    v.optional(
      v.union([v.pipe(finiteNumber, v.gtValue(0)), v.literal('normal')], SCALE_EXPECTED),
      1,
    ),
    description,
  );
}

/** What a union of scaleArgument accepts, for its error message. */
const SCALE_EXPECTED = 'a positive number or "normal"';

/** The `statistic` and `pvalue` every scipy test result has. */
export function testResult(statistic: string) {
  return {
    statistic: documented(resultNumber, statistic),
    pvalue: documented(resultNumber, 'p-value of the test (null where scipy gives nan).'),
  };
}

/** `{ statistic, pvalue }` of a core result, NaN and +-inf as null. */
export function toTestResult(r: { statistic: number; pvalue: number }) {
  return { statistic: finiteOrNull(r.statistic), pvalue: finiteOrNull(r.pvalue) };
}

/** NaN and +-Infinity have no JSON form: they are sent as null. */
export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

export function finiteOrNullAll(vs: ArrayLike<number>): (number | null)[] {
  // a push loop: Array.from with a mapper measured 0.37-0.76 ms per 10,000 values, this 0.07-0.11
  const out: (number | null)[] = [];
  for (let i = 0; i < vs.length; i++) out.push(finiteOrNull(vs[i]!));
  return out;
}

/** `x[3]`, `X[2][0]`, or `(request)` for the object itself. */
export function formatPath(p: readonly PropertyKey[]): string {
  if (p.length === 0) return '(request)';
  return p
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join('');
}

function describeInput(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return v.length > 20 ? 'a string' : `the string ${JSON.stringify(v)}`;
  if (typeof v === 'number') return String(v);
  return typeof v === 'object' ? 'an object' : String(typeof v);
}

/** What a schema of this valibot type accepts, as the object of "must be". */
function article(type: string): string {
  const names: Record<string, string> = {
    number: 'a finite number',
    array: 'an array',
    object: 'a JSON object',
    strict_object: 'a JSON object',
    boolean: 'true or false',
    string: 'a string',
  };
  return names[type] ?? type;
}

type PipeItem = { type: string; pipe?: readonly PipeItem[] };

/** Whether a schema's pipe (nested pipes included) has an action of this type. */
function hasAction(schema: PipeItem, type: string): boolean {
  return schema.pipe?.some((item) => item.type === type || hasAction(item, type)) ?? false;
}

/** What a field's schema accepts, for "x is required (...)". */
function expectedOf(schema: v.GenericSchema | undefined): string {
  if (schema === undefined) return 'a value';
  if (hasAction(schema, 'integer')) return WHOLE_NUMBER;
  return article(schema.type);
}

/** `"a", "b"` from a picklist's `expects`, `("a" | "b")` or `"a"`. */
function listOptions(expected: string | null): string {
  return (expected ?? '')
    .replace(/^\(|\)$/g, '')
    .split(' | ')
    .join(', ');
}

export interface IssueDetail {
  path: string;
  message: string;
}

type Issue = v.BaseIssue<unknown>;

/**
 * The issues worth reporting: a bound (at least, less than) on a number that
 * is not finite says nothing the "must be a finite number" issue beside it
 * does not (valibot runs every check of a pipe; zod stopped at the first).
 */
export function reportable(issues: readonly Issue[]): Issue[] {
  return issues.filter(
    (i) =>
      !(
        i.kind === 'validation' &&
        i.type.endsWith('_value') &&
        typeof i.input === 'number' &&
        !Number.isFinite(i.input)
      ),
  );
}

const keysOf = (issue: Issue): PropertyKey[] =>
  (issue.path ?? []).map((item) => item.key as PropertyKey);

const finiteMessage = (at: string, input: number) =>
  `${at} must be a finite number (got ${input}; JSON numbers beyond +-1.8e308 overflow)`;

/**
 * One issue as a sentence about the field. `entries` are the request
 * object's fields: the accepted fields for an unknown key (all the unknown
 * keys of the object are listed in one issue, as a client fixes them at
 * once), and what a missing field must be.
 */
export function describeIssue(issue: Issue, entries: v.ObjectEntries, depth = 0): IssueDetail {
  const keys = depth === 0 ? keysOf(issue) : keysOf(issue).slice(depth);
  const prefix = depth === 0 ? [] : keysOf(issue).slice(0, depth);
  const at = formatPath(keys);
  const input = issue.input;
  const fields = Object.keys(entries);
  if (issue.kind === 'schema') {
    if (issue.type === 'strict_object' && issue.expected === 'never' && keys.length > 1) {
      // an unknown key of a nested object (such as `predict`): list that object's fields
      const nested = entriesAt(entries, keys.slice(0, -1));
      if (nested !== undefined) return describeIssue(issue, nested, keys.length - 1);
    }
    if (issue.type === 'strict_object' && issue.expected === 'never') {
      // valibot reports the first unknown key, at its own path: report the object
      const owner = issue.path?.at(-1)?.input;
      const where = formatPath([...prefix, ...keys.slice(0, -1)]);
      const unknown =
        typeof owner === 'object' && owner !== null
          ? Object.keys(owner).filter((k) => !fields.includes(k))
          : [String(input)];
      const many = unknown.length > 1;
      return {
        path: where,
        message: `unknown field${many ? 's' : ''} ${unknown
          .map((k) => JSON.stringify(k))
          .join(', ')}: remove ${many ? 'them' : 'it'}; accepted fields are ${fields.join(', ')}`,
      };
    }
    if (input === undefined && issue.path?.at(-1)?.origin === 'key') {
      const field = keys.length === 1 ? entries[String(keys[0])] : undefined;
      return { path: at, message: `${at} is required (${expectedOf(field)})` };
    }
    if (issue.type === 'union' && issue.message === SCALE_EXPECTED) {
      return { path: at, message: `${at} must be ${SCALE_EXPECTED} (got ${describeInput(input)})` };
    }
    if (issue.type === 'picklist') {
      return { path: at, message: `${at} must be one of ${listOptions(issue.expected)}` };
    }
    if (typeof input === 'number' && !Number.isFinite(input)) {
      return { path: at, message: finiteMessage(at, input) };
    }
    const expected =
      issue.type === 'number' && issue.message === WHOLE_NUMBER
        ? WHOLE_NUMBER
        : article(issue.type);
    return { path: at, message: `${at} must be ${expected} (got ${describeInput(input)})` };
  }
  const bound = String((issue as { requirement?: unknown }).requirement);
  switch (issue.type) {
    case 'finite':
      return { path: at, message: finiteMessage(at, input as number) };
    case 'integer':
      if (typeof input === 'number' && !Number.isFinite(input)) {
        return { path: at, message: finiteMessage(at, input) };
      }
      return { path: at, message: `${at} must be ${WHOLE_NUMBER} (got ${describeInput(input)})` };
    case 'min_length':
      return { path: at, message: `${at} needs at least ${bound} values` };
    case 'max_length':
      return { path: at, message: `${at} needs at most ${bound} values` };
    case 'min_value':
      return { path: at, message: `${at} must be at least ${bound}` };
    case 'max_value':
      return { path: at, message: `${at} must be at most ${bound}` };
    case 'gt_value':
      return { path: at, message: `${at} must be greater than ${bound}` };
    case 'lt_value':
      return { path: at, message: `${at} must be less than ${bound}` };
    case 'check':
    case 'raw_check':
      return { path: at, message: issue.message };
    default:
      return { path: at, message: `${at}: ${issue.message}` };
  }
}

/**
 * The entries of the object schema at `keys` under `entries` (through
 * optional, nullable and pipe wrappers), or undefined when it is not an object.
 */
function entriesAt(entries: v.ObjectEntries, keys: PropertyKey[]): v.ObjectEntries | undefined {
  let schema: unknown = entries[String(keys[0])];
  for (const key of [...keys.slice(1), undefined]) {
    for (let unwrap = 0; unwrap < 8; unwrap++) {
      const s = schema as { wrapped?: unknown; pipe?: unknown[]; type?: string };
      if (s?.wrapped !== undefined) schema = s.wrapped;
      else if (s?.pipe !== undefined && s.type !== 'object' && s.type !== 'strict_object')
        schema = s.pipe[0];
      else break;
    }
    const s = schema as { entries?: v.ObjectEntries; item?: unknown };
    if (key === undefined) return s?.entries;
    schema = typeof key === 'number' ? s?.item : s?.entries?.[String(key)];
  }
  return undefined;
}

/** The path item of `key` in `input`, for an issue a raw check reports. */
export function pathItem(
  input: Record<string, unknown> | unknown[],
  key: string | number,
): v.IssuePathItem {
  return typeof key === 'number'
    ? {
        type: 'array',
        origin: 'value',
        input: input as unknown[],
        key,
        value: (input as unknown[])[key],
      }
    : {
        type: 'object',
        origin: 'value',
        input: input as Record<string, unknown>,
        key,
        value: (input as Record<string, unknown>)[key],
      };
}

/**
 * A check that a table (an array of rows) is rectangular: every row as long
 * as the first. Runs only on a request whose fields all have the right
 * types (an object check runs after field issues that keep the types, such
 * as too few values).
 */
export function rectangular<T extends Record<string, unknown>>(
  field: keyof T & string,
): v.RawCheckAction<T> {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const rows = dataset.value[field] as unknown[][];
    const width = rows[0]?.length ?? 0;
    let ragged = 0;
    while (ragged < rows.length && rows[ragged]!.length === width) ragged++;
    if (ragged < rows.length) {
      addIssue({
        input: rows[ragged],
        message: `every row of ${field} must have the same number of columns (row 0 has ${width}, row ${ragged} has ${rows[ragged]!.length})`,
        path: [pathItem(dataset.value, field), pathItem(rows, ragged)],
      });
    }
  });
}

/**
 * A check that two array fields have the same length, reported on the
 * second. Runs only on a request whose fields all have the right types.
 */
export function sameLength<T extends Record<string, unknown>>(
  a: keyof T & string,
  b: keyof T & string,
): v.RawCheckAction<T> {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const ra = dataset.value[a] as unknown[];
    const rb = dataset.value[b] as unknown[];
    if (ra.length !== rb.length) {
      addIssue({
        input: rb,
        message: `${a} and ${b} must have the same length (got ${ra.length} and ${rb.length})`,
        path: [pathItem(dataset.value, b)],
      });
    }
  });
}
