/**
 * describePartial's deviation pass on declared places writes each value's
 * integer out in its loop (wideAt, then scaleWide to the column's finest
 * places) instead of calling fused.ts's integerAt per value. The state must
 * not move by a bit: M3 and M4 here are summed again from integerAt, the
 * per-value route the loop replaced, and compared as JSON; integerAt itself
 * is checked against each value's decimal read from String(x) into a BigInt
 * on the column's finest scale (an independent reference). Columns: 17
 * significant digits of either sign (several places, so several scales),
 * mixed short decimals and full doubles, integers, the largest 17-digit
 * values and a constant column.
 */
import { describe, expect, it } from 'vitest';
import { ddFromRatio, ddScale } from '../../src/partial/dd';
import { INTEGER, integerAt, planOf } from '../../src/partial/fused';
import { DoubleDouble } from '../../src/regression/internal/doubleDouble';
import { describePartial, withDecimalPlaces } from './api';
import { decimalOf, rng } from './split';

function declared(values: number[]): Float64Array {
  return withDecimalPlaces(
    Float64Array.from(values),
    Int8Array.from(values, (v) => decimalOf(v).p),
  );
}

/**
 * The state's M3 and M4 summed again over integerAt's integers (the route
 * before), about the exact mean, and scaled to the values' unit as
 * describePartial scales them.
 */
function momentsByIntegerAt(x: Float64Array): unknown {
  const plan = planOf(x);
  if (!plan) throw new Error('no plan');
  const S = plan.scale;
  let s1 = 0n;
  for (const v of x) {
    const { m, p } = decimalOf(v);
    s1 += m * 10n ** BigInt(S - p);
  }
  const [mHi, mLo] = ddFromRatio(s1, BigInt(x.length));
  const m3 = new DoubleDouble();
  const m4 = new DoubleDouble();
  for (let i = 0; i < x.length; i++) {
    integerAt(plan, i);
    const d = (INTEGER[0] as number) - mHi + ((INTEGER[1] as number) - mLo);
    const d2 = d * d;
    m3.addProduct(d2, d);
    m4.addProduct(d2, d2);
  }
  const unit = 10 ** -S;
  const u3 = unit * unit * unit;
  const finite = ([h, l]: [number, number]) => [h, l === 0 ? 0 : l];
  return {
    m3: finite(ddScale([m3.hi, m3.lo], u3)),
    m4: finite(ddScale([m4.hi, m4.lo], u3 * unit)),
  };
}

function fullPrecision(n: number, seed: number, magnitude: number): number[] {
  const random = rng(seed);
  return Array.from({ length: n }, () => {
    const v = (1 + random() * 999) * magnitude;
    return random() < 0.4 ? -v : v;
  });
}

const columns: [string, number[]][] = [
  ['17 significant digits, signed', fullPrecision(5000, 11, 1)],
  ['17 significant digits, small', fullPrecision(3000, 12, 1e-3)],
  ['17 significant digits, large', fullPrecision(3000, 13, 1e3)],
  [
    'mixed places',
    fullPrecision(3000, 14, 1).map((v, i) => (i % 3 === 0 ? Math.round(v * 100) / 100 : v)),
  ],
  [
    'integers and full doubles',
    fullPrecision(2000, 15, 1).map((v, i) => (i % 2 ? Math.round(v) : v)),
  ],
  [
    'the largest 17-digit values',
    [999.9999999999999, -999.9999999999998, 99.99999999999999, 0.1, 12.5],
  ],
  [
    'short decimals (float plan)',
    Array.from({ length: 2000 }, (_, i) => ((i * 37) % 1000) / 8 - 60),
  ],
  ['constant', Array.from({ length: 100 }, () => 1 / 3)],
];

describe('describePartial deviation pass on declared places', () => {
  it.each(columns)('%s: integerAt gives each decimal exactly', (_name, values) => {
    const x = declared(values);
    const plan = planOf(x);
    expect(plan).not.toBeNull();
    const S = (plan as NonNullable<typeof plan>).scale;
    for (let i = 0; i < x.length; i++) {
      integerAt(plan as NonNullable<typeof plan>, i);
      const { m, p } = decimalOf(x[i] as number);
      expect(BigInt(INTEGER[0] as number) + BigInt(INTEGER[1] as number)).toBe(
        m * 10n ** BigInt(S - p),
      );
    }
  });

  it.each(columns)('%s: the same M3 and M4 as the per-value route', (_name, values) => {
    const x = declared(values);
    const state = describePartial(x);
    expect(JSON.stringify({ m3: state.m3, m4: state.m4 })).toBe(
      JSON.stringify(momentsByIntegerAt(x)),
    );
  });
});
