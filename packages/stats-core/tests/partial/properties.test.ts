import fc from 'fast-check';
import { expect, describe as group, it } from 'vitest';
import { tPvalue } from '../../src/internal/pvalue';
import { linregressExact } from '../../src/regression/internal/linregressExact';
import * as core from './api';
import { mergeRandomly, randomCuts, ranges, rng } from './split';

/**
 * Property tests: random data (short decimals and full 17-digit doubles, on
 * offsets up to 1e9, near-perfect fits), random splits into chunks (empty
 * chunks included) and random merge orders. What must hold:
 * - exact-sum states do not depend on the split or the merge order: the
 *   merged state's JSON text is byte-identical to the one-chunk state's;
 * - linregress is within 1e-10 relative of the exact answer on every field
 *   (reference: linregressExact, the one-shot function's BigInt lane,
 *   itself checked against mpmath goldens);
 * - the other statistics agree with the one-shot function to its own
 *   accuracy contract (13 digits for ols/polyfit fields, 12 digits for the
 *   scipy.stats functions; p-values 1e-10 relative).
 */

/** A data family: n values as the decimals a CSV would carry, or full doubles. */
const data = fc.record({
  n: fc.integer({ min: 3, max: 120 }),
  offset: fc.constantFrom(0, 1, 1e3, 1e6, 1e9, -1e9),
  scale: fc.constantFrom(1e-6, 1e-2, 1, 1e4),
  places: fc.constantFrom(0, 1, 2, 4, 17),
  slope: fc.constantFrom(-3, 0.5, 2, 1e3),
  noise: fc.constantFrom(0, 1e-9, 1e-3, 1),
  chunks: fc.integer({ min: 1, max: 12 }),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
});
type Family = typeof data extends fc.Arbitrary<infer T> ? T : never;

function round(v: number, places: number): number {
  if (places >= 17) return v;
  const f = 10 ** places;
  return Math.round(v * f) / f;
}

function makeXY(f: Family): { x: number[]; y: number[]; random: () => number } {
  const random = rng(f.seed);
  const x = Array.from({ length: f.n }, () => round(f.offset + f.scale * random() * 100, f.places));
  const y = x.map((v) =>
    round(f.slope * (v - f.offset) + f.noise * f.scale * 100 * (random() - 0.5), f.places),
  );
  return { x, y, random };
}

/**
 * Relative agreement; `floor` is an absolute allowance for values that are
 * zero in exact arithmetic and tiny in the one-shot BigNumber lane (64
 * digits: a perfect fit's standard error of 1e-54 where the exact answer is 0).
 */
const close = (got: number, want: number, tol: number, floor = 0) =>
  Number.isNaN(want)
    ? Number.isNaN(got)
    : !Number.isFinite(want)
      ? got === want
      : Math.abs(got - want) <= tol * Math.abs(want) + floor;

function expectFields(
  got: Record<string, unknown>,
  want: Record<string, unknown>,
  tol: number,
  label: string,
  pTol = 1e-10,
  floor = 0,
) {
  for (const [k, w] of Object.entries(want)) {
    const g = got[k];
    if (Array.isArray(w)) {
      (w as number[]).forEach((v, i) => {
        expect(
          close((g as number[])[i] as number, v, k.startsWith('p') ? pTol : tol, floor),
          `${label} ${k}[${i}]: ${(g as number[])[i]} vs ${v}`,
        ).toBe(true);
      });
    } else if (typeof w === 'number') {
      const t = k.toLowerCase().includes('pvalue') ? pTol : tol;
      expect(close(g as number, w, t, floor), `${label} ${k}: ${g} vs ${w}`).toBe(true);
    }
  }
}

