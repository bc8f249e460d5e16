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

/** A golden case's test name: its index and options. */
export const tag = (c: { options?: object }, i: number) =>
  `#${i} ${JSON.stringify(c.options ?? {})}`;

/** A test's statistic and p-value against scipy's (expectClose). */
export function expectStatistic(
  r: { statistic: number; pvalue: number },
  c: { statistic: number | string; pvalue: number | string },
  label: string,
): void {
  expectClose(r.statistic, c.statistic, `${label} statistic`);
  expectClose(r.pvalue, c.pvalue, `${label} pvalue`);
}

/** A t test's statistic, p-value and degrees of freedom against scipy's (expectClose). */
export function expectT(
  r: { statistic: number; pvalue: number; df: number },
  c: Record<string, unknown>,
  label: string,
): void {
  expectClose(r.statistic, c.statistic as number, `${label} statistic`);
  expectClose(r.pvalue, c.pvalue as number, `${label} pvalue`);
  expectClose(r.df, c.df as number, `${label} df`);
}

interface DescribeFields {
  nobs: number;
  minmax: readonly [number, number];
  mean: number;
  variance: number;
  skewness: number;
  kurtosis: number;
}

/** describe's fields against scipy's (expectClose). */
export function expectDescribe(
  r: DescribeFields,
  c: {
    nobs: number;
    minmax: readonly (number | string)[];
    mean: number | string;
    variance: number | string;
    skewness: number | string;
    kurtosis: number | string;
  },
  label: string,
): void {
  expect(r.nobs).toBe(c.nobs);
  expectClose(r.minmax[0], c.minmax[0] as number, `${label} min`);
  expectClose(r.minmax[1], c.minmax[1] as number, `${label} max`);
  expectClose(r.mean, c.mean, `${label} mean`);
  expectClose(r.variance, c.variance, `${label} variance`);
  // Skewness of symmetric data is 0 up to rounding in scipy's own sums.
  expectClose(r.skewness, c.skewness, `${label} skewness`, 1e-14);
  expectClose(r.kurtosis, c.kurtosis, `${label} kurtosis`, 1e-14);
}

const LINREGRESS_GOLDEN_FIELDS = {
  slope: 'slope',
  intercept: 'intercept',
  rvalue: 'rvalue',
  pvalue: 'pvalue',
  stderr: 'stderr',
  intercept_stderr: 'interceptStderr',
} as const;

/**
 * A linregress result against golden/linregress.py's exact answer: 1e-10
 * relative on every field, the accuracy linregress promises; an exact 0
 * must be 0 and null (NaN) must be NaN.
 */
export function expectLinregressGolden(
  result: Record<(typeof LINREGRESS_GOLDEN_FIELDS)[keyof typeof LINREGRESS_GOLDEN_FIELDS], number>,
  expected: Record<keyof typeof LINREGRESS_GOLDEN_FIELDS, number | null>,
  label = '',
): void {
  for (const [field, ours] of Object.entries(LINREGRESS_GOLDEN_FIELDS)) {
    const want = expected[field as keyof typeof LINREGRESS_GOLDEN_FIELDS];
    const got = result[ours];
    const at = label ? `${label} ${field}` : field;
    if (want === null) expect(got, at).toBeNaN();
    else if (want === 0) expect(got, at).toBe(0);
    else expect(Math.abs(got - want) / Math.abs(want), at).toBeLessThanOrEqual(1e-10);
  }
}
