import { expect, describe as group, it } from 'vitest';
import {
  iqr,
  medianAbsDeviation,
  modifiedZscore,
  StatsInputError,
  siegelslopes,
  theilslopes,
  zscore,
} from '../src/index';
import golden from './fixtures/golden/robust.json' with { type: 'json' };
import { expectClose, num } from './golden';

/**
 * Reference: golden/robust.py (scipy 1.17, numpy 2.4). The medians, order
 * statistics and quantiles are the same floating-point operations as
 * scipy's, so they agree to the last bit; the tolerance is still the
 * suite's 12 significant digits (expectClose), with absolute floors stated
 * where a value is zero up to rounding. Modified z-scores are checked
 * against the definition evaluated by numpy (Iglewicz and Hoaglin 1993).
 * zscore cases marked `exact` (data on a 1e6 offset, where scipy's float64
 * mean loses about 5 digits) hold mpmath values on the decimals written.
 */
const tag = (c: { options?: object }, i: number, n: number) =>
  `#${i} n=${n} ${JSON.stringify(c.options ?? {})}`;
const nums = (a: readonly (number | string)[]) => a.map(num);
type Options = Record<string, unknown>;

group('medianAbsDeviation (scipy.stats.median_abs_deviation)', () => {
  it.each(golden.median_abs_deviation.map((c, i) => [tag(c, i, c.x.length), c] as const))(
    '%s',
    (label, c) => {
      expectClose(medianAbsDeviation(nums(c.x), c.options as Options), c.expected, label);
    },
  );
});

group('zscore (scipy.stats.zscore)', () => {
  it.each(golden.zscore.map((c, i) => [tag(c, i, c.a.length), c] as const))('%s', (label, c) => {
    const z = zscore(nums(c.a), c.options as Options);
    expect(z.length).toBe(c.expected.length);
    // a score of a value equal to the mean is 0 up to scipy's own rounding
    for (const [i, e] of c.expected.entries())
      expectClose(z[i] as number, e, `${label} [${i}]`, 1e-13);
  });
});

group('iqr (scipy.stats.iqr)', () => {
  it.each(golden.iqr.map((c, i) => [tag(c, i, c.x.length), c] as const))('%s', (label, c) => {
    expectClose(iqr(nums(c.x), c.options as Options), c.expected, label);
  });
});

group('theilslopes (scipy.stats.theilslopes)', () => {
  it.each(golden.theilslopes.map((c, i) => [tag(c, i, c.y.length), c] as const))(
    '%s',
    (label, c) => {
      const r = theilslopes(nums(c.y), c.x, c.options as Options);
      // an intercept that is 0 up to rounding of slope * median(x)
      expectClose(r.slope, c.slope, `${label} slope`);
      expectClose(r.intercept, c.intercept, `${label} intercept`, 1e-13);
      expectClose(r.lowSlope, c.lowSlope, `${label} low`);
      expectClose(r.highSlope, c.highSlope, `${label} high`);
    },
  );
});

group('siegelslopes (scipy.stats.siegelslopes)', () => {
  it.each(golden.siegelslopes.map((c, i) => [tag(c, i, c.y.length), c] as const))(
    '%s',
    (label, c) => {
      const r = siegelslopes(nums(c.y), c.x, c.options as Options);
      expectClose(r.slope, c.slope, `${label} slope`);
      expectClose(r.intercept, c.intercept, `${label} intercept`, 1e-13);
    },
  );
});

group('modifiedZscore (Iglewicz and Hoaglin)', () => {
  it.each(golden.modified_zscore.map((c, i) => [tag(c, i, c.x.length), c] as const))(
    '%s',
    (label, c) => {
      const r = modifiedZscore(c.x, c.options as Options);
      expectClose(r.median, c.median, `${label} median`);
      expectClose(r.mad, c.mad, `${label} mad`);
      expect(r.scaleUsed).toBe('mad');
      for (const [i, e] of c.scores.entries())
        expectClose(r.scores[i] as number, e, `${label} [${i}]`, 1e-14);
      expect(r.outliers).toEqual(c.outliers);
    },
  );

  it('flags a spike of 6 robust standard deviations and nothing in normal data around it', () => {
    // the golden's 200-point series: N(50, 2) with +12 (6 sd) at 17 and -20 at 90
    const c = golden.modified_zscore.at(-1) as (typeof golden.modified_zscore)[number];
    const r = modifiedZscore(c.x);
    expect(r.outliers.flatMap((o, i) => (o ? [i] : []))).toEqual([17, 90]);
  });

  it('uses the mean absolute deviation when more than half the values are equal (MAD = 0)', () => {
    // median 5, MAD 0; MeanAD = (0+0+0+1+11)/5 = 2.4; M = (x - 5) / (1.253314 * 2.4)
    const r = modifiedZscore([5, 5, 5, 6, 16]);
    expect(r.mad).toBe(0);
    expect(r.scaleUsed).toBe('meanAbsoluteDeviation');
    expect(r.scores[4]).toBeCloseTo(11 / (1.253314 * 2.4), 14);
    expect(r.outliers).toEqual([false, false, false, false, true]);
  });

  it('gives scores of 0 and no outliers for constant data', () => {
    const r = modifiedZscore([7, 7, 7]);
    expect(Array.from(r.scores)).toEqual([0, 0, 0]);
    expect(r.scaleUsed).toBe('none');
    expect(r.outliers).toEqual([false, false, false]);
  });

  it('honours a configured threshold and omits NaN when asked', () => {
    const r = modifiedZscore([1, 2, Number.NaN, 3, 4, 9], { threshold: 2, nanPolicy: 'omit' });
    expect(Number.isNaN(r.scores[2])).toBe(true);
    expect(r.outliers).toEqual([false, false, false, false, false, true]);
    expect(r.median).toBe(3);
  });
});

