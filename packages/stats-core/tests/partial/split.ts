/**
 * Test helpers: split rows into chunks and merge the chunks' states in a
 * random order (any pair of the pool, either argument order, until one
 * state is left), with a seeded generator so a failure can be replayed.
 */

import { mulberry32 } from '@lambda-stats/lambda-kit/random';

/** Mulberry32: a small seeded generator, enough to pick splits and orders. */
export const rng = mulberry32;

/** String(x)'s decimal as m 10^-p (BigInt m, p >= 0): an independent reference for exact integers. */
export function decimalOf(x: number): { m: bigint; p: number } {
  const [mant, exp] = String(x).split('e') as [string, string | undefined];
  const [int, frac = ''] = mant.split('.') as [string, string | undefined];
  let p = frac.length - Number(exp ?? '0');
  let m = BigInt(int + frac);
  if (p < 0) {
    m *= 10n ** BigInt(-p);
    p = 0;
  }
  return { m, p };
}

/** Boundaries of `chunks` chunks over n rows: random cut points (chunks may be empty). */
export function randomCuts(n: number, chunks: number, random: () => number): number[] {
  const cuts = Array.from({ length: chunks - 1 }, () => Math.floor(random() * (n + 1)));
  return [0, ...cuts.sort((a, b) => a - b), n];
}

/** Boundaries of `chunks` chunks of (nearly) equal size. */
export function evenCuts(n: number, chunks: number): number[] {
  return Array.from({ length: chunks + 1 }, (_, i) => Math.round((i * n) / chunks));
}

/** Row ranges [from, to) from boundaries. */
export function ranges(cuts: number[]): [number, number][] {
  return cuts.slice(1).map((to, i) => [cuts[i] as number, to]);
}

/** Merges states pairwise in a random order and returns the one left; states go through JSON. */
export function mergeRandomly<S>(states: S[], merge: (a: S, b: S) => S, random: () => number): S {
  const pool = states.map((s) => JSON.parse(JSON.stringify(s)) as S);
  while (pool.length > 1) {
    const i = Math.floor(random() * pool.length);
    const a = pool.splice(i, 1)[0] as S;
    const j = Math.floor(random() * pool.length);
    const b = pool.splice(j, 1)[0] as S;
    const merged = random() < 0.5 ? merge(a, b) : merge(b, a);
    pool.push(JSON.parse(JSON.stringify(merged)) as S);
  }
  return pool[0] as S;
}

/** The splits every reference test runs: 1, 2, 7 and n chunks, plus random ones. */
export function splitsFor(n: number, seed: number): { label: string; cuts: number[] }[] {
  const random = rng(seed);
  return [
    { label: '1 chunk', cuts: evenCuts(n, 1) },
    { label: '2 chunks', cuts: evenCuts(n, 2) },
    { label: '7 chunks', cuts: evenCuts(n, 7) },
    { label: `${n} chunks`, cuts: evenCuts(n, Math.max(n, 1)) },
    { label: 'random 3', cuts: randomCuts(n, 3, random) },
    { label: 'random 11', cuts: randomCuts(n, 11, random) },
  ];
}
