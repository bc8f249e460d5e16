import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparisonSort, RADIX_MIN } from '../src/internal/sortOrder';
import { sortPairs } from '../src/internal/sortPairs';

/**
 * sortPairs off the grid (the MSD radix sort carrying the payload) against
 * the comparison sort's stable order (ties by index, -0 before 0), keys and
 * payload: values that stress the keys' digits (both zeros,
 * infinities, subnormals, extremes, ties, and values differing only in the
 * low word, so that the sort recurses several levels).
 */
const value = fc.oneof(
  fc.constantFrom(0, -0, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE),
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1, 0.5, 2 ** 52, -(2 ** 53)),
  fc.integer({ min: 0, max: 2 ** 20 }).map((k) => 1 + k * 2 ** -52),
  fc.integer({ min: 0, max: 2 ** 12 }).map((k) => -3 - k * 2 ** -40),
  fc.double({ noNaN: true }),
);

function check(key: readonly number[]): void {
  const payload = Float64Array.from(key, (_, i) => i + 0.5);
  const want = comparisonSort(key, true);
  const got = sortPairs(key, payload);
  // toEqual tells -0 from 0 (Object.is), so the keys match as written.
  expect(Array.from(got.keys)).toEqual(Array.from(want.sorted));
  expect(Array.from(got.carried)).toEqual(Array.from(want.order, (i) => i + 0.5));
}

describe('sortPairs off the grid: the MSD radix sort moving the payload', () => {
  it('on random arrays past the radix threshold', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: RADIX_MIN, maxLength: RADIX_MIN + 2000 }), check),
      { seed: 20261207, numRuns: 20 },
    );
  });
  it.each([
    ['full precision in (0, 1)', (i: number) => (Math.sin(i * 12.9898) + 1) / 2],
    ['descending', (i: number) => -Math.sqrt(i + 0.1)],
    [
      'one value with zeros of both signs',
      (i: number) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : Math.PI),
    ],
    ['values differing only in the last bits', (i: number) => 1 + ((i * 7919) % 4001) * 2 ** -52],
  ])('at n = 20000: %s', (_, f) => {
    check(Array.from({ length: 20_000 }, (_, i) => f(i)));
  });
});
