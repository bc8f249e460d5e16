import { StatsInputError } from '../../errors';

/** The numeric inputs every regression accepts. */
export type NumericArray = number[] | Float64Array;

/**
 * Rejects anything that is not an array of numbers, naming the function and
 * the argument, so a caller sees e.g. `linregress requires x to be an array
 * of numbers (got string)`.
 */
export function requireNumericArray(fn: string, name: string, value: unknown): NumericArray {
  if (value instanceof Float64Array) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] !== 'number') {
        throw new StatsInputError(
          fn,
          `requires ${name} to contain only numbers (${name}[${i}] is ${describe(value[i])})`,
        );
      }
    }
    return value as number[];
  }
  throw new StatsInputError(
    fn,
    `requires ${name} to be an array of numbers or a Float64Array (got ${describe(value)})`,
  );
}

/** Throws naming the first index whose value is NaN or infinite. */
export function requireFinite(fn: string, name: string, values: ArrayLike<number>): void {
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

/** Throws when two arrays that pair up observation by observation differ in length. */
export function requireSameLength(
  fn: string,
  names: [string, string],
  a: ArrayLike<unknown>,
  b: ArrayLike<unknown>,
): void {
  if (a.length !== b.length) {
    throw new StatsInputError(
      fn,
      `requires ${names[0]} and ${names[1]} of equal length (got ${a.length} and ${b.length})`,
    );
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? `the string ${JSON.stringify(v)}` : typeof v;
}
