import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linregress, ols, polyfit } from '../src/index';
import { toScaledIntegers } from '../src/regression/internal/decimal';
import { type Design, onesColumn } from '../src/regression/internal/design';
import { finishFit } from '../src/regression/internal/finishFit';
import { olsBig } from '../src/regression/internal/olsBig';
import { olsFloat } from '../src/regression/internal/olsFloat';

/**
 * The float64 QR path may answer only when its error bound promises 13
 * digits (1e-13 relative) on every field; otherwise it must decline.
 * Reference: the BigNumber path at 64 digits (itself checked against every
 * NIST StRD certified value in nist.test.ts). Random designs with 1-4
 * predictors, noise from 1e-6 to 100, offsets up to 1e4 (low noise and large
 * offsets send most of those to the BigNumber path, as they should).
 */
function design(rows: number[][], y: number[]): Design {
  const n = y.length;
  const k = (rows[0] as number[]).length;
  return {
    fn: 'ols',
    n,
    columns: [
      new Float64Array(n).fill(1),
      ...Array.from({ length: k }, (_, j) => Float64Array.from(rows, (r) => r[j] as number)),
    ],
    labels: ['intercept', ...Array.from({ length: k }, (_, j) => `x${j + 1}`)],
    hasIntercept: true,
    representationUlps: 0,
    y,
    exactColumns: () => [
      onesColumn(n),
      ...Array.from({ length: k }, (_, j) => toScaledIntegers(rows.map((r) => r[j] as number))),
    ],
  };
}

describe('ols: float64 path vs BigNumber path', () => {
  it('agrees to 1e-13 whenever the float64 path answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 8, max: 120 }),
          k: fc.integer({ min: 1, max: 4 }),
          offset: fc.constantFrom(0, 1, 10, 1e4),
          noise: fc.constantFrom(1e-6, 1, 10, 100),
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
        }),
        ({ n, k, offset, noise, seed }) => {
          let s = seed;
          const rand = () => {
            s = (s * 1103515245 + 12345) % 2 ** 31;
            return s / 2 ** 31;
          };
          const rows = Array.from({ length: n }, () =>
            Array.from({ length: k }, () => offset + 10 * rand()),
          );
          const y = rows.map(
            (r) => 3 + r.reduce((a, v, j) => a + (j - 1.5) * v, 0) + noise * (rand() - 0.5),
          );
          const d = design(rows, y);
          const fast = olsFloat(d).fit;
          if (fast === null) return;
          answered++;
          const exact = olsBig(d);
          const pairs: [number, number][] = [
            ...fast.coefficients.map((v, j): [number, number] => [
              v,
              exact.coefficients[j] as number,
            ]),
            ...fast.standardErrors.map((v, j): [number, number] => [
              v,
              exact.standardErrors[j] as number,
            ]),
            [fast.residualStandardDeviation, exact.residualStandardDeviation],
            [fast.rSquared, exact.rSquared],
            [fast.adjustedRSquared, exact.adjustedRSquared],
            [fast.fStatistic, exact.fStatistic],
          ];
          for (const [a, b] of pairs)
            expect(Math.abs(a - b) / Math.abs(b)).toBeLessThanOrEqual(1e-13);
        },
      ),
      { numRuns: 200, seed: 11 },
    );
    expect(answered).toBeGreaterThan(10);
  });

  it('polyfit degree 1 and ols on one column agree with linregress', () => {
    const x = [0.5, 1.25, 2, 3.5, 4, 5.75, 7, 8.5];
    const y = [1.1, 2.3, 2.9, 5.2, 5.8, 8.9, 10.2, 12.8];
    const line = linregress(x, y);
    for (const fit of [
      polyfit(x, y, 1),
      ols(
        x.map((v) => [v]),
        y,
      ),
    ]) {
      const [b0, b1] = fit.coefficients as [number, number];
      const [se0, se1] = fit.standardErrors as [number, number];
      expect(Math.abs(b1 - line.slope) / line.slope).toBeLessThan(1e-13);
      expect(Math.abs(b0 - line.intercept) / Math.abs(line.intercept)).toBeLessThan(1e-13);
      expect(Math.abs(se1 - line.stderr) / line.stderr).toBeLessThan(1e-13);
      expect(Math.abs(se0 - line.interceptStderr) / line.interceptStderr).toBeLessThan(1e-13);
      expect(Math.abs((fit.pValues[1] as number) - line.pvalue) / line.pvalue).toBeLessThan(1e-10);
      expect(Math.abs(fit.rSquared - line.rvalue ** 2)).toBeLessThan(1e-14);
      expect([fit.dfModel, fit.dfResidual]).toEqual([1, 6]);
    }
  });

  it('takes Float64Array rows and vectors to the same answers', () => {
    const X = [
      [0.5, 1],
      [1.5, 0.2],
      [2.5, 3.1],
      [3.5, 1.7],
      [4.5, 0.9],
      [5.5, 2.2],
      [6.5, 0.4],
    ];
    const y = [1.2, 2.9, 7.7, 7.9, 8.1, 12.5, 11.9];
    expect(
      ols(
        X.map((r) => Float64Array.from(r)),
        Float64Array.from(y),
      ),
    ).toEqual(ols(X, y));
    const x = X.map((r) => r[0] as number);
    expect(polyfit(Float64Array.from(x), Float64Array.from(y), 2)).toEqual(polyfit(x, y, 2));
  });

  it('reports the method and a condition number', () => {
    const wellConditioned = ols(
      [[0.1], [0.9], [0.4], [0.7], [0.2], [0.55]],
      [1, 5, 2.1, 3.4, 1.5, 2.8],
    );
    expect(['float64', 'bignumber']).toContain(wellConditioned.method);
    expect(wellConditioned.conditionNumber).toBeGreaterThan(1);
    expect(wellConditioned.conditionNumber).toBeLessThan(100);
  });
});

describe('ols: well-conditioned random data takes the float64 path', () => {
  // n = 1000 uniform full-precision doubles, intercept + 2 predictors (3
  // columns), one coefficient near zero so its p-value is moderate.
  let s = 20261126;
  const uniform = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const n = 1000;
  const rows = Array.from({ length: n }, () => [uniform(), uniform()]);
  const y = rows.map(([a, b]) => 1 + 2 * (a as number) + 0.05 * (b as number) + (uniform() - 0.5));

  it('answers with method float64 and matches the BigNumber path to 1e-10 on every field', () => {
    const fit = ols(rows, y);
    expect(fit.method).toBe('float64');
    const d = design(rows, y);
    const exact = finishFit(olsBig(d), 2, n - 3, fit.conditionNumber, 'bignumber');
    const close = (a: number, b: number, what: string) => {
      if (b === 0) expect(a, what).toBe(0);
      else expect(Math.abs(a - b) / Math.abs(b), what).toBeLessThanOrEqual(1e-10);
    };
    for (const key of ['coefficients', 'standardErrors', 'tValues', 'pValues'] as const) {
      for (const [j, v] of fit[key].entries()) close(v, exact[key][j] as number, `${key}[${j}]`);
    }
    for (const key of [
      'residualStandardDeviation',
      'rSquared',
      'adjustedRSquared',
      'fStatistic',
      'fPvalue',
    ] as const) {
      close(fit[key], exact[key], key);
    }
    // A p-value that is not tiny and one that is: both checked above.
    expect(fit.pValues[2]).toBeGreaterThan(1e-6);
    expect(fit.pValues[1]).toBeLessThan(1e-100);
  });
});
