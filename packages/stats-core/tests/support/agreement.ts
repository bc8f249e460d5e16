/**
 * Agreement between two of our own lanes (a fast path against the exact or
 * BigNumber one), field by field, with the field named on failure. The
 * tolerances are the ones each lane promises (docs/precision-lanes.md).
 */
import { expect } from 'vitest';
import type { OlsResult } from '../../src/index';
import { tPvalue } from '../../src/internal/pvalue';

/** |a - b| <= tolerance |b| (exactly 0 when b is), with the field named on failure. */
export function expectRelative(a: number, b: number, tolerance: number, what: string): void {
  if (b === 0) expect(a, what).toBe(0);
  else expect(Math.abs(a - b) / Math.abs(b), what).toBeLessThanOrEqual(tolerance);
}

/** The linregress fields every lane computes (the p-value follows from t). */
export const LINREGRESS_FIELDS = [
  'slope',
  'intercept',
  'rvalue',
  'stderr',
  'interceptStderr',
  't',
] as const;

type LinregressFields = Record<(typeof LINREGRESS_FIELDS)[number], number>;

/** Every linregress field of `fast` within `tolerance` relative of `exact` (0 where it is 0). */
export function expectLinregressAgreement(
  fast: LinregressFields,
  exact: LinregressFields,
  tolerance = 1e-10,
): void {
  for (const k of LINREGRESS_FIELDS) expectRelative(fast[k], exact[k], tolerance, k);
}

/**
 * The two-sided p-values of two t statistics on `df` degrees of freedom
 * agree to 1e-10 relative (0 where the exact one underflows to 0); returns
 * the exact p-value.
 */
export function expectTPvalueAgreement(tFast: number, tExact: number, df: number): number {
  const pFast = tPvalue(tFast, df, 'two-sided');
  const pExact = tPvalue(tExact, df, 'two-sided');
  if (pExact === 0) expect(pFast).toBe(0);
  else expect(Math.abs(pFast - pExact) / pExact, 'pvalue').toBeLessThanOrEqual(1e-10);
  return pExact;
}

/** The summary fields every ols and polyfit fit states. */
export const FIT_SUMMARIES = [
  'residualStandardDeviation',
  'rSquared',
  'adjustedRSquared',
  'fStatistic',
] as const;

type FitFields<K extends string> = Record<K, number | readonly number[]>;

/** Each of `keys` (arrays entry by entry) within `tolerance` relative of `expected`'s. */
export function expectFieldsRelative<K extends string>(
  fit: NoInfer<FitFields<K>>,
  expected: NoInfer<FitFields<K>>,
  keys: readonly K[],
  tolerance: number,
): void {
  for (const key of keys) {
    const got = fit[key];
    const want = expected[key];
    if (typeof got === 'number') expectRelative(got, want as number, tolerance, key);
    else {
      for (const [j, v] of got.entries()) {
        expectRelative(v, (want as readonly number[])[j] as number, tolerance, `${key}[${j}]`);
      }
    }
  }
}

/**
 * An ols or polyfit fit against the BigNumber path's: 1e-13 relative on
 * every coefficient, standard error, t value and summary, 1e-10 on the
 * p-values (whose tails amplify the rounding of t).
 */
export function expectFitAgreement(fit: OlsResult, exact: OlsResult): void {
  const precise = ['coefficients', 'standardErrors', 'tValues', ...FIT_SUMMARIES] as const;
  expectFieldsRelative(fit, exact, precise, 1e-13);
  expectFieldsRelative(fit, exact, ['pValues', 'fPvalue'], 1e-10);
}
