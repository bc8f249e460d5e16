import { lcg32 } from '@lambda-stats/lambda-kit/random';
import { describe, expect, it } from 'vitest';
import {
  decimalCorrection,
  decimalCorrections,
  scaledIntegersOfStrings,
  toDecimal,
  toScaledIntegers,
} from '../src/regression/internal/decimal';

const U2 = 2 ** -106;

/** (decimal(v) - v) / |v| exactly in rationals (BigInt), then rounded once. */
function exactRelativeCorrection(v: number): number {
  const { mantissa, exponent } = toDecimal(v);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(v));
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  const significand = biased === 0 ? fraction : fraction | (1n << 52n);
  const e2 = (biased === 0 ? 1 : biased) - 1075;
  // decimal = mantissa 10^exponent, |v| = significand 2^e2, on a common denominator.
  const scale = 2n ** 1100n * 10n ** 400n;
  const decimal =
    mantissa * (exponent >= 0 ? 10n ** BigInt(exponent) * scale : scale / 10n ** BigInt(-exponent));
  const binary =
    (v < 0 ? -1n : 1n) *
    significand *
    (e2 >= 0 ? 2n ** BigInt(e2) * scale : scale / 2n ** BigInt(-e2));
  const magnitude = binary < 0n ? -binary : binary;
  return Number(((decimal - binary) * 2n ** 300n) / magnitude) / 2 ** 300;
}

