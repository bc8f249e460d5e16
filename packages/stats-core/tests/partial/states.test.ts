import { lcg } from '@lambda-stats/lambda-kit/random';
import { expect, describe as group, it } from 'vitest';
import { bigIntsAt, columnDot, columnSum, integerColumn } from '../../src/partial/columns';
import { toScaledIntegers } from '../../src/regression/internal/decimal';
import { linregressExact } from '../../src/regression/internal/linregressExact';
import { inputError as errorOf } from '../support/errors';
import {
  chi2ContingencyMerge,
  chi2ContingencyPartial,
  describe,
  describeEmpty,
  describeFinalize,
  describeMerge,
  describePartial,
  fOnewayFinalize,
  fOnewayPartial,
  linregress,
  linregressEmpty,
  linregressFinalize,
  linregressMerge,
  linregressPartial,
  MAX_STATE_BYTES,
  olsEmpty,
  olsFinalize,
  olsMerge,
  olsPartial,
  PARTIAL_STATISTICS,
  parseLinregressState,
  parsePartialState,
  partialMerge,
  pearsonrFinalize,
  pearsonrMerge,
  pearsonrPartial,
  polyfitFinalize,
  polyfitMerge,
  polyfitPartial,
  ttest1samp,
  ttest1sampFinalize,
  ttest1sampMerge,
  ttest1sampPartial,
  ttestIndEmpty,
  ttestIndMerge,
  ttestIndPartial,
} from './api';

/**
 * What a reducer relies on besides the numbers: empty chunks, JSON-safe and
 * small states, clear errors for malformed states and bad input, and the
 * one-shot functions' edge cases and errors reproduced by the finalizers.
 */

group('empty chunks', () => {
  it('an empty state (or a Partial of empty arrays) is the identity of Merge', () => {
    const s = linregressPartial([1, 2, 3], [2, 4.5, 6]);
    expect(linregressMerge(linregressEmpty(), s)).toEqual(s);
    expect(linregressMerge(s, linregressPartial([], []))).toEqual(s);
    const d = describePartial([1, 2, 5]);
    expect(describeMerge(describeEmpty(), d)).toEqual(d);
    expect(describeMerge(d, describePartial([]))).toEqual(d);
    const o = olsPartial([[1], [2], [4]], [1, 2, 3.5]);
    expect(olsMerge(olsPartial([], []), o)).toEqual(o);
    expect(olsMerge(o, olsEmpty(1))).toEqual(o);
    const t = ttestIndPartial([1, 2], []);
    expect(ttestIndMerge(ttestIndEmpty(), t)).toEqual(t);
  });

  it('finalizing too few rows gives the one-shot error', () => {
    expect(errorOf(() => linregressFinalize(linregressEmpty())).message).toBe(
      linregressMessage(() => linregress([], [])),
    );
    expect(errorOf(() => describeFinalize(describeEmpty())).message).toMatch(
      /describe requires a non-empty sample/,
    );
    expect(errorOf(() => olsFinalize(olsEmpty(2))).message).toMatch(
      /requires more observations than coefficients \(got 0 observations for 3 coefficients\)/,
    );
  });
});

function linregressMessage(f: () => unknown): string {
  return errorOf(f).message;
}

