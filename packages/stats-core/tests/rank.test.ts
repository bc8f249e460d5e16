import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kendalltau } from '../src/correlation/kendalltau';
import { averageRanks, denseRanks } from '../src/internal/rank';
import { sortRangeMsd } from '../src/internal/sortMsd';
import { comparisonSort, radixSort, sortedCopy, sortOrder } from '../src/internal/sortOrder';

/** Stable sort of indices by value, -0 before 0 (Object.is order): the reference. */
function referenceOrder(x: readonly number[]): number[] {
  const compare = (v: number, w: number) =>
    v < w ? -1 : v > w ? 1 : Number(Object.is(w, -0)) - Number(Object.is(v, -0));
  return x.map((_, i) => i).sort((i, j) => compare(x[i] as number, x[j] as number));
}

/**
 * The radix sort behind ranks, spearmanr, mannwhitneyu, kendalltau, shapiro
 * and ks2samp, checked against the obvious definitions (comparator sort,
 * counting smaller and equal values) on values chosen to stress the bit
 * tricks: both zeros, infinities, subnormals, extremes and many ties.
 */
const value = fc.oneof(
  fc.constantFrom(0, -0, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE),
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1, 0.5, 2 ** 52, -(2 ** 53)),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true }),
);
const values = fc.array(value, { maxLength: 200 });
const runs = { seed: 20261126, numRuns: 200 };

describe('sortOrder / sortedCopy: stable ascending order by an LSD radix sort', () => {
  it.each([
    ['the radix sort (4096 values and more)', (x: number[]) => radixSort(x, true)],
    ['the comparison sort (fewer values)', (x: number[]) => comparisonSort(x, true)],
    ['sortOrder, which picks one', sortOrder],
  ])(
    '%s orders as a stable comparator sort, with -0 just before 0, and returns the values in order',
    (_, sort) => {
      fc.assert(
        fc.property(values, (x) => {
          const { order, sorted } = sort(x);
          // Reference: stable sort of indices by value, -0 before 0 (Object.is order).
          const compare = (v: number, w: number) =>
            v < w ? -1 : v > w ? 1 : Number(Object.is(w, -0)) - Number(Object.is(v, -0));
          const expected = x
            .map((_, i) => i)
            .sort((i, j) => compare(x[i] as number, x[j] as number));
          expect(Array.from(order)).toEqual(expected);
          expect(Array.from(sorted)).toEqual(expected.map((i) => x[i]));
          expect(Array.from(sortedCopy(x))).toEqual(expected.map((i) => x[i]));
        }),
        runs,
      );
    },
  );
});

describe('averageRanks and denseRanks', () => {
  it('rank = (number below) + (number equal + 1) / 2, ties under ===; dense rank = distinct values below', () => {
    fc.assert(
      fc.property(values, (x) => {
        const { ranks, ties } = averageRanks(x);
        const dense = denseRanks(x);
        const distinct = [...new Set(x)].sort((a, b) => a - b);
        x.forEach((v, i) => {
          const below = x.filter((w) => w < v).length;
          const equal = x.filter((w) => w === v).length;
          expect(ranks[i]).toBe(below + (equal + 1) / 2);
          expect(dense.ranks[i]).toBe(distinct.filter((w) => w < v).length);
        });
        const groupSizes = distinct.map((v) => x.filter((w) => w === v).length);
        // averageRanks lists only the groups of two or more (all a tie correction needs).
        expect(ties).toEqual(groupSizes.filter((t) => t > 1));
        expect(dense.tieSizes).toEqual(groupSizes);
      }),
      runs,
    );
  });
});

