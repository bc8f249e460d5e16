import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { polyfit } from '../src/index';
import { withLane } from '../src/internal/lanes';
import { toScaledIntegers } from '../src/regression/internal/decimal';
import {
  type ExactNormalEquations,
  polynomialNormalEquations,
} from '../src/regression/internal/exactNormalEquations';
import { shiftedPowerSums } from '../src/regression/internal/polyfitExact';
import { polyfitFloat } from '../src/regression/internal/polyfitFloat';
import golden from './fixtures/golden/polyfit_exact.json';
import {
  expectFieldsRelative,
  expectFitAgreement,
  expectRelative,
  FIT_SUMMARIES,
} from './support/agreement';
import { written } from './support/designs';
import { PANEL_SHAPES, type PanelShape, rng } from './support/panel';
import { bigFit } from './support/polyfitReference';

/**
 * polyfit's exact lane on short decimals: power sums of the decimal integers
 * shifted to the middle of their range, in float64 limbs, moved back to
 * powers of x exactly, and solved in exact rationals (p <= 4) or at 64
 * digits. References: the BigInt power sums (`polynomialNormalEquations`,
 * which the BigNumber lane used before) must be the same integers; the
 * BigNumber lane's fit (64 digits, itself checked against NIST StRD) must
 * agree to 1e-13 on every field (1e-10 on p-values), as olsPaths.test.ts
 * asks of the float64 lane; and exact rational goldens from Python
 * (golden/polyfit_exact.py) on offset and near-collinear data.
 */

/** value * 10^exponent as a comparable pair on a common scale. */
function sameValue(a: bigint, ea: number, b: bigint, eb: number): boolean {
  const e = Math.min(ea, eb);
  return a * 10n ** BigInt(ea - e) === b * 10n ** BigInt(eb - e);
}

function expectSameEquations(got: ExactNormalEquations, want: ExactNormalEquations): void {
  const p = want.rhs.length;
  const ex = (m: ExactNormalEquations, j: number) => m.exponents[j] as number;
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < p; k++) {
      const g = (got.gram[j] as bigint[])[k] as bigint;
      const w = (want.gram[j] as bigint[])[k] as bigint;
      expect(
        sameValue(g, ex(got, j) + ex(got, k), w, ex(want, j) + ex(want, k)),
        `gram ${j},${k}`,
      ).toBe(true);
    }
    expect(
      sameValue(
        got.rhs[j] as bigint,
        ex(got, j) + got.yExponent,
        want.rhs[j] as bigint,
        ex(want, j) + want.yExponent,
      ),
      `rhs ${j}`,
    ).toBe(true);
  }
  expect(sameValue(got.sumY, got.yExponent, want.sumY, want.yExponent), 'sum y').toBe(true);
  expect(sameValue(got.sumY2, 2 * got.yExponent, want.sumY2, 2 * want.yExponent), 'sum y^2').toBe(
    true,
  );
}

/** Families of short-decimal data: offset, places, spread, and how y follows x. */
const FAMILIES: [string, number, number, number][] = [
  // name, offset, spread, places
  ['near 1e9, 3 places', 1e9, 1000, 3],
  ['near -5e7, 2 places', -5e7, 500, 2],
  ['near 1e12, 1 place', 1e12, 2000, 1],
  ['near 1e6, 4 places, near-collinear', 1e6, 0.01, 4],
  ['around 0, 2 places', 0, 300, 2],
  ['small integers', 50, 20, 0],
];

describe('shifted power sums are the exact normal equations', () => {
  it.each(
    FAMILIES.flatMap(([name, offset, spread, places], f) =>
      [1, 2, 3, 4, 5].flatMap((degree) =>
        [true, false].map(
          (intercept) => [name, degree, intercept, offset, spread, places, f] as const,
        ),
      ),
    ),
  )('%s, degree %i, intercept %s', (_, degree, intercept, offset, spread, places, f) => {
    const r = rng(100 * f + 10 * degree + (intercept ? 1 : 0));
    const n = 40 + Math.floor(300 * r.uniform());
    const dx = Array.from({ length: n }, () => r.normal());
    const x = dx.map((v) => written(offset + spread * v, places));
    const y = dx.map((v) => written(offset + spread * (0.8 * v + 0.6 * r.normal()), places));
    const first = intercept ? 0 : 1;
    const p = degree + 1 - first;
    const sums = shiftedPowerSums('polyfit', x, y, first, p);
    // Degree 3 or less: the one fused pass applies to all these families; at
    // 4 and 5 the column route applies while the powers stay below 2^70.
    if (degree <= 3) expect(sums).not.toBeNull();
    if (sums === null) return;
    expectSameEquations(
      sums.equations,
      polynomialNormalEquations(toScaledIntegers(x), toScaledIntegers(y), first, p),
    );
  });
});

