import { describe, expect, it } from 'vitest';
import { ols, polyfit } from '../src/index';
import { toScaledIntegers } from '../src/regression/internal/decimal';
import { type Design, onesColumn } from '../src/regression/internal/design';
import { finishFit } from '../src/regression/internal/finishFit';
import type { OlsResult } from '../src/regression/internal/fit';
import { olsBig } from '../src/regression/internal/olsBig';

/**
 * The benchmark panel's shapes that used to send ols and polyfit to the
 * BigNumber lane (issue 15): no relation at all, and heavy-tailed (Cauchy)
 * noise. Both have R^2 near 0, where 1 - RSS / TSS from rounded sums loses
 * its relative digits; RSS and TSS are now kept as double-doubles. Each fit
 * must answer in float64 and agree with the BigNumber path (64 digits, exact
 * normal equations; itself checked against NIST StRD) to 1e-13 on every
 * field, 1e-10 on the p-values: the tolerances of olsPaths.test.ts.
 */

/** A seeded generator on (0, 1) (32-bit LCG), as the benchmark's. */
function rng(seed: number) {
  let state = seed >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 2 ** 32;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const cauchy = () => Math.tan(Math.PI * (uniform() - 0.5));
  return { uniform, normal, cauchy };
}

function expectClose(a: number, b: number, tolerance: number, what: string): void {
  if (b === 0) expect(a, what).toBe(0);
  else expect(Math.abs(a - b) / Math.abs(b), what).toBeLessThanOrEqual(tolerance);
}

function expectAgreement(fit: OlsResult, exact: OlsResult): void {
  for (const key of ['coefficients', 'standardErrors', 'tValues'] as const) {
    for (const [j, v] of fit[key].entries()) {
      expectClose(v, exact[key][j] as number, 1e-13, `${key}[${j}]`);
    }
  }
  for (const [j, v] of fit.pValues.entries()) {
    expectClose(v, exact.pValues[j] as number, 1e-10, `pValues[${j}]`);
  }
  for (const key of [
    'residualStandardDeviation',
    'rSquared',
    'adjustedRSquared',
    'fStatistic',
  ] as const) {
    expectClose(fit[key], exact[key], 1e-13, key);
  }
  expectClose(fit.fPvalue, exact.fPvalue, 1e-10, 'fPvalue');
}

function bigDesign(fn: string, columns: number[][], y: number[], hasIntercept: boolean): Design {
  const n = y.length;
  return {
    fn,
    n,
    columns: [],
    labels: columns.map((_, j) => `c${j}`),
    hasIntercept,
    representationUlps: 0,
    y,
    decimalColumns: () => {
      throw new Error('not used by the BigNumber path');
    },
    exactColumns: () => [
      ...(hasIntercept ? [onesColumn(n)] : []),
      ...columns.map((c) => toScaledIntegers(c)),
    ],
  };
}

function polyfitBig(x: number[], y: number[], degree: number): Design {
  const n = y.length;
  const base = toScaledIntegers(x);
  return {
    ...bigDesign('polyfit', [], y, true),
    exactColumns: () =>
      Array.from({ length: degree + 1 }, (_, k) =>
        k === 0
          ? onesColumn(n)
          : { integers: base.integers.map((v) => v ** BigInt(k)), exponent: base.exponent * k },
      ),
  };
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
    expectAgreement(fit, finishFit(exact, 2, n - 3, fit.conditionNumber, 'bignumber'));
  });

  it.each([
    [4, 200],
    [5, 3000],
  ])('polyfit of degree 3 (seed %i, n = %i) answers in float64 and matches', (seed, n) => {
    const { x, y } = make(seed, n);
    const fit = polyfit(x, y, 3);
    expect(fit.method).toBe('float64');
    const exact = olsBig(polyfitBig(x, y, 3));
    expectAgreement(fit, finishFit(exact, 3, n - 4, fit.conditionNumber, 'bignumber'));
  });
});
