import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ks2samp } from '../src/index';

/**
 * scipy's D and where it is attained, written as scipy 1.17's ks_2samp
 * computes them: the empirical cdfs (counts of values <= v, searchsorted
 * side='right') at every value of np.concatenate([sort(data1),
 * sort(data2)]), and the first index of the largest and smallest difference
 * in that order. (np.sort leaves the order of -0 and 0 open; ours puts -0
 * first, so the reference does.)
 */
function scipyExtremes(
  x: readonly number[],
  y: readonly number[],
  alternative: 'two-sided' | 'less' | 'greater',
): { statistic: number; location: number; sign: number } {
  const ascending = (s: readonly number[]) =>
    [...s].sort((v, w) =>
      v < w ? -1 : v > w ? 1 : Number(Object.is(w, -0)) - Number(Object.is(v, -0)),
    );
  const all = [...ascending(x), ...ascending(y)];
  const atMost = (s: readonly number[], v: number) => s.filter((w) => w <= v).length;
  const diffs = all.map((v) => atMost(x, v) / x.length - atMost(y, v) / y.length);
  let argmin = 0;
  let argmax = 0;
  diffs.forEach((d, i) => {
    if (d < (diffs[argmin] as number)) argmin = i;
    if (d > (diffs[argmax] as number)) argmax = i;
  });
  const minS = Math.min(1, Math.max(0, -(diffs[argmin] as number)));
  const maxS = diffs[argmax] as number;
  if (alternative === 'less' || (alternative === 'two-sided' && minS > maxS)) {
    return { statistic: minS, location: all[argmin] as number, sign: -1 };
  }
  return { statistic: maxS, location: all[argmax] as number, sign: 1 };
}

// Few distinct values, so that values tie within and across the samples
// (the location is then the first in scipy's order), both zeros, infinities.
const tiny = fc.constantFrom(-0, 0, 1, -1, 2.5, Infinity, -Infinity, 1e-300);
const value = fc.oneof(tiny, fc.double({ noNaN: true }));
const sample = fc.array(value, { minLength: 1, maxLength: 40 });
const runs = { seed: 20261207, numRuns: 300 };

describe('ks2samp: the statistic, its location and sign as scipy finds them', () => {
  it.each(['two-sided', 'less', 'greater'] as const)(
    '%s, on small samples with ties across them (the merge of the two sorted samples)',
    (alternative) => {
      fc.assert(
        fc.property(sample, sample, (x, y) => {
          const expected = scipyExtremes(x, y, alternative);
          // 'asymp' leaves D as computed ('exact' rounds it to the lattice of 1/lcm)
          const got = ks2samp(x, y, { alternative, method: 'asymp' });
          expect(got.statistic).toBe(expected.statistic);
          expect(Object.is(got.statisticLocation, expected.location)).toBe(true);
          expect(got.statisticSign).toBe(expected.sign);
        }),
        runs,
      );
    },
  );

  it('on samples of 5,000 and 7,000 values on 300 levels (radix-sorted, ties across them)', () => {
    const x = Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 300) * 0.37);
    const y = Array.from({ length: 7000 }, (_, i) => ((i * 104729) % 310) * 0.37 - 1.11);
    for (const alternative of ['two-sided', 'less', 'greater'] as const) {
      const expected = scipyExtremes(x, y, alternative);
      const got = ks2samp(x, y, { alternative, method: 'asymp' });
      expect(got.statistic).toBe(expected.statistic);
      expect(got.statisticLocation).toBe(expected.location);
      expect(got.statisticSign).toBe(expected.sign);
    }
  });
});