describe('the radix sort at sizes that use it (4096 values and more), in the reusable work buffers', () => {
  // Large arrays drawn from the same stressing values, plus layouts whose
  // digits are shared by every value (passes skipped): constants, small
  // integers, halves, only the sign differing, only the lowest bit differing.
  const large = fc.array(value, { minLength: 4096, maxLength: 9000 });
  const layouts: [string, (i: number) => number][] = [
    ['a constant', () => 7.25],
    ['zeros of both signs', (i) => (i % 3 === 0 ? -0 : 0)],
    ['small integers', (i) => (i * 7919) % 101],
    ['halves on a grid', (i) => ((i * 31) % 41) / 2 - 10],
    ['one value and its negative', (i) => (i % 2 ? 3.5 : -3.5)],
    ['neighbours one ulp apart', (i) => 1 + ((i * 13) % 5) * Number.EPSILON],
    ['already sorted', (i) => i / 7 - 300],
    ['reversed', (i) => 1e6 - i * 1.5],
  ];

  it('orders random large arrays as the reference, in both workspaces, values and indices', () => {
    fc.assert(
      fc.property(large, (x) => {
        const expected = referenceOrder(x);
        for (const ws of [0, 1] as const) {
          const { order, sorted } = sortOrder(x, ws);
          expect(Array.from(order)).toEqual(expected);
          expect(Array.from(sorted)).toEqual(expected.map((i) => x[i]));
          expect(Array.from(sortedCopy(x, ws))).toEqual(expected.map((i) => x[i]));
        }
      }),
      { seed: 20261206, numRuns: 12 },
    );
  });

  it.each(layouts)('orders %s (shared digits skip their pass)', (_, at) => {
    for (const n of [4096, 70001]) {
      const x = Array.from({ length: n }, (_, i) => at(i));
      const expected = referenceOrder(x);
      const { order, sorted } = sortOrder(Float64Array.from(x), 0);
      expect(Array.from(order)).toEqual(expected);
      expect(Array.from(sorted)).toEqual(expected.map((i) => x[i]));
      // sortedCopy: the LSD passes over the varying digits (high halves
      // only when every low half is the same) or the MSD sort.
      expect(Array.from(sortedCopy(x, 1))).toEqual(expected.map((i) => x[i]));
    }
  });

  it('a sort in one workspace leaves the result in the other one alone', () => {
    const x = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5003);
    const y = Array.from({ length: 6000 }, (_, i) => -((i * 104729) % 6007));
    const a = sortedCopy(x, 0);
    const b = sortedCopy(y, 1);
    expect(Array.from(a)).toEqual([...x].sort((u, v) => u - v));
    expect(Array.from(b)).toEqual([...y].sort((u, v) => u - v));
  });
});

describe('the MSD radix sort (sortedCopy on values whose digits mostly vary)', () => {
  // Layouts that reach each branch: the first digit in the high word, in
  // the low word, straddling the two; both signs and zeros; buckets that
  // recurse several levels; equal keys; subnormals. 70001 values take the
  // first level's wide (13-bit) digits, sortedCopy the first level given
  // the differing bits (sortMsdDiffering).
  const layouts: [string, (i: number) => number][] = [
    ['full-precision doubles of both signs', (i) => Math.sin(i * 12.9898) * 43758.5453],
    ['uniform on [0, 1)', (i) => ((i * 0.6180339887498949) % 1) + 0],
    ['heavy tails', (i) => Math.tan(Math.PI * (((i * 0.7548776662466927) % 1) - 0.5))],
    ['differing only below bit 32', (i) => 1 + ((i * 2654435761) % 2 ** 31) * 2 ** -52],
    [
      'differing around bit 32 (digit straddles the halves)',
      (i) => 1 + ((i * 40503) % 2 ** 14) * 2 ** -30,
    ],
    [
      'zeros of both signs among small values',
      (i) => (i % 5 === 0 ? -0 : i % 5 === 1 ? 0 : (i % 7) * 1e-300 - 3e-300),
    ],
    ['subnormals', (i) => ((i * 7919) % 4099) * Number.MIN_VALUE * (i % 2 ? 1 : -1)],
    ['pairs of equal values', (i) => Math.cos(Math.floor(i / 2) * 1.618)],
  ];
  it.each(layouts)('orders %s as the reference', (_, at) => {
    for (const n of [25, 4096, 70001]) {
      const x = Array.from({ length: n }, (_, i) => at(i));
      const expected = referenceOrder(x).map((i) => x[i]);
      const a = Float64Array.from(x);
      sortRangeMsd(a, new Float64Array(n), 0, n);
      expect(Array.from(a)).toEqual(expected);
      expect(Array.from(sortedCopy(x, 0))).toEqual(expected);
      expect(Array.from(sortedCopy(Float64Array.from(x), 1))).toEqual(expected);
    }
  });

  it('sorts a range of a larger array and leaves the rest alone', () => {
    const x = Array.from({ length: 9000 }, (_, i) => Math.sin(i * 78.233) * 1e5);
    const a = Float64Array.from(x);
    sortRangeMsd(a, new Float64Array(9000), 1000, 8000);
    expect(Array.from(a.subarray(0, 1000))).toEqual(x.slice(0, 1000));
    expect(Array.from(a.subarray(8000))).toEqual(x.slice(8000));
    expect(Array.from(a.subarray(1000, 8000))).toEqual(x.slice(1000, 8000).sort((u, v) => u - v));
  });
});