describe('decimalCorrection: the decimal String(v) writes, minus v', () => {
  it('is 0 for safe integers and the known rounding of 0.1', () => {
    expect(decimalCorrection(0)).toBe(0);
    expect(decimalCorrection(-42)).toBe(0);
    expect(decimalCorrection(2 ** 53)).toBe(0);
    // 0.1 is stored as 0.1000000000000000055511151231257827...
    expect(decimalCorrection(0.1)).toBeCloseTo(-5.551115123125783e-18, 30);
  });

  it('is within 2u^2 |v| of the exact difference for decimals of 1 to 17 digits', () => {
    const rand = lcg32(20261126);
    let resolved = 0;
    for (let i = 0; i < 5000; i++) {
      const digits = 1 + Math.floor(rand() * 17);
      const v =
        Number(`${(10 * rand()).toPrecision(digits)}e${Math.floor(rand() * 40) - 28}`) *
        (rand() < 0.5 ? -1 : 1);
      const c = decimalCorrection(v);
      if (Number.isNaN(c)) continue;
      resolved++;
      const exact = exactRelativeCorrection(v);
      expect(Math.abs(c / Math.abs(v) - exact), `${v}`).toBeLessThanOrEqual(2 * U2);
    }
    // Only values needing more than 22 decimal places are unresolved.
    expect(resolved).toBeGreaterThan(4500);
  });

  it('resolves full-precision doubles (17 significant digits, mantissas beyond 2^53)', () => {
    const rand = lcg32(7);
    for (let i = 0; i < 3000; i++) {
      // what Math.random-like data and JSON.stringify of computed doubles look like
      const v = (rand() - 0.3) * 10 ** (Math.floor(rand() * 30) - 20) + (rand() < 0.2 ? 1e4 : 0);
      const c = decimalCorrection(v);
      expect(c, `${v}`).not.toBeNaN();
      expect(Math.abs(c / Math.abs(v) - exactRelativeCorrection(v)), `${v}`).toBeLessThanOrEqual(
        2 * U2,
      );
    }
    expect(decimalCorrection(0.12345678901234568)).toBeCloseTo(
      exactRelativeCorrection(0.12345678901234568) * 0.12345678901234568,
      33,
    );
  });

  it('resolves values at and next to powers of ten (where floor(log10 |v|) is estimated from the binary exponent)', () => {
    let checked = 0;
    for (let k = -20; k <= 25; k++) {
      const ten = Number(`1e${k}`);
      // the power itself, its neighbours a few ulps away, and short decimals just below it
      const below = [ten, ten * (1 - 2 ** -52), ten * (1 + 2 ** -52), ten * (1 - 2 ** -50)];
      const values = [...below, Number(`9.99e${k - 1}`), Number(`1.0000001e${k}`)];
      for (const v of values) {
        for (const x of [v, -v]) {
          const c = decimalCorrection(x);
          if (Number.isNaN(c)) continue; // integers beyond 2^53 print rounded
          checked++;
          expect(
            Math.abs(c / Math.abs(x) - exactRelativeCorrection(x)),
            `${x}`,
          ).toBeLessThanOrEqual(2 * U2);
        }
      }
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('answers the same whichever value came before (the search order is only a hint)', () => {
    // The search starts with short places or from 17 digits down depending
    // on the previous value; the fewest round-trip places are unique, so
    // the result must not depend on it.
    const long = Math.SQRT1_2;
    const values = [
      0.1,
      2.5,
      1234.56,
      1e9 + 0.125,
      0.30000000000000004,
      1 / 3,
      2 / 3,
      123456.789012,
      Math.PI,
      1e-7,
      1.5e-300,
      98765.4321,
      0.1 + 0.7,
      4.35,
      1e15 + 0.5,
    ];
    for (const v of values) {
      decimalCorrection(long);
      const afterLong = decimalCorrection(v);
      decimalCorrection(0.5);
      const afterShort = decimalCorrection(v);
      expect(Object.is(afterLong, afterShort), `${v}`).toBe(true);
      if (!Number.isNaN(afterLong)) {
        expect(
          Math.abs(afterLong / Math.abs(v) - exactRelativeCorrection(v)),
          `${v}`,
        ).toBeLessThanOrEqual(2 * U2);
      }
    }
  });

  it('decimalCorrections: the same as one value at a time on mixed runs, stopping at the first it cannot resolve', () => {
    const rand = lcg32(99);
    // runs of short decimals, full-precision values and offsets, so every search start is exercised
    const values = Array.from({ length: 3000 }, (_, i) => {
      const kind = Math.floor(i / 37) % 3;
      if (kind === 0) return Math.round(rand() * 1e5) / 100;
      if (kind === 1) return (rand() - 0.5) * 10 ** (Math.floor(rand() * 12) - 6);
      return Math.round((1e9 + rand() * 1e3) * 1000) / 1000;
    });
    const out = new Float64Array(values.length);
    expect(decimalCorrections(values, out)).toBe(values.length);
    values.forEach((v, i) => {
      expect(out[i], `${v}`).toBe(decimalCorrection(v));
      expect(
        Math.abs((out[i] as number) / Math.abs(v) - exactRelativeCorrection(v)),
        `${v}`,
      ).toBeLessThanOrEqual(2 * U2);
    });
    // 2^60 prints rounded: resolved up to it, not past it
    const withBad = [0.1, 2.5, 2 ** 60, 0.3];
    expect(decimalCorrections(withBad, new Float64Array(4))).toBe(2);
  });

  it('gives NaN (not a wrong answer) where it cannot resolve cheaply', () => {
    expect(decimalCorrection(1.2345e-45)).toBeNaN(); // more than 44 places
    expect(decimalCorrection(2 ** 60)).toBeNaN(); // an integer beyond 2^53 prints rounded
    expect(decimalCorrection(Infinity)).toBeNaN();
  });
});

describe('toScaledIntegers: the string-free path gives what the strings give', () => {
  const rand = lcg32(4242);
  const families: Record<string, () => number> = {
    'offset, 3 places': () => Math.round((1e9 + (rand() - 0.5) * 2000) * 1000) / 1000,
    money: () => Math.round((rand() - 0.3) * 1e7) / 100,
    'integers with trailing zeros': () => Math.round(rand() * 1000) * 100,
    'negative and zero': () => (rand() < 0.2 ? 0 : -Math.round(rand() * 1e4) / 1e3),
    'full precision': () => (rand() - 0.5) * 3,
    'tiny decimals': () => Math.round(rand() * 1e4) * 1e-12,
  };
  for (const [name, make] of Object.entries(families)) {
    it(name, () => {
      const values = Array.from({ length: 500 }, make);
      expect(toScaledIntegers(values)).toEqual(scaledIntegersOfStrings(values));
    });
  }

  it('falls back to the strings when a later value has more places or is too large', () => {
    const values = [...Array.from({ length: 100 }, (_, i) => i / 4), 0.123456789, 2 ** 55, -7.5];
    expect(toScaledIntegers(values)).toEqual(scaledIntegersOfStrings(values));
    expect(toScaledIntegers([1.5, 2 ** 51 + 0.5, 3])).toEqual(
      scaledIntegersOfStrings([1.5, 2 ** 51 + 0.5, 3]),
    );
  });
});
