import { expect, describe as group, it } from 'vitest';
import {
  type ExponentialSmoothingOptions,
  exponentialSmoothing,
  normalQuantile,
} from '../src/index';
import { normalGenerator } from '../src/timeseries/internal/multiplicativeIntervals';
import golden from './fixtures/golden/holtwinters.json' with { type: 'json' };
import { num } from './golden';

/**
 * Prediction intervals with multiplicative seasonality (ETS(A,N,M),
 * ETS(A,A,M), ETS(A,Ad,M)) against statsmodels 0.15's ETSModel, which
 * simulates them (golden/holtwinters.py, "mulIntervals"), on the 12
 * given-parameter cases with multiplicative seasonality.
 *
 * - Horizons k <= m are exact normal intervals here. Reference: the
 *   standard deviation of y_k read off statsmodels' own ETSModel.simulate
 *   driven by unit errors (y_k is linear in the errors there), so the
 *   closed form is held to 1e-10 relative (a handful of ulps of sums of
 *   squares; the normal quantile is the same on both sides).
 * - Horizons k > m are simulated (ours: 10000 seeded paths; statsmodels':
 *   100000 numpy paths), and the same-seed comparison is impossible across
 *   languages, so each quantile is held to a Monte-Carlo tolerance: the
 *   standard error of a sample p-quantile from R paths is
 *   sqrt(p (1 - p) / R) / f(q) (its asymptotic normal law), with the
 *   density f(q) estimated from statsmodels' paths as 0.01 / (q(p + 0.005) -
 *   q(p - 0.005)); the bound is 5 combined standard errors of the two
 *   simulations (a false failure has probability about 6e-7 per quantile,
 *   and the seed is fixed, so the test is deterministic).
 * - The exact intervals are also within that tolerance of statsmodels'
 *   simulated quantiles at k <= m: an independent check of normality there.
 */
type Case = (typeof golden.given)[number] & {
  mulIntervals?: {
    sigma2: number;
    linearSd: number[];
    repetitions: number;
    quantiles: Record<
      string,
      { p: number[]; lower: number[]; upper: number[]; spread: [number[], number[]] }
    >;
  };
};
const cases = (golden.given as Case[]).filter((c) => c.mulIntervals !== undefined);
const series = (name: string) => golden.series[name as keyof typeof golden.series] as number[];
const label = (c: Case, i: number) =>
  `#${i} ${c.series} trend=${c.options.trend ?? '-'} damped=${c.options.damped} a=${c.options.smoothingLevel}`;

const OURS = 10000;

function mcTolerance(p: number, spread: number, theirs: number): number {
  const density = 0.01 / spread;
  const se = (r: number) => Math.sqrt((p * (1 - p)) / r) / density;
  return 5 * Math.hypot(se(OURS), se(theirs));
}

