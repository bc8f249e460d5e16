import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  sortCountingInversions,
  sortedInversions,
} from '../src/correlation/internal/kendallInversions';

/** Pairs i < j with v[i] > v[j], by the definition (O(n^2); -0 and 0 equal). */
function bruteInversions(v: readonly number[]): number {
  let count = 0;
  for (let i = 0; i < v.length; i++) {
    for (let j = i + 1; j < v.length; j++) if ((v[i] as number) > (v[j] as number)) count++;
  }
  return count;
}

/** Sorts a copy and checks the count and the order against the definitions. */
function check(v: readonly number[]): void {
  const a = Float64Array.from(v);
  const count = sortCountingInversions(a, new Float64Array(v.length));
  expect(count).toBe(bruteInversions(v));
  // The values ascending, -0 written as 0 (equal values, so the order holds either way).
  const sorted = Float64Array.from(v, (x) => x + 0).sort();
  expect(Array.from(a)).toEqual(Array.from(sorted));
}

/**
 * Values that stress the keys' digits: both zeros (no inversion between
 * them), infinities, subnormals, extremes, many ties, and runs that share
 * their high word and differ only in the low one (digits in the low word
 * and across the two halves), so that the sort recurses several levels.
 */
const value = fc.oneof(
  fc.constantFrom(0, -0, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE),
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1, 0.5, 2 ** 52, -(2 ** 53)),
  fc.integer({ min: -5, max: 5 }),
  fc.integer({ min: 0, max: 2 ** 20 }).map((k) => 1 + k * 2 ** -52),
  fc.integer({ min: 0, max: 2 ** 12 }).map((k) => -3 - k * 2 ** -40),
  fc.double({ noNaN: true }),
);
const runs = { seed: 20261207, numRuns: 200 };

describe('sortCountingInversions: an MSD radix sort that counts the inversions', () => {
  it('on short arrays (insertion sort and one or two levels)', () => {
    fc.assert(fc.property(fc.array(value, { maxLength: 200 }), check), runs);
  });
  it('on arrays past several levels of 11-bit digits', () => {
    fc.assert(fc.property(fc.array(value, { minLength: 500, maxLength: 3000 }), check), {
      ...runs,
      numRuns: 30,
    });
  });
  it.each([
    ['full-precision values in (0, 1)', (i: number) => (Math.sin(i * 12.9898) + 1) / 2],
    ['descending integers (every pair an inversion)', (i: number) => 4000 - i],
    ['ascending with zeros of both signs', (i: number) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : i)],
    ['one value repeated', () => 2.5],
    ['values differing only in the last bits', (i: number) => 1 + ((i * 7919) % 4001) * 2 ** -52],
  ])('at n = 4000: %s', (_, f) => {
    check(Array.from({ length: 4000 }, (_, i) => f(i)));
  });
});

describe('sortedInversions: the merge for long sorted runs, the radix count otherwise', () => {
  // Its first call of more than 1,024 values in the process primes both
  // counts on their own scratch arrays (primeOnce) before counting the
  // caller's values: the last case makes that call.
  it.each([
    ['the merge (mean run 8 or more)', 8],
    ['the radix count (mean run under 8)', 1],
  ])('%s agrees with the definition, the first call included', (_, meanRun) => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 600 }), (v) => {
        const a = Float64Array.from(v);
        const { count, sorted } = sortedInversions(a, new Float64Array(v.length), meanRun);
        expect(count).toBe(bruteInversions(v));
        expect(Array.from(sorted, (x) => x + 0)).toEqual(
          Array.from(Float64Array.from(v, (x) => x + 0).sort()),
        );
      }),
      { ...runs, numRuns: 60 },
    );
  });

  it.each([
    ['the merge', 8],
    ['the radix count', 1],
  ])('%s agrees with the definition on 2,000 values, the priming call included', (_, meanRun) => {
    const v = Array.from({ length: 2000 }, (_, i) => Math.sin(i * 7.31) * 100 + (i % 7) * 0.5);
    const { count, sorted } = sortedInversions(
      Float64Array.from(v),
      new Float64Array(2000),
      meanRun,
    );
    expect(count).toBe(bruteInversions(v));
    expect(Array.from(sorted)).toEqual(Array.from(Float64Array.from(v).sort()));
  });
});