group('linregress partials: exact on every field, independent of the split', () => {
  it('within 1e-10 of the exact answer, and the same state for any split and order', () => {
    fc.assert(
      fc.property(data, (f) => {
        const { x, y, random } = makeXY(f);
        if (x.every((v) => v === x[0])) return;
        const whole = core.linregressPartial(x, y);
        const states = ranges(randomCuts(f.n, f.chunks, random)).map(([a, b]) =>
          core.linregressPartial(x.slice(a, b), y.slice(a, b)),
        );
        const merged = mergeRandomly(states, core.linregressMerge, random);
        expect(JSON.stringify(merged)).toBe(JSON.stringify(whole));
        const r = core.linregressFinalize(merged);
        const e = linregressExact(x, y);
        if (y.every((v) => v === y[0])) {
          expect(r.slope).toBe(0);
          return;
        }
        const want = { ...e, pvalue: tPvalue(e.t, f.n - 2, 'two-sided') };
        for (const k of [
          'slope',
          'intercept',
          'rvalue',
          'stderr',
          'interceptStderr',
          'pvalue',
        ] as const) {
          expect(close(r[k], want[k], 1e-10), `${k}: ${r[k]} vs exact ${want[k]}`).toBe(true);
        }
      }),
      { numRuns: 400, seed: 12 },
    );
  });
});

/**
 * A perfect fit in the decimals: RSS is exactly 0, so the standard errors
 * are 0 and t and F infinite; the one-shot BigNumber lane reports them
 * within its 64 digits (residual SD ~1e-60, F ~1e126).
 */
function exactFit(r: ReturnType<typeof core.ols>, oneShot: ReturnType<typeof core.ols>) {
  expect(oneShot.residualStandardDeviation).toBeLessThan(1e-30);
  for (const se of r.standardErrors) expect(se).toBe(0);
  expect(r.fStatistic === Infinity || Number.isNaN(r.fStatistic)).toBe(true);
  r.coefficients.forEach((b, j) => {
    expect(close(b, oneShot.coefficients[j] as number, 1e-12, 1e-30), `coefficient ${j}`).toBe(
      true,
    );
  });
}

