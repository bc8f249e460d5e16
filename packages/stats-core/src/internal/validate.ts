/**
 * Input validation for every public function of the core, in one place.
 * Each check names the function and the argument in a StatsInputError, e.g.
 * `linregress requires x and y of equal length (got 10 and 9)`.
 */
import { StatsInputError } from '../errors';
import { ALTERNATIVES, type Alternative } from '../options';

export type { Alternative } from '../options';

/** The numeric sample types every public function accepts. */
export type Sample = readonly number[] | Float64Array;

/** The numeric inputs the regressions keep as given (their decimals matter). */
export type NumericArray = number[] | Float64Array;

function notANumber(fn: string, name: string, i: number, v: unknown): StatsInputError {
  return new StatsInputError(fn, `requires ${name}[${i}] to be a number (got ${describeType(v)})`);
}

function notAnArray(fn: string, name: string, x: unknown): StatsInputError {
  return new StatsInputError(
    fn,
    `requires ${name} to be an array of numbers or a Float64Array (got ${describeType(x)})`,
  );
}

/**
 * Throw unless `value` is an array of numbers or a Float64Array; returns it
 * as given (no copy), for callers that read the values' decimals.
 */
export function checkNumericArray(fn: string, name: string, value: unknown): NumericArray {
  if (value instanceof Float64Array) return value;
  if (!Array.isArray(value)) throw notAnArray(fn, name, value);
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'number') throw notANumber(fn, name, i, value[i]);
  }
  return value as number[];
}

/** Throws naming the first index whose value is NaN or infinite. */
export function checkFinite(fn: string, name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      throw new StatsInputError(
        fn,
        `requires finite values, but ${name}[${i}] is ${v}; remove or impute it`,
      );
    }
  }
}

/**
 * Throw unless `x` is an array of numbers; returns the values as a
 * Float64Array (a Float64Array input is returned as is, not copied: callers
 * treat the result as read-only).
 */
export function checkSample(fn: string, name: string, x: unknown, minLength = 0): Float64Array {
  let out: Float64Array;
  if (x instanceof Float64Array) {
    out = x;
  } else if (Array.isArray(x)) {
    out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const v: unknown = x[i];
      if (typeof v !== 'number') throw notANumber(fn, name, i, v);
      out[i] = v;
    }
  } else {
    throw notAnArray(fn, name, x);
  }
  if (out.length < minLength) {
    throw new StatsInputError(
      fn,
      `requires ${name} to have at least ${minLength} value${minLength === 1 ? '' : 's'} (got ${out.length})`,
    );
  }
  return out;
}

/** True when any value is NaN. */
export function hasNaN(x: ArrayLike<number>): boolean {
  for (let i = 0; i < x.length; i++) if (Number.isNaN(x[i])) return true;
  return false;
}

/** True when every value equals the first (=== comparison; NaN never does). */
export function isConstant(x: ArrayLike<number>): boolean {
  const first = x[0];
  for (let i = 1; i < x.length; i++) if (x[i] !== first) return false;
  return true;
}

/**
 * One of an option's allowed values (lists in ../options.ts, default first):
 * undefined gives the default, anything else not in the list throws.
 */
export function checkChoice<const T extends readonly [string, ...string[]]>(
  fn: string,
  name: string,
  value: unknown,
  allowed: T,
): T[number] {
  if (value === undefined) return allowed[0];
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value;
  const list = allowed.map((a) => `'${a}'`);
  const spelled = `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`;
  throw new StatsInputError(fn, `requires ${name} to be ${spelled} (got ${JSON.stringify(value)})`);
}

export function checkAlternative(fn: string, alternative: unknown): Alternative {
  return checkChoice(fn, 'alternative', alternative, ALTERNATIVES);
}

export function checkBoolean(fn: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new StatsInputError(
      fn,
      `requires ${name} to be true or false (got ${describeType(value)})`,
    );
  }
  return value;
}

export function checkOptions(fn: string, options: unknown): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new StatsInputError(
      fn,
      `requires its options to be an object (got ${describeType(options)})`,
    );
  }
  return options as Record<string, unknown>;
}

/** Throws when two arrays that pair up observation by observation differ in length. */
export function checkEqualLength(
  fn: string,
  x: ArrayLike<unknown>,
  y: ArrayLike<unknown>,
  names: readonly [string, string] = ['x', 'y'],
): void {
  if (x.length !== y.length) {
    throw new StatsInputError(
      fn,
      `requires ${names[0]} and ${names[1]} of equal length (got ${x.length} and ${y.length})`,
    );
  }
}

export function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return typeof v;
}

/**
 * Two paired samples, each checked as {@link checkSample} does, then for
 * equal length (the error names them).
 */
export function checkPairedSamples(
  fn: string,
  x: unknown,
  y: unknown,
  names: readonly [string, string] = ['x', 'y'],
): [Float64Array, Float64Array] {
  const a = checkSample(fn, names[0], x);
  const b = checkSample(fn, names[1], y);
  checkEqualLength(fn, a, b, names);
  return [a, b];
}

/**
 * checkSample without the copy: throws unless `x` is an array of numbers
 * or a Float64Array, and returns it as given, for callers that only read it
 * (the rank statistics, whose sort makes its own copy: a second 8 MB copy
 * at n = 1e6 cost more than reading a plain array).
 */
export function checkSampleValues(fn: string, name: string, x: unknown, minLength = 0): Sample {
  if (!(x instanceof Float64Array)) {
    if (!Array.isArray(x)) throw notAnArray(fn, name, x);
    for (let i = 0; i < x.length; i++) {
      if (typeof x[i] !== 'number') throw notANumber(fn, name, i, x[i]);
    }
  }
  const values = x as Sample;
  if (values.length < minLength) {
    throw new StatsInputError(
      fn,
      `requires ${name} to have at least ${minLength} value${minLength === 1 ? '' : 's'} (got ${values.length})`,
    );
  }
  return values;
}
