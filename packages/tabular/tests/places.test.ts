/**
 * `decimalPlaces`: the reader hands the stats core each value's decimal
 * places, so the exact partial sums take round(|x| 10^p) as the integer of
 * the decimal without searching for p. The promise checked here: a place
 * count is given only when the text is, up to trailing zeros, the decimal
 * `String(x)` writes (the core's reading of a number), and it is given for
 * nearly every value that programs write (String/repr output), which is
 * what makes the route fast. The reference is exact BigInt decimal
 * arithmetic on the text, independent of the scanner.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_PLACES, parseTable } from '../src/index';

/** A decimal text as an exact canonical (mantissa, exponent): value = m 10^e, no trailing zeros in m. */
function exact(text: string): { m: bigint; e: number } {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) throw new Error(`not a decimal: ${text}`);
  const [, sign, int = '', frac = '', exp = '0'] = match;
  let m = BigInt(`${int}${frac}` || '0');
  let e = Number(exp) - frac.length;
  if (m === 0n) return { m: 0n, e: 0 };
  while (m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  return { m: sign === '-' ? -m : m, e };
}

function read(cells: string[]) {
  const csv = `x\n${cells.join('\n')}\n`;
  const table = parseTable(csv, { format: 'csv', columns: { x: 'number' }, decimalPlaces: true });
  return { values: table.numbers.x!, places: table.places!.x! };
}

/** Checks the promise for every cell: a place count only for String(x)'s decimal. */
function checkPromise(cells: string[]) {
  const { values, places } = read(cells);
  expect(places.length).toBe(cells.length);
  let given = 0;
  for (let i = 0; i < cells.length; i++) {
    const p = places[i]!;
    if (p === NO_PLACES) continue;
    given++;
    const text = cells[i]!;
    const shortest = exact(String(values[i]));
    const written = exact(text);
    // the text is the shortest decimal's value, and p is the places it was written with
    expect({ text, ...written }).toEqual({ text, ...shortest });
    // the places of the decimal itself (trailing zeros dropped; zero has 0)
    expect(p).toBe(Math.max(0, -written.e));
  }
  return given / cells.length;
}

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

describe('decimalPlaces', () => {
  it('gives places only for the decimal String(x) writes, for any double written many ways', () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 1, maxLength: 40 }), (xs) => {
        const cells = xs.flatMap((x) => [
          String(x),
          x.toPrecision(15),
          x.toPrecision(16),
          x.toPrecision(17),
          x.toPrecision(19),
          Math.abs(x) < 1e21
            ? x.toFixed(Math.min(20, Math.max(0, 17 - Math.ceil(Math.log10(Math.abs(x) || 1)))))
            : String(x),
        ]);
        // toPrecision(15) of the largest doubles overflows: not a number the reader takes
        checkPromise(cells.filter((c) => Number.isFinite(Number(c))));
      }),
      { numRuns: 300 },
    );
  });

  it('gives places for (nearly) every full-precision double as String writes it', () => {
    // the bench's shape: 17 significant digits in [1, 1000)
    const xs = fc.sample(fc.double({ min: 1, max: 1000, noNaN: true }), 20000);
    const rate = checkPromise(xs.map(String));
    // a place count is withheld only when a decision falls within 2^-90 of a boundary (or the text is not shortest)
    expect(rate).toBeGreaterThan(0.999);
  });

  it('gives places for every decimal of 15 digits or fewer, trailing zeros and signs included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            int: fc.integer({ min: -99999999, max: 99999999 }),
            places: fc.integer({ min: 0, max: 7 }),
            pad: fc.integer({ min: 0, max: 3 }),
          }),
          { minLength: 1, maxLength: 50 },
        ),
        (specs) => {
          const cells = specs.map(({ int, places, pad }) => {
            const digits = String(Math.abs(int)).padStart(places + 1, '0');
            const body =
              places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
            return `${int < 0 ? '-' : ''}${body}${places > 0 ? '0'.repeat(pad) : ''}`;
          });
          expect(checkPromise(cells)).toBe(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('withholds places for texts that are not the shortest decimal and for positive exponents', () => {
    const cells = [
      '0.10000000000000001',
      '0.30000000000000004',
      '1.5e3',
      '2.0000000000000000',
      '1e-7',
    ];
    const { places } = read(cells);
    expect(places[0]).toBe(NO_PLACES); // String(0.1) is "0.1"
    expect(places[1]).toBe(17); // String(0.1 + 0.2) is this text
    expect(places[2]).toBe(NO_PLACES);
    expect(places[3]).toBe(0); // 2 written with trailing zeros: the decimal 2
    expect(places[4]).toBe(7);
  });

  it('marks values read off the fast lane (quoted, spaced, missing under propagate) as unknown', () => {
    const csv = 'x,y\n"1.25",2\n 3.5 ,4\n,6\n7.1250,8\n';
    const t = parseTable(csv, {
      format: 'csv',
      columns: { x: 'number', y: 'number' },
      nanPolicy: 'propagate',
      decimalPlaces: true,
    });
    expect(Array.from(t.numbers.x!)).toEqual([1.25, 3.5, Number.NaN, 7.125]);
    const px = Array.from(t.places!.x!);
    expect(px[0] === 2 || px[0] === NO_PLACES).toBe(true);
    expect(px[1]).toBe(NO_PLACES);
    expect(px[2]).toBe(NO_PLACES);
    expect(px[3]).toBe(3);
    expect(t.places!.y!.length).toBe(4);
  });

  it('is absent unless asked for, and for independent or labelled columns', () => {
    const csv = 'x,g\n1.5,a\n2.5,b\n';
    expect(parseTable(csv, { format: 'csv', columns: { x: 'number' } }).places).toBeUndefined();
    const labelled = parseTable(csv, {
      format: 'csv',
      columns: { x: 'number', g: 'string' },
      decimalPlaces: true,
    });
    expect(labelled.places).toBeUndefined();
  });
});