group('ols and polyfit partials: the one-shot answer, independent of the split', () => {
  it('ols (rows and columns entry points) agrees with ols to 13 digits', () => {
    fc.assert(
      fc.property(data, fc.integer({ min: 1, max: 4 }), fc.boolean(), (f, k, intercept) => {
        const random = rng(f.seed);
        const n = Math.max(f.n, k + 3);
        const X = Array.from({ length: n }, () =>
          Array.from({ length: k }, () => round(f.offset + f.scale * 100 * random(), f.places)),
        );
        const y = X.map((row) =>
          round(
            row.reduce((s, v, j) => s + (j + 1) * f.slope * (v - f.offset), 0) +
              f.noise * f.scale * 100 * (random() - 0.5),
            f.places,
          ),
        );
        let oneShot: ReturnType<typeof core.ols>;
        try {
          oneShot = core.ols(X, y, { intercept });
        } catch {
          return; // singular designs (e.g. constant columns after rounding): covered in partial.test.ts
        }
        const whole = core.olsPartial(X, y);
        const states = ranges(randomCuts(n, f.chunks, random)).map(([a, b]) =>
          core.olsPartial(X.slice(a, b), y.slice(a, b)),
        );
        const merged = mergeRandomly(states, core.olsMerge, random);
        expect(JSON.stringify(merged)).toBe(JSON.stringify(whole));
        const columns = Array.from({ length: k }, (_, j) =>
          Float64Array.from(X, (row) => row[j] as number),
        );
        expect(JSON.stringify(core.olsPartialColumns(columns, Float64Array.from(y)))).toBe(
          JSON.stringify(whole),
        );
        const r = core.olsFinalize(merged, { intercept });
        if (r.residualStandardDeviation === 0) return exactFit(r, oneShot);
        const { method: _m, conditionNumber, ...want } = oneShot;
        expectFields(r as never, want as never, 1e-12, 'ols', 1e-10, 1e-30);
        // The one-shot's condition number comes from a float64 QR: a few
        // digits, and fewer once the design is ill-conditioned.
        if (conditionNumber < 1e8) {
          expect(close(r.conditionNumber, conditionNumber, 1e-6), 'condition number').toBe(true);
        }
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('polyfit agrees with polyfit to 13 digits', () => {
    fc.assert(
      fc.property(data, fc.integer({ min: 1, max: 4 }), (f, degree) => {
        const { random } = makeXY(f);
        const n = Math.max(f.n, degree + 3);
        const x = Array.from({ length: n }, () => round(f.scale * 10 * (random() - 0.3), f.places));
        const y = x.map((v) =>
          round(1 + f.slope * v - 0.5 * v * v + f.noise * (random() - 0.5), f.places),
        );
        let oneShot: ReturnType<typeof core.polyfit>;
        try {
          oneShot = core.polyfit(x, y, degree);
        } catch {
          return;
        }
        const states = ranges(randomCuts(n, f.chunks, random)).map(([a, b]) =>
          core.polyfitPartial(x.slice(a, b), y.slice(a, b), degree),
        );
        const merged = mergeRandomly(states, core.polyfitMerge, random);
        expect(JSON.stringify(merged)).toBe(JSON.stringify(core.polyfitPartial(x, y, degree)));
        const fit = core.polyfitFinalize(merged);
        if (fit.residualStandardDeviation === 0) return exactFit(fit, oneShot);
        const { method: _m, conditionNumber: _c, ...want } = oneShot;
        expectFields(fit as never, want as never, 1e-12, `polyfit ${degree}`, 1e-10, 1e-30);
      }),
      { numRuns: 150, seed: 8 },
    );
  });
});

group('scipy.stats partials: the one-shot answer, independent of the split', () => {
  it('describe, ttest_1samp, ttest_rel, pearsonr', () => {
    fc.assert(
      fc.property(data, (f) => {
        const { x, y, random } = makeXY(f);
        const cuts = ranges(randomCuts(f.n, f.chunks, random));
        const d = mergeRandomly(
          cuts.map(([a, b]) => core.describePartial(x.slice(a, b))),
          core.describeMerge,
          random,
        );
        // 1e-14 floor: skewness of symmetric data is 0 up to rounding, as in the golden tests.
        expectFields(
          core.describeFinalize(d) as never,
          core.describe(x) as never,
          1e-12,
          'describe',
          1e-10,
          1e-14,
        );
        const t1 = mergeRandomly(
          cuts.map(([a, b]) => core.ttest1sampPartial(x.slice(a, b))),
          core.ttest1sampMerge,
          random,
        );
        expect(JSON.stringify(t1)).toBe(JSON.stringify(core.ttest1sampPartial(x)));
        const popmean = x[0] as number;
        expectFields(
          core.ttest1sampFinalize(t1, popmean) as never,
          core.ttest1samp(x, popmean) as never,
          1e-12,
          'ttest_1samp',
          1e-10,
          1e-14, // a t of exactly 0 (popmean = the mean) is 1e-16 in float
        );
        const tr = mergeRandomly(
          cuts.map(([a, b]) => core.ttestRelPartial(x.slice(a, b), y.slice(a, b))),
          core.ttestRelMerge,
          random,
        );
        expect(JSON.stringify(tr)).toBe(JSON.stringify(core.ttestRelPartial(x, y)));
        // Reference: the one-sample test of the exact decimal differences (the
        // one-shot ttestRel takes float differences when they are not small
        // against the values, which costs it up to 1e-10 on near-constant
        // differences; see docs/partial-results.md). Full doubles on an
        // offset have no such cheap reference and are skipped here.
        const exactDiffs = x.map((v, i) => round(v - (y[i] as number), f.places));
        const wantRel =
          f.places <= 4
            ? core.ttest1samp(exactDiffs, 0)
            : f.offset === 0
              ? core.ttestRel(x, y)
              : null;
        expectFields(
          core.ttestRelFinalize(tr) as never,
          (wantRel ?? {}) as never,
          1e-12,
          'ttest_rel',
          1e-10,
          1e-14,
        );
        const pr = mergeRandomly(
          cuts.map(([a, b]) => core.pearsonrPartial(x.slice(a, b), y.slice(a, b))),
          core.pearsonrMerge,
          random,
        );
        expect(JSON.stringify(pr)).toBe(JSON.stringify(core.pearsonrPartial(x, y)));
        const want = core.pearsonr(x, y);
        const got = core.pearsonrFinalize(pr);
        if (Math.abs(got.statistic) === 1) {
          // An exact |r| = 1 (a perfect linear relation in the decimals) has
          // p = 0; the one-shot's float r sits within rounding of 1, where
          // the beta tail turns a 1e-16 error into a p of about 1e-8.
          expect(Math.abs(want.statistic)).toBeGreaterThan(1 - 1e-14);
          expect(got.pvalue).toBe(0);
        } else {
          expectFields(
            got as never,
            { statistic: want.statistic, pvalue: want.pvalue } as never,
            1e-12,
            'pearsonr',
            // p's condition number in r is about n r^2 / (1 - r^2): near |r| = 1
            // the one-shot's last-bit error in r moves p by that much more.
            1e-10 + (4e-16 * f.n) / (1 - want.statistic ** 2),
          );
        }
        expectFields(
          got.confidenceInterval as never,
          want.confidenceInterval as never,
          1e-12,
          'pearsonr ci',
        );
      }),
      { numRuns: 300, seed: 9 },
    );
  });

  it('ttest_ind (both variants) and f_oneway over rows of mixed groups', () => {
    fc.assert(
      fc.property(data, fc.integer({ min: 2, max: 6 }), fc.boolean(), (f, groups, equalVar) => {
        const { x, random } = makeXY(f);
        if (groups > f.n) return;
        const labels = x.map((_, i) => (i < groups ? i : Math.floor(random() * groups)));
        const samples = Array.from({ length: groups }, (_, g) =>
          x.filter((_, i) => labels[i] === g),
        );
        const cuts = ranges(randomCuts(f.n, f.chunks, random));
        const ti = mergeRandomly(
          cuts.map(([a, b]) => {
            const part = x.slice(a, b);
            const lab = labels.slice(a, b);
            return core.ttestIndPartial(
              part.filter((_, i) => lab[i] === 0),
              part.filter((_, i) => lab[i] === 1),
            );
          }),
          core.ttestIndMerge,
          random,
        );
        const a = samples[0] as number[];
        const b = samples[1] as number[];
        expectFields(
          core.ttestIndFinalize(ti, { equalVar }) as never,
          core.ttestInd(a, b, { equalVar }) as never,
          1e-12,
          'ttest_ind',
          1e-10,
          1e-14,
        );
        const fo = mergeRandomly(
          cuts.map(([s, e]) => {
            const g: Record<string, number[]> = {};
            for (let i = s; i < e; i++) {
              const key = `g${labels[i]}`;
              g[key] = [...(g[key] ?? []), x[i] as number];
            }
            return core.fOnewayPartial(g);
          }),
          core.fOnewayMerge,
          random,
        );
        // Welch's one-shot path works on the float means without a shift, so
        // on an offset its reference is the one-shot run on the data shifted
        // by x[0] (exact for decimals of up to 4 places; F is shift-invariant).
        if (!equalVar && f.offset !== 0 && f.places > 4) return;
        const x0 = x[0] as number;
        const shifted = equalVar
          ? samples
          : samples.map((s) => s.map((v) => round(v - x0, f.places)));
        const want = core.fOneway(...shifted, { equalVar });
        expectFields(
          core.fOnewayFinalize(fo, { equalVar }) as never,
          want as never,
          1e-11,
          'f_oneway',
        );
      }),
      { numRuns: 300, seed: 10 },
    );
  });
});
