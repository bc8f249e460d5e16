/**
 * bucketed.ts: exact sums of full-precision columns kept per decimal
 * places (three 19-bit limbs of each value's own integer, carried into
 * BigInt every BUCKET_ROWS rows, powers of ten applied per bucket at the
 * end). The reference is independent of the float arithmetic: each value's
 * decimal is read from String(x) into a BigInt on the column's finest
 * scale, and the sums are BigInt sums in the test. Columns cross the carry
 * interval mid-chunk, mix places (and so buckets), hold negatives, values
 * at the top of the 17-digit range and limb boundaries; a column whose own
 * integers pass BUCKET_LIMIT gets no plan: the materialising route
 * (columns.ts) builds its state, with the same sums.
 */
import { describe, expect, it } from 'vitest';
import { BUCKET_LIMIT, BUCKET_ROWS } from '../../src/partial/bucketed';
import { formatExact } from '../../src/partial/exact';
import { type ExactPlan, momentSums, pairSums, planOf } from '../../src/partial/fused';
import { linregressPartial, withDecimalPlaces } from './api';
import { decimalOf, rng } from './split';

function declared(values: number[]): Float64Array {
  const x = Float64Array.from(values);
  return withDecimalPlaces(
    x,
    Int8Array.from(values, (v) => decimalOf(v).p),
  );
}

/** The integers of the column on its finest scale S (value = X 10^-S). */
function integers(values: ArrayLike<number>): { X: bigint[]; S: number } {
  const d = Array.from(values, decimalOf);
  const S = Math.max(0, ...d.map((v) => v.p));
  return { X: d.map((v) => v.m * 10n ** BigInt(S - v.p)), S };
}

function referencePair(x: ArrayLike<number>, y: ArrayLike<number>) {
  const a = integers(x);
  const b = integers(y);
  let sx = 0n;
  let sy = 0n;
  let sxx = 0n;
  let sxy = 0n;
  let syy = 0n;
  for (let i = 0; i < a.X.length; i++) {
    const u = a.X[i] as bigint;
    const v = b.X[i] as bigint;
    sx += u;
    sy += v;
    sxx += u * u;
    sxy += u * v;
    syy += v * v;
  }
  return { sums: { sx, sy, sxx, sxy, syy }, sx: a.S, sy: b.S };
}

function planned(x: Float64Array): ExactPlan {
  const plan = planOf(x);
  if (!plan) throw new Error('no plan');
  return plan;
}

/**
 * Full-precision values (16-17 significant digits) of either sign with
 * magnitudes in [1, 1000) times `magnitude`: 13 to 16 places, so several
 * buckets, and the column's integers below 2^69 (planOf's wide limit).
 */
function fullPrecision(n: number, seed: number, magnitude: number): number[] {
  const random = rng(seed);
  return Array.from({ length: n }, () => {
    const v = (1 + random() * 999) * magnitude;
    return random() < 0.4 ? -v : v;
  });
}

describe('bucketed sums', () => {
  it('equal the BigInt sums of 17-digit columns across the carry interval, mixed places and signs', () => {
    const n = 3 * BUCKET_ROWS + 17;
    const x = fullPrecision(n, 11, 1);
    const y = fullPrecision(n, 12, 30);
    const px = planned(declared(x));
    const py = planned(declared(y));
    expect(px.wide && px.unscaled <= BUCKET_LIMIT).toBe(true);
    const places = new Set(px.places);
    expect(places.size).toBeGreaterThan(2); // several buckets
    const want = referencePair(x, y);
    expect(px.scale).toBe(want.sx);
    expect(py.scale).toBe(want.sy);
    expect(pairSums(px, py)).toEqual(want.sums);
    const m = momentSums(py);
    expect(m).toEqual({ s1: want.sums.sy, s2: want.sums.syy });
  });

  it('hold at the limb and range edges: the largest 17-digit integers, 2^19 and 2^38 boundaries, negatives', () => {
    // own integers: near 10^17 (the largest 17-digit ones), 2^19 - 1, 2^19,
    // 2^38 - 1, 2^38 (limb boundaries), and short ones; the finest places
    // are 17, so every value also lands in a bucket of its own places
    const edges = [
      9.9999999999999982, -9.9999999999999982, 0.99999999999999989, -0.99999999999999989, 5.24287,
      0.524288, -0.274877906943, 0.274877906944, 2.7487790694399998, -7.0000000000000009, 0.1, -0.5,
      3, 12.345678901234567,
    ];
    // repeated so that the carry happens with every level near its bound
    const x = Array.from({ length: BUCKET_ROWS + 5 }, (_, i) => edges[i % edges.length] as number);
    const y = Array.from(
      { length: x.length },
      (_, i) => edges[(i * 7 + 3) % edges.length] as number,
    );
    const px = planned(declared(x));
    const py = planned(declared(y));
    expect(px.wide && px.unscaled <= BUCKET_LIMIT && py.unscaled <= BUCKET_LIMIT).toBe(true);
    expect(pairSums(px, py)).toEqual(referencePair(x, y).sums);
  });

  it('pairs a full-precision column with a short-decimal one (a float plan in a bucket of its own places)', () => {
    const n = BUCKET_ROWS + 100;
    const random = rng(5);
    const x = fullPrecision(n, 21, 100);
    const y = Array.from({ length: n }, () => Math.round((random() - 0.5) * 1e6) / 1000);
    const px = planned(declared(x));
    const py = planned(declared(y));
    expect(px.wide).toBe(true);
    expect(py.wide).toBe(false);
    expect(pairSums(px, py)).toEqual(referencePair(x, y).sums);
    expect(pairSums(py, px)).toEqual(referencePair(y, x).sums);
  });

  it('leaves columns whose own integers pass BUCKET_LIMIT to the materialising route (no plan), with the same sums', () => {
    // 2e17 is declared with 0 places: its own integer is beyond three 19-bit limbs
    const x = [2e17, 1.5, -2.5, 123456789012345680];
    const y = [0.5, 1.2345678901234567, 7, -3];
    expect(planOf(declared(x))).toBeNull();
    const want = referencePair(x, y);
    const state = linregressPartial(declared(x), declared(y));
    expect(state).toMatchObject({
      sx: formatExact(want.sums.sx, -want.sx),
      sy: formatExact(want.sums.sy, -want.sy),
      sxx: formatExact(want.sums.sxx, -2 * want.sx),
      sxy: formatExact(want.sums.sxy, -want.sx - want.sy),
      syy: formatExact(want.sums.syy, -2 * want.sy),
    });
    expect(JSON.stringify(state)).toBe(
      JSON.stringify(linregressPartial(Float64Array.from(x), Float64Array.from(y))),
    );
  });
});
