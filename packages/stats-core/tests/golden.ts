import { expect } from 'vitest';

/** Decode the generator's encoding of non-finite numbers. */
export const num = (v: number | string): number =>
  v === 'NaN'
    ? Number.NaN
    : v === 'Infinity'
      ? Number.POSITIVE_INFINITY
      : v === '-Infinity'
        ? Number.NEGATIVE_INFINITY
        : (v as number);

/**
 * 12 significant digits (relative error <= 1e-12), the accuracy the issue
 * asks of every value where scipy is itself accurate; `floor` is an absolute
 * allowance for values that are zero up to rounding (a statistic of 1e-17
 * where scipy prints 0), stated at each use.
 */
export function expectClose(
  actual: number,
  expected: number | string,
  label: string,
  floor = 0,
): void {
  const e = num(expected);
  if (Number.isNaN(e)) return void expect(actual, label).toBeNaN();
  if (!Number.isFinite(e)) return void expect(actual, label).toBe(e);
  const err = Math.abs(actual - e);
  expect(err <= 1e-12 * Math.abs(e) + floor, `${label}: got ${actual}, scipy ${e}`).toBe(true);
}
