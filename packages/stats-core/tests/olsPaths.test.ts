import { lcg, lcg32 } from '@lambda-stats/lambda-kit/random';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linregress, ols, polyfit } from '../src/index';
import { toScaledIntegers } from '../src/regression/internal/decimal';
import { type Design, decimalColumnsOf, onesColumn } from '../src/regression/internal/design';
import { finishFit } from '../src/regression/internal/finishFit';
import { olsBig } from '../src/regression/internal/olsBig';
import { decimalInputs, olsFloat, plainInputs } from '../src/regression/internal/olsFloat';
import { polyfitFloat } from '../src/regression/internal/polyfitFloat';
import { expectFitAgreement, expectRelative } from './support/agreement';
import { bigPathDesign, exactPowers } from './support/bigPath';
import { designRecord, randomDesign, written } from './support/designs';

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
    decimalColumns: () =>
      decimalColumnsOf(
        [
          new Float64Array(n).fill(1),
          ...Array.from({ length: k }, (_, j) => Float64Array.from(rows, (r) => r[j] as number)),
        ],
        [true, ...Array.from({ length: k }, () => false)],
      ),
    exactColumns: () => [
      onesColumn(n),
      ...Array.from({ length: k }, (_, j) => toScaledIntegers(rows.map((r) => r[j] as number))),
    ],
  };
}

describe('ols: float64 path vs BigNumber path', () => {
  // Full 17-digit doubles (whose decimals the float64 path cannot resolve
  // cheaply) and decimals of 0 to 6 places, as users write them; each design
  // tried on the float64 data and on the decimal inputs as double-doubles.
  it.each([
    ['the float64 data', plainInputs],
    ['the decimal inputs', decimalInputs],
  ])('agrees to 1e-13 whenever the float64 path answers on %s', (_, inputs) => {
    let answered = 0;
    fc.assert(
      fc.property(designRecord(120), (p) => {
        const { n, k, places } = p;
        const { rows, y } = randomDesign(p);
        const d = design(rows, y);
        let fast: ReturnType<typeof olsFloat>['fit'];
        try {
          fast = olsFloat(d, inputs(d)).fit;
        } catch (e) {
          throw new Error(`olsFloat threw on ${JSON.stringify({ n, k, places })}: ${e}`);
        }
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
      }),
      { numRuns: 300, seed: 11 },
    );
    expect(answered).toBeGreaterThan(30);
  });

  it('answers more designs on the decimal inputs than on the float64 data', () => {
    // Two-decimal data with low noise: the y rounding alone (u |y|) can move
    // a small coefficient by more than 1e-13 of itself, so only the
    // double-double form of the decimals can vouch for 13 digits.
    let plain = 0;
    let decimal = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const rand = lcg(seed);
      const rows = Array.from({ length: 30 }, () => [written(10 * rand(), 2)]);
      const y = rows.map(([v]) => written(1 + 0.001 * (v as number) + 0.01 * rand(), 2));
      const d = design(rows, y);
      if (olsFloat(d, plainInputs(d)).fit) plain++;
      if (olsFloat(d, decimalInputs(d)).fit) decimal++;
    }
    expect(decimal).toBeGreaterThan(plain);
    expect(decimal).toBe(40);
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
  const uniform = lcg32(20261126);
  const n = 1000;
  const rows = Array.from({ length: n }, () => [uniform(), uniform()]);
  const y = rows.map(([a, b]) => 1 + 2 * (a as number) + 0.05 * (b as number) + (uniform() - 0.5));

  it('answers with method float64 and matches the BigNumber path to 1e-10 on every field', () => {
    const fit = ols(rows, y);
    expect(fit.method).toBe('float64');
    const d = design(rows, y);
    const exact = finishFit(olsBig(d), 2, n - 3, fit.conditionNumber, 'bignumber');
    const close = (a: number, b: number, what: string) => expectRelative(a, b, 1e-10, what);
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

describe('polyfit: float64 path vs BigNumber path', () => {
  /** polyfit's design with intercept, built independently, for the BigNumber reference. */
  function polyDesign(x: number[], y: number[], degree: number): Design {
    return bigPathDesign('polyfit', y, () => exactPowers(x, degree), {
      columns: Array.from({ length: degree + 1 }, (_, k) => Float64Array.from(x, (v) => v ** k)),
      labels: Array.from({ length: degree + 1 }, (_, k) => `x^${k}`),
      hasIntercept: true,
      representationUlps: degree,
    });
  }

  it('agrees to 1e-13 (p-values 1e-10) whenever polyfit answers with float64', () => {
    let answered = 0;
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 8, max: 60 }),
          degree: fc.integer({ min: 1, max: 5 }),
          // [0, 1) in hundredths, small integers, calendar years, tenths around 50
          grid: fc.constantFrom('unit', 'integers', 'years', 'tenths'),
          noise: fc.constantFrom(0.001, 0.1, 10),
          places: fc.constantFrom(1, 2, 4),
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
        }),
        ({ n, degree, grid, noise, places, seed }) => {
          const rand = lcg(seed);
          const x = Array.from({ length: n }, (_, i) =>
            grid === 'unit'
              ? written(rand(), 2)
              : grid === 'integers'
                ? i
                : grid === 'years'
                  ? 1990 + i
                  : written(45 + 10 * rand(), 1),
          );
          const t = (v: number) => (grid === 'years' ? v - 2000 : v);
          const y = x.map((v) =>
            written(
              Array.from({ length: degree + 1 }, (_, k) => (k % 2 ? -1 : 1) * t(v) ** k).reduce(
                (a, b) => a + b,
              ) +
                noise * (rand() - 0.5),
              places,
            ),
          );
          if (new Set(x).size <= degree + 1) return;
          // These short decimals answer on polyfit's exact shifted sums
          // (polyfitExact.test.ts); the float64 lane is what they would take otherwise.
          const fit = polyfitFloat('polyfit', x, y, 0, degree + 1, true);
          if (fit.method !== 'float64') return;
          answered++;
          const exact = finishFit(
            olsBig(polyDesign(x, y, degree)),
            degree,
            n - degree - 1,
            fit.conditionNumber,
            'bignumber',
          );
          expectFitAgreement(fit, exact);
        },
      ),
      { numRuns: 300, seed: 5 },
    );
    expect(answered).toBeGreaterThan(100);
  });

  it('fits the handler example, integer x and one-decimal y, on both lanes', () => {
    const x = [0, 1, 2, 3, 4];
    const y = [1, 3.1, 8.9, 19.2, 33];
    const exact = polyfit(x, y, 2);
    const float = polyfitFloat('polyfit', x, y, 0, 3, true);
    expect([exact.method, float.method]).toEqual(['bignumber', 'float64']);
    // Exact least squares for these decimals: b = (1.00571428..., 0.03857142..., 1.99285714...)
    // = (176/175, 27/700, 279/140).
    for (const fit of [exact, float]) {
      expect(fit.coefficients[0]).toBeCloseTo(176 / 175, 15);
      expect(fit.coefficients[1]).toBeCloseTo(27 / 700, 15);
      expect(fit.coefficients[2]).toBeCloseTo(279 / 140, 15);
    }
    expectFitAgreement(float, exact);
  });
});

