import { StatsInputError } from '../errors';

/** The numeric sample types every public function accepts. */
export type Sample = readonly number[] | Float64Array;

/** The alternative hypotheses scipy accepts. */
export type Alternative = 'two-sided' | 'less' | 'greater';

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
      if (typeof v !== 'number') {
        throw new StatsInputError(
          fn,
          `requires ${name}[${i}] to be a number (got ${describeType(v)})`,
        );
      }
      out[i] = v;
    }
  } else {
    throw new StatsInputError(
      fn,
      `requires ${name} to be an array of numbers (got ${describeType(x)})`,
    );
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

export function checkAlternative(fn: string, alternative: unknown): Alternative {
  if (alternative === undefined) return 'two-sided';
  if (alternative === 'two-sided' || alternative === 'less' || alternative === 'greater')
    return alternative;
  throw new StatsInputError(
    fn,
    `requires alternative to be 'two-sided', 'less' or 'greater' (got ${JSON.stringify(alternative)})`,
  );
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

export function checkEqualLength(fn: string, x: ArrayLike<number>, y: ArrayLike<number>): void {
  if (x.length !== y.length) {
    throw new StatsInputError(
      fn,
      `requires x and y of equal length (got ${x.length} and ${y.length})`,
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
