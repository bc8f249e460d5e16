import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { differingBits } from '../src/internal/sortMsd';
import { sortedCopy } from '../src/internal/sortOrder';
import { sortSpread } from '../src/internal/sortSpread';

/**
 * The spread sort (full-precision doubles: buckets by position between
 * sample quantiles, spread again or the MSD sort below) against
 * Float64Array.prototype.sort, an independent comparison sort that orders
 * -0 before 0 as the contract does. Compared value by value with Object.is,
 * so a zero of the wrong sign fails. The layouts reach each path: smooth
 * data (one or two spread levels), heavy tails (the range clamped to the
 * interquartile reach), the MSD sort below a spread level (tight clusters),
 * the fallback (infinities or one value filling the sample), and the
 * adversarial inputs that must stay linear (all equal, two values, one huge
 * outlier, neighbours one ulp apart, a geometric sequence).
 */
function expectSortedAsReference(got: Float64Array, x: ArrayLike<number>): void {
  const expected = Float64Array.from(x).sort();
  expect(got.length).toBe(expected.length);
  let firstWrong = -1;
  for (let i = 0; i < got.length && firstWrong < 0; i++) {
    if (!Object.is(got[i], expected[i])) firstWrong = i;
  }
  expect(
    firstWrong,
    `first differing index (got ${got[firstWrong]}, want ${expected[firstWrong]})`,
  ).toBe(-1);
}

/** sortSpread on a copy of x, given its differing bits as sortedSample finds them. */
function spreadSorted(x: ArrayLike<number>): Float64Array {
  const a = Float64Array.from(x);
  const [dh, dl] = differingBits(new Uint32Array(a.buffer), a.length);
  sortSpread(a, new Float64Array(a.length), dh, dl);
  return a;
}

/** A deterministic N(0, 1) value for index i (Box-Muller on two Weyl sequences). */
const normal = (i: number) =>
  Math.sqrt(-2 * Math.log(((i * 0.7548776662466927) % 1) + 1e-9)) *
  Math.cos(2 * Math.PI * ((i * 0.5698402909980532) % 1));
const uniform = (i: number) => (i * 0.6180339887498949) % 1;

const layouts: [string, (i: number) => number][] = [
  ['normal', normal],
  ['uniform on [0, 1)', uniform],
  ['Cauchy (heavy tails)', (i) => Math.tan(Math.PI * (uniform(i) - 0.5))],
  [
    'zeros of both signs among normal values',
    (i) => (i % 7 === 0 ? -0 : i % 7 === 1 ? 0 : normal(i)),
  ],
  ['only zeros of both signs and two values', (i) => [0, -0, 1.5, -2.5][i % 4] as number],
  ['all equal', () => 3.25],
  ['two values', (i) => (i % 3 === 0 ? 1 : 2)],
  ['one huge outlier', (i) => (i === 17 ? 1e300 : uniform(i))],
  ['neighbours one ulp apart', (i) => 1 + ((i * 7919) % 997) * Number.EPSILON],
  ['a geometric sequence of both signs', (i) => (i % 2 ? -1 : 1) * 2 ** ((i % 2000) - 1000)],
  [
    'infinities among uniform values',
    (i) => (i % 50 === 0 ? Infinity : i % 50 === 1 ? -Infinity : uniform(i)),
  ],
  [
    'the largest doubles of both signs among normal values',
    (i) => (i % 40 === 0 ? Number.MAX_VALUE : i % 40 === 1 ? -Number.MAX_VALUE : normal(i)),
  ],
  [
    'subnormals among normal values',
    (i) => (i % 3 ? ((i * 7919) % 4099) * Number.MIN_VALUE : normal(i)),
  ],
  ['tight clusters (buckets left to the MSD sort)', (i) => (i % 61) + uniform(i) * 1e-12],
  ['mostly one value', (i) => (i % 10 === 0 ? normal(i) : 0.5)],
];

describe('sortSpread: ascending, -0 before 0, as Float64Array.prototype.sort', () => {
  // Sizes around the thresholds: tiny, the second level's 64-value bucket,
  // the MSD sort below 1,280 values and the spread from there, the radix
  // sorts' 4096, the first level's 2^18 (2^16 buckets below it, 2^13 and a
  // second level above).
  it.each(layouts)('orders %s', (_, at) => {
    for (const n of [25, 65, 300, 1279, 1280, 4096, 70001, 2 ** 18 + 3]) {
      const x = Array.from({ length: n }, (_, i) => at(i));
      expectSortedAsReference(spreadSorted(x), x);
    }
  });

  it('is the sort sortedCopy uses for full-precision values (both array kinds)', () => {
    const x = Array.from({ length: 70001 }, (_, i) => (i % 9 === 0 ? -0 : normal(i)));
    expectSortedAsReference(sortedCopy(x, 0), x);
    expectSortedAsReference(sortedCopy(Float64Array.from(x), 1), x);
  });

  it('orders random values of random sizes around the thresholds', () => {
    const value = fc.oneof(
      { weight: 6, arbitrary: fc.double({ noNaN: true, min: -1e3, max: 1e3 }) },
      { weight: 1, arbitrary: fc.double({ noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(0, -0, Infinity, -Infinity, Number.MIN_VALUE, 1) },
    );
    const size = fc.oneof(
      fc.integer({ min: 2, max: 300 }),
      fc.integer({ min: 1270, max: 1290 }),
      fc.integer({ min: 4000, max: 9000 }),
      fc.integer({ min: 2 ** 18 - 3, max: 2 ** 18 + 3 }),
    );
    fc.assert(
      fc.property(size, fc.integer(), (n, seed) => {
        const pool = fc.sample(value, { numRuns: 64, seed });
        // n values drawn from a pool of 64 and spread by a scaled index: ties and full precision.
        const x = Array.from({ length: n }, (_, i) => {
          const v = pool[((i * 2654435761 + seed) >>> 0) % 64] as number;
          return i % 5 === 0 ? v : v * (1 + uniform(i + seed) * 1e-3);
        });
        expectSortedAsReference(spreadSorted(x), x);
      }),
      { seed: 20261207, numRuns: 30 },
    );
  });
});