describe('kendalltau counts pairs as the definition does', () => {
  /** tau-b from an O(n^2) walk over every pair (equal under ===, so -0 ties 0). */
  function bruteTauB(x: readonly number[], y: readonly number[]): number {
    let conMinusDis = 0;
    let xTies = 0;
    let yTies = 0;
    for (let i = 0; i < x.length; i++) {
      for (let j = i + 1; j < x.length; j++) {
        const dx = (x[i] as number) - (x[j] as number);
        const dy = (y[i] as number) - (y[j] as number);
        const tx = x[i] === x[j];
        const ty = y[i] === y[j];
        if (tx) xTies++;
        if (ty) yTies++;
        if (!tx && !ty) conMinusDis += dx > 0 === dy > 0 ? 1 : -1;
      }
    }
    const tot = (x.length * (x.length - 1)) / 2;
    return conMinusDis / Math.sqrt(tot - xTies) / Math.sqrt(tot - yTies);
  }
  // Few distinct values so that ties in x, in y and in both are common;
  // both zeros and infinities (differences of equal infinities are never taken).
  const tiny = fc.constantFrom(-0, 0, 1, -1, 2.5, Infinity, -Infinity, 1e-300);
  it('on small samples with ties, zeros of both signs and infinities (comparison-sort path)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(tiny, fc.oneof(tiny, fc.double({ noNaN: true, noDefaultInfinity: true }))),
          {
            minLength: 2,
            maxLength: 60,
          },
        ),
        (pairs) => {
          const x = pairs.map((p) => p[0]);
          const y = pairs.map((p) => p[1]);
          const expected = bruteTauB(x, y);
          const got = kendalltau(x, y).statistic;
          if (Number.isNaN(expected)) expect(got).toBeNaN();
          else expect(got).toBeCloseTo(expected, 14);
        },
      ),
      runs,
    );
  });
  it.each([
    [
      'x on 7 values (groups of about 700, MSD-sorted by y), y on 40',
      (i: number) => (i * 7919) % 7,
      (i: number) => ((i * 104729) % 40) - (i % 3 === 0 ? 0 : -0),
    ],
    [
      'x distinct but for pairs, y full precision',
      (i: number) => Math.floor(i / 2) * 0.37,
      (i: number) => Math.sin(i * 12.9898),
    ],
    [
      'x distinct (radix inversion count), y on 40 values with zeros of both signs',
      (i: number) => Math.sin(i * 78.233),
      (i: number) => {
        const v = ((i * 104729) % 40) - 20;
        return v === 0 && i % 2 === 1 ? -0 : v;
      },
    ],
    [
      'x on 150 values (groups of about 33), y with zeros of both signs',
      (i: number) => (i * 31) % 150,
      (i: number) => (i % 4 === 0 ? -0 : i % 4 === 1 ? 0 : Math.cos(i)),
    ],
  ])('at n = 5000 (radix path): %s', (_, fx, fy) => {
    const x = Array.from({ length: 5000 }, (_, i) => fx(i));
    const y = Array.from({ length: 5000 }, (_, i) => fy(i));
    expect(kendalltau(x, y).statistic).toBeCloseTo(bruteTauB(x, y), 14);
    expect(kendalltau(Float64Array.from(x), Float64Array.from(y)).statistic).toBeCloseTo(
      bruteTauB(x, y),
      14,
    );
  });
});