describe('large n: blocked double-double sums, p-values that underflow', () => {
  // n beyond one Dot2 block (1024), full-precision data. The signal is strong
  // enough that the F test's p-value underflows to 0 (which no bound on F
  // can spoil), and polyfit's x^2 and x^3 coefficients are near zero next
  // to the others (only the double-double refinement keeps their relative
  // digits). Reference: the BigNumber path on the same design.
  const n = 5000;
  const rand = lcg(987654321);
  const x = Array.from({ length: n }, () => rand());
  const z = Array.from({ length: n }, () => rand());
  const y = x.map((v, i) => 1.6 * v + 0.3 * (z[i] as number) + rand());

  function expectAgreement(fit: ReturnType<typeof ols>, exact: ReturnType<typeof ols>): void {
    for (const key of ['coefficients', 'standardErrors', 'tValues'] as const) {
      for (const [j, v] of fit[key].entries()) {
        expectRelative(v, exact[key][j] as number, 1e-13, `${key}[${j}]`);
      }
    }
    for (const [j, v] of fit.pValues.entries()) {
      expectRelative(v, exact.pValues[j] as number, 1e-10, `pValues[${j}]`);
    }
    for (const key of ['residualStandardDeviation', 'rSquared', 'fStatistic'] as const) {
      expectRelative(fit[key], exact[key], 1e-13, key);
    }
    expect(fit.fPvalue).toBe(exact.fPvalue);
  }

  it('ols answers in float64 and matches the BigNumber path', () => {
    const rows = x.map((v, i) => [v, z[i] as number]);
    const fit = ols(rows, y);
    expect(fit.method).toBe('float64');
    expect(fit.fPvalue).toBe(0);
    const d = design(rows, y);
    expectAgreement(fit, finishFit(olsBig(d), 2, n - 3, fit.conditionNumber, 'bignumber'));
  });

  it('polyfit of degree 3 answers in float64 and matches the BigNumber path', () => {
    const fit = polyfit(x, y, 3);
    expect(fit.method).toBe('float64');
    expect(Math.abs(fit.coefficients[3] as number)).toBeLessThan(
      3 * (fit.standardErrors[3] as number),
    );
    const d = bigPathDesign('polyfit', y, () => exactPowers(x, 3), {
      labels: ['1', 'x', 'x^2', 'x^3'],
      hasIntercept: true,
      representationUlps: 3,
    });
    expectAgreement(fit, finishFit(olsBig(d), 3, n - 4, fit.conditionNumber, 'bignumber'));
  });
});

describe('n = 1e6 stays on the float64 path', () => {
  // What the bound must not lose at this size: Dot2's worst case grows like
  // n^2 u^2 (blocked sums keep it near 1e6 u^2), a near-zero coefficient
  // needs the refinement below u |w| (double-double w), and an F of ~1e6
  // once made the p-value's bound fail although the p-value underflows to 0.
  // Correctness of what it answers is the n = 5000 comparison above.
  const n = 1_000_000;
  const rand = lcg(1234567);
  const x = Float64Array.from({ length: n }, () => rand());
  const z = Float64Array.from({ length: n }, () => rand());
  const y = Float64Array.from(x, (v, i) => 1.6 * v + 0.3 * (z[i] as number) + rand());

  it('ols with a strong signal (F p-value 0)', () => {
    const fit = ols(
      Array.from(x, (v, i) => [v, z[i] as number]),
      y,
    );
    expect([fit.method, fit.fPvalue]).toEqual(['float64', 0]);
  });

  it('polyfit of degree 3 with x^2 and x^3 near zero', () => {
    const fit = polyfit(x, y, 3);
    expect(fit.method).toBe('float64');
  });
});
