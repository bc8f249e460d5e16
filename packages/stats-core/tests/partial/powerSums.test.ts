/**
 * polyfit's power sums by 18-bit limbs (powerSums.ts) against BigInt
 * arithmetic on the decimals String(x) writes, an independent reference:
 * full-precision doubles (integers up to about 2^60 on their scale), short
 * decimals on large offsets at high degrees (powers far past 2^53), mixed
 * signs, and a long column (carries across many rows).
 */
import { describe, expect, it } from 'vitest';
import { polyfitPartial } from './api';
import { rng } from './split';

/** String(v) as an exact decimal m 10^e. */
function decimal(v: number): { m: bigint; e: number } {
  const [mant, exp] = String(v).split('e') as [string, string | undefined];
  const [int, frac = ''] = mant.split('.') as [string, string | undefined];
  return { m: BigInt(int + frac), e: Number(exp ?? 0) - frac.length };
}

/** The exact rational sum_i x_i^j y_i^k as a string m/10^s, reduced, from BigInts. */
function reference(x: number[], y: number[], j: number, k: number): string {
  const xs = x.map(decimal);
  const ys = y.map(decimal);
  const sx = Math.min(...xs.map((d) => d.e));
  const sy = Math.min(...ys.map((d) => d.e));
  let total = 0n;
  for (let i = 0; i < x.length; i++) {
    const X = xs[i]!.m * 10n ** BigInt(xs[i]!.e - sx);
    const Y = ys[i]!.m * 10n ** BigInt(ys[i]!.e - sy);
    total += X ** BigInt(j) * Y ** BigInt(k);
  }
  return reduced(total, -(j * sx + k * sy));
}

/** m 10^-s with trailing zeros removed, as "m/s". */
function reduced(m: bigint, s: number): string {
  if (m === 0n) return '0';
  let scale = s;
  let v = m;
  while (v % 10n === 0n) {
    v /= 10n;
    scale--;
  }
  return `${v}/${scale}`;
}

/** A state's exact decimal ("12e-3") as "m/s". */
function fromState(text: string): string {
  const [m, e] = text.split('e') as [string, string | undefined];
  return reduced(BigInt(m), -Number(e ?? 0));
}

const cases = [
  {
    name: '17-digit doubles in [1, 1000)',
    degree: 3,
    n: 300,
    x: (r: () => number) => 1 + r() * 999,
  },
  {
    name: '17-digit doubles of both signs',
    degree: 4,
    n: 300,
    x: (r: () => number) => (r() - 0.5) * 20,
  },
  {
    name: '3 places on an offset of 1e6, degree 6',
    degree: 6,
    n: 300,
    x: (r: () => number) => Math.round((1e6 + r() * 100) * 1000) / 1000,
  },
  {
    name: 'a long column, degree 2',
    degree: 2,
    n: 20_000,
    x: (r: () => number) => -5e3 + r() * 1e4,
  },
];

describe('polyfit power sums by limbs', () => {
  for (const c of cases) {
    it(`equal the BigInt sums: ${c.name}`, () => {
      const r = rng(c.n + c.degree);
      const x = Array.from({ length: c.n }, () => c.x(r));
      const y = x.map((v) => 3 * v + r() * 7);
      const s = polyfitPartial(x, y, c.degree);
      for (let j = 1; j <= 2 * c.degree; j++) {
        expect(fromState(s.xPowers[j]!), `sum x^${j}`).toBe(reference(x, y, j, 0));
      }
      for (let j = 0; j <= c.degree; j++) {
        expect(fromState(s.xPowersY[j]!), `sum x^${j} y`).toBe(reference(x, y, j, 1));
      }
      expect(fromState(s.syy)).toBe(reference(x, y, 0, 2));
    });
  }
});
