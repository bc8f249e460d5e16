import fc from 'fast-check';
import { expect, describe as group, it } from 'vitest';
import {
  autocorrelationLag1,
  chi2Contingency,
  describe,
  fOneway,
  kendalltau,
  ks2samp,
  mannwhitneyu,
  pearsonr,
  shapiro,
  spearmanr,
  ttest1samp,
  ttestInd,
  ttestRel,
  zscore,
} from '../src/index';
import { inputError } from './support/errors';

group('bad input is a StatsInputError that says what to fix', () => {
  it.each([
    ['describe', () => describe([]), /describe requires a non-empty sample/],
    ['describe', () => describe([1, 2], { ddof: -1 }), /ddof to be a non-negative integer/],
    ['describe', () => describe([1, 2], { ddof: 0.5 }), /non-negative integer \(got 0\.5\)/],
    ['zscore', () => zscore([1, 2], { ddof: -1 }), /zscore requires ddof to be a non-negative/],
    ['zscore', () => zscore([1, 2], { ddof: '1' as never }), /non-negative integer \(got 1\)/],
    ['describe', () => describe([1, 'a' as never]), /a\[1\] to be a number/],
    [
      'describe',
      () => describe([1, 2], { ddof: 3 }),
      /ddof <= the number of values \(got ddof 3 for 2 values/,
    ],
    ['autocorrelationLag1', () => autocorrelationLag1([1]), /at least 2 values \(got 1\)/],
    ['pearsonr', () => pearsonr([1, 2, 3], [1, 2]), /x and y of equal length \(got 3 and 2\)/],
    ['pearsonr', () => pearsonr([1], [1]), /length at least 2/],
    [
      'pearsonr',
      () => pearsonr([1, 2, 3], [3, 1, 2], { alternative: 'bigger' as never }),
      /'two-sided', 'less' or 'greater'/,
    ],
    [
      'pearsonr',
      () => pearsonr([1, 2, 3], [3, 1, 2], { confidenceLevel: 95 }),
      /confidenceLevel between 0 and 1/,
    ],
    ['spearmanr', () => spearmanr([1, 2], [1]), /equal length/],
    ['kendalltau', () => kendalltau([1, 1, 2], [1, 2, 3], { method: 'exact' }), /ties/],
    [
      'kendalltau',
      () => kendalltau([1, 2], [1, 2], { method: 'fast' as never }),
      /method to be 'auto', 'exact' or 'asymptotic'/,
    ],
    ['ttest1samp', () => ttest1samp([1, 2], '0' as never), /popmean to be a number/],
    [
      'ttestInd',
      () => ttestInd([1, 2], [3, 4], { equalVar: 'no' as never }),
      /equalVar to be true or false/,
    ],
    [
      'ttestRel',
      () => ttestRel([1, 2, 3], [1, 2]),
      /requires a and b of equal length \(got 3 and 2\)/,
    ],
    ['mannwhitneyu', () => mannwhitneyu([], [1]), /at least 1 value/],

    ['fOneway', () => fOneway([1, 2, 3]), /at least two samples \(got 1\)/],
    [
      'fOneway',
      () => fOneway([1, 2], [3, 4], { equalVar: 1 as never }),
      /equalVar to be true or false/,
    ],
    ['chi2Contingency', () => chi2Contingency([]), /non-empty table/],
    [
      'chi2Contingency',
      () => chi2Contingency([[1, 2], [3]]),
      /every row of observed to have 2 entries \(row 1 has 1\)/,
    ],
    [
      'chi2Contingency',
      () =>
        chi2Contingency([
          [1, -2],
          [3, 4],
        ]),
      /non-negative counts \(observed\[0\]\[1\] is -2\)/,
    ],
    [
      'chi2Contingency',
      () =>
        chi2Contingency([
          [0, 0],
          [3, 4],
        ]),
      /expected frequency of 0 at \[0\]\[0\]/,
    ],
    ['ks2samp', () => ks2samp([], [1, 2]), /data1 to have at least 1 value/],
    [
      'ks2samp',
      () => ks2samp([1], [2], { method: 'fast' as never }),
      /method to be 'auto', 'exact' or 'asymp'/,
    ],
    ['shapiro', () => shapiro('1,2,3' as never), /x to be an array of numbers/],
  ] as const)('%s: %s', (name, call, message) => {
    const error = inputError(call);
    expect(error.fn).toBe(name);
    expect(error.message).toMatch(message);
  });
});

group('documented examples', () => {
  it('give the values their doc comments show (scipy 1.17)', () => {
    expect(describe([1, 2, 3, 4, 10]).variance).toBe(12.5);
    expect(autocorrelationLag1([1, 2, 3, 4])).toBe(0.25);
    expect(fOneway([1, 2, 3], [2, 3, 4], [5, 6, 7]).statistic).toBeCloseTo(13, 12);
    expect(ttest1samp([5.1, 4.9, 5.6, 5.8, 6.0], 5).statistic).toBeCloseTo(2.304073731539131, 13);
    expect(ttestRel([1, 2, 3, 4], [1.5, 2.1, 3.9, 4.2]).df).toBe(3);
    expect(ttestInd([1, 2, 3, 4], [3, 4, 5, 6], { equalVar: false }).statistic).toBeCloseTo(
      -2.1908902300206647,
      13,
    );
    expect(pearsonr([1, 2, 3, 4, 5], [10, 9, 2.5, 6, 4]).statistic).toBeCloseTo(
      -0.7426106572325056,
      14,
    );
    expect(spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).statistic).toBeCloseTo(
      0.8207826816681233,
      14,
    );
    expect(kendalltau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]).statistic).toBeCloseTo(
      -0.4714045207910316,
      14,
    );
    expect(mannwhitneyu([19, 22, 16, 29, 24], [20, 11, 17, 12])).toEqual({
      statistic: 17,
      pvalue: 0.1111111111111111,
    });
    expect(
      chi2Contingency([
        [10, 10, 20],
        [20, 20, 20],
      ]).statistic,
    ).toBeCloseTo(2.7777777777777777, 14);
    expect(
      ks2samp([0.61, 0.29, 0.06, 0.59, -1.73], [-0.62, 1.2, 0.5, 3.1, 2.4, 2.9]).pvalue,
    ).toBeCloseTo(0.10822510822510821, 14);
    expect(shapiro([2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.1]).statistic).toBeCloseTo(
      0.9639247731413361,
      14,
    );
  });
});

