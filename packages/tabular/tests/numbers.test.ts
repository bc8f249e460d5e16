/**
 * Cells become exactly the double JSON.parse gives for the same digits: the
 * stats core reads each number as the decimal its shortest round-trip
 * string writes, so any other rounding would change the answers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MISSING_MARKERS, parseCell } from '../src/index';
import { parseDecimalBytes, scanNumber, scanned } from '../src/numbers';

const bytesOf = (s: string) => new TextEncoder().encode(s);
const fast = (s: string) => parseDecimalBytes(bytesOf(s), 0, s.length);

/** A double as the exact fraction [numerator, denominator] (finite, normal or not). */
function fraction(x: number): [bigint, bigint] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const mantissa = (bits & (2n ** 52n - 1n)) + (biased === 0 ? 0n : 2n ** 52n);
  const e = Math.max(biased, 1) - 1075;
  return e >= 0 ? [mantissa * 2n ** BigInt(e), 1n] : [mantissa, 2n ** BigInt(-e)];
}

/** Whether n 10^exp (positive) lies within 2^-89 (relative) of a point halfway between two doubles. */
function nearHalfway(n: bigint, exp: number): boolean {
  const [N, D] = exp >= 0 ? [n * 10n ** BigInt(exp), 1n] : [n, 10n ** BigInt(-exp)];
  const r = Number(`${n}e${exp}`);
  const view = new DataView(new ArrayBuffer(8));
  return [-1n, 1n].some((step) => {
    view.setFloat64(0, r);
    view.setBigUint64(0, view.getBigUint64(0) + step);
    const [a, b] = fraction(r);
    const [c, d] = fraction(view.getFloat64(0));
    // halfway h = (a/b + c/d) / 2; |N/D - h| <= 2^-89 N/D
    const hn = a * d + c * b;
    const hd = 2n * b * d;
    const diff = N * hd - hn * D;
    return (diff < 0n ? -diff : diff) * 2n ** 89n <= N * hd;
  });
}

/** Decimal strings of every shape the grammar allows. */
const decimal = fc
  .record({
    sign: fc.constantFrom('', '-', '+'),
    int: fc.stringMatching(/^\d{0,22}$/),
    frac: fc.option(fc.stringMatching(/^\d{0,22}$/), { nil: undefined }),
    exp: fc.option(fc.integer({ min: -340, max: 330 }), { nil: undefined }),
    e: fc.constantFrom('e', 'E'),
  })
  .map(({ sign, int, frac, exp, e }) => {
    let body = int + (frac === undefined ? '' : `.${frac}`);
    if (!/\d/.test(body)) body = `0${body}`;
    return sign + body + (exp === undefined ? '' : `${e}${exp}`);
  });

describe('parseDecimalBytes', () => {
  it('gives the same double as Number() (= JSON.parse) for any decimal', () => {
    fc.assert(
      fc.property(decimal, (s) => {
        const want = Number(s);
        const got = fast(s);
        if (!Number.isFinite(want)) expect(got).toBeUndefined();
        else expect(Object.is(got, want)).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });

  it('reads back every double from its shortest string and from 17 digits', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        // String(-0) is "0": compare with what JSON.parse makes of the same text
        expect(Object.is(fast(String(x)), Number(String(x)))).toBe(true);
        expect(fast(String(x)) === x).toBe(true); // the round trip (0 === -0 here)
        expect(fast(x.toPrecision(17)) === x).toBe(true);
        expect(fast(x.toExponential(20))).toBe(Number(x.toExponential(20)));
      }),
      { numRuns: 20000 },
    );
  });

  it('16 to 19 significant digits (the double-double path) round as JSON.parse, halfway points included', () => {
    // integers in [2^53, 2^64): every odd one in [2^53, 2^54) is exactly halfway between two doubles
    const digits = fc.oneof(
      fc.bigInt({ min: 2n ** 53n, max: 2n ** 54n }),
      fc.bigInt({ min: 10n ** 15n, max: 10n ** 19n - 1n }),
      fc.bigInt({ min: 2n ** 53n, max: 2n ** 63n }).map((n) => n | 1n),
    );
    fc.assert(
      fc.property(
        digits,
        fc.nat({ max: 19 }),
        fc.integer({ min: -25, max: 25 }),
        (n, point, exp) => {
          const d = n.toString();
          const at = Math.min(point, d.length);
          const text = `${d.slice(0, d.length - at)}.${d.slice(d.length - at)}e${exp}`.replace(
            /^\./,
            '0.',
          );
          expect(Object.is(fast(text), Number(text)), text).toBe(true);
        },
      ),
      { numRuns: 30000 },
    );
  });

  it('the 16-19 digit path answers itself (no Number() fallback) while m 10^(scale + nlo) is within 10^22', () => {
    // n = m 10^nlo + lo: m its first 15 digits, lo the other nlo; its value n 10^exp
    let inRange = 0;
    let answered = 0;
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n ** 15n, max: 10n ** 19n - 1n }),
        fc.integer({ min: -22, max: 22 }),
        (n, exp) => {
          const text = `${n}e${exp}`;
          const bytes = bytesOf(text);
          expect(scanNumber(bytes, 0, bytes.length)).toBe(bytes.length);
          const v = scanned[0]!;
          const nlo = String(n).length - 15;
          if (exp + nlo > 22) expect(Number.isNaN(v), text).toBe(true);
          else if (!nearHalfway(n, exp)) {
            inRange++;
            if (!Number.isNaN(v)) answered++;
          }
          if (!Number.isNaN(v)) expect(Object.is(v, Number(text)), text).toBe(true);
          expect(Object.is(fast(text), Number(text)), text).toBe(true);
        },
      ),
      { numRuns: 20000 },
    );
    // only a decimal within 2^-89 of a halfway point between two doubles may fall back
    expect(answered).toBe(inRange);
    expect(inRange).toBeGreaterThan(15000);
  });

  it('agrees with JSON.parse on hard cases (halfway points, subnormals, long mantissas)', () => {
    const cases = [
      '9007199254740993',
      '9007199254740992.5',
      '0.1',
      '2.2250738585072011e-308',
      '4.9e-324',
      '2.4703282292062328e-324',
      '1.7976931348623157e308',
      '123456789012345678901234567890',
      '0.000000000000000000000000000001',
      '1e22',
      '1e23',
      '8.589973e9',
      '-0',
      '0.30000000000000004',
      '100000000000000000000000.0',
    ];
    for (const s of cases) expect(Object.is(fast(s), JSON.parse(s)), s).toBe(true);
  });

  it('refuses what is not a finite decimal', () => {
    for (const s of [
      '',
      '-',
      '+',
      '.',
      'e5',
      '1e',
      '1e+',
      '1.2.3',
      '0x10',
      'Infinity',
      '1,5',
      '1 2',
      '1e400',
      '--1',
      '١',
    ]) {
      expect(fast(s), s).toBeUndefined();
    }
  });
});

describe('parseCell', () => {
  it('trims spaces and tabs, reads missing markers as NaN, and refuses text', () => {
    expect(parseCell(' 2.50\t')).toBe(2.5);
    expect(parseCell('.5')).toBe(0.5);
    expect(parseCell('5.')).toBe(5);
    for (const m of MISSING_MARKERS) expect(parseCell(m), m).toBeNaN();
    expect(parseCell('abc')).toBeUndefined();
    expect(parseCell('１２')).toBeUndefined(); // full-width digits are not ASCII digits
    expect(parseCell('1\n')).toBeUndefined(); // only spaces and tabs are trimmed
  });
});
