import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linregressExact } from '../src/regression/internal/linregressExact';
import { linregressFloat } from '../src/regression/internal/linregressFloat';

/**
 * The float64 path may answer only when its error bound promises 1e-10
 * relative to the exact decimal answer; otherwise it must decline (null).
 * Reference: the exact BigInt path (itself checked against mpmath goldens in
 * linregress.test.ts). Random data families stress the bound: offsets up to
 * 1e9, scales from 1e-9 to 1e6, noise down to 1e-12 of the signal.
 */
describe('float64 path vs exact decimal path', () => {
  const family = fc.record({
    n: fc.integer({ min: 3, max: 300 }),
    offset: fc.constantFrom(0, 1, 1e3, 1e6, 1e9, -1e9),
    scale: fc.constantFrom(1e-9, 1e-3, 1, 1e6),
    slope: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    noise: fc.constantFrom(1e-12, 1e-6, 1e-2, 1, 100),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
  });

  it('agrees to 1e-10 whenever it answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(family, ({ n, offset, scale, slope, noise, seed }) => {
        let s = seed;
        const rand = () => {
          s = (s * 1103515245 + 12345) % 2 ** 31;
          return s / 2 ** 31;
        };
        const x = Array.from({ length: n }, () => offset + scale * rand());
        const y = x.map((v) => slope * (v - offset) + noise * scale * (rand() - 0.5));
        const fast = linregressFloat(x, y);
        if (fast === null || typeof fast !== 'object') return;
        answered++;
        const exact = linregressExact(x, y);
        for (const k of [
          'slope',
          'intercept',
          'rvalue',
          'stderr',
          'interceptStderr',
          't',
        ] as const) {
          const rel = Math.abs(fast[k] - exact[k]) / Math.abs(exact[k]);
          expect(rel, k).toBeLessThanOrEqual(1e-10);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
    // The fast path must actually be exercised, not always declined.
    expect(answered).toBeGreaterThan(30);
  });
});
