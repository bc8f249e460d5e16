import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageRanks, denseRanks } from '../src/internal/rank';
import { comparisonSort, radixSort, sortedCopy, sortOrder } from '../src/internal/sortOrder';

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