group('the one-shot functions edge cases and errors', () => {
  it('linregress: identical x is an error, constant y scipy s answer, n = 2 exact', () => {
    expect(errorOf(() => linregressFinalize(linregressPartial([2, 2, 2], [1, 2, 3]))).message).toBe(
      linregressMessage(() => linregress([2, 2, 2], [1, 2, 3])),
    );
    const constantY = linregressFinalize(
      linregressMerge(linregressPartial([1, 2], [5, 5]), linregressPartial([3, 4], [5, 5])),
    );
    expect(constantY).toEqual(linregress([1, 2, 3, 4], [5, 5, 5, 5]));
    expect(linregressFinalize(linregressPartial([1, 2], [5, 7]))).toEqual(
      linregress([1, 2], [5, 7]),
    );
    expect(linregressFinalize(linregressPartial([0.1, 0.2, 0.3], [0.3, 0.5, 0.7]))).toEqual(
      linregress([0.1, 0.2, 0.3], [0.3, 0.5, 0.7]),
    );
  });

  it('rejects NaN and infinite values where the one-shot function does, naming the index', () => {
    expect(errorOf(() => linregressPartial([1, Number.NaN], [1, 2])).message).toBe(
      'linregress requires finite values, but x[1] is NaN; remove or impute it',
    );
    expect(errorOf(() => olsPartial([[1], [Infinity]], [1, 2])).message).toMatch(
      /ols requires finite values, but X\[1\]\[0\] is Infinity/,
    );
  });

  it('NaN propagates where scipy propagates it (a flag in the state, JSON-safe)', () => {
    const s = ttest1sampMerge(ttest1sampPartial([1, 2]), ttest1sampPartial([Number.NaN, 3]));
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(ttest1sampFinalize(s, 0)).toEqual(ttest1samp([1, 2, Number.NaN, 3], 0));
    const d = describeMerge(describePartial([1, 2]), describePartial([Number.NaN]));
    expect(describeFinalize(d)).toEqual(describe([1, 2, Number.NaN]));
    const p = pearsonrFinalize(
      pearsonrMerge(
        pearsonrPartial([1, 2, 3], [1, 5, 2]),
        pearsonrPartial([Number.NaN, 4], [1, 2]),
      ),
    );
    expect(p.statistic).toBeNaN();
    expect(p.pvalue).toBeNaN();
  });

  it('f_oneway needs two groups in the data', () => {
    expect(errorOf(() => fOnewayFinalize(fOnewayPartial({ only: [1, 2, 3] }))).message).toBe(
      'fOneway requires at least two samples (got 1 group: "only")',
    );
  });

  it('chi2_contingency rejects non-string labels and unequal lengths', () => {
    expect(errorOf(() => chi2ContingencyPartial(['a', 1 as never], ['x', 'y'])).message).toMatch(
      /rows\[1\] is 1/,
    );
    expect(errorOf(() => chi2ContingencyPartial(['a'], ['x', 'y'])).message).toMatch(
      /equal length \(got 1 and 2\)/,
    );
  });

  it('a singular design names the column', () => {
    const X = [
      [1, 2],
      [2, 4],
      [3, 6],
      [4, 8.5],
    ];
    const s = olsPartial(
      X.map((r) => [r[0] as number, 2 * (r[0] as number)]),
      [1, 2, 3, 5],
    );
    expect(errorOf(() => olsFinalize(s)).message).toMatch(
      /cannot fit a singular design: column x2/,
    );
  });
});

group('malformed states get a clear error', () => {
  const good = linregressPartial([1, 2, 3], [1, 2, 4]);
  it.each([
    [null, /requires state to be an object \(got null\)/],
    [
      { ...good, stat: 'pearsonr' },
      /requires a linregress state \(state.stat is the string "pearsonr"\)/,
    ],
    [{ ...good, v: 2 }, /state format version 1 \(state.v is 2\)/],
    [{ ...good, n: -1 }, /state.n to be a non-negative integer count \(got -1\)/],
    [{ ...good, sxx: '1.5' }, /state.sxx to be an exact decimal string/],
    [{ ...good, sxx: '150' }, /state.sxx to be an exact decimal string/],
    [{ ...good, sy: 7 }, /state.sy to be an exact decimal string .* \(got 7\)/],
  ])('%j', (value, message) => {
    expect(errorOf(() => parseLinregressState(value)).message).toMatch(message);
  });

  it('merging states of different shapes says what differs', () => {
    expect(
      errorOf(() => olsMerge(olsPartial([[1, 2]], [1]), olsPartial([[1]], [1]))).message,
    ).toMatch(/different predictor counts \(a has 2, b has 1\)/);
    expect(
      errorOf(() => polyfitMerge(polyfitPartial([1], [1], 2), polyfitPartial([1], [1], 3))).message,
    ).toMatch(/different degrees \(a has 2, b has 3\)/);
    expect(errorOf(() => linregressMerge(good, describePartial([1]) as never)).message).toMatch(
      /requires a linregress state \(b.stat is the string "describe"\)/,
    );
  });
});

