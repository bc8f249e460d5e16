import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iqr, median, medianAbsDeviation, modifiedZscore } from '../src/index';
import { quantileIndices, quantileSorted } from '../src/robust/internal/percentile';
import { medianInPlace, selectRanks } from '../src/robust/internal/select';

/**
 * Selections on short decimals: medianInPlace and selectRanks sort a sample
 * of at least 512 values whose decimals lie on a narrow grid as integers
 * (internal/sortGrid.ts) instead of running quickselect. The reference is
 * Float64Array.prototype.sort of the same values, an independent sort, and
 * numpy's definitions written out on it (the median, the linear quantile,
 * the MAD): the grid route must give the same doubles bit for bit, and the
 * samples it refuses (too short, off every grid, a median's span wider
 * than the sample) must still get quickselect's answer.
 */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/** n values (lo + k) / 10^places, k uniform on [0, span). */
function grid(n: number, places: number, lo: number, span: number, seed = 5): Float64Array {
  const r = lcg(seed);
  return Float64Array.from({ length: n }, () => (lo + Math.floor(r() * span)) / 10 ** places);
}

/** numpy's median on a sorted copy: the middle value or (lo + hi) / 2. */
function sortedMedian(x: ArrayLike<number>): number {
  const s = Float64Array.from(x).sort();
  const h = s.length >> 1;
  return s.length % 2 === 1 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
}

/** numpy's MAD on sorted copies: median(|x - median(x)|). */
function sortedMad(x: ArrayLike<number>): number {
  const m = sortedMedian(x);
  return sortedMedian(Array.from(x, (v) => Math.abs(v - m)));
}

/** [name, sample, whether the median is taken on the grid, whether selectRanks is]. */
const cases: [string, Float64Array, boolean, boolean][] = [
  ['small integers with ties (counting sort)', grid(5001, 0, -20, 41), true, true],
  ['cents on 0..100, as the warm request (range near n)', grid(10_000, 2, 0, 10_000), true, true],
  ['halves, many ties, even n', grid(2000, 1, -100, 201), true, true],
  ['cents on 0..1000: a span wider than n', grid(4000, 2, 0, 100_001), false, true],
  ['near 1e9 with three places (offset)', grid(3000, 3, 1e12 - 5e6, 1e7), false, true],
  ['full precision (off every grid)', Float64Array.from({ length: 3000 }, lcg(9)), false, false],
  ['short: below the grid route’s 512 values', grid(511, 2, 0, 300), false, false],
];

/** Whether `a` is in ascending order (the grid route sorts all of it; quickselect does not). */
const ascending = (a: Float64Array) => a.every((v, i) => i === 0 || (a[i - 1] as number) <= v);

describe('medianInPlace and selectRanks on a grid', () => {
  it.each(cases)('%s: the median of a full sort, bit for bit', (_, x, onGrid) => {
    const a = Float64Array.from(x);
    expect(Object.is(medianInPlace(a), sortedMedian(x))).toBe(true);
    expect(ascending(a)).toBe(onGrid);
    // the array is a permutation of the input either way
    expect(Array.from(a).sort((p, q) => p - q)).toEqual(Array.from(x).sort((p, q) => p - q));
  });

  it.each(cases)(
    '%s: the ranks selectRanks leaves in place are the sorted ones',
    (_, x, __, onGrid) => {
      const n = x.length;
      const ps = [0, 0.1, 0.25, 0.5, 0.75, 1];
      const ranks = [
        n >> 2,
        (n >> 2) + 1,
        n >> 1,
        n - 1,
        ...ps.flatMap((p) => quantileIndices(n, p, 'linear')),
      ];
      const a = Float64Array.from(x);
      selectRanks(a, ranks);
      expect(ascending(a)).toBe(onGrid);
      const s = Float64Array.from(x).sort();
      for (const r of ranks) expect(Object.is(a[r], s[r])).toBe(true);
      for (const p of ps) {
        expect(Object.is(quantileSorted(a, p, 'linear'), quantileSorted(s, p, 'linear'))).toBe(
          true,
        );
      }
    },
  );

  it('-0 among the values: refused by the grid, quickselect still answers', () => {
    const x = grid(1000, 1, -50, 101);
    x[17] = -0;
    expect(Object.is(medianInPlace(Float64Array.from(x)), sortedMedian(x))).toBe(true);
  });

  it('any short decimals: property against the full sort', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 512, max: 1500 }),
        fc.integer(),
        (places, lo, span, n, seed) => {
          const x = grid(n, places, lo, span, Math.abs(seed) + 1).map((v) => v + 0);
          expect(Object.is(medianInPlace(Float64Array.from(x)), sortedMedian(x))).toBe(true);
          const a = Float64Array.from(x);
          selectRanks(a, [n >> 2, (3 * n) >> 2]);
          const s = Float64Array.from(x).sort();
          expect(Object.is(a[n >> 2], s[n >> 2])).toBe(true);
          expect(Object.is(a[(3 * n) >> 2], s[(3 * n) >> 2])).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the robust statistics on grid data agree with the full-sort definitions', () => {
  it.each(cases)('%s', (_, x) => {
    const plain = Array.from(x);
    expect(Object.is(median(plain), sortedMedian(x))).toBe(true);
    expect(Object.is(medianAbsDeviation(plain), sortedMad(x))).toBe(true);
    const s = Float64Array.from(x).sort();
    expect(
      Object.is(iqr(plain), quantileSorted(s, 0.75, 'linear') - quantileSorted(s, 0.25, 'linear')),
    ).toBe(true);
    const mz = modifiedZscore(plain);
    expect(Object.is(mz.median, sortedMedian(x))).toBe(true);
    expect(Object.is(mz.mad, sortedMad(x))).toBe(true);
    // the input is left as it was
    expect(plain).toEqual(Array.from(x));
  });
});
