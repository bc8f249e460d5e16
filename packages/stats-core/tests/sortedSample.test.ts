import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ks2samp, mannwhitneyu, shapiro } from '../src/index';
import { sortedSample } from '../src/internal/sortedSample';
import { RADIX_MIN } from '../src/internal/sortOrder';

/**
 * sortedSample reads a sample once (type check, copy, NaN check, the bits
 * that choose the radix sort) from RADIX_MIN values on. These tests reach
 * that read with both array kinds and check it against the obvious
 * definitions: Float64Array.prototype.sort (which orders -0 before 0), and
 * the errors and NaN answers of the separate checks it replaced.
 */
const n = RADIX_MIN + 904; // 5000: past the threshold, so the one-read path answers

/** n values from a small pool (ties, both zeros, an offset, full precision, extremes). */
const sample = fc.array(
  fc.oneof(
    fc.constantFrom(0, -0, 1e9 + 0.001, 1e9 - 0.002, Number.MIN_VALUE, -Number.MAX_VALUE),
    fc.constantFrom(Infinity, -Infinity),
    fc.integer({ min: -50, max: 50 }),
    fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
  ),
  { minLength: n, maxLength: n },
);

describe('sortedSample: one read of a large sample', () => {
  it('sorts as Float64Array.prototype.sort does, from a plain array and from a Float64Array', () => {
    fc.assert(
      fc.property(sample, (x) => {
        const expected = Float64Array.from(x).sort();
        for (const input of [x, Float64Array.from(x)]) {
          const got = sortedSample('test', 'x', input, 0);
          expect(got).toBeDefined();
          expect(Array.from(got as Float64Array).map((v) => Object.is(v, -0))).toEqual(
            Array.from(expected).map((v) => Object.is(v, -0)),
          );
          expect(Array.from(got as Float64Array)).toEqual(Array.from(expected));
        }
      }),
      { seed: 20261207, numRuns: 12 },
    );
  });

  it('answers undefined for a NaN anywhere, from either array kind', () => {
    const x = Array.from({ length: n }, (_, i) => i / 7);
    x[n - 3] = Number.NaN;
    expect(sortedSample('test', 'x', x, 0)).toBeUndefined();
    expect(sortedSample('test', 'x', Float64Array.from(x), 1)).toBeUndefined();
    expect(shapiro(x).statistic).toBeNaN();
    expect(mannwhitneyu(x, [1, 2, 3]).pvalue).toBeNaN();
    expect(ks2samp([1, 2, 3], Float64Array.from(x)).statistic).toBeNaN();
  });

  it('names the first non-number, even after a NaN (a type error wins over a NaN answer, as before)', () => {
    const x: unknown[] = Array.from({ length: n }, (_, i) => i);
    x[10] = Number.NaN;
    x[n - 1] = '7';
    expect(() => shapiro(x as number[])).toThrow(`x[${n - 1}] to be a number`);
    expect(() => mannwhitneyu([1, 2], x as number[])).toThrow(`y[${n - 1}] to be a number`);
    expect(() => ks2samp(x as number[], [1, 2])).toThrow(`data1[${n - 1}] to be a number`);
  });

  it('gives shapiro the same answer from the data as given and from a copy (the shift reads the input)', () => {
    const x = Array.from({ length: n }, (_, i) => Math.sin(i) * 100 + (i % 13));
    expect(shapiro(x)).toEqual(shapiro(Float64Array.from(x)));
    // The kept coefficients belong to one n: another size between two calls changes nothing.
    const first = shapiro(x);
    shapiro(x.slice(0, n - 1));
    shapiro([3, 1, 2]);
    expect(shapiro(x)).toEqual(first);
  });
});
