import { lcg } from '@lambda-stats/lambda-kit/random';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linregress } from '../src/index';
import { linregressCompensated } from '../src/regression/internal/linregressCompensated';
import { linregressExact } from '../src/regression/internal/linregressExact';
import { linregressFloat } from '../src/regression/internal/linregressFloat';
import golden from './fixtures/golden/linregress.json' with { type: 'json' };
import { expectLinregressAgreement, expectTPvalueAgreement } from './support/agreement';

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
        const rand = lcg(seed);
        const x = Array.from({ length: n }, () => offset + scale * rand());
        const y = x.map((v) => slope * (v - offset) + noise * scale * (rand() - 0.5));
        const fast = linregressFloat(x, y);
        if (fast === null || typeof fast !== 'object') return;
        answered++;
        const exact = linregressExact(x, y);
        expectLinregressAgreement(fast, exact);
      }),
      { numRuns: 300, seed: 42 },
    );
    // The fast path must actually be exercised, not always declined.
    expect(answered).toBeGreaterThan(30);
  });
});

describe('double-double stage vs exact decimal path', () => {
  const family = fc.record({
    n: fc.integer({ min: 3, max: 2000 }),
    offset: fc.constantFrom(0, 1, 1e3, 1e6, 1e9, -1e9),
    scale: fc.constantFrom(1e-9, 1e-3, 1, 1e6),
    slope: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    noise: fc.constantFrom(1e-12, 1e-6, 1e-2, 0.3, 1, 100),
    // noise relative to the slope: correlations from near 1 down to moderate,
    // so t spans ~3 to 1e6 and p from 1e-3 through 1e-290 to underflow.
    relative: fc.boolean(),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
  });

  it('agrees to 1e-10 (p-value included) whenever it answers', () => {
    let answered = 0;
    let tinyP = 0;
    fc.assert(
      fc.property(family, ({ n, offset, scale, slope, noise, relative, seed }) => {
        const rand = lcg(seed);
        const x = Array.from({ length: n }, () => offset + scale * rand());
        const amplitude = relative ? noise * Math.abs(slope) * scale : noise * scale;
        const y = x.map((v) => slope * (v - offset) + amplitude * (rand() - 0.5));
        const fast = linregressCompensated(x, y);
        if (fast === null) return;
        answered++;
        const exact = linregressExact(x, y);
        expectLinregressAgreement(fast, exact);
        const pExact = expectTPvalueAgreement(fast.t, exact.t, n - 2);
        if (pExact > 0 && pExact < 1e-12) tinyP++;
      }),
      { numRuns: 300, seed: 7 },
    );
    expect(answered).toBeGreaterThan(30);
    expect(tinyP).toBeGreaterThanOrEqual(1);
  });

  it('answers ordinary data with tiny p-values, within 1e-10 of the exact path', () => {
    let answered = 0;
    let tinyP = 0;
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 30, max: 2000 }),
          offset: fc.constantFrom(0, 1, 10),
          scale: fc.constantFrom(1e-3, 1, 1e6),
          slope: fc.double({ min: 0.01, max: 100, noNaN: true }),
          noise: fc.constantFrom(0.3, 1, 3),
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
        }),
        ({ n, offset, scale, slope, noise, seed }) => {
          const rand = lcg(seed);
          const x = Array.from({ length: n }, () => offset + scale * rand());
          const y = x.map((v) => slope * v + noise * slope * scale * rand());
          const fast = linregressCompensated(x, y);
          if (fast === null) return;
          answered++;
          const pExact = expectTPvalueAgreement(fast.t, linregressExact(x, y).t, n - 2);
          if (pExact > 0 && pExact < 1e-12) tinyP++;
        },
      ),
      { numRuns: 60, seed: 3 },
    );
    // Most of these must be answered without the exact path, tiny p included.
    expect(answered).toBeGreaterThan(30);
    expect(tinyP).toBeGreaterThan(10);
  });

  it('answers linregress at n = 1000 with p near 1e-290 within 1e-10 of the exact golden', () => {
    const c = golden.cases.find((g) => g.name === 'p near 1e-290, n=1000');
    if (c === undefined) throw new Error('golden case missing');
    const plain = linregressFloat(c.x, c.y);
    const fast = linregressCompensated(c.x, c.y);
    expect(fast).not.toBeNull();
    const viaPublic = linregress(c.x, c.y);
    // The public function answered from a fast stage, not the exact path.
    const stage = plain !== null && typeof plain === 'object' ? plain : fast;
    expect(viaPublic.slope).toBe(stage?.slope);
    expect(viaPublic.stderr).toBe(stage?.stderr);
    const fields = [
      ['slope', c.expected.slope, viaPublic.slope],
      ['intercept', c.expected.intercept, viaPublic.intercept],
      ['rvalue', c.expected.rvalue, viaPublic.rvalue],
      ['pvalue', c.expected.pvalue, viaPublic.pvalue],
      ['stderr', c.expected.stderr, viaPublic.stderr],
      ['intercept_stderr', c.expected.intercept_stderr, viaPublic.interceptStderr],
    ] as const;
    for (const [k, want, got] of fields) {
      expect(Math.abs(got - (want as number)) / Math.abs(want as number), k).toBeLessThanOrEqual(
        1e-10,
      );
    }
  });
});
