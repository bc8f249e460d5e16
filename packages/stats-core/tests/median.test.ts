import { expect, it } from 'vitest';
import { median } from '../src/index';

/**
 * numpy.median's rule, checked on values whose middle is exact in binary:
 * the middle value of an odd sample, (lo + hi) / 2 of an even one (numpy
 * 2.4 computes the mean of the two middle values), NaN for an empty sample
 * or one holding a NaN. The input is left in its order (selection works on
 * a copy).
 */
it('takes the middle value of an odd sample and leaves the input as it is', () => {
  const x = [9, -1, 4, 4, 7];
  expect(median(x)).toBe(4);
  expect(x).toEqual([9, -1, 4, 4, 7]);
});

it('takes (lo + hi) / 2 of the two middle values of an even sample', () => {
  expect(median([3, 1, 10, 2])).toBe(2.5);
  expect(median(Float64Array.of(0.5, -0.25))).toBe(0.125);
  // (lo + hi) / 2 overflows where numpy's does: both middles near the largest double
  expect(median([Number.MAX_VALUE, Number.MAX_VALUE])).toBe(Number.POSITIVE_INFINITY);
});

it('matches the sorted middle on seeded random samples of every length up to 40', () => {
  let seed = 7;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) / 2 ** 24 - 0.5;
  };
  for (let n = 1; n <= 40; n++) {
    const x = Array.from({ length: n }, () => Math.round(next() * 64) / 8);
    const s = [...x].sort((a, b) => a - b);
    const h = n >> 1;
    expect(median(x)).toBe(n % 2 ? s[h] : (s[h - 1]! + s[h]!) / 2);
  }
});

it('is NaN for an empty sample or one holding a NaN', () => {
  expect(median([])).toBeNaN();
  expect(median([1, Number.NaN, 2])).toBeNaN();
});
