import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { polyfit } from '../src/index';
import { withLane } from '../src/internal/lanes';
import { decimalCorrections } from '../src/regression/internal/decimal';
import { cubicRepresentation } from '../src/regression/internal/polyfitComponentwise';
import { polyfitFloat } from '../src/regression/internal/polyfitFloat';
import { polyfitFused } from '../src/regression/internal/polyfitFused';
import { expectFitAgreement, expectRelative } from './support/agreement';
import { linearDataset } from './support/nist';
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

describe('the cubic on the doubles: the row-by-row bound (no decimals resolved)', () => {
  // polyfitFused(..., 'rowwise') stops before resolving decimals, so an
  // answer comes from the doubles alone, its bound taken row by row with
  // every power moved together by x's representation (cubicRepresentation).
  // It must agree with the exact fit of the decimals (the BigNumber lane on
  // BigInt power sums) at the contract's tolerances whenever it answers,
  // answer on the data it was built for, and decline where it must.
  const onDoubles = (x: number[], y: number[]) => polyfitFused(x, y, 0, 4, true, 'rowwise');

  it.each([
    ['heavy-tails', 1, 3000],
    ['heavy-tails', 6, 20000],
    ['none', 5, 1000],
    ['weak', 6, 20000],
  ] as const)('%s, seed %i, n = %i: answers on the doubles', (name, seed, n) => {
    const { x, y } = FULL_PRECISION_SHAPES[name](seed, n);
    const fit = onDoubles(x, y);
    expect(fit, 'the row-by-row bound answers').not.toBeNull();
    const got = fit as NonNullable<typeof fit>;
    const exact = bigFit(x, y, 3, true);
    expectFitAgreement(got, { ...exact, conditionNumber: got.conditionNumber });
    const answer = polyfit(x, y, 3);
    expectFitAgreement(answer, { ...exact, conditionNumber: answer.conditionNumber });
  });

  it.each([
    [2, 40000],
    [4, 50000],
  ])('polyfit takes it on heavy-tailed y (seed %i, n = %i)', (seed, n) => {
    // From 2^15 rows, and sum |y| / sqrt(sum (y - ybar)^2) is 5.6 and 13.1
    // here, below the 40 under which polyfit tries the doubles before
    // resolving decimals.
    const { x, y } = FULL_PRECISION_SHAPES['heavy-tails'](seed, n);
    const { result, lane } = withLane(() => polyfit(x, y, 3));
    expect(lane).toBe('float64');
    expect(result).toEqual(onDoubles(x, y));
  });

  it('agrees to 1e-13 whenever it answers (random offsets, spreads, cubics, noise)', () => {
    let answered = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 300, max: 2500 }),
        fc.constantFrom(0, 1, -3.7, 50, 1e3),
        fc.constantFrom(1e-3, 0.5, 1, 30, 1e3),
        fc.constantFrom(0, 0.3, 3),
        fc.boolean(),
        (seed, n, offset, spread, size, cauchy) => {
          const r = rng(seed);
          const x = Array.from({ length: n }, () => offset + spread * r.normal());
          const [c1, c2, c3] = [1, 2, 3].map(() => size * r.normal()) as [number, number, number];
          const y = x.map((v) => {
            const t = (v - offset) / spread;
            const noise = cauchy ? r.cauchy() : r.normal();
            return ((c3 * t + c2) * t + c1) * t + noise;
          });
          const fit = onDoubles(x, y);
          if (fit === null) return;
          answered++;
          expectFitAgreement(fit, {
            ...bigFit(x, y, 3, true),
            conditionNumber: fit.conditionNumber,
          });
        },
      ),
      { numRuns: 40, seed: 16 },
    );
    expect(answered).toBeGreaterThan(10);
  });

  it('declines on near-collinear powers, values near 1e9 and an exact line; polyfit still answers', () => {
    const r = rng(17);
    const n = 2000;
    const cases: [string, number[], number[]][] = [];
    // x in a band of 1e-3 around 50: the powers of x nearly collinear (the
    // coefficients of powers of x move by 1e6 times x's rounding).
    const band = Array.from({ length: n }, () => 50 + 1e-3 * r.uniform());
    cases.push(['near-collinear powers', band, band.map((v) => 1e3 * (v - 50) + r.normal())]);
    // y near 1e9 in full precision: its rounding is 1e-7, its spread 1.
    const x = Array.from({ length: n }, () => r.normal());
    cases.push(['y near 1e9', x, x.map((v) => 1e9 + v + r.normal() + r.uniform() / 3)]);
    // A straight line: the x^2 and x^3 coefficients are rounding noise.
    const u = Array.from({ length: n }, () => r.uniform());
    cases.push(['an exact line', u, u.map((v) => 0.5 + 2 * v)]);
    // x near 1e9 (the shift itself declines before any bound).
    const far = x.map((v) => 1e9 + 1000 * v + r.uniform() / 3);
    cases.push(['x near 1e9', far, x.map((v) => 2 * v + r.normal())]);
    for (const [name, xs, ys] of cases) {
      expect(onDoubles(xs, ys), name).toBeNull();
      const fit = polyfit(xs, ys, 3);
      if (name === 'x near 1e9') continue; // (the QR lane, as before: its own tests)
      expectFitAgreement(fit, { ...bigFit(xs, ys, 3, true), conditionNumber: fit.conditionNumber });
    }
  });

  it("NIST Pontius's data taken to full precision (divided by 3): right or declined", () => {
    // Pontius is a quadratic (load against deflection); a cubic through its
    // values divided by 3 (17-digit doubles) has a noise-level x^3 term.
    const d = linearDataset('Pontius');
    const x = d.x.map((row) => (row[0] as number) / 3);
    const y = d.y.map((v) => v / 3);
    const fit = onDoubles(x, y);
    const got = fit ?? polyfit(x, y, 3);
    expectFitAgreement(got, { ...bigFit(x, y, 3, true), conditionNumber: got.conditionNumber });
  });

  it('its sums bound the first-order move the actual decimals make', () => {
    // a^T E c with E = Z^T D + D^T Z, Z_i = [1 t t^2 t^3 y], D_i = dx_i / s
    // [0 1 2t 3t^2 0] + dy_i e_y, for each of the eleven pairs, on random
    // vectors: never above the sums, and not slack by orders of magnitude.
    const r = rng(22);
    const n = 5000;
    const xs = Float64Array.from({ length: n }, () => 3 + r.normal());
    const ys = Float64Array.from({ length: n }, () => 10 * r.cauchy());
    const dx = new Float64Array(n);
    const dy = new Float64Array(n);
    expect(decimalCorrections(xs, dx)).toBe(n);
    expect(decimalCorrections(ys, dy)).toBe(n);
    const c = 3;
    const s = 2;
    const row = (i: number) => {
      const t = ((xs[i] as number) - c) / s;
      return [1, t, t * t, t * t * t, ys[i] as number];
    };
    const move = (i: number) => {
      const t = ((xs[i] as number) - c) / s;
      const e = (dx[i] as number) / s;
      return [0, e, 2 * t * e, 3 * t * t * e, dy[i] as number];
    };
    const norms = [0, 1, 2, 3, 4].map((l) => {
      let g = 0;
      for (let i = 0; i < n; i++) g += (row(i)[l] as number) ** 2;
      return Math.sqrt(g);
    });
    const vec = () => [0, 1, 2, 3, 4].map(() => r.normal());
    const vectors = Array.from({ length: 8 }, vec);
    for (const v of vectors.slice(4)) v[4] = 0;
    const b0 = vectors[1] as number[];
    [b0[1], b0[2], b0[3]] = [0, 0, 0];
    const [bb, , bm, bp] = vectors as [number[], number[], number[], number[]];
    for (let l = 0; l < 5; l++) {
      bm[l] = (b0[l] as number) - (bb[l] as number);
      bp[l] = (b0[l] as number) + (bb[l] as number);
    }
    const sums = cubicRepresentation(xs, ys, c, 1 / s, norms, 1)(vectors);
    const pairs = [
      [0, 0],
      [1, 1],
      [2, 3],
      [4, 0],
      [4, 4],
      [5, 0],
      [5, 5],
      [6, 0],
      [6, 6],
      [7, 0],
      [7, 7],
    ];
    const dot = (u: number[], v: number[]) => u.reduce((t, e, l) => t + e * (v[l] as number), 0);
    pairs.forEach(([ia, ic], k) => {
      const a = vectors[ia as number] as number[];
      const b = vectors[ic as number] as number[];
      let moved = 0;
      for (let i = 0; i < n; i++) {
        const z = row(i);
        const d = move(i);
        moved += dot(z, a) * dot(d, b) + dot(d, a) * dot(z, b);
      }
      expect(Math.abs(moved), `pair ${k}`).toBeLessThanOrEqual(sums[k] as number);
      expect(sums[k] as number, `pair ${k}`).toBeLessThan(1e4 * Math.abs(moved) + 1e-300);
    });
  });
});
