import { expect, describe as group, it } from 'vitest';
import linregressGolden from '../fixtures/golden/linregress.json' with { type: 'json' };
import golden from '../fixtures/golden/scipy_stats.json' with { type: 'json' };
import {
  expectClose,
  expectDescribe,
  expectLinregressGolden,
  expectStatistic,
  expectT,
  tag,
} from '../golden';
import type { Alternative } from './api';
import * as core from './api';
import { mergeRandomly, ranges, rng, splitsFor } from './split';

/**
 * finalize(merge(partials)) against the same references as the one-shot
 * functions, for every case split into 1, 2, 7 and n chunks and two random
 * splits, merged in a random order (states pass through JSON each time):
 * - linregress: golden/linregress.py, the exact answer for the decimal
 *   inputs (rational sums, mpmath); 1e-10 relative on every field, the
 *   one-shot function's promise; an exact 0 must be 0, null must be NaN.
 * - the others: golden/scipy_stats.py (scipy 1.17), 12 significant digits
 *   (expectClose, with the same 1e-14 floor for skewness and kurtosis of
 *   symmetric data as the one-shot tests).
 */

group('linregress partials against the exact goldens (1e-10 relative)', () => {
  it.each(linregressGolden.cases.map((c, i) => [c.name, c, i] as const))('%s', (_, c, i) => {
    for (const { label, cuts } of splitsFor(c.x.length, 1000 + i)) {
      const states = ranges(cuts).map(([a, b]) =>
        core.linregressPartial(c.x.slice(a, b), c.y.slice(a, b)),
      );
      const merged = mergeRandomly(states, core.linregressMerge, rng(i));
      const result = core.linregressFinalize(merged, { alternative: c.alternative as Alternative });
      expectLinregressGolden(result, c.expected, label);
    }
  });
});

group('describe partials against scipy', () => {
  it.each(golden.describe.map((c, i) => [tag(c, i), c, i] as const))('%s', (label, c, i) => {
    for (const split of splitsFor(c.a.length, 2000 + i)) {
      const states = ranges(split.cuts).map(([a, b]) => core.describePartial(c.a.slice(a, b)));
      const r = core.describeFinalize(mergeRandomly(states, core.describeMerge, rng(i)), c.options);
      expectDescribe(r, c, `${label} ${split.label}`);
    }
  });
});

group('t-test partials against scipy', () => {
  it.each(golden.ttest1samp.map((c, i) => [tag(c, i), c, i] as const))(
    'ttest_1samp %s',
    (label, c, i) => {
      for (const split of splitsFor(c.a.length, 3000 + i)) {
        const states = ranges(split.cuts).map(([a, b]) => core.ttest1sampPartial(c.a.slice(a, b)));
        const merged = mergeRandomly(states, core.ttest1sampMerge, rng(i));
        expectT(
          core.ttest1sampFinalize(merged, c.popmean, c.options as never),
          c,
          `${label} ${split.label}`,
        );
      }
    },
  );

  it.each(golden.ttestRel.map((c, i) => [tag(c, i), c, i] as const))(
    'ttest_rel %s',
    (label, c, i) => {
      for (const split of splitsFor(c.a.length, 4000 + i)) {
        const states = ranges(split.cuts).map(([a, b]) =>
          core.ttestRelPartial(c.a.slice(a, b), c.b.slice(a, b)),
        );
        const merged = mergeRandomly(states, core.ttestRelMerge, rng(i));
        expectT(core.ttestRelFinalize(merged, c.options as never), c, `${label} ${split.label}`);
      }
    },
  );

  it.each(golden.ttestInd.map((c, i) => [tag(c, i), c, i] as const))(
    'ttest_ind %s',
    (label, c, i) => {
      // a and b are split independently: a chunk may hold rows of one sample only.
      const sa = splitsFor(c.a.length, 5000 + i);
      const sb = splitsFor(c.b.length, 6000 + i);
      sa.forEach((split, s) => {
        const ra = ranges(split.cuts);
        const rb = ranges((sb[s] as { cuts: number[] }).cuts);
        const chunks = Math.max(ra.length, rb.length);
        const states = Array.from({ length: chunks }, (_, k) => {
          const [a0, a1] = ra[k] ?? [0, 0];
          const [b0, b1] = rb[k] ?? [0, 0];
          return core.ttestIndPartial(c.a.slice(a0, a1), c.b.slice(b0, b1));
        });
        const merged = mergeRandomly(states, core.ttestIndMerge, rng(i));
        expectT(core.ttestIndFinalize(merged, c.options as never), c, `${label} ${split.label}`);
      });
    },
  );
});

