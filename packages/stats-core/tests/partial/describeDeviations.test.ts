/**
 * describePartial's deviation pass on declared places takes each value's
 * integer on its own places (wideAt), less the mean on those places, and
 * scales the difference to the column's finest places. Its M3 and M4 are
 * checked against the exact central sums of the decimals String(x) writes
 * (BigInt), within the few roundings per deviation the loop allows;
 * integerAt (fused.ts's per-value integer on the finest places, which the
 * materialising routes' tests lean on) is checked against the same
 * decimals. Columns: 17
 * significant digits of either sign (several places, so several scales),
 * mixed short decimals and full doubles, integers, the largest 17-digit
 * values and a constant column.
 */
import { describe, expect, it } from 'vitest';
import { ddValue } from '../../src/partial/dd';
import { INTEGER, integerAt, planOf } from '../../src/partial/fused';
import { ratioToNumber } from '../../src/regression/internal/bigRatio';
import { describePartial, withDecimalPlaces } from './api';
import { decimalOf, rng } from './split';

function declared(values: number[]): Float64Array {
  return withDecimalPlaces(
    Float64Array.from(values),
    Int8Array.from(values, (v) => decimalOf(v).p),
  );
}

/**
 * The exact third and fourth central sums of the decimals String(x) writes,
 * sum (X_i - S1/n)^k on the column's finest places S, scaled to the values'
 * unit, with the sums of |X_i - S1/n|^k that bound their rounding error:
 * all from BigInt e_i = n X_i - S1, so sum e_i^k / n^k 10^(-kS).
 */
function exactCentralSums(x: Float64Array, S: number) {
  const X = Array.from(x, (v) => {
    const { m, p } = decimalOf(v);
    return m * 10n ** BigInt(S - p);
  });
  const N = BigInt(x.length);
  const s1 = X.reduce((a, b) => a + b, 0n);
  let t3 = 0n;
  let a3 = 0n;
  let t4 = 0n;
  for (const v of X) {
    const e = N * v - s1;
    const e3 = e * e * e;
    t3 += e3;
    a3 += e3 < 0n ? -e3 : e3;
    t4 += e3 * e;
  }
  const value = (t: bigint, k: number) => ratioToNumber(t, N ** BigInt(k), -k * S);
  return { m3: value(t3, 3), a3: value(a3, 3), m4: value(t4, 4) };
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
  [
    '17 significant digits on an offset (low parts matter)',
    fullPrecision(3000, 16, 1e-6).map((v) => 12345 + v),
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

  // Each deviation is rounded at most three times (its difference from the
  // mean on its own places, the low part, the scaling to the finest
  // places), its square once more, the product with it exact, the sums in
  // double-double; the unit's cube adds a few roundings of the whole. So
  // each term within 10 u of |d|^k, the sum within 16 u of sum |d|^k
  // (u = 2^-53): a dropped low part or a wrong scale breaks it.
  it.each(columns)(
    '%s: M3 and M4 within a few roundings of the exact central sums',
    (_name, values) => {
      const x = declared(values);
      const plan = planOf(x);
      const state = describePartial(x);
      const exact = exactCentralSums(x, (plan as NonNullable<typeof plan>).scale);
      const u = 2 ** -53;
      const [m3, m4] = [state.m3, state.m4] as [number, number][];
      expect(Math.abs(ddValue(m3!) - exact.m3)).toBeLessThanOrEqual(16 * u * exact.a3);
      expect(Math.abs(ddValue(m4!) - exact.m4)).toBeLessThanOrEqual(16 * u * exact.m4);
    },
  );
});
