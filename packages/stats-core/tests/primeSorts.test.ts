import { describe, expect, it } from 'vitest';
import { PRIME_GRIDS, sortOnGrid } from '../src/internal/sortGrid';
import { PRIME_N, PRIME_SPREADS, PRIME_WIDTH } from '../src/internal/sortSpread';

/**
 * The sorts' priming inputs (primeOnce) must reach the code after each of
 * their loops, or V8's on-stack code for a process's first large sort keeps
 * deoptimising there. These tests state, from the values alone, that each
 * input takes the path it is chosen for; that priming changes no result is
 * the accuracy tests' (they run in one process, primed).
 */
describe('priming grids of the integer sorts', () => {
  /** Places, integers and their range, read independently of sortGrid. */
  const readDecimals = (values: Float64Array) => {
    let s = 1;
    while (!Array.from(values).every((v) => Math.round(v * s) / s === v)) s *= 10;
    const k = Array.from(values, (v) => Math.round(v * s));
    return { kLo: Math.min(...k), range: Math.max(...k) - Math.min(...k) + 1 };
  };

  const read = PRIME_GRIDS.map(([values, withOrder]) => ({
    ...readDecimals(values),
    n: values.length,
    withOrder,
  }));

  it('take the counting sort both ways and two LSD digits with the order', () => {
    const [counted, countedWithOrder, twoDigits] = read;
    for (const c of [counted!, countedWithOrder!]) expect(c.range).toBeLessThanOrEqual(c.n);
    expect([counted!.withOrder, countedWithOrder!.withOrder]).toEqual([false, true]);
    expect(twoDigits!.range).toBeGreaterThan(2048);
    expect(twoDigits!.range).toBeLessThanOrEqual(2048 * 2048);
    expect(twoDigits!.withOrder).toBe(true);
  });

  it('give integers beyond the small integers (Smis) to both sorts', () => {
    const [counted, , twoDigits] = read;
    expect(counted!.kLo).toBeGreaterThan(2 ** 31);
    expect(twoDigits!.kLo).toBeGreaterThan(2 ** 31);
  });

  it('lie on their grid and sort as Float64Array.prototype.sort does', () => {
    for (const [grid] of PRIME_GRIDS) {
      const values = grid.slice();
      expect(sortOnGrid(values, 0)).toBe(true);
      expect(Array.from(values)).toEqual(Array.from(grid.slice().sort()));
    }
  });
});

describe('priming layouts of the spread sort', () => {
  /** Bucket sizes of spreadLevel's first level on [-1, 1] (its formula, restated). */
  const bucketSizes = (layout: (i: number) => number) => {
    const buckets = 1 << PRIME_WIDTH;
    const scale = (buckets - 2) / 2;
    const below = -1 - 1 / scale;
    const sizes = new Array<number>(buckets).fill(0);
    const values = new Map<number, Set<number>>();
    for (let i = 0; i < PRIME_N; i++) {
      const v = layout(i);
      const b = Math.trunc(Math.max(0, Math.min((v - below) * scale, buckets - 1)));
      sizes[b]!++;
      values.set(b, (values.get(b) ?? new Set()).add(v));
    }
    return { sizes, middle: sizes.slice(1, -1), values };
  };

  it('even: every middle bucket at most 24 values (one insertion sort), the last bucket spread again', () => {
    const { sizes, middle } = bucketSizes(PRIME_SPREADS[0]!);
    expect(Math.max(...middle)).toBeLessThanOrEqual(24);
    expect(sizes.at(-1)).toBeGreaterThanOrEqual(64);
  });

  it('clustered: a middle bucket spread again, small ones, and a bucket of equal values', () => {
    const { sizes, middle, values } = bucketSizes(PRIME_SPREADS[1]!);
    expect(Math.max(...middle)).toBeGreaterThanOrEqual(64);
    expect(middle.some((size) => size > 1 && size <= 24)).toBe(true);
    const equal = sizes.findIndex((size, b) => size >= 64 && values.get(b)!.size === 1);
    expect(equal).toBeGreaterThanOrEqual(0);
  });
});