group(
  'exponentialSmoothing intervals with multiplicative seasonality (statsmodels ETSModel)',
  () => {
    it('has the twelve multiplicative cases', () => {
      expect(cases.length).toBe(12);
    });
    it.each(cases.map((c, i) => [label(c, i), c] as const))('%s', (_label, c) => {
      const mi = c.mulIntervals!;
      const m = c.options.seasonalPeriods as number;
      const y = series(c.series);
      for (const [levelText, q] of Object.entries(mi.quantiles)) {
        const level = Number(levelText);
        const r = exponentialSmoothing(y, {
          ...(c.options as ExponentialSmoothingOptions),
          confidenceLevel: level,
        });
        const pi = r.predictionIntervals!;
        expect(pi.method).toBe('simulated');
        expect(pi.simulatedFrom).toBe(m + 1);
        expect(pi.repetitions).toBe(OURS);
        const z = normalQuantile(1 - (1 - level) / 2);
        let worstExact = 0;
        let worstMc = 0;
        for (let k = 1; k <= r.forecast.length; k++) {
          const f = r.forecast[k - 1] as number;
          const lo = pi.lower[k - 1] as number;
          const hi = pi.upper[k - 1] as number;
          if (k <= m) {
            const half = z * num(mi.linearSd[k - 1] as number);
            const scale = Math.abs(f) + half;
            worstExact = Math.max(
              worstExact,
              Math.abs(lo - (f - half)) / scale,
              Math.abs(hi - (f + half)) / scale,
            );
          }
          for (const [side, got, want, p, spread] of [
            ['lower', lo, q.lower[k - 1], q.p[0], q.spread[0][k - 1]],
            ['upper', hi, q.upper[k - 1], q.p[1], q.spread[1][k - 1]],
          ] as const) {
            const tol = mcTolerance(p as number, spread as number, mi.repetitions);
            const off = Math.abs((got as number) - (want as number)) / tol;
            worstMc = Math.max(worstMc, off);
            expect(off, `${side} k=${k} level ${level}: ${got} vs ${want}`).toBeLessThanOrEqual(1);
          }
        }
        expect(worstExact, `exact part, level ${level}`).toBeLessThanOrEqual(1e-10);
        // the tolerance is not vacuous: the worst quantile uses a real part of it
        expect(worstMc).toBeGreaterThan(0.05);
      }
    });

    it('gives the same intervals for the same seed, and others for another seed', () => {
      const c = cases[3]!;
      const y = series(c.series);
      const o = c.options as ExponentialSmoothingOptions;
      const a = exponentialSmoothing(y, o).predictionIntervals!;
      const b = exponentialSmoothing(y, o).predictionIntervals!;
      const other = exponentialSmoothing(y, { ...o, randomSeed: 7 }).predictionIntervals!;
      expect(Array.from(b.upper)).toEqual(Array.from(a.upper));
      const m = o.seasonalPeriods as number;
      // exact horizons do not depend on the seed; simulated ones do
      expect(Array.from(other.upper.subarray(0, m))).toEqual(Array.from(a.upper.subarray(0, m)));
      expect(other.upper[m]).not.toBe(a.upper[m]);
    });

    it('takes fewer paths for long horizons and reports how many', () => {
      const c = cases[0]!;
      const y = series(c.series);
      const o = c.options as ExponentialSmoothingOptions;
      const m = o.seasonalPeriods as number;
      const long = exponentialSmoothing(y, { ...o, horizon: m + 2500 }).predictionIntervals!;
      expect(long.repetitions).toBe(2000);
      const chosen = exponentialSmoothing(y, { ...o, simulateRepetitions: 500 })
        .predictionIntervals!;
      expect(chosen.repetitions).toBe(500);
      const short = exponentialSmoothing(y, { ...o, horizon: m }).predictionIntervals!;
      expect(short.method).toBe('exact');
      expect(short.simulatedFrom).toBeNull();
      expect(short.repetitions).toBeNull();
    });

    it('draws standard normal deviates (moments of 200000 draws)', () => {
      const next = normalGenerator(12345);
      const n = 200000;
      let s1 = 0;
      let s2 = 0;
      let s4 = 0;
      let tail = 0;
      for (let i = 0; i < n; i++) {
        const x = next();
        s1 += x;
        s2 += x * x;
        s4 += x ** 4;
        if (x > 1.959963984540054) tail++;
      }
      // standard errors: mean 1/sqrt(n) = 0.0022, variance sqrt(2/n) = 0.0032,
      // fourth moment sqrt(96/n) = 0.022, tail share sqrt(0.025 * 0.975 / n) = 0.00035
      expect(Math.abs(s1 / n)).toBeLessThan(0.011);
      expect(Math.abs(s2 / n - 1)).toBeLessThan(0.016);
      expect(Math.abs(s4 / n - 3)).toBeLessThan(0.11);
      expect(Math.abs(tail / n - 0.025)).toBeLessThan(0.0018);
    });
  },
);