describe('shifted power sums on random short decimals (property)', () => {
  // Offsets from 0 to 1e9 of either sign, 0-4 places with some values
  // written with fewer (trailing zeros dropped, so the scale hint from the
  // first values can be short), ties, tiny n, degrees 1-3 (the one fused
  // pass) and 4 (the column route): whenever the lane applies, its normal
  // equations are the BigInt sums' integers (the fits are compared below).
  it('equals the BigInt sums whenever it applies', () => {
    let applied = 0;
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 6, max: 120 }),
          degree: fc.integer({ min: 1, max: 4 }),
          intercept: fc.boolean(),
          offset: fc.constantFrom(0, 7, -250, 1e3, -1e6, 1e9, -1e9),
          spread: fc.constantFrom(0.5, 10, 1000),
          places: fc.integer({ min: 0, max: 4 }),
          grid: fc.constantFrom(6, 12, 50),
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
        }),
        ({ n, degree, intercept, offset, spread, places, grid, seed }) => {
          const r = rng(seed);
          // a grid of `grid` distinct steps for ties, some values with fewer places
          const step = () => Math.floor(grid * r.uniform()) / grid;
          const x = Array.from({ length: n }, (_, i) =>
            written(
              offset + spread * (step() - 0.5),
              i % 7 === 0 ? Math.max(0, places - 1) : places,
            ),
          );
          const y = x.map((v) => written(2 - offset / 3 + 0.5 * v + spread * r.normal(), places));
          if (new Set(x).size <= degree + 1) return;
          const first = intercept ? 0 : 1;
          const p = degree + 1 - first;
          const sums = shiftedPowerSums('polyfit', x, y, first, p);
          if (sums === null) return;
          applied++;
          expectSameEquations(
            sums.equations,
            polynomialNormalEquations(toScaledIntegers(x), toScaledIntegers(y), first, p),
          );
        },
      ),
      { numRuns: 300, seed: 15 },
    );
    expect(applied).toBeGreaterThan(200);
  });
});

describe('x short, y with full precision (a time index and measurements)', () => {
  // The column route sums the 17-digit y unshifted as hi + lo (four limbs).
  it.each([
    [1, true],
    [2, false],
    [3, true],
    [4, true],
  ])(
    'degree %i, intercept %s: the BigInt sums, and the BigNumber lane to 1e-13',
    (degree, intercept) => {
      const r = rng(300 + degree);
      const n = 400;
      const x = Array.from({ length: n }, (_, i) => 2000 + i);
      const y = x.map((v) => 3 + 0.001 * (v - 2000) + r.uniform() / 3);
      const first = intercept ? 0 : 1;
      const p = degree + 1 - first;
      const sums = shiftedPowerSums('polyfit', x, y, first, p);
      expect(sums).not.toBeNull();
      expectSameEquations(
        (sums as NonNullable<typeof sums>).equations,
        polynomialNormalEquations(toScaledIntegers(x), toScaledIntegers(y), first, p),
      );
      const fit = polyfit(x, y, degree, { intercept });
      expect(fit.method).toBe('bignumber');
      expectFitAgreement(fit, {
        ...bigFit(x, y, degree, intercept),
        conditionNumber: fit.conditionNumber,
      });
    },
  );
});

