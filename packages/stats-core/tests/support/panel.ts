/**
 * The benchmark panel's data (scripts/bench/harness.ts) as the lane tests
 * draw it: one seeded generator (a 32-bit LCG on (0, 1), a Box-Muller
 * normal, a Cauchy), and the panel's eight shapes, x and y only.
 */
import { lcg32 } from '@lambda-stats/lambda-kit/random';
import { written } from './designs';

/** A seeded generator on (0, 1), a standard normal and a standard Cauchy, as the benchmark's. */
export function rng(seed: number) {
  const uniform = lcg32(seed, { open: true });
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const cauchy = () => Math.tan(Math.PI * (uniform() - 0.5));
  return { uniform, normal, cauchy };
}

export type PanelShape = (seed: number, n: number) => { x: number[]; y: number[] };

/** The full-precision shapes: x and y as 17-digit doubles. */
export const FULL_PRECISION_SHAPES = {
  strong: (seed, n) => {
    const r = rng(seed);
    const x = Array.from({ length: n }, () => r.uniform());
    return { x, y: x.map((v) => 1.6 * v + 0.3 * r.uniform() + 0.05 * r.normal()) };
  },
  weak: (seed, n) => {
    const r = rng(seed);
    const x = Array.from({ length: n }, () => r.normal());
    return { x, y: x.map((v) => 0.58 * v + r.normal()) };
  },
  none: (seed, n) => {
    const r = rng(seed);
    return {
      x: Array.from({ length: n }, () => r.normal()),
      y: Array.from({ length: n }, () => r.normal()),
    };
  },
  'heavy-tails': (seed, n) => {
    const r = rng(seed);
    const x = Array.from({ length: n }, () => r.normal());
    return { x, y: x.map((v) => v + r.cauchy()) };
  },
} satisfies Record<string, PanelShape>;

/** All eight shapes: the written-decimal ones (offset, small-int, two-decimal, ties) first. */
export const PANEL_SHAPES: Record<string, PanelShape> = {
  offset: (seed, n) => {
    const r = rng(seed);
    const dx = Array.from({ length: n }, () => r.normal());
    return {
      x: dx.map((v) => written(1e9 + 1000 * v, 3)),
      y: dx.map((v) => written(1e9 + 1000 * (0.8 * v + 0.6 * r.normal()), 3)),
    };
  },
  'small-int': (seed, n) => {
    const r = rng(seed);
    const x = Array.from({ length: n }, () => Math.floor(101 * r.uniform()));
    return { x, y: x.map((v) => Math.round(v / 2 + 10 * r.normal())) };
  },
  'two-decimal': (seed, n) => {
    const r = rng(seed);
    const x = Array.from({ length: n }, () => written(1000 * r.uniform(), 2));
    return { x, y: x.map((v) => written(1.1 * v + 50 * r.normal(), 2)) };
  },
  ties: (seed, n) => {
    const r = rng(seed);
    const x = Array.from({ length: n }, () => Math.floor(41 * r.uniform()) / 2);
    return { x, y: x.map((v) => Math.round(2 * (v + 2 * r.normal())) / 2) };
  },
  ...FULL_PRECISION_SHAPES,
};