/**
 * Identities that hold whatever the data (fast-check, 100 seeded runs each), an
 * independent check on the implementations beside the scipy goldens.
 */
group('identities', () => {
  // Fixed seed: the same 100 cases on every run. Values are hundredths, so no
  // subnormal underflow makes a sum of squares vanish.
  fc.configureGlobal({ seed: 20261126, numRuns: 100 });
  const sample = (min: number) =>
    fc.array(
      fc.integer({ min: -100000, max: 100000 }).map((v) => v / 100),
      { minLength: min, maxLength: 30 },
    );

  it('one-way ANOVA on two groups is the pooled t-test squared', () => {
    fc.assert(
      fc.property(sample(2), sample(2), (a, b) => {
        const f = fOneway(a, b);
        const t = ttestInd(a, b);
        fc.pre(
          Number.isFinite(f.statistic) &&
            Number.isFinite(t.statistic) &&
            Math.abs(t.statistic) > 1e-6,
        );
        expect(Math.abs(f.statistic - t.statistic ** 2)).toBeLessThanOrEqual(1e-9 * f.statistic);
        expect(Math.abs(f.pvalue - t.pvalue)).toBeLessThanOrEqual(1e-9 * t.pvalue + 1e-300);
      }),
    );
  });

  it('the paired t-test is the one-sample t-test of the differences', () => {
    fc.assert(
      fc.property(sample(2), (a) => {
        const b = a.map((v, i) => v / 2 + i);
        expect(ttestRel(a, b)).toEqual(
          ttest1samp(
            a.map((v, i) => v - (b[i] as number)),
            0,
          ),
        );
      }),
    );
  });

  it('the ANOVA sums of squares do not depend on a shift of all the data (exact path on large offsets)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -999, max: 999 }), { minLength: 2, maxLength: 20 }),
        fc.array(fc.integer({ min: -999, max: 999 }), { minLength: 2, maxLength: 20 }),
        (a, b) => {
          const base = fOneway(
            a.map((v) => v / 100),
            b.map((v) => v / 100),
          );
          const shifted = fOneway(
            a.map((v) => 1e9 + v / 100),
            b.map((v) => 1e9 + v / 100),
          );
          fc.pre(base.ssWithin > 0);
          expect(Math.abs(shifted.ssWithin - base.ssWithin)).toBeLessThanOrEqual(
            1e-13 * base.ssWithin,
          );
          expect(Math.abs(shifted.ssBetween - base.ssBetween)).toBeLessThanOrEqual(
            1e-13 * base.ssWithin,
          );
        },
      ),
    );
  });

  it('rank statistics do not change under a strictly monotone transform', () => {
    const ints = fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 3, maxLength: 30 });
    fc.assert(
      fc.property(ints, ints, (x, y) => {
        const n = Math.min(x.length, y.length);
        const a = x.slice(0, n);
        const b = y.slice(0, n);
        const expA = a.map((v) => Math.exp(v / 10));
        expect(spearmanr(expA, b)).toEqual(spearmanr(a, b));
        expect(kendalltau(expA, b)).toEqual(kendalltau(a, b));
        expect(
          mannwhitneyu(
            expA,
            b.map((v) => Math.exp(v / 10)),
          ),
        ).toEqual(mannwhitneyu(a, b));
      }),
    );
  });
});

