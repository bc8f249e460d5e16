/**
 * withDecimalPlaces: a reader that saw the text declares each value's
 * decimal places, and the partial builders take round(|x| 10^p) as the
 * exact integer instead of searching for the shortest decimal. The states
 * must not change: for the decimals String(x) writes (with some places
 * unknown), every exact-sum state's JSON is
 * byte-identical (describe's M3/M4 to a few ulps of the deviations) to the one
 * built without declared places (the searching
 * route, itself checked against scipy/NIST goldens and BigInt decimals in
 * properties.test.ts). The places here come from String(x)'s text, an
 * independent reference for what a reader writes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describePartial,
  linregressPartial,
  NO_PLACES,
  olsPartialColumns,
  pearsonrPartial,
  polyfitPartial,
  ttest1sampPartial,
  ttestIndPartial,
  ttestRelPartial,
  withDecimalPlaces,
} from './api';
import { rng } from './split';

/** The places of String(x) as written (digits after the point less the exponent); NO_PLACES below 0. */
function placesOf(x: number): number {
  const m = /^-?\d*(?:\.(\d*))?(?:e([+-]?\d+))?$/.exec(String(x))!;
  const p = (m[1]?.length ?? 0) - Number(m[2] ?? '0');
  return p < 0 || p > 22 ? NO_PLACES : p;
}

const family = fc.record({
  n: fc.integer({ min: 1, max: 200 }),
  offset: fc.constantFrom(0, 1, 1e3, 1e6, -1e9),
  scale: fc.constantFrom(1e-6, 1e-2, 1, 1e4),
  places: fc.constantFrom(0, 1, 3, 4, 17),
  unknown: fc.constantFrom(0, 0.1),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
});

interface Family {
  n: number;
  offset: number;
  scale: number;
  places: number;
  unknown: number;
  seed: number;
}

function column(f: Family, salt: number) {
  const random = rng(f.seed + salt);
  const x = Float64Array.from({ length: f.n }, () => {
    const v = f.offset + f.scale * (random() - 0.3) * 100;
    if (f.places >= 17) return v;
    const k = 10 ** f.places;
    return Math.round(v * k) / k;
  });
  const places = Int8Array.from(x, (v) => {
    if (random() < f.unknown) return NO_PLACES;
    return placesOf(v);
  });
  return { x, places };
}

const json = (s: unknown) => JSON.stringify(s);

describe('withDecimalPlaces', () => {
  it('leaves every exact-sum state byte-identical', () => {
    fc.assert(
      fc.property(family, (f) => {
        const a = column(f, 1);
        const b = column(f, 2);
        const c = column(f, 3);
        const plain = (k: { x: Float64Array }) => Float64Array.from(k.x);
        const marked = (k: { x: Float64Array; places: Int8Array }) =>
          withDecimalPlaces(Float64Array.from(k.x), k.places);
        // describe's exact sums are identical; its M3 and M4 sum deviations
        // each rounded to a double, whose last bits depend on how the
        // integers are held (a route may hold "2.50" as 250 where the other
        // holds 25, or as two doubles): equal to a few ulps of the deviations,
        // far inside describe's 12-digit contract for skewness and kurtosis
        const d1 = describePartial(marked(a));
        const d2 = describePartial(plain(a));
        expect(json({ ...d1, m3: 0, m4: 0 })).toBe(json({ ...d2, m3: 0, m4: 0 }));
        const mean = a.x.reduce((t, v) => t + v, 0) / f.n;
        for (const [k, power] of [
          ['m3', 3],
          ['m4', 4],
        ] as const) {
          // relative to sum |x - mean|^k: M3 of symmetric data is a cancellation near 0
          const size = a.x.reduce((t, v) => t + Math.abs(v - mean) ** power, 0);
          const [h1, l1] = d1[k] ?? [0, 0];
          const [h2, l2] = d2[k] ?? [0, 0];
          expect(Math.abs(h1 - h2 + (l1 - l2))).toBeLessThanOrEqual(size * 2 ** -48);
        }
        expect(json(ttest1sampPartial(marked(a)))).toBe(json(ttest1sampPartial(plain(a))));
        expect(json(ttestIndPartial(marked(a), marked(b)))).toBe(
          json(ttestIndPartial(plain(a), plain(b))),
        );
        expect(json(ttestRelPartial(marked(a), marked(b)))).toBe(
          json(ttestRelPartial(plain(a), plain(b))),
        );
        expect(json(linregressPartial(marked(a), marked(b)))).toBe(
          json(linregressPartial(plain(a), plain(b))),
        );
        expect(json(pearsonrPartial(marked(a), marked(b)))).toBe(
          json(pearsonrPartial(plain(a), plain(b))),
        );
        expect(json(olsPartialColumns([marked(a)], marked(c)))).toBe(
          json(olsPartialColumns([plain(a)], plain(c))),
        );
        expect(json(olsPartialColumns([marked(a), marked(b)], marked(c)))).toBe(
          json(olsPartialColumns([plain(a), plain(b)], plain(c))),
        );
        expect(json(polyfitPartial(marked(a), marked(c), 2))).toBe(
          json(polyfitPartial(plain(a), plain(c), 2)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('sums whole blocks exactly on long columns (one pass, fused.ts)', () => {
    // Long enough to cross the limb blocks (2^14 rows) and the short blocks
    // of plain products (2^52 over the largest product): sensor decimals,
    // decimals whose integers need limbs (4 places on 1e6), mid-size
    // integers (2^21, blocks of about 2^10 rows) and 17-digit doubles.
    const shapes = [
      { offset: 0, scale: 1, places: 3 },
      { offset: 1e6, scale: 1, places: 4 },
      { offset: 2000, scale: 10, places: 3 },
      { offset: 1, scale: 10, places: 17 },
      { offset: -1e9, scale: 1e4, places: 17 },
    ];
    for (const [k, shape] of shapes.entries()) {
      const f = { n: 40_000, unknown: 0, seed: 7 + k, ...shape };
      const a = column(f, 1);
      const b = column(f, 2);
      const marked = (c: { x: Float64Array; places: Int8Array }) =>
        withDecimalPlaces(Float64Array.from(c.x), c.places);
      const plain = (c: { x: Float64Array }) => Float64Array.from(c.x);
      expect(json(linregressPartial(marked(a), marked(b)))).toBe(
        json(linregressPartial(plain(a), plain(b))),
      );
      expect(json(ttest1sampPartial(marked(b)))).toBe(json(ttest1sampPartial(plain(b))));
      expect(json(ttestRelPartial(marked(a), marked(b)))).toBe(
        json(ttestRelPartial(plain(a), plain(b))),
      );
      expect(json(olsPartialColumns([marked(a)], marked(b)))).toBe(
        json(olsPartialColumns([plain(a)], plain(b))),
      );
      const d1 = describePartial(marked(a));
      const d2 = describePartial(plain(a));
      expect(json({ ...d1, m3: 0, m4: 0 })).toBe(json({ ...d2, m3: 0, m4: 0 }));
    }
  });

  it('still names a bad value (the searching route decides it)', () => {
    const x = withDecimalPlaces(
      Float64Array.from([1.5, Number.POSITIVE_INFINITY]),
      Int8Array.from([1, 0]),
    );
    expect(() => linregressPartial(x, Float64Array.from([1, 2]))).toThrow(/x\[1\] is Infinity/);
  });

  it('refuses a place count per value that does not match the values', () => {
    expect(() => withDecimalPlaces(Float64Array.from([1, 2]), new Int8Array(1))).toThrow(
      /one place count per value \(got 1 for 2 values\)/,
    );
  });
});
