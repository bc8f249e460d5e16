import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ks2samp, mannwhitneyu, shapiro } from '../src/index';
import { sortedSample } from '../src/internal/sortedSample';
import { sortOnGrid, sortOrderOnGrid } from '../src/internal/sortGrid';
import { comparisonSort, RADIX_MIN, sortOrder } from '../src/internal/sortOrder';
import { sortPairs } from '../src/internal/sortPairs';

/**
 * sortOnGrid sorts decimals of up to six places as integers (counting sort
 * or two or three LSD passes) and writes each back as k / 10^p. The
 * reference is Float64Array.prototype.sort on the same values (an
 * independent sort, -0 before 0): the lane must give its output bit for
 * bit, and must refuse (returning false, the input untouched) whatever it
 * cannot give exactly, so that the float64 radix sorts answer instead.
 */
const n = RADIX_MIN + 904; // 5000: the size sortedSample hands to the lane

/** Bit-for-bit equality (Object.is: -0 and 0 differ), with the first difference named. */
function expectSameBits(got: Float64Array, want: Float64Array): void {
  expect(got.length).toBe(want.length);
  const first = Array.from(got).findIndex((v, i) => !Object.is(v, want[i]));
  expect(first === -1 ? 'same' : `differ at ${first}: ${got[first]} vs ${want[first]}`).toBe(
    'same',
  );
}

function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/** n values k / 10^places, k uniform on [lo, lo + span). */
function grid(places: number, lo: number, span: number, seed = 7): Float64Array {
  const r = lcg(seed);
  return Float64Array.from({ length: n }, () => (lo + Math.floor(r() * span)) / 10 ** places);
}

describe('sortOnGrid: decimals sorted as integers', () => {
  it.each([
    ['counting sort: small integers with ties', grid(0, -20, 41)],
    ['counting sort: one decimal, range under n', grid(1, -1000, 2000)],
    ['counting sort: cents, a range near n', grid(2, 0, 4900)],
    ['two LSD passes: cents on 0..1000 (range 1e5)', grid(2, 0, 100_001)],
    ['two LSD passes: negative and positive, three places', grid(3, -2_000_000, 4_000_000)],
    ['three LSD passes: near 1e9 with three places (range 1e7)', grid(3, 1e12 - 5e6, 1e7)],
    ['three LSD passes: six places', grid(6, -1e9, 2e9)],
  ])('%s: the values of Float64Array.prototype.sort, bit for bit', (_, x) => {
    const want = Float64Array.from(x).sort();
    const got = Float64Array.from(x);
    expect(sortOnGrid(got, 0)).toBe(true);
    expectSameBits(got, want);
  });

  it('mixed places (integers, halves, cents, thousandths) take the finest grid', () => {
    const r = lcg(11);
    const x = Float64Array.from({ length: n }, (_, i) => {
      const k = Math.floor(r() * 2e5) - 1e5;
      return i % 4 === 0 ? k : i % 4 === 1 ? k / 2 : i % 4 === 2 ? k / 100 : k / 1000;
    });
    const got = Float64Array.from(x);
    expect(sortOnGrid(got, 1)).toBe(true);
    expectSameBits(got, Float64Array.from(x).sort());
  });

  it('any decimals of up to six places on a span under 2^32: property against Float64Array.prototype.sort', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.array(fc.integer({ min: 0, max: 2 ** 32 - 2 }), { minLength: 50, maxLength: 400 }),
        (places, lo, ks) => {
          const x = Float64Array.from(ks, (k) => (lo + k) / 10 ** places);
          const got = Float64Array.from(x);
          if (x.some((v) => Object.is(v, -0))) return;
          expect(sortOnGrid(got, 0)).toBe(true);
          expectSameBits(got, Float64Array.from(x).sort());
        },
      ),
      { seed: 20261207, numRuns: 200 },
    );
  });

  it.each([
    ['a -0 among the values (it must sort before 0, and its k is 0)', -0],
    ['one full-precision value, last', Math.PI],
    ['one value with seven places', 0.1234567],
    ['an infinity', Number.POSITIVE_INFINITY],
    ['a value far off the others (span of k over 2^32)', 2 ** 33 / 100],
    ['a value whose k is past 2^50', 2 ** 51],
  ])('refuses %s, leaving the input as it was', (_, odd) => {
    const x = grid(2, 0, 100_001);
    x[n - 1] = odd;
    const got = Float64Array.from(x);
    expect(sortOnGrid(got, 0)).toBe(false);
    expectSameBits(got, x);
  });

  it('through sortedSample: both array kinds, and two samples read together (workspaces 0 and 1, as mannwhitneyu and ks_2samp do)', () => {
    const x = Array.from(grid(2, 0, 100_001, 3));
    const y = Array.from(grid(3, 0, 1_000_001, 5));
    const sortedX = Float64Array.from(x).sort();
    for (const input of [x, Float64Array.from(x)]) {
      expectSameBits(sortedSample('test', 'x', input, 0) as Float64Array, sortedX);
    }
    const a = sortedSample('test', 'x', x, 0) as Float64Array;
    const b = sortedSample('test', 'y', y, 1) as Float64Array;
    expectSameBits(a, sortedX);
    expectSameBits(b, Float64Array.from(y).sort());
    // the statistics answer (their values are checked against scipy elsewhere)
    expect(shapiro(x).pvalue).toBeGreaterThan(0);
    expect(mannwhitneyu(x, y).pvalue).toBeGreaterThan(0);
    expect(ks2samp(x, y).pvalue).toBeGreaterThanOrEqual(0);
  });

  it.each([
    ['counting sort: small integers with ties', grid(0, -20, 41)],
    ['counting sort: cents, a range near n', grid(2, 0, 4900)],
    ['two passes: cents on 0..1000', grid(2, 0, 100_001)],
    ['three passes: near 1e9 with three places', grid(3, 1e12 - 5e6, 1e7)],
  ])('with the order (%s): the stable order of a comparison sort of the indices', (_, x) => {
    // comparisonSort: Array.prototype.sort of the indices by value, ties by
    // index, an independent route to the same stable order
    const want = comparisonSort(x, true);
    for (const workspace of [0, 1] as const) {
      const got = sortOrderOnGrid(Array.from(x), workspace);
      expect(got).toBeDefined();
      expect(Array.from(got?.order ?? [])).toEqual(Array.from(want.order));
      expectSameBits(got?.sorted ?? new Float64Array(0), want.sorted);
      // sortOrder takes this route for workspace 0 and 1
      expect(Array.from(sortOrder(x, workspace).order)).toEqual(Array.from(want.order));
    }
  });

  it('with the order: refuses data off every grid, and sortOrder still sorts it (radix sort of the copy)', () => {
    const x = Array.from(grid(2, 0, 100_001));
    x[17] = Math.E;
    expect(sortOrderOnGrid(x, 0)).toBeUndefined();
    const want = comparisonSort(x, true);
    const got = sortOrder(x, 0);
    expect(Array.from(got.order)).toEqual(Array.from(want.order));
    expectSameBits(got.sorted, want.sorted);
  });

  it('sortPairs (kendalltau) on a grid: keys sorted stably, the payload carried with them', () => {
    const key = grid(2, 0, 2001, 13); // many ties: stability shows
    const payload = Float64Array.from(grid(3, -5000, 10_000, 17));
    const want = comparisonSort(key, true);
    const got = sortPairs(key, payload);
    expectSameBits(got.keys, want.sorted);
    expectSameBits(
      got.carried,
      Float64Array.from(want.order, (i) => payload[i] as number),
    );
  });
});
