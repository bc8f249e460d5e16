/**
 * The scipy.stats endpoints beyond the generic checks (tests/endpoints.test.ts
 * runs each example, tests/properties.test.ts fuzzes each): request fields in
 * scipy's names reach the core, the validation messages of the new request
 * shapes (groups, tables, exclusive bounds), the core's StatsInputError as a
 * 422, and undefined results as null. Expected numbers are scipy 1.17's.
 */
import { describe, expect, it } from 'vitest';
import { expectInvalid, post } from './support/post';

describe('options in scipy names reach the core', () => {
  it('ttest_ind equal_var and alternative (scipy: Student, greater)', async () => {
    // stats.ttest_ind([1, 2, 3, 4], [3, 4, 5, 7], equal_var=True, alternative='greater')
    const { status, body } = await post('ttest_ind', {
      a: [1, 2, 3, 4],
      b: [3, 4, 5, 7],
      equal_var: true,
      alternative: 'greater',
    });
    expect(status).toBe(200);
    expect(body.df).toBe(6);
    expect(body.statistic).toBeCloseTo(-2.101947149236112, 12);
    expect(body.pvalue).toBeCloseTo(0.9598693368905139, 12);
    // Welch: a fractional df
    const welch = await post('ttest_ind', { a: [1, 2, 3, 4], b: [3, 4, 5, 7], equal_var: false });
    expect(welch.body.df).toBeCloseTo(5.584615384615386, 12);
  });

  it('chi2_contingency correction: Yates applies to a 2x2 table only when asked', async () => {
    // stats.chi2_contingency([[12, 5], [7, 9]]) and correction=False
    const yates = await post('chi2_contingency', {
      observed: [
        [12, 5],
        [7, 9],
      ],
    });
    const plain = await post('chi2_contingency', {
      observed: [
        [12, 5],
        [7, 9],
      ],
      correction: false,
    });
    expect(yates.body.statistic).toBeCloseTo(1.455996378814684, 12);
    expect(plain.body.statistic).toBeCloseTo(2.4305755196815575, 12);
    expect(plain.body.dof).toBe(1);
  });

  it('describe ddof and bias, pearsonr confidence_level, mannwhitneyu method', async () => {
    // stats.describe([1, 2, 3, 4, 10], ddof=0, bias=False)
    const d = await post('describe', { a: [1, 2, 3, 4, 10], ddof: 0, bias: false });
    expect(d.body.variance).toBeCloseTo(10, 12);
    expect(d.body.skewness).toBeCloseTo(1.6970562748477143, 12);
    // stats.pearsonr([1, 2, 3, 4, 5], [10, 9, 2.5, 6, 4]).confidence_interval(0.5)
    const p = await post('pearsonr', {
      x: [1, 2, 3, 4, 5],
      y: [10, 9, 2.5, 6, 4],
      confidence_level: 0.5,
    });
    expect(p.body.confidence_interval.low).toBeCloseTo(-0.8923227818042049, 12);
    expect(p.body.confidence_interval.high).toBeCloseTo(-0.4457137616137593, 12);
    // stats.mannwhitneyu([19, 22, 16, 29, 24], [20, 11, 17, 12], method='asymptotic')
    const m = await post('mannwhitneyu', {
      x: [19, 22, 16, 29, 24],
      y: [20, 11, 17, 12],
      method: 'asymptotic',
    });
    expect(m.body.pvalue).toBeCloseTo(0.11134688653314041, 12);
  });
});

describe('validation says what to fix', () => {
  it('groups and tables', async () => {
    await expectInvalid('f_oneway', { samples: [[1, 2, 3]] }, /samples needs at least 2 values/);
    await expectInvalid('f_oneway', { samples: [[1, 2], []] }, /samples\[1\] needs at least 1/);
    await expectInvalid(
      'chi2_contingency',
      { observed: [[1, 2], [3]] },
      /every row of observed must have the same number of columns \(row 0 has 2, row 1 has 1\)/,
    );
    await expectInvalid(
      'chi2_contingency',
      { observed: [[1, -2]] },
      /observed\[0\]\[1\] must be at least 0/,
    );
  });

  it('exclusive bounds, enums and minimum sizes', async () => {
    await expectInvalid(
      'pearsonr',
      { x: [1, 2, 3], y: [1, 2, 4], confidence_level: 1 },
      /confidence_level must be less than 1/,
    );
    await expectInvalid(
      'ks_2samp',
      { data1: [1], data2: [2], method: 'asymptotic' },
      /method must be one of "auto", "exact", "asymp"/,
    );
    await expectInvalid('shapiro', { x: [1, 2] }, /x needs at least 3 values/);
    await expectInvalid('ttest_1samp', { a: [1, 2] }, /popmean is required/);
    await expectInvalid(
      'ttest_rel',
      { a: [1, 2, 3], b: [1, 2] },
      /a and b must have the same length \(got 3 and 2\)/,
    );
    await expectInvalid(
      'ttest_ind',
      { a: [1, 2], b: [1, 2], equalVar: false },
      /unknown field "equalVar".*accepted fields are a, b, equal_var, alternative/,
    );
  });

  it("the core's StatsInputError is a 422 with its message", async () => {
    await expectInvalid('describe', { a: [1, 2], ddof: 3 }, /^describe requires ddof/, 422);
    await expectInvalid(
      'chi2_contingency',
      {
        observed: [
          [0, 0],
          [1, 2],
        ],
      },
      /expected frequency of 0/,
      422,
    );
    await expectInvalid(
      'kendalltau',
      { x: [1, 1, 2], y: [1, 2, 3], method: 'exact' },
      /ties.*'exact'/,
      422,
    );
  });
});

describe('undefined results are null, as scipy gives nan or inf', () => {
  it('a constant sample has no t statistic; constant groups that differ have F = inf', async () => {
    const t = await post('ttest_1samp', { a: [2, 2, 2], popmean: 2 });
    expect(t.status).toBe(200);
    expect(t.body).toEqual({ statistic: null, pvalue: null, df: 2 });
    const f = await post('f_oneway', {
      samples: [
        [1, 1],
        [2, 2],
      ],
    });
    expect(f.status).toBe(200);
    expect(f.body).toMatchObject({ statistic: null, pvalue: 0, df_between: 1, df_within: 2 });
  });
});
