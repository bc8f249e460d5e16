import { expect, describe as group, it } from 'vitest';
import type { LinearDataset } from '../support/nist';
import * as nist from '../support/nist';
import type { OlsResult } from './api';
import * as core from './api';
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
    const states = parts.map(([a, b]) => core.olsPartial(c.x.slice(a, b), c.y.slice(a, b)));
    return core.olsFinalize(mergeRandomly(states, core.olsMerge, rng(seed)));
  }
  const degree = name.startsWith('NoInt') ? 1 : c.estimates.length - 1;
  const states = parts.map(([a, b]) => core.polyfitPartial(x.slice(a, b), c.y.slice(a, b), degree));
  return core.polyfitFinalize(mergeRandomly(states, core.polyfitMerge, rng(seed)), {
    intercept: !name.startsWith('NoInt'),
  });
}

group('NIST StRD linear regression through partial states: LRE >= 13', () => {
  it.each(nist.LINEAR_SETS)('%s in 1, 2, 7 and n chunks', (name) => {
    const c = nist.linearDataset(name);
    const n = c.y.length;
    const worst: string[] = [];
    for (const chunks of [1, 2, 7, n]) {
      const r = fitInChunks(name, c, evenCuts(n, chunks), chunks);
      const checks = nist.linearChecks(c, r);
      worst.push(`${chunks}: ${Math.min(...checks.map(([, e, v]) => nist.lre(e, v))).toFixed(1)}`);
      nist.expectCertifiedLre(checks, `${name} ${chunks} chunks`);
    }
    console.log(`${name} minimum LRE by chunk count: ${worst.join(', ')}`);
  });

  it('Norris through linregress partials matches the certified line', () => {
    const c = nist.linearDataset('Norris');
    const x = c.x.map((r) => r[0] as number);
    for (const chunks of [1, 2, 7, c.y.length]) {
      const states = ranges(evenCuts(x.length, chunks)).map(([a, b]) =>
        core.linregressPartial(x.slice(a, b), c.y.slice(a, b)),
      );
      const r = core.linregressFinalize(mergeRandomly(states, core.linregressMerge, rng(chunks)));
      nist.expectNorrisLine(c, r);
    }
  });
});

group('NIST StRD univariate through describe partials', () => {
  it.each(nist.UNIVARIATE_SETS)(
    '%s: mean and standard deviation in 1, 2, 7 and n chunks',
    (name) => {
      const { y, ybar, s } = nist.univariateDataset(name);
      for (const chunks of [1, 2, 7, y.length]) {
        const states = ranges(evenCuts(y.length, chunks)).map(([a, b]) =>
          core.describePartial(y.slice(a, b)),
        );
        const d = core.describeFinalize(mergeRandomly(states, core.describeMerge, rng(chunks)));
        expect(nist.lre(d.mean, ybar), `${name} ${chunks} mean`).toBeGreaterThanOrEqual(13);
        expect(nist.lre(Math.sqrt(d.variance), s), `${name} ${chunks} sd`).toBeGreaterThanOrEqual(
          13,
        );
      }
    },
  );
});

group('NIST StRD one-way ANOVA through f_oneway partials', () => {
  it.each(nist.ANOVA_SETS)('%s: the certified table in 1, 2, 7 and n chunks', (name) => {
    const data = nist.anovaDataset(name);
    const { dfB, ssB, msB, f, dfW, ssW, msW } = data.certified;
    const rows = data.rows.map(([g, v]): [string, number] => [g.padStart(3, '0'), v]);
    for (const chunks of [1, 2, 7, rows.length]) {
      const states = ranges(evenCuts(rows.length, chunks)).map(([a, b]) => {
        const groups: Record<string, number[]> = {};
        for (const [g, v] of rows.slice(a, b)) {
          groups[g] = [...(groups[g] ?? []), v];
        }
        return core.fOnewayPartial(groups);
      });
      const r = core.fOnewayFinalize(mergeRandomly(states, core.fOnewayMerge, rng(chunks)));
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
          nist.lre(got[k as keyof typeof got], v as number),
          `${name} ${chunks} ${k}`,
        ).toBeGreaterThanOrEqual(13);
      }
    }
  });
});
