/**
 * nearestInteger (the partial builders' fast rounding): the integer nearest
 * to x with ties to even, checked against an independent BigInt-free
 * reference built from Math.floor and exact comparisons.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestInteger } from '../../src/partial/round';

/** Reference: floor, then compare the exact remainder with one half; ties to the even one. */
function reference(x: number): number {
  const f = Math.floor(x);
  const r = x - f; // exact for |x| < 2^52
  if (r < 0.5) return f;
  if (r > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

describe('nearestInteger', () => {
  it('rounds to nearest, ties to even, for |x| < 2^51', () => {
    fc.assert(
      fc.property(fc.double({ min: -(2 ** 51) + 1, max: 2 ** 51 - 1, noNaN: true }), (x) => {
        expect(Object.is(nearestInteger(x) + 0, reference(x) + 0)).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });

  it('takes ties to the even neighbour, and is Math.round beyond 2^51', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5].map(nearestInteger).map((v) => v + 0)).toEqual([
      0, 2, 2, 0, -2, -2,
    ]);
    expect(nearestInteger(0.49999999999999994)).toBe(0);
    expect(nearestInteger(2 ** 52 + 2)).toBe(2 ** 52 + 2);
    expect(nearestInteger(2 ** 51 + 0.5)).toBe(Math.round(2 ** 51 + 0.5));
  });
});