group('edge cases: a typed error where scipy warns and returns NaN', () => {
  const throws = (f: () => unknown, says: RegExp) => {
    expect(f).toThrow(StatsInputError);
    expect(f).toThrow(says);
  };
  it('rejects empty samples', () => {
    throws(() => medianAbsDeviation([]), /medianAbsDeviation requires at least one/);
    throws(() => iqr([]), /iqr requires at least one/);
    throws(() => zscore([]), /zscore requires a non-empty sample/);
    throws(() => modifiedZscore([]), /modifiedZscore requires a non-empty sample/);
    throws(() => medianAbsDeviation([Number.NaN], { nanPolicy: 'omit' }), /at least one/);
  });
  it('rejects slopes when every x is equal (scipy: NaN, or an arbitrary value for siegelslopes)', () => {
    throws(() => theilslopes([1, 2, 3], [1, 1, 1]), /at least two different x values/);
    throws(() => siegelslopes([1, 2, 3], [1, 1, 1]), /at least two different x values/);
  });
  it('rejects too few points, unequal lengths and bad options with what to change', () => {
    throws(() => theilslopes([1]), /at least 2 \(non-NaN\) points \(got 1\)/);
    throws(() => siegelslopes([1, 2], [1, 2, 3]), /equal length \(got 3 and 2\)/);
    throws(() => theilslopes([1, 2], null, { alpha: 1 }), /alpha strictly between 0 and 1/);
    throws(() => theilslopes([1, 2], null, { method: 'both' as 'joint' }), /'separate' or 'joint'/);
    throws(
      () => siegelslopes([1, 2], null, { method: 'x' as 'separate' }),
      /'hierarchical' or 'separate'/,
    );
    throws(() => iqr([1, 2], { rng: [10, 120] }), /in \[0, 100\] \(got \[10, 120\]\)/);
    throws(() => iqr([1, 2], { interpolation: 'cubic' as 'linear' }), /interpolation to be one of/);
    throws(() => medianAbsDeviation([1, 2], { scale: 0 }), /positive finite number or 'normal'/);
    throws(() => zscore([1, 2], { ddof: 3 }), /ddof <= the number of values/);
    throws(() => zscore([1, 2], { ddof: 0.5 }), /non-negative integer/);
    throws(() => modifiedZscore([1, 2], { threshold: -1 }), /positive finite number/);
    throws(() => zscore([1, 2], { nanPolicy: 'skip' as 'omit' }), /'propagate', 'omit' or 'raise'/);
  });
  it("raises on NaN under nanPolicy 'raise'", () => {
    throws(() => iqr([1, Number.NaN], { nanPolicy: 'raise' }), /1 NaN value in x/);
    throws(() => theilslopes([1, Number.NaN, 3], null, { nanPolicy: 'raise' }), /NaN in 1 pair/);
  });
  it('answers a lone value as scipy does', () => {
    expect(medianAbsDeviation([3])).toBe(0);
    expect(iqr([3])).toBe(0);
    expect(Number.isNaN(zscore([3])[0])).toBe(true);
  });
});

group('selection gives the same order statistics as sorting', () => {
  it('theilslopes interval bounds are the sorted slopes at Sen ranks, on tied data', () => {
    // 30 points with heavy ties in both x and y: compare with a brute-force sort
    const x = Array.from({ length: 30 }, (_, i) => Math.floor(i / 3));
    const y = x.map((v, i) => (v * 7 + ((i * 13) % 5)) % 11);
    const r = theilslopes(y, x, { alpha: 0.9 });
    const slopes: number[] = [];
    for (let i = 0; i < 30; i++)
      for (let j = 0; j < 30; j++)
        if (x[i]! > x[j]!) slopes.push((y[i]! - y[j]!) / (x[i]! - x[j]!));
    slopes.sort((a, b) => a - b);
    const nt = slopes.length;
    const med = nt % 2 ? slopes[(nt - 1) / 2]! : (slopes[nt / 2 - 1]! + slopes[nt / 2]!) / 2;
    expect(r.slope).toBe(med);
    expect(slopes).toContain(r.lowSlope);
    expect(slopes).toContain(r.highSlope);
    expect(r.lowSlope).toBeLessThanOrEqual(r.slope);
    expect(r.highSlope).toBeGreaterThanOrEqual(r.slope);
  });
});