describe('the exact lane agrees with the BigNumber lane', () => {
  // Degrees 1-3 solve in exact rationals, 4-5 at 64 digits (olsBig) on the
  // shifted sums where they apply (else the float64 lane, whose contract is
  // the same): all against olsBig on BigInt sums, 1e-13 / 1e-10. Higher
  // degrees on the offsets (and cubics on 1e12 and the near-collinear
  // family) are past olsBig's singularity threshold (an LDL pivot below
  // 1e-40 of its diagonal at 64 digits), where polyfit throws as before or,
  // at degree 3 or less, answers exactly: the rational goldens below check those.
  const degrees = (name: string) =>
    name.startsWith('near 1e12') || name.includes('collinear')
      ? [1, 2]
      : name.startsWith('near 1e9')
        ? [1, 2, 3]
        : name.startsWith('near -5e7')
          ? [1, 2, 3, 4]
          : [1, 2, 3, 4, 5];
  it.each(
    FAMILIES.flatMap(([name, offset, spread, places], f) =>
      degrees(name).map((degree) => [name, degree, offset, spread, places, f] as const),
    ),
  )('%s, degree %i', (_, degree, offset, spread, places, f) => {
    const r = rng(7000 + 10 * f + degree);
    const n = 50 + Math.floor(400 * r.uniform());
    const dx = Array.from({ length: n }, () => r.normal());
    const x = dx.map((v) => written(offset + spread * v, places));
    const y = dx.map((v) => written(offset + spread * (0.8 * v + 0.6 * r.normal()), places));
    for (const intercept of [true, false]) {
      const { result: fit, lane } = withLane(() => polyfit(x, y, degree, { intercept }));
      if (degree <= 3) expect([fit.method, lane]).toEqual(['bignumber', 'bignumber']);
      const exact = bigFit(x, y, degree, intercept);
      expectFitAgreement(fit, { ...exact, conditionNumber: fit.conditionNumber });
    }
  });

  it('a perfect fit: zero residuals, R^2 = 1, F infinite, standard errors 0', () => {
    const x = [1, 2, 3, 4, 5, 6, 7];
    const y = x.map((v) => 2 + 3 * v - v * v);
    const fit = polyfit(x, y, 2);
    expect(fit.coefficients).toEqual([2, 3, -1]);
    expect(fit.standardErrors).toEqual([0, 0, 0]);
    expect([fit.residualStandardDeviation, fit.rSquared, fit.fStatistic]).toEqual([0, 1, Infinity]);
  });

  it('constant y: exactly (4.5, 0, 0), and R^2 NaN as on the BigNumber lane', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = [4.5, 4.5, 4.5, 4.5, 4.5, 4.5];
    const fit = polyfit(x, y, 2);
    expect(fit.coefficients).toEqual([4.5, 0, 0]);
    expect([fit.rSquared, fit.fStatistic]).toEqual([Number.NaN, Number.NaN]);
    // 64 digits leave about 1e-62 where the exact answer has 0.
    const exact = bigFit(x, y, 2, true);
    expect(Math.abs(exact.coefficients[1] as number)).toBeLessThan(1e-50);
    expect(exact.rSquared).toBeNaN();
  });

  it('answers a cubic in values near 1e12 that the 64-digit solve calls singular', () => {
    const c = golden.cases.find((g) => g.name.startsWith('1e12')) as (typeof golden.cases)[number];
    expect(() => bigFit(c.x, c.y, 3, true)).toThrow(/singular design/);
    expect(polyfit(c.x, c.y, 3).coefficients[3]).toBeCloseTo(
      c.expected.coefficients[3] as number,
      25,
    );
  });

  it('still names a singular design (x with two distinct values, degree 2)', () => {
    expect(() => polyfit([1, 1, 2, 2, 1, 2], [3, 4.5, 5, 6, 3.5, 5.5], 2)).toThrow(
      /singular design: column x\^2 is a linear combination of intercept, x/,
    );
  });
});

describe('exact rational goldens (golden/polyfit_exact.py)', () => {
  // Every field one rounding from the exact rational value (square roots:
  // one more), so 1e-13 relative is generous; the condition number is
  // "a few digits" by contract: 1e-6 here (the float64 QR got 3.8e41 for
  // the first case, whose exact value is 4.6e44).
  it.each(golden.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const fit = polyfit(c.x, c.y, c.degree, { intercept: c.intercept });
    expect(fit.method).toBe('bignumber');
    const keys = ['coefficients', 'standardErrors', ...FIT_SUMMARIES] as const;
    expectFieldsRelative(fit, c.expected, keys, 1e-13);
    expectRelative(fit.conditionNumber, c.expected.conditionNumber, 1e-6, 'conditionNumber');
  });
});

describe('which lane answers which shape (the benchmark panel)', () => {
  const n = 3000;
  it.each([
    ['offset', 'bignumber'],
    ['small-int', 'bignumber'],
    ['two-decimal', 'bignumber'],
    ['ties', 'bignumber'],
    ['strong', 'float64'],
    ['weak', 'float64'],
    ['none', 'float64'],
    ['heavy-tails', 'float64'],
  ])('%s: %s', (name, expected) => {
    const { x, y } = (PANEL_SHAPES[name] as PanelShape)(42, n);
    const sums = shiftedPowerSums('polyfit', x, y, 0, 4);
    expect(sums === null).toBe(expected === 'float64');
    const { result: fit, lane } = withLane(() => polyfit(x, y, 3));
    expect([fit.method, lane]).toEqual([expected, expected]);
  });

  it('short decimals spread past the limits take the float64 lane, with the same answer', () => {
    // x 10^3 spans about 2^27 after the shift: past the 2^23 of the one
    // fused pass and the 2^26 of the column route.
    const r = rng(9);
    const x = Array.from({ length: 500 }, () => written(1e5 * r.normal(), 3));
    const y = x.map((v) => written(0.5 * v + 100 * r.normal(), 2));
    expect(shiftedPowerSums('polyfit', x, y, 0, 4)).toBeNull();
    const fit = polyfit(x, y, 3);
    expect(fit).toEqual(polyfitFloat('polyfit', x, y, 0, 4, true));
    expectFitAgreement(fit, { ...bigFit(x, y, 3, true), conditionNumber: fit.conditionNumber });
  });

  it('a value with more places than the first 64 show: read again on the column route', () => {
    const r = rng(10);
    const x = Array.from({ length: 200 }, (_, i) => (i < 100 ? i : written(i + r.uniform(), 3)));
    const y = x.map((v) => written(3 + 0.5 * v + r.normal(), 2));
    const fit = polyfit(x, y, 3);
    expect(fit.method).toBe('bignumber');
    expectFitAgreement(fit, { ...bigFit(x, y, 3, true), conditionNumber: fit.conditionNumber });
  });
});