group('pearsonr partials against scipy', () => {
  it.each(golden.pearsonr.map((c, i) => [tag(c, i), c, i] as const))('%s', (label, c, i) => {
    for (const split of splitsFor(c.x.length, 7000 + i)) {
      const states = ranges(split.cuts).map(([a, b]) =>
        core.pearsonrPartial(c.x.slice(a, b), c.y.slice(a, b)),
      );
      const merged = mergeRandomly(states, core.pearsonrMerge, rng(i));
      const at = `${label} ${split.label}`;
      const r = core.pearsonrFinalize(merged, c.options as never);
      expectStatistic(r, c, at);
      expectClose(r.confidenceInterval.low, c.ci[0] as number, `${at} ci low`);
      expectClose(r.confidenceInterval.high, c.ci[1] as number, `${at} ci high`);
      const r90 = core.pearsonrFinalize(merged, { ...(c.options as object), confidenceLevel: 0.9 });
      expectClose(r90.confidenceInterval.low, c.ci90[0] as number, `${at} ci90 low`);
      expectClose(r90.confidenceInterval.high, c.ci90[1] as number, `${at} ci90 high`);
    }
  });
});

group('f_oneway partials against scipy', () => {
  // A job's groups are the labels present in the data, so no group is ever
  // empty: the cases with an empty sample have no job form (see partial.test.ts).
  const cases = golden.fOneway.filter((c) => c.samples.every((s) => s.length > 0));
  it.each(cases.map((c, i) => [tag(c, i), c, i] as const))('%s', (label, c, i) => {
    // Rows (group label, value) in data order; labels g00, g01, ... sort as the samples.
    const rows = c.samples.flatMap((s, g) =>
      s.map((v) => [`g${String(g).padStart(2, '0')}`, v] as const),
    );
    for (const split of splitsFor(rows.length, 8000 + i)) {
      const states = ranges(split.cuts).map(([a, b]) => {
        const groups: Record<string, number[]> = {};
        for (const [g, v] of rows.slice(a, b)) {
          groups[g] = [...(groups[g] ?? []), v];
        }
        return core.fOnewayPartial(groups);
      });
      const r = core.fOnewayFinalize(mergeRandomly(states, core.fOnewayMerge, rng(i)), c.options);
      expectClose(r.statistic, c.statistic, `${label} ${split.label} statistic`);
      expectClose(r.pvalue, c.pvalue, `${label} ${split.label} pvalue`);
    }
  });
});

group('chi2_contingency partials against scipy', () => {
  const integerTables = golden.chi2Contingency.filter((c) =>
    (c.observed as number[][]).every((row) => row.every((v) => Number.isInteger(v))),
  );
  it('has integer-count cases to cross-tabulate', () => {
    expect(integerTables.length).toBeGreaterThan(5);
  });
  it.each(integerTables.map((c, i) => [tag(c, i), c, i] as const))('%s', (label, c, i) => {
    // One row of data per count: labels r00.., c00.. sort as the table's order.
    const rowLabels: string[] = [];
    const colLabels: string[] = [];
    (c.observed as number[][]).forEach((row, r) => {
      row.forEach((count, k) => {
        for (let t = 0; t < count; t++) {
          rowLabels.push(`r${String(r).padStart(2, '0')}`);
          colLabels.push(`c${String(k).padStart(2, '0')}`);
        }
      });
    });
    // Shuffle the rows so chunks see the categories in no particular order.
    const random = rng(9000 + i);
    for (let k = rowLabels.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [rowLabels[k], rowLabels[j]] = [rowLabels[j] as string, rowLabels[k] as string];
      [colLabels[k], colLabels[j]] = [colLabels[j] as string, colLabels[k] as string];
    }
    for (const split of splitsFor(rowLabels.length, 9500 + i).filter((s) => s.cuts.length < 50)) {
      const states = ranges(split.cuts).map(([a, b]) =>
        core.chi2ContingencyPartial(rowLabels.slice(a, b), colLabels.slice(a, b)),
      );
      const r = core.chi2ContingencyFinalize(
        mergeRandomly(states, core.chi2ContingencyMerge, rng(i)),
        c.options,
      );
      expect(r.dof).toBe(c.dof);
      expectClose(r.statistic, c.statistic, `${label} ${split.label} statistic`);
      expectClose(r.pvalue, c.pvalue, `${label} ${split.label} pvalue`);
      r.expectedFreq.forEach((row, a) => {
        row.forEach((e, b) => {
          expectClose(e, (c.expectedFreq[a] as number[])[b] as number, `${label} expected`);
        });
      });
    }
  });
});
