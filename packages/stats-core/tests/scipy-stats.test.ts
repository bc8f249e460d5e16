import { expect, describe as group, it } from 'vitest';
import {
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
} from '../src/index';
import golden from './fixtures/golden/scipy_stats.json' with { type: 'json' };
import { expectClose, expectDescribe, expectStatistic, expectT, tag } from './golden';

/**
 * Reference: golden/scipy_stats.py (scipy 1.17 on random samples of several
 * sizes plus scipy's documented edge cases: ties, minimum n, zero variance,
 * one-sided alternatives, exact/asymptotic switch points). Tolerance: 12
 * significant digits (expectClose). Cases marked `exact` hold mpmath values
 * on the decimals written, where scipy itself loses digits.
 */

group('describe', () => {
  it.each(golden.describe.map((c, i) => [tag(c, i), c] as const))('%s', (label, c) => {
    const r = describe(c.a, c.options);
    expectDescribe(r, c, label);
  });
});

group('ttest1samp', () => {
  it.each(golden.ttest1samp.map((c, i) => [tag(c, i), c] as const))('%s', (label, c) => {
    expectT(ttest1samp(c.a, c.popmean, c.options as never), c, label);
  });
});

group('ttestInd', () => {
  it.each(golden.ttestInd.map((c, i) => [tag(c, i), c] as const))('%s', (label, c) => {
    expectT(ttestInd(c.a, c.b, c.options as never), c, label);
  });
});

group('ttestRel', () => {
  it.each(golden.ttestRel.map((c, i) => [tag(c, i), c] as const))('%s', (label, c) => {
    expectT(ttestRel(c.a, c.b, c.options as never), c, label);
  });
});

group('pearsonr', () => {
  it.each(golden.pearsonr.map((c, i) => [tag(c, i), c] as const))('%s', (label, c) => {
    const r = pearsonr(c.x, c.y, c.options as never);
    expectStatistic(r, c, label);
    expectClose(r.confidenceInterval.low, c.ci[0] as number, `${label} ci low`);
    expectClose(r.confidenceInterval.high, c.ci[1] as number, `${label} ci high`);
    const r90 = pearsonr(c.x, c.y, { ...(c.options as object), confidenceLevel: 0.9 });
    expectClose(r90.confidenceInterval.low, c.ci90[0] as number, `${label} ci90 low`);
    expectClose(r90.confidenceInterval.high, c.ci90[1] as number, `${label} ci90 high`);
  });
});

group('spearmanr', () => {
  it.each(golden.spearmanr.map((c, i) => [tag(c, i), c] as const))('%s', (label, c) => {
    const r = spearmanr(c.a, c.b, c.options as never);
    expectStatistic(r, c, label);
  });
});

group('kendalltau', () => {
  it.each(golden.kendalltau.map((c, i) => [tag(c, i), c] as const))('%s', (label, c) => {
    const r = kendalltau(c.x, c.y, c.options as never);
    expectStatistic(r, c, label);
  });
});

group('mannwhitneyu', () => {
  it.each(golden.mannwhitneyu.map((c, i) => [tag(c, i), c] as const))('%s', (label, c) => {
    const r = mannwhitneyu(c.x, c.y, c.options as never);
    expectStatistic(r, c, label);
  });
});

group('fOneway', () => {
  it.each(golden.fOneway.map((c, i) => [tag(c, i), c] as const))('%s', (label, c) => {
    const r = fOneway(...c.samples, c.options);
    expectStatistic(r, c, label);
  });
});

group('chi2Contingency', () => {
  it.each(golden.chi2Contingency.map((c, i) => [tag(c, i), c] as const))('%s', (label, c) => {
    const r = chi2Contingency(c.observed as number[][], c.options);
    expect(r.dof).toBe(c.dof);
    expectStatistic(r, c, label);
    r.expectedFreq.forEach((row, i) => {
      for (const [j, e] of row.entries()) {
        expectClose(e, (c.expectedFreq[i] as number[])[j] as number, `${label} expected`);
      }
    });
  });
});

group('shapiro', () => {
  it.each(golden.shapiro.map((c, i) => [`#${i} n=${c.x.length}`, c] as const))('%s', (label, c) => {
    const r = shapiro(c.x);
    expectStatistic(r, c, label);
  });
});

group('ks2samp', () => {
  it.each(
    golden.ks2samp.map(
      (c, i) => [`${tag(c, i)} n=${c.data1.length},${c.data2.length}`, c] as const,
    ),
  )('%s', (label, c) => {
    const r = ks2samp(c.data1, c.data2, c.options as never);
    expectClose(r.statistic, c.statistic, `${label} statistic`);
    // Where scipy's exact p-value (1 - P(inside)) loses digits, the generator
    // stores the exact lattice-path count as pvalueExact.
    expectClose(
      r.pvalue,
      'pvalueExact' in c ? (c.pvalueExact as number) : c.pvalue,
      `${label} pvalue`,
    );
    expect(r.statisticLocation).toBe(c.statisticLocation);
    expect(r.statisticSign).toBe(c.statisticSign);
  });
});

/**
 * Fuzz goldens: 120 rounds of small random inputs (n = 1..13, with ties,
 * constant samples and minimum sizes) through every function and option
 * combination the generator draws. Tolerance: 12 significant digits plus
 * 1e-14 absolute for values that are zero up to rounding (a correlation of
 * 1e-17 where scipy has 0).
 */
const library: Record<string, (...args: never[]) => Record<string, number>> = {
  describe: describe as never,
  pearsonr: pearsonr as never,
  spearmanr: spearmanr as never,
  kendalltau: kendalltau as never,
  ttest1samp: ttest1samp as never,
  ttestInd: ttestInd as never,
  ttestRel: ttestRel as never,
  mannwhitneyu: mannwhitneyu as never,
  ks2samp: ks2samp as never,
  fOneway: fOneway as never,
  shapiro: shapiro as never,
  chi2Contingency: chi2Contingency as never,
};

group('fuzz', () => {
  it.each(golden.fuzz.map((c, i) => [`#${i} ${c.fn} ${JSON.stringify(c.options)}`, c] as const))(
    '%s',
    (label, c) => {
      const fn = library[c.fn] as (...args: unknown[]) => Record<string, number>;
      const result = fn(...(c.args as unknown[]), c.options);
      for (const [field, expected] of Object.entries(c.expected)) {
        expectClose(result[field] as number, expected as number, `${label} ${field}`, 1e-14);
      }
    },
  );
});
