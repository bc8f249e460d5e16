import { describe, expect, it } from 'vitest';
import { addExact, sumError } from '../src/internal/twoSum';

/**
 * A finite double as an exact BigInt multiple of 2^-1074 (every double is
 * one), so sums of doubles can be checked exactly.
 */
function exact(v: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const e = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  const mantissa = e === 0 ? frac : frac | (1n << 52n);
  return sign * (mantissa << BigInt(Math.max(e, 1) - 1));
}

/** Doubles of very different magnitudes and signs, from a fixed seed. */
function* pairs(count: number): Generator<[number, number]> {
  let state = 12345;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  for (let k = 0; k < count; k++) {
    const a = (next() - 0.5) * 2 ** Math.floor(60 * next() - 30);
    const b = (next() - 0.5) * 2 ** Math.floor(60 * next() - 30);
    yield [a, b];
  }
}

describe('sumError (TwoSum)', () => {
  it('fl(a + b) + sumError(a, b) is a + b exactly (checked in BigInt)', () => {
    for (const [a, b] of pairs(2000)) {
      expect(exact(a + b) + exact(sumError(a, b))).toBe(exact(a) + exact(b));
    }
  });

  it('gives the branching Fast2Sum form’s error, whichever operand is larger', () => {
    for (const [a, b] of pairs(2000)) {
      const t = a + b;
      const fast = Math.abs(a) >= Math.abs(b) ? a - t + b : b - t + a;
      // === rather than toBe: a zero error may come out as -0 from one form.
      expect(sumError(a, b) === fast).toBe(true);
    }
  });
});

describe('addExact', () => {
  it('keeps hi + lo within n^2 u^2 of the sum of magnitudes (a plain sum: n u)', () => {
    const acc = new Float64Array(2);
    let total = 0n;
    let magnitudes = 0n;
    for (const [a] of pairs(5000)) {
      addExact(acc, 0, a);
      total += exact(a);
      magnitudes += exact(Math.abs(a));
    }
    const got = exact(acc[0] as number) + exact(acc[1] as number);
    const diff = got > total ? got - total : total - got;
    // The low parts' own roundings: at most n^2 u^2 / 2 of the magnitudes, below 2^-80 here.
    expect(diff * 2n ** 80n <= magnitudes).toBe(true);
  });
});
