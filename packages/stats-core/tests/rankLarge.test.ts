import { describe, expect, it } from 'vitest';
import { kendalltau, ks2samp, mannwhitneyu, shapiro, spearmanr } from '../src/index';
import golden from './fixtures/golden/rank_large.json' with { type: 'json' };
import { expectClose, num } from './golden';

/**
 * The rank statistics at the sizes where they radix-sort (4096 values and
 * more) and use the reusable work buffers, against scipy 1.17
 * (golden/rank_large.py). The samples are rebuilt here from the script's
 * seeds by the same 32-bit LCG and exact float64 operations, and three
 * stored values per sample confirm the rebuild before anything is compared.
 * Tolerance: 12 significant digits (expectClose), as every scipy golden;
 * spearmanr's statistic is also held to 1 ulp of the exact value from
 * integer sums, which its compensated sums must reach at any n.
 */
class Lcg {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
    return this.state;
  }
}

type Kind = 'doubles' | 'grid' | 'small-int';

const makers: Record<Kind, (rng: Lcg, n: number) => number[]> = {
  doubles: (rng, n) =>
    Array.from({ length: n }, () => {
      const a = rng.next();
      const b = rng.next();
      const c = rng.next();
      const u = ((a >>> 5) * 67108864 + (b >>> 6)) / 2 ** 53;
      let v = u * 2 ** (((c >>> 1) % 61) - 30);
      if (c % 97 === 0) v = -0;
      else if (c % 89 === 0) v = 0;
      return c & 1 ? -v : v;
    }),
  grid: (rng, n) => Array.from({ length: n }, () => (rng.next() % 41) / 2),
  'small-int': (rng, n) => Array.from({ length: n }, () => rng.next() % 101),
};

function partner(rng: Lcg, x: number[], kind: Kind): number[] {
  return x.map((v) => {
    const c = rng.next();
    if (kind === 'doubles') return v * 0.5 + (c / 2 ** 32 - 0.5) * 2 ** (((c >>> 3) % 61) - 30);
    if (kind === 'grid') return v + ((c % 61) - 30) / 2;
    return v + (c % 301) - 150;
  });
}

function paired(kind: Kind, seed: number, n: number): [number[], number[]] {
  const rng = new Lcg(seed);
  const x = makers[kind](rng, n);
  return [x, partner(rng, x, kind)];
}

function twoSamples(kind: Kind, seed: number, n1: number, n2: number): [number[], number[]] {
  const rng = new Lcg(seed);
  const a = makers[kind](rng, n1);
  const b = makers[kind](rng, n2);
  return [a, kind === 'doubles' ? b.map((v) => v + 0.25) : b];
}

function expectProbe(v: number[], probe: (number | string)[], label: string): void {
  const at = [v[0], v[v.length >> 1], v[v.length - 1]];
  expect(at, `${label}: the rebuilt sample differs from the script's`).toEqual(probe.map(num));
}

/** Within one unit in the last place of `exact`. */
function expectUlp(actual: number, exact: number, label: string): void {
  const ulp = 2 ** (Math.floor(Math.log2(Math.abs(exact))) - 52);
  expect(Math.abs(actual - exact) <= ulp, `${label}: got ${actual}, exact ${exact}`).toBe(true);
}

