import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { polyfit } from '../src/index';
import { withLane } from '../src/internal/lanes';
import { polyfitFloat } from '../src/regression/internal/polyfitFloat';
import { polyfitFused } from '../src/regression/internal/polyfitFused';
import { expectFitAgreement, expectRelative } from './support/agreement';
import { FULL_PRECISION_SHAPES, rng } from './support/panel';
import { bigFit } from './support/polyfitReference';

/**
 * polyfit on ols's fused lane (its fast path for ordinary data): full-precision x (17-digit
 * doubles) as shifted and scaled powers, a double-double Gram matrix and
 * Cholesky with a first-order bound, coefficients moved back to powers of x
 * by exact binomial combinations. It must answer on the benchmark panel's
 * full-precision shapes (pinned here), agree with the BigNumber path (64
 * digits on the decimals' exact normal equations, itself checked against
 * NIST StRD) to 1e-13 on every field and 1e-10 on the p-values (the
 * tolerances every polyfit lane promises), and decline where it cannot.
 */

function fusedFit(x: number[], y: number[], degree: number, intercept: boolean) {
  const first = intercept ? 0 : 1;
  return polyfitFused(x, y, first, degree + 1 - first, intercept);
}

describe('the fused lane answers the full-precision shapes and matches the BigNumber path', () => {
  describe.each(Object.entries(FULL_PRECISION_SHAPES))('%s', (_, family) => {
    it.each([1, 2, 3])('degree %i with intercept, n = 200 and 3000', (degree) => {
      for (const [seed, n] of [
        [1, 200],
        [2, 3000],
      ] as const) {
        const { x, y } = family(seed, n);
        const fit = fusedFit(x, y, degree, true);
        expect(fit, `seed ${seed}`).not.toBeNull();
        const exact = bigFit(x, y, degree, true);
        expectFitAgreement(fit as NonNullable<typeof fit>, {
          ...exact,
          conditionNumber: (fit as NonNullable<typeof fit>).conditionNumber,
        });
      }
    });
  });
});

describe('higher degrees and no intercept', () => {
  describe.each(Object.entries(FULL_PRECISION_SHAPES))('%s', (_, family) => {
    it.each([
      [4, true],
      [5, true],
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [5, false],
    ])('degree %i, intercept %s, n = 3000', (degree, intercept) => {
      const { x, y } = family(3, 3000);
      const fit = fusedFit(x, y, degree, intercept);
      expect(fit).not.toBeNull();
      const exact = bigFit(x, y, degree, intercept);
      const got = fit as NonNullable<typeof fit>;
      expectFitAgreement(got, { ...exact, conditionNumber: got.conditionNumber });
    });
  });
});

describe('polyfit takes the fused lane on full-precision x', () => {
  it.each(Object.keys(FULL_PRECISION_SHAPES))(
    '%s, degree 3: the fused answer, on the float64 lane',
    (name) => {
      const { x, y } = FULL_PRECISION_SHAPES[name as keyof typeof FULL_PRECISION_SHAPES](4, 2000);
      const { result, lane } = withLane(() => polyfit(x, y, 3));
      expect(lane).toBe('float64');
      expect(result).toEqual(fusedFit(x, y, 3, true));
      // The design's condition number is the one the QR lane reports (the
      // same matrix, computed from another factor).
      const qr = polyfitFloat('polyfit', x, y, 0, 4, true);
      expectRelative(result.conditionNumber, qr.conditionNumber, 1e-9, 'conditionNumber');
    },
  );

  it('reads a Float64Array without changing it, with the same answer as an array', () => {
    const { x, y } = FULL_PRECISION_SHAPES.weak(5, 1000);
    const fx = Float64Array.from(x);
    const fy = Float64Array.from(y);
    const fit = polyfit(fx, fy, 3);
    expect(Array.from(fx)).toEqual(x);
    expect(Array.from(fy)).toEqual(y);
    expect(fit).toEqual(polyfit(x, y, 3));
  });
});

describe('the fused lane declines, and polyfit still answers', () => {
  it('short decimals (left to the exact and QR lanes, which answer them exactly)', () => {
    const r = rng(6);
    const x = Array.from({ length: 500 }, () => Number((1e5 * r.normal()).toFixed(3)));
    const y = x.map((v) => 0.5 * v + 100 * r.normal());
    expect(fusedFit(x, y, 3, true)).toBeNull();
  });

  it('degree 6 (past the exact back-transform it keeps to)', () => {
    const { x, y } = FULL_PRECISION_SHAPES.strong(7, 500);
    expect(fusedFit(x, y, 6, true)).toBeNull();
  });

  it('full-precision x on a large offset (the shift would not be exact)', () => {
    const r = rng(8);
    const x = Array.from({ length: 500 }, () => 1e9 + 1000 * r.normal());
    const y = x.map((v) => 0.001 * (v - 1e9) + r.normal());
    expect(fusedFit(x, y, 3, true)).toBeNull();
    const fit = polyfit(x, y, 3);
    expect(fit).toEqual(polyfitFloat('polyfit', x, y, 0, 4, true));
  });

  it('a cubic fitted to a straight line (coefficients far below their bound) goes on', () => {
    // The x^2 and x^3 coefficients of y = 0.5 + 2x (each y rounded once)
    // are rounding noise, about 1e-16 of the others: no first-order bound
    // reaches 13 digits of them, so the fused lane declines and the slower
    // lanes answer with the BigNumber path's digits.
    const r = rng(9);
    const x = Array.from({ length: 400 }, () => r.uniform());
    const y = x.map((v) => 0.5 + 2 * v);
    expect(fusedFit(x, y, 3, true)).toBeNull();
    const fit = polyfit(x, y, 3);
    expect(fit).toEqual(polyfitFloat('polyfit', x, y, 0, 4, true));
    expectFitAgreement(fit, { ...bigFit(x, y, 3, true), conditionNumber: fit.conditionNumber });
  });

  it('x near 1 in a range of 1e-4 (the shift would need more bits than the cube keeps exact)', () => {
    const r = rng(10);
    const x = Array.from({ length: 400 }, () => 1 + 1e-4 * r.uniform());
    const y = x.map((v) => 3 * v + r.normal());
    expect(fusedFit(x, y, 3, true)).toBeNull();
  });
});

describe('whenever the fused lane answers, it is right (property)', () => {
  it('random full-precision data: offsets, spreads, degrees 1-5, with and without intercept', () => {
    let answered = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 12, max: 300 }),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        fc.constantFrom(0, 1, -3.7, 50, 1e3, -2e4),
        fc.constantFrom(1e-3, 0.5, 1, 30, 1e3),
        fc.constantFrom(0, 1e-6, 0.01, 1, 100),
        (seed, n, degree, intercept, offset, spread, noise) => {
          const r = rng(seed);
          const x = Array.from({ length: n }, () => offset + spread * r.normal());
          const coefficients = Array.from({ length: degree + 1 }, () => r.normal());
          const y = x.map((v) => {
            const t = (v - offset) / spread;
            let sum = 0;
            for (let k = degree; k >= 0; k--) sum = sum * t + (coefficients[k] as number);
            return sum + noise * r.normal();
          });
          const fit = fusedFit(x, y, degree, intercept);
          if (fit === null) return;
          answered++;
          const exact = bigFit(x, y, degree, intercept);
          expectFitAgreement(fit, { ...exact, conditionNumber: fit.conditionNumber });
        },
      ),
      { numRuns: 120, seed: 15 },
    );
    // (most draws answer: a property that never ran its check would prove nothing)
    expect(answered).toBeGreaterThan(60);
  });
});
