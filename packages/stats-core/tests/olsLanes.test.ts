import { describe, expect, it } from 'vitest';
import { ols, polyfit } from '../src/index';
import { type Design, exactShift } from '../src/regression/internal/design';
import { finishFit } from '../src/regression/internal/finishFit';
import { olsBig } from '../src/regression/internal/olsBig';
import { olsFloat } from '../src/regression/internal/olsFloat';
import { expectFitAgreement } from './support/agreement';
import { bigPathDesign, exactColumnsOf, exactPowers } from './support/bigPath';
import { rng } from './support/panel';

/**
 * The benchmark panel's shapes that used to send ols and polyfit to the
 * BigNumber lane, many times slower: no relation at all, and heavy-tailed (Cauchy)
 * noise. Both have R^2 near 0, where 1 - RSS / TSS from rounded sums loses
 * its relative digits; RSS and TSS are now kept as double-doubles. Each fit
 * must answer in float64 and agree with the BigNumber path (64 digits, exact
 * normal equations; itself checked against NIST StRD) to 1e-13 on every
 * field, 1e-10 on the p-values: the tolerances of olsPaths.test.ts.
 */

function bigDesign(fn: string, columns: number[][], y: number[], hasIntercept: boolean): Design {
  return bigPathDesign(fn, y, () => exactColumnsOf(y.length, columns, hasIntercept), {
    labels: columns.map((_, j) => `c${j}`),
    hasIntercept,
  });
}

function polyfitBig(x: number[], y: number[], degree: number): Design {
  return bigPathDesign('polyfit', y, () => exactPowers(x, degree), {
    labels: [],
    hasIntercept: true,
  });
}

const SHAPES = {
  'no relation (independent normals)': (seed: number, n: number) => {
    const r = rng(seed);
    const x = Array.from({ length: n }, () => r.normal());
    const z = Array.from({ length: n }, () => r.normal());
    const y = Array.from({ length: n }, () => r.normal());
    return { x, y, z };
  },
  'heavy tails (y = x + Cauchy, z Cauchy)': (seed: number, n: number) => {
    const r = rng(seed);
    const x = Array.from({ length: n }, () => r.normal());
    const y = x.map((v) => v + r.cauchy());
    const z = Array.from({ length: n }, () => r.cauchy());
    return { x, y, z };
  },
};

describe.each(Object.entries(SHAPES))('R^2 near 0: %s', (_, make) => {
  it.each([
    [1, 200],
    [2, 3000],
    [3, 3000],
  ])('ols (seed %i, n = %i) answers in float64 and matches the BigNumber path', (seed, n) => {
    const { x, y, z } = make(seed, n);
    const fit = ols(
      x.map((v, i) => [v, z[i] as number]),
      y,
    );
    expect(fit.method).toBe('float64');
    const exact = olsBig(bigDesign('ols', [x, z], y, true));
    expectFitAgreement(fit, finishFit(exact, 2, n - 3, fit.conditionNumber, 'bignumber'));
  });

  it.each([
    [4, 200],
    [5, 3000],
  ])('polyfit of degree 3 (seed %i, n = %i) answers in float64 and matches', (seed, n) => {
    const { x, y } = make(seed, n);
    const fit = polyfit(x, y, 3);
    expect(fit.method).toBe('float64');
    const exact = olsBig(polyfitBig(x, y, 3));
    expectFitAgreement(fit, finishFit(exact, 3, n - 4, fit.conditionNumber, 'bignumber'));
  });
});

describe('values on a large offset: ols fits the design shifted by exact integers', () => {
  // The panel's offset shape (values near 1e9 with 3 decimals differing in
  // the last digits) and two more: the columns are nearly collinear with the
  // intercept, which sent every fit to BigNumber. Shifted by exact integers
  // (x - c exact by Sterbenz, the intercept recovered as b0' + c_y - sum c_j b_j
  // in double-double, its variance as u^T G u), they answer in float64 and
  // must match the BigNumber path (on the unshifted decimals) to 1e-13.
  const cases: [string, number, number, number, number][] = [
    ['1e9, 3 decimals', 31, 2000, 1e9, 3],
    ['-5e7, 2 decimals', 32, 2000, -5e7, 2],
    ['1e6, 4 decimals, n = 300', 33, 300, 1e6, 4],
  ];
  it.each(cases)('%s', (_, seed, n, offset, places) => {
    const r = rng(seed);
    const round = (v: number) => Number(v.toFixed(places));
    const dx = Array.from({ length: n }, () => r.normal());
    const x = dx.map((v) => round(offset + 1000 * v));
    const z = Array.from({ length: n }, () => round(offset + 1000 * r.normal()));
    const y = dx.map((v) => round(offset + 800 * v + 600 * r.normal()));
    const rows = x.map((v, i) => [v, z[i] as number]);
    const fit = ols(rows, y);
    expect(fit.method).toBe('float64');
    const exact = olsBig(bigDesign('ols', [x, z], y, true));
    expectFitAgreement(fit, finishFit(exact, 2, n - 3, fit.conditionNumber, 'bignumber'));
    // The condition number is the unshifted design's (a few digits): against
    // its definition, sqrt of the extreme eigenvalues of X^T X, via the
    // BigNumber-free float QR of the unshifted design.
    const unshifted = olsFloat({
      ...bigDesign('ols', [x, z], y, true),
      columns: [new Float64Array(n).fill(1), Float64Array.from(x), Float64Array.from(z)],
      decimalColumns: () => ({ lo: [null, null, null], error: 2 ** -53 }),
    });
    expect(Math.abs(fit.conditionNumber / unshifted.conditionNumber - 1)).toBeLessThan(1e-3);
  });

  it('folds the decimal low parts into the shifted values (17-digit values a few ulps apart)', () => {
    // x = 1e9 + 1e-4 r written with 17 digits: x - 1e9 is a few ulps of 1e9,
    // and decimal(x) - x is as large as that; carried as a separate "low
    // part" it broke the solver's first-order terms (a wrong slope in the
    // 7th digit that the bound accepted). Found by the partial-results
    // property test; reference: the BigNumber path.
    for (const seed of [41, 42, 43]) {
      const r = rng(seed);
      const n = 4 + seed - 41;
      const x = Array.from({ length: n }, () => 1e9 + 1e-4 * r.uniform());
      const y = x.map((v) => -3 * (v - 1e9) + 1e-4 * (r.uniform() - 0.5));
      const fit = ols(
        x.map((v) => [v]),
        y,
      );
      const exact = olsBig(bigDesign('ols', [x], y, true));
      if (fit.method === 'float64') {
        expectFitAgreement(fit, finishFit(exact, 1, n - 2, fit.conditionNumber, 'bignumber'));
      } else {
        expect(fit.coefficients).toEqual(exact.coefficients);
      }
    }
  });

  it('leaves data around zero unshifted (exactShift declines)', () => {
    expect(exactShift([0.5, 3, -2])).toBe(0);
    expect(exactShift([1e9 + 0.5, 1e9 - 3])).toBe(1e9 + 1); // Math.round(x[0])
    expect(exactShift([-5e7 - 0.25, -5e7 + 10])).toBe(-5e7);
    // a value beyond 2c or below c / 2 breaks Sterbenz's exactness
    expect(exactShift([100.2, 250])).toBe(0);
  });
});