describe('rank statistics past the radix-sort threshold, against scipy 1.17', () => {
  it.each(golden.paired.map((c) => [`${c.kind} n=${c.n}`, c] as const))(
    'spearmanr, kendalltau: %s',
    (label, c) => {
      const [x, y] = paired(c.kind as Kind, c.seed, c.n);
      expectProbe(x, c.probeX, `${label} x`);
      expectProbe(y, c.probeY, `${label} y`);
      for (const [kindLabel, a, b] of [
        ['array', x, y],
        ['Float64Array', Float64Array.from(x), Float64Array.from(y)],
      ] as const) {
        const s = spearmanr(a, b);
        expectClose(
          s.statistic,
          c.spearmanr.statistic,
          `${label} ${kindLabel} spearmanr statistic`,
        );
        expectUlp(s.statistic, c.spearmanr.statisticExact, `${label} ${kindLabel} spearmanr exact`);
        expectClose(s.pvalue, c.spearmanr.pvalue, `${label} ${kindLabel} spearmanr pvalue`);
        const k = kendalltau(a, b);
        expectClose(
          k.statistic,
          c.kendalltau.statistic,
          `${label} ${kindLabel} kendalltau statistic`,
        );
        expectClose(k.pvalue, c.kendalltau.pvalue, `${label} ${kindLabel} kendalltau pvalue`);
      }
    },
  );

  it.each(golden.twoSample.map((c) => [`${c.kind} n=${c.n1},${c.n2}`, c] as const))(
    'mannwhitneyu, ks2samp: %s',
    (label, c) => {
      const [a, b] = twoSamples(c.kind as Kind, c.seed, c.n1, c.n2);
      expectProbe(a, c.probeX, `${label} x`);
      expectProbe(b, c.probeY, `${label} y`);
      const m = mannwhitneyu(a, b);
      expectClose(m.statistic, c.mannwhitneyu.statistic, `${label} mannwhitneyu statistic`);
      expectClose(m.pvalue, c.mannwhitneyu.pvalue, `${label} mannwhitneyu pvalue`);
      const k = ks2samp(a, b);
      expectClose(k.statistic, c.ks2samp.statistic, `${label} ks2samp statistic`);
      expectClose(k.pvalue, c.ks2samp.pvalue, `${label} ks2samp pvalue`);
      expect(k.statisticLocation).toBe(num(c.ks2samp.statisticLocation));
      expect(k.statisticSign).toBe(c.ks2samp.statisticSign);
    },
  );

  it.each(golden.oneSample.map((c) => [`${c.kind} n=${c.n}`, c] as const))(
    'shapiro: %s',
    (label, c) => {
      const [a] = twoSamples(c.kind as Kind, c.seed, c.n, 0);
      expectProbe(a, c.probeX, label);
      const r = shapiro(a);
      expectClose(r.statistic, c.shapiro.statistic, `${label} statistic`);
      expectClose(r.pvalue, c.shapiro.pvalue, `${label} pvalue`);
    },
  );

  it('spearmanr at n = 400,000 rounds the exact rank sums (plain float64 sums drift in the 12th digit there)', () => {
    const c = golden.spearmanrExact;
    const [x, y] = paired(c.kind as Kind, c.seed, c.n);
    expectProbe(x, c.probeX, 'x');
    expectProbe(y, c.probeY, 'y');
    expectUlp(spearmanr(x, y).statistic, c.statisticExact, 'spearmanr');
  });
});

describe('the reusable work buffers carry nothing from one call to the next', () => {
  it('each statistic answers a small input the same before and after a large one, and agrees with a fresh copy', () => {
    const [bigX, bigY] = paired('doubles', 99, 30000);
    const [x, y] = paired('grid', 98, 6000);
    const calls = () => [
      spearmanr(x, y),
      kendalltau(x, y),
      mannwhitneyu(x, y.slice(0, 5000)),
      ks2samp(x, y.slice(0, 5000)),
      shapiro(x),
    ];
    const before = calls();
    const bigResults = [
      spearmanr(bigX, bigY),
      kendalltau(bigX, bigY),
      mannwhitneyu(bigX, bigY),
      ks2samp(bigX, bigY),
      shapiro(bigX),
    ];
    expect(bigResults.every((r) => Number.isFinite(r.statistic))).toBe(true);
    expect(calls()).toEqual(before);
    // Float64Array input goes through the same buffers without a copy of its own.
    expect([
      spearmanr(Float64Array.from(x), Float64Array.from(y)),
      kendalltau(Float64Array.from(x), Float64Array.from(y)),
    ]).toEqual(before.slice(0, 2));
  });
});