group('states stay small, JSON-safe and exact', () => {
  it('a degree-20 polyfit state of full 17-digit doubles stays under 256 KiB', () => {
    const random = lcg(3);
    const x = Array.from({ length: 2000 }, () => 1000 * random());
    const y = x.map((v) => v + random());
    const text = JSON.stringify(polyfitPartial(x, y, 20));
    expect(text.length).toBeLessThan(MAX_STATE_BYTES);
    console.log(`degree-20 polyfit state of 17-digit doubles: ${text.length} bytes`);
  });

  it('every statistic with a partial form is listed', () => {
    expect([...PARTIAL_STATISTICS].sort()).toEqual(
      [
        'chi2_contingency',
        'describe',
        'f_oneway',
        'linregress',
        'ols',
        'pearsonr',
        'polyfit',
        'ttest_1samp',
        'ttest_ind',
        'ttest_rel',
      ].sort(),
    );
  });

  it('integers beyond 2^53 and 17-digit values take the BigInt route, still exact', () => {
    const x = [1e20, 1e20 + 2 ** 17, 3e20, 4.5e20, 0.1, 123456789.12345678];
    const y = [1, 2.5, 3, 0.12345678901234568, 7, 8];
    const states = x.map((v, i) => linregressPartial([v], [y[i] as number]));
    const merged = states.reduce((a, b) => linregressMerge(a, b));
    expect(JSON.stringify(merged)).toBe(JSON.stringify(linregressPartial(x, y)));
    const r = linregressFinalize(merged);
    const e = linregressExact(x, y);
    for (const k of ['slope', 'intercept', 'rvalue', 'stderr', 'interceptStderr'] as const) {
      expect(Math.abs(r[k] - e[k]) / Math.abs(e[k]), k).toBeLessThan(1e-15);
    }
  });

  it('chi2_contingency caps the cells a state may hold', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `r${i}`);
    expect(errorOf(() => chi2ContingencyPartial(rows, rows)).message).toMatch(
      /at most 4096 distinct \(row, column\) cells/,
    );
    const a = chi2ContingencyPartial(rows.slice(0, 3000), rows.slice(0, 3000));
    const b = chi2ContingencyPartial(rows.slice(3000), rows.slice(3000));
    expect(errorOf(() => chi2ContingencyMerge(a, b)).message).toMatch(/at most 4096/);
  });

  it('polyfit finalize rejects identical x like polyfit', () => {
    expect(
      errorOf(() => polyfitFinalize(polyfitPartial([2, 2, 2, 2], [1, 2, 3, 4], 1))).message,
    ).toBe('polyfit cannot fit a polynomial when all x values are identical (every x is 2)');
  });
});

group('the wide route: exact decimal integers of full-precision doubles without strings', () => {
  it('gives exactly the integers the string route gives (toScaledIntegers)', () => {
    const random = lcg(11);
    const families = [
      Array.from({ length: 500 }, () => random() * 1000),
      Array.from({ length: 500 }, () => (random() - 0.5) * 1e-3),
      Array.from({ length: 500 }, () => 1e9 + random()),
      // Dyadic values whose 17-digit decimal is a tie (1000000000.00390625):
      // String rounds those to the even digit.
      Array.from({ length: 500 }, () => 1e9 + Math.round(random() * 2 ** 20) / 2 ** 12),
      Array.from({ length: 500 }, () => (random() < 0.5 ? 0.1 : random() * 1e15)),
      [0, -0, 1e20, -123456789012345680000, 0.30000000000000004, 5e-324 * 0 + 1e-5],
    ];
    for (const x of families) {
      const c = integerColumn('test', 'x', x);
      expect(c.kind).not.toBe('float');
      const ref = toScaledIntegers(x);
      const ours = bigIntsAt(c, Math.min(c.exponent, ref.exponent));
      const theirs = bigIntsAt(
        { kind: 'big', ints: ref.integers, exponent: ref.exponent },
        Math.min(c.exponent, ref.exponent),
      );
      expect(ours).toEqual(theirs);
      // And the exact sums agree with BigInt sums of the string route's integers.
      let s1 = 0n;
      let s2 = 0n;
      for (const v of theirs) {
        s1 += v;
        s2 += v * v;
      }
      const e = Math.min(c.exponent, ref.exponent);
      const f = 10n ** BigInt(c.exponent - e);
      expect(columnSum(c) * f).toBe(s1);
      expect(columnDot(c, c) * f * f).toBe(s2);
    }
  });
});

group('the generic reducer step', () => {
  it('parsePartialState and partialMerge dispatch on stat', () => {
    const a = linregressPartial([1, 2], [3, 5.5]);
    const b = linregressPartial([3, 4], [8, 9]);
    expect(partialMerge(a, b)).toEqual(linregressMerge(a, b));
    const c = chi2ContingencyPartial(['a'], ['x']);
    expect(partialMerge(c, chi2ContingencyPartial(['b'], ['x']))).toEqual(
      chi2ContingencyMerge(c, chi2ContingencyPartial(['b'], ['x'])),
    );
    expect(parsePartialState(JSON.parse(JSON.stringify(a)))).toEqual(a);
    expect(errorOf(() => partialMerge(a, c as never)).message).toBe(
      'partialMerge cannot merge a linregress state with a chi2_contingency state; every chunk of a job computes the same statistic',
    );
    expect(errorOf(() => parsePartialState({ stat: 'spearmanr', v: 1 })).message).toMatch(
      /requires state.stat to name a statistic with a partial form .*got the string "spearmanr"/,
    );
  });
});
