import { expect, describe as group, it } from 'vitest';
import {
  ANOVA_SETS,
  anovaDataset,
  expectCertifiedLre,
  expectNorrisLine,
  LINEAR_SETS,
  type LinearDataset,
  linearChecks,
  linearDataset,
  lre,
  UNIVARIATE_SETS,
  univariateDataset,
} from '../support/nist';
import {
  describeFinalize,
  describeMerge,
  describePartial,
  fOnewayFinalize,
  fOnewayMerge,
  fOnewayPartial,
  linregressFinalize,
  linregressMerge,
  linregressPartial,
  type OlsResult,
  olsFinalize,
  olsMerge,
  olsPartial,
  polyfitFinalize,
  polyfitMerge,
  polyfitPartial,
} from './api';
import { evenCuts, mergeRandomly, ranges, rng } from './split';

/**
 * NIST StRD certified values (tests/fixtures/nist/), reached through
 * partial states: every dataset split into 1, 2, 7 and n chunks (n: one row
 * per chunk), merged in a random order, finalized. Tolerance: the issue's
 * bar, 13 significant digits on every certified value (LRE >= 13; NIST
 * certifies 15), as the one-shot tests require.
 */
/** The fit each dataset certifies, through partial states over the given chunks. */
function fitInChunks(name: string, c: LinearDataset, cuts: number[], seed: number): OlsResult {
  const parts = ranges(cuts);
  const x = c.x.map((r) => r[0] as number);
  if (name === 'Longley') {
    const states = parts.map(([a, b]) => olsPartial(c.x.slice(a, b), c.y.slice(a, b)));
    return olsFinalize(mergeRandomly(states, olsMerge, rng(seed)));
  }
  const degree = name.startsWith('NoInt') ? 1 : c.estimates.length - 1;
  const states = parts.map(([a, b]) => polyfitPartial(x.slice(a, b), c.y.slice(a, b), degree));
  return polyfitFinalize(mergeRandomly(states, polyfitMerge, rng(seed)), {
    intercept: !name.startsWith('NoInt'),
  });
}

group('NIST StRD linear regression through partial states: LRE >= 13', () => {
  it.each(LINEAR_SETS)('%s in 1, 2, 7 and n chunks', (name) => {
    const c = linearDataset(name);
    const n = c.y.length;
    const worst: string[] = [];
    for (const chunks of [1, 2, 7, n]) {
      const r = fitInChunks(name, c, evenCuts(n, chunks), chunks);
      const checks = linearChecks(c, r);
      worst.push(`${chunks}: ${Math.min(...checks.map(([, e, v]) => lre(e, v))).toFixed(1)}`);
      expectCertifiedLre(checks, `${name} ${chunks} chunks`);
    }
    console.log(`${name} minimum LRE by chunk count: ${worst.join(', ')}`);
  });

  it('Norris through linregress partials matches the certified line', () => {
    const c = linearDataset('Norris');
    const x = c.x.map((r) => r[0] as number);
    for (const chunks of [1, 2, 7, c.y.length]) {
      const states = ranges(evenCuts(x.length, chunks)).map(([a, b]) =>
        linregressPartial(x.slice(a, b), c.y.slice(a, b)),
      );
      const r = linregressFinalize(mergeRandomly(states, linregressMerge, rng(chunks)));
      expectNorrisLine(c, r);
    }
  });
});

group('NIST StRD univariate through describe partials', () => {
  it.each(UNIVARIATE_SETS)('%s: mean and standard deviation in 1, 2, 7 and n chunks', (name) => {
    const { y, ybar, s } = univariateDataset(name);
    for (const chunks of [1, 2, 7, y.length]) {
      const states = ranges(evenCuts(y.length, chunks)).map(([a, b]) =>
        describePartial(y.slice(a, b)),
      );
      const d = describeFinalize(mergeRandomly(states, describeMerge, rng(chunks)));
      expect(lre(d.mean, ybar), `${name} ${chunks} mean`).toBeGreaterThanOrEqual(13);
      expect(lre(Math.sqrt(d.variance), s), `${name} ${chunks} sd`).toBeGreaterThanOrEqual(13);
    }
  });
});

group('NIST StRD one-way ANOVA through f_oneway partials', () => {
  it.each(ANOVA_SETS)('%s: the certified table in 1, 2, 7 and n chunks', (name) => {
    const data = anovaDataset(name);
    const { dfB, ssB, msB, f, dfW, ssW, msW } = data.certified;
    const rows = data.rows.map(([g, v]): [string, number] => [g.padStart(3, '0'), v]);
    for (const chunks of [1, 2, 7, rows.length]) {
      const states = ranges(evenCuts(rows.length, chunks)).map(([a, b]) => {
        const groups: Record<string, number[]> = {};
        for (const [g, v] of rows.slice(a, b)) {
          groups[g] = [...(groups[g] ?? []), v];
        }
        return fOnewayPartial(groups);
      });
      const r = fOnewayFinalize(mergeRandomly(states, fOnewayMerge, rng(chunks)));
      expect(r.dfBetween).toBe(dfB);
      expect(r.dfWithin).toBe(dfW);
      const got = {
        ssB: r.ssBetween,
        msB: r.msBetween,
        F: r.statistic,
        ssW: r.ssWithin,
        msW: r.msWithin,
      };
      const cert = { ssB, msB, F: f, ssW, msW };
      for (const [k, v] of Object.entries(cert)) {
        expect(
          lre(got[k as keyof typeof got], v as number),
          `${name} ${chunks} ${k}`,
        ).toBeGreaterThanOrEqual(13);
      }
    }
  });
});
