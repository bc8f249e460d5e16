import { describe, expect, it } from 'vitest';
import { linregress, ols, polyfit } from '../src/index';
import { inputError as thrown } from './support/errors';

/**
 * Bad input throws StatsInputError whose message names the function and the
 * problem in words a caller can act on: what was wrong and how to fix it.
 */
describe('linregress input errors', () => {
  it('lengths differ: both lengths', () => {
    const e = thrown(() => linregress([1, 2, 3], [1, 2]));
    expect(e.message).toBe('linregress requires x and y of equal length (got 3 and 2)');
    expect(e.name).toBe('StatsInputError');
    expect(e.fn).toBe('linregress');
  });
  it('too few points', () => {
    expect(thrown(() => linregress([1], [2])).message).toMatch(/at least 2 points.*got 1/);
  });
  it('non-finite value: which array and index', () => {
    expect(thrown(() => linregress([1, 2, Number.NaN], [1, 2, 3])).message).toMatch(
      /x\[2\] is NaN/,
    );
    expect(
      thrown(() => linregress(new Float64Array([1, 2, 3]), new Float64Array([1, Infinity, 3])))
        .message,
    ).toMatch(/y\[1\] is Infinity/);
    expect(thrown(() => linregress([1, Number.NaN], [1, 2])).message).toMatch(/x\[1\] is NaN/);
  });
  it('huge but finite values are not mistaken for non-finite ones', () => {
    // y = 2 - 1e-308 x exactly: the sums overflow float64, the exact path does not.
    const r = linregress([1e308, -1e308, 5e307], [1, 3, 1.5]);
    expect(Math.abs(r.slope + 1e-308) / 1e-308).toBeLessThan(1e-15);
    expect([r.intercept, r.rvalue, r.pvalue, r.stderr]).toEqual([2, -1, 0, 0]);
  });
  it('all x identical', () => {
    expect(thrown(() => linregress([2, 2, 2], [1, 2, 3])).message).toMatch(
      /all x values are identical/,
    );
  });
  it('unknown alternative, non-numeric input', () => {
    expect(
      thrown(() => linregress([1, 2, 3], [1, 2, 4], { alternative: 'bigger' as 'less' })).message,
    ).toMatch(/alternative/);
    expect(thrown(() => linregress([1, '2', 3] as unknown as number[], [1, 2, 3])).message).toMatch(
      /x\[1\] to be a number \(got the string "2"\)/,
    );
  });
});

describe('ols input errors', () => {
  it('rows and y differ in length', () => {
    expect(thrown(() => ols([[1], [2], [3]], [1, 2])).message).toBe(
      'ols requires one row of X per y value (got 3 rows and 2 y values)',
    );
  });
  it('ragged rows', () => {
    expect(thrown(() => ols([[1, 2], [2], [3, 4]], [1, 2, 3])).message).toMatch(/X\[1\] has 1/);
  });
  it('too few observations for the coefficients', () => {
    expect(
      thrown(() =>
        ols(
          [
            [1, 2],
            [2, 5],
            [3, 1],
          ],
          [1, 2, 3],
        ),
      ).message,
    ).toMatch(/more observations than coefficients \(got 3 observations for 3 coefficients\)/);
  });
  it('non-finite value with its index', () => {
    expect(thrown(() => ols([[1], [Number.NaN], [3], [4]], [1, 2, 3, 4])).message).toMatch(
      /X\[1\]\[0\] is NaN/,
    );
  });
  it('singular design: names the collinear columns', () => {
    const X = [
      [1, 2],
      [2, 4],
      [3, 6],
      [4, 8.5],
      [5, 10],
    ].map(([a]) => [a as number, 2 * (a as number)]);
    expect(thrown(() => ols(X, [1, 3, 2, 5, 4])).message).toMatch(
      /singular design: column x2 is a linear combination of x1/,
    );
    // A constant column duplicates the intercept.
    expect(
      thrown(() =>
        ols(
          [
            [1, 7],
            [2, 7],
            [3, 7],
            [4, 7],
          ],
          [1, 3, 2, 5],
        ),
      ).message,
    ).toMatch(/column x2 is a linear combination of intercept/);
    // Decimal collinearity: x3 = x1 + x2 exactly in decimal, not in binary.
    const D = [
      [0.1, 0.2],
      [0.3, 0.7],
      [0.2, 0.9],
      [0.5, 0.1],
      [0.4, 0.4],
    ].map(([a, b]) => [
      a as number,
      b as number,
      Number(((a as number) + (b as number)).toFixed(1)),
    ]);
    expect(thrown(() => ols(D, [1, 2, 3, 4, 6])).message).toMatch(
      /column x3 is a linear combination of x1, x2/,
    );
  });
});

describe('polyfit input errors', () => {
  it('degree out of range', () => {
    for (const degree of [0, 1.5, 21, Number.NaN]) {
      expect(thrown(() => polyfit([1, 2, 3, 4], [1, 2, 3, 4], degree)).message).toMatch(
        /degree to be an integer from 1 to 20/,
      );
    }
  });
  it('too few points for the degree', () => {
    expect(thrown(() => polyfit([1, 2, 3], [1, 4, 9], 2)).message).toMatch(
      /got 3 points for degree 2 with intercept, which needs at least 4/,
    );
  });
  it('lengths differ, all x identical, non-finite', () => {
    expect(thrown(() => polyfit([1, 2, 3], [1, 2], 1)).message).toMatch(/got 3 and 2/);
    expect(thrown(() => polyfit([3, 3, 3, 3], [1, 2, 3, 4], 1)).message).toMatch(/identical/);
    expect(thrown(() => polyfit([1, 2, 3, 4], [1, 2, -Infinity, 4], 1)).message).toMatch(
      /y\[2\] is -Infinity/,
    );
  });
});
