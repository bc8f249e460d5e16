import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exponentialSmoothing } from '../src/index';
import { levenbergMarquardt } from '../src/timeseries/internal/levenbergMarquardt';

/**
 * Properties of the Holt-Winters recursions and of the optimiser that hold
 * whatever the data: shifting an additive model's data and level shifts
 * every fitted value and forecast by the same amount; scaling a
 * multiplicative-season model's data, level and trend scales them. The
 * optimiser finds the known minimum of Rosenbrock's function written as
 * residuals (10 (b - a^2), 1 - a), a standard hard case for least squares.
 */
const series = fc.array(fc.double({ min: 1, max: 100, noNaN: true }), {
  minLength: 8,
  maxLength: 40,
});
const unit = fc.double({ min: 0, max: 1, noNaN: true });
/** A series and the three smoothing parameters (level, trend, season). */
const seriesAndSmoothing = [series, unit, unit, unit] as const;

describe('Holt-Winters recursions', () => {
  it('additive: y + c with l0 + c gives fitted + c and forecasts + c', () => {
    fc.assert(
      fc.property(
        ...seriesAndSmoothing,
        fc.double({ min: -50, max: 50, noNaN: true }),
        (y, a, b, g, c) => {
          const base = {
            trend: 'add' as const,
            seasonal: 'add' as const,
            seasonalPeriods: 4,
            smoothingLevel: a,
            smoothingTrend: b,
            smoothingSeasonal: g,
            initialTrend: 0.5,
            initialSeasonal: [1, -1, 2, -2],
            horizon: 6,
          };
          const r1 = exponentialSmoothing(y, { ...base, initialLevel: 10 });
          const r2 = exponentialSmoothing(
            y.map((v) => v + c),
            { ...base, initialLevel: 10 + c },
          );
          for (let i = 0; i < y.length; i++) {
            expect(r2.fittedValues[i]).toBeCloseTo((r1.fittedValues[i] as number) + c, 8);
          }
          for (let k = 0; k < 6; k++)
            expect(r2.forecast[k]).toBeCloseTo((r1.forecast[k] as number) + c, 8);
          expect(r2.sse).toBeCloseTo(r1.sse, 6);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('multiplicative season: c y with c l0 and c b0 gives c fitted', () => {
    fc.assert(
      fc.property(
        ...seriesAndSmoothing,
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (y, a, b, g, c) => {
          const base = {
            trend: 'add' as const,
            damped: true,
            dampingTrend: 0.9,
            seasonal: 'mul' as const,
            seasonalPeriods: 2,
            smoothingLevel: a,
            smoothingTrend: b,
            smoothingSeasonal: g,
            initialSeasonal: [1.1, 0.9],
            horizon: 4,
          };
          const r1 = exponentialSmoothing(y, { ...base, initialLevel: 20, initialTrend: 0.3 });
          const r2 = exponentialSmoothing(
            y.map((v) => v * c),
            { ...base, initialLevel: 20 * c, initialTrend: 0.3 * c },
          );
          for (let i = 0; i < y.length; i++) {
            const want = (r1.fittedValues[i] as number) * c;
            expect(Math.abs((r2.fittedValues[i] as number) - want)).toBeLessThanOrEqual(
              1e-9 * Math.max(1, Math.abs(want)),
            );
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('estimation never does worse than the heuristic start it begins from', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 100, noNaN: true }), { minLength: 12, maxLength: 30 }),
        (y) => {
          const fitted = exponentialSmoothing(y, {
            trend: 'add',
            seasonal: 'add',
            seasonalPeriods: 3,
          });
          // statsmodels' simple start with the grid's middle parameters, all given
          const m = 3;
          const l0 = (y[0]! + y[1]! + y[2]!) / m;
          const b0 = ((y[3]! + y[4]! + y[5]!) / m - l0) / m;
          const start = exponentialSmoothing(y, {
            trend: 'add',
            seasonal: 'add',
            seasonalPeriods: 3,
            smoothingLevel: 0.5,
            smoothingTrend: 0.25,
            smoothingSeasonal: 0.25,
            initialLevel: l0,
            initialTrend: b0,
            initialSeasonal: [y[0]! - l0, y[1]! - l0, y[2]! - l0],
          });
          expect(fitted.sse).toBeLessThanOrEqual(start.sse * (1 + 1e-12));
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('levenbergMarquardt', () => {
  it("finds Rosenbrock's minimum (1, 1) from (-1.2, 1)", () => {
    const r = levenbergMarquardt(
      (t, out) => {
        const a = t[0] as number;
        const b = t[1] as number;
        out[0] = 10 * (b - a * a);
        out[1] = 1 - a;
        return (out[0] as number) ** 2 + (out[1] as number) ** 2;
      },
      Float64Array.from([-1.2, 1]),
      2,
    );
    expect(r.converged).toBe(true);
    expect(r.theta[0]).toBeCloseTo(1, 6);
    expect(r.theta[1]).toBeCloseTo(1, 6);
    expect(r.sse).toBeLessThan(1e-12);
  });

  it('solves a linear least-squares problem (a line through 4 points) to rounding', () => {
    // y = 1 + 2x exactly at x = 0..3
    const xs = [0, 1, 2, 3];
    const r = levenbergMarquardt(
      (t, out) => {
        let s = 0;
        xs.forEach((x, i) => {
          out[i] = (t[0] as number) + (t[1] as number) * x - (1 + 2 * x);
          s += (out[i] as number) ** 2;
        });
        return s;
      },
      Float64Array.from([0, 0]),
      4,
    );
    expect(r.theta[0]).toBeCloseTo(1, 9);
    expect(r.theta[1]).toBeCloseTo(2, 9);
  });
});