group('NaN propagates as scipy (nan_policy propagate)', () => {
  it('describe with ddof = n gives Infinity, or NaN for constant data, as scipy', () => {
    expect(describe([1, 2], { ddof: 2 }).variance).toBe(Number.POSITIVE_INFINITY);
    expect(describe([1, 1], { ddof: 2 }).variance).toBeNaN();
    expect(describe([1]).variance).toBeNaN();
    expect(describe([1], { ddof: 0 }).variance).toBe(0);
  });

  it('gives NaN results, df included, rather than an error', () => {
    const nanT = { statistic: Number.NaN, pvalue: Number.NaN, df: Number.NaN };
    expect(ttest1samp([1, Number.NaN, 3], 1)).toEqual(nanT);
    expect(ttest1samp([1, 2, 3], Number.NaN)).toEqual(nanT);
    expect(ttestInd([1, 2, Number.NaN], [1, 2, 3])).toEqual(nanT);
    expect(ttestRel([1, 2, Number.NaN], [1, 2, 3])).toEqual(nanT);
    expect(mannwhitneyu([1, 2, Number.NaN], [1, 2, 3])).toEqual({
      statistic: Number.NaN,
      pvalue: Number.NaN,
    });
    expect(describe([1, Number.NaN, 3]).mean).toBeNaN();
    expect(pearsonr([1, 2, Number.NaN], [1, 2, 3]).statistic).toBeNaN();
    expect(fOneway([1, 2, Number.NaN], [1, 2, 3]).statistic).toBeNaN();
    expect(ks2samp([1, 2, Number.NaN], [1, 2, 3]).pvalue).toBeNaN();
    expect(shapiro([1, 2, Number.NaN, 4]).statistic).toBeNaN();
  });
});

group('Float64Array input', () => {
  it('gives the same results as number[]', () => {
    const a = [2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.1];
    const b = [1.2, 2.2, 2.9, 4.8, 3.1, 3.9, 2.0, 5.5];
    const fa = Float64Array.from(a);
    const fb = Float64Array.from(b);
    expect(describe(fa)).toEqual(describe(a));
    expect(pearsonr(fa, fb)).toEqual(pearsonr(a, b));
    expect(spearmanr(fa, fb)).toEqual(spearmanr(a, b));
    expect(kendalltau(fa, fb)).toEqual(kendalltau(a, b));
    expect(ttestInd(fa, fb)).toEqual(ttestInd(a, b));
    expect(ttestRel(fa, fb)).toEqual(ttestRel(a, b));
    expect(mannwhitneyu(fa, fb)).toEqual(mannwhitneyu(a, b));
    expect(fOneway(fa, fb)).toEqual(fOneway(a, b));
    expect(ks2samp(fa, fb)).toEqual(ks2samp(a, b));
    expect(shapiro(fa)).toEqual(shapiro(a));
    expect(autocorrelationLag1(fa)).toBe(autocorrelationLag1(a));
  });
});
