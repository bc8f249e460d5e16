import { describe, expect, it } from 'vitest';
import { type Alternative, linregress } from '../src/index';
import { withLane } from '../src/internal/lanes';
import golden from './fixtures/golden/linregress.json' with { type: 'json' };
import { expectLinregressGolden } from './golden';

/**
 * Edge cases follow scipy 1.17's linregress (checked by running it on the
 * machine); where scipy is only imprecise (its 1e-20 fudge in t) the exact
 * answer is expected instead.
 */
describe('linregress edge cases (scipy 1.17 semantics)', () => {
  it('n = 2: exact line, stderrs 0, pvalue 0 for every alternative', () => {
    expect(linregress([1, 2], [5, 7])).toEqual({
      slope: 2,
      intercept: 3,
      rvalue: 1,
      pvalue: 0,
      stderr: 0,
      interceptStderr: 0,
    });
    expect(linregress([1, 2], [7, 5], { alternative: 'less' }).pvalue).toBe(0);
  });

  it('n = 2 with equal y: rvalue NaN, pvalue 1, stderrs 0', () => {
    const r = linregress([1, 2], [5, 5]);
    expect(r.rvalue).toBeNaN();
    expect([r.slope, r.intercept, r.pvalue, r.stderr, r.interceptStderr]).toEqual([0, 5, 1, 0, 0]);
  });

  it('constant y: slope 0, intercept y, everything else NaN', () => {
    const r = linregress([1, 2, 3, 4], [5, 5, 5, 5]);
    expect([r.slope, r.intercept]).toEqual([0, 5]);
    for (const v of [r.rvalue, r.pvalue, r.stderr, r.interceptStderr]) expect(v).toBeNaN();
  });

  it('perfect fit: exact p = 0 (scipy reports 9e-11), stderr 0, r = 1', () => {
    // 0.1, 0.2, 0.3 -> 0.3, 0.5, 0.7 is exact in decimal, not in binary.
    expect(linregress([0.1, 0.2, 0.3], [0.3, 0.5, 0.7])).toEqual({
      slope: 2,
      intercept: 0.1,
      rvalue: 1,
      pvalue: 0,
      stderr: 0,
      interceptStderr: 0,
    });
    expect(linregress([1, 2, 3], [2, 4, 6], { alternative: 'less' }).pvalue).toBe(1);
    expect(linregress([1, 2, 3], [6, 4, 2], { alternative: 'less' }).pvalue).toBe(0);
  });

  it('accepts Float64Array and number[] alike', () => {
    const x = [1, 2, 3, 4, 5.5];
    const y = [2.1, 3.9, 6.2, 7.8, 11.1];
    expect(linregress(Float64Array.from(x), Float64Array.from(y))).toEqual(linregress(x, y));
  });
});

/**
 * Reference: golden/linregress.py, the exact answer for the decimal inputs
 * (rational sums, mpmath at 60 digits for roots and the t tail, rounded once).
 * Tolerance 1e-10 relative on every field, the accuracy linregress promises;
 * an exact 0 must be 0 and null (NaN) must be NaN. scipy 1.17 itself misses
 * this on the cases the JSON lists under scipy_off (checked below).
 */
describe('linregress against exact goldens', () => {
  it.each(golden.cases)('$name', (c) => {
    const result = linregress(c.x, c.y, { alternative: c.alternative as Alternative });
    expectLinregressGolden(result, c.expected);
  });

  it('takes Float64Array input to the same answers', () => {
    for (const c of golden.cases) {
      const a = linregress(Float64Array.from(c.x), Float64Array.from(c.y), {
        alternative: c.alternative as Alternative,
      });
      expect(a).toEqual(linregress(c.x, c.y, { alternative: c.alternative as Alternative }));
    }
  });

  it('beats scipy where scipy misses 1e-10 (stderr near |r| = 1, large offsets, tiny p)', () => {
    expect(golden.scipy_off.length).toBeGreaterThan(10);
    const fields = new Set(golden.scipy_off.map((o) => o.field));
    expect(fields).toContain('stderr');
    expect(fields).toContain('pvalue');
  });
});

describe('linregress on short decimals: slope and intercept rounded once', () => {
  // golden/linregress.py rounds the exact rational answer once to float64;
  // the exact-integer lane divides in double-double with the power of ten
  // folded in, so its slope and intercept are that double, not one off it.
  const decimalCases = golden.cases.filter((c) => {
    const { lane } = withLane(() =>
      linregress(c.x, c.y, { alternative: c.alternative as Alternative }),
    );
    return lane === 'decimal-integers';
  });

  it('covers golden cases that answer in the exact-integer lane', () => {
    expect(decimalCases.length).toBeGreaterThanOrEqual(8);
  });

  it.each(decimalCases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const r = linregress(c.x, c.y, { alternative: c.alternative as Alternative });
    expect(r.slope).toBe(c.expected.slope);
    expect(r.intercept).toBe(c.expected.intercept);
  });

  it('gives 199/100 as 1.99 and 4/75 as -0.05333333333333334 (each the nearest double)', () => {
    expect(linregress([1, 2, 3, 4, 5], [2.1, 3.9, 6.2, 7.8, 10.1]).slope).toBe(1.99);
    expect(linregress([1, 2, 3, 4, 5, 6], [2.1, 3.9, 6.2, 7.8, 10.1, 12.3]).intercept).toBe(
      -0.05333333333333334,
    );
  });
});
