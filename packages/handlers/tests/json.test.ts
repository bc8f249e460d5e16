/**
 * The fast request reader (src/http/json.ts) against JSON.parse, the
 * reference: wherever it answers, its value must be JSON.parse's, down to
 * each double's bits and the key order; wherever JSON.parse throws, it must
 * decline (so JSON.parse's own error reaches the client).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFiniteArray, MAX_DEPTH, readJson } from '../src/http/json';
import { FAST_READ_MIN, readRequest } from '../src/http/request';

/** Deep equality that tells -0 from 0 and checks key order. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, k) => same(x, b[k]));
  }
  if (a !== null && typeof a === 'object') {
    if (b === null || typeof b !== 'object' || Array.isArray(b)) return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every(
        (k, n) =>
          k === kb[n] && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
      )
    );
  }
  return a === b;
}

/** The reader's verdict must agree with JSON.parse's. */
function agrees(text: string): void {
  let expected: { value: unknown } | undefined;
  try {
    expected = { value: JSON.parse(text) };
  } catch {
    expected = undefined;
  }
  const got = readJson(text);
  if (expected === undefined) {
    expect(got, `JSON.parse rejects ${JSON.stringify(text)}; the reader must decline`).toBe(
      undefined,
    );
  } else if (got !== undefined) {
    expect(same(got.value, expected.value), `value of ${JSON.stringify(text)}`).toBe(true);
  }
}

/** Decimal texts of the shapes requests carry, and the awkward ones. */
const decimalText = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x.toExponential()),
  fc
    .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 }))
    .map(([m, d]) => (m / 10 ** d).toFixed(d)),
  fc
    .tuple(
      fc.boolean(),
      fc.stringMatching(/^(0|[1-9][0-9]{0,24})$/),
      fc.option(fc.stringMatching(/^[0-9]{1,25}$/)),
      fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.nat(400))),
    )
    .map(
      ([neg, int, frac, exp]) =>
        `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `${exp[0]}${exp[1]}${exp[2]}`}`,
    ),
);

describe('readJson', () => {
  it('reads every number as JSON.parse does, bit for bit (Clinger fast path and Number fallback)', () => {
    fc.assert(
      fc.property(fc.array(decimalText, { maxLength: 40 }), (xs) => {
        agrees(`[${xs.join(',')}]`);
        agrees(`{"x":[${xs.join(', ')}],"y":${xs[0] ?? 0}}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with JSON.parse on arbitrary JSON values (objects, strings, literals, nesting)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        agrees(JSON.stringify(v));
        agrees(JSON.stringify(v, null, 2));
      }),
      { numRuns: 1000 },
    );
  });

  it('declines what JSON.parse rejects, so JSON.parse reports the error', () => {
    for (const bad of [
      '',
      ' ',
      '{',
      '[1,2',
      '[1,]',
      '[,1]',
      '[01]',
      '[1.]',
      '[.5]',
      '[+1]',
      '[1e]',
      '[1e+]',
      '[-]',
      '[NaN]',
      '[Infinity]',
      '{"x":[1] }x',
      '{"x" [1]}',
      "{'x':[1]}",
      '{"x":[1],}',
      '[tru]',
      '[nul]',
      '"a\u0001b"',
      '{"x":[1]} {"y":[2]}',
      '[1 2]',
      '{"x":1 "y":2}',
    ]) {
      expect(readJson(bad), bad).toBe(undefined);
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => agrees(text)),
      { numRuns: 2000 },
    );
  });

  it('declines escapes, a __proto__ key and deep nesting, which JSON.parse then reads', () => {
    expect(readJson('{"a\\"b":[1]}')).toBe(undefined);
    expect(readJson('{"__proto__":[1]}')).toBe(undefined);
    const deep = `${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}`;
    expect(readJson(deep)).toBe(undefined);
    const ok = `${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`;
    expect(readJson(ok)).not.toBe(undefined);
  });

  it('answers for the requests it is for: decimals of up to 15 significant digits, integers, options', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc
            .tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 3 }))
            .map(([m, d]) => Number((m / 10 ** d).toFixed(d))),
          { maxLength: 200 },
        ),
        (xs) => {
          const text = JSON.stringify({ x: xs, y: xs, alternative: 'less', fitted: true });
          const got = readJson(text);
          expect(got).not.toBe(undefined);
          expect(same(got!.value, JSON.parse(text))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('declines a number of 16 or more significant digits or a power of ten beyond 22 (JSON.parse reads them)', () => {
    for (const text of [
      '[0.1,0.30000000000000004]',
      '[1234567890123456]',
      '[1e23]',
      '[1.5e-23]',
      '[1e400]',
    ]) {
      expect(readJson(text), text).toBe(undefined);
    }
    expect(readJson('[123456789012345, 0e999, -0.0, 1e22, 1e-22]')!.value).toEqual([
      123456789012345, 0, -0, 1e22, 1e-22,
    ]);
  });

  it('reads an ASCII body itself and leaves one with any other character to JSON.parse', () => {
    expect(readJson('{"x":[1.5,2],"name":"ok"}')).not.toBe(undefined);
    for (const text of [
      '{"x":[1.5,2],"name":"café"}',
      '{"x":[1.5,2],"name":"\u{1F600}"}',
      // a code unit whose low byte is a comma, bracket or digit must not read as one
      '[1\u012C2]',
      '[1\u015D',
      '[\u0131]',
      '{"x":[1]}\u0120',
      '\ud800',
    ]) {
      expect(readJson(text), text).toBe(undefined);
      agrees(text);
    }
    // random texts over JSON's structural characters mixed with non-ASCII ones
    const unit = fc.constantFrom(
      ...'[]{},:"0123456789.-eE ntrufals'.split(''),
      '\u012C',
      '\u015B',
      '\u015D',
      '\u0130',
      '\u0122',
      'é',
      '\ud83d',
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 24 }), (units) => agrees(units.join(''))),
      { numRuns: 3000 },
    );
  });

  it('keeps the last of duplicate keys in the first one’s place, as JSON.parse does', () => {
    const text = '{"x":[1],"y":[2],"x":[3]}';
    expect(Object.keys(readJson(text)!.value as object)).toEqual(['x', 'y']);
    agrees(text);
  });

  it('marks a long array as all-finite only when every entry is a finite number', () => {
    const ok = Array.from({ length: 16 }, (_, k) => (k % 3 === 0 ? -0 : k / 4)).join(',');
    const v = readJson(
      `{"a":[${ok}],"b":[${ok},null],"d":[${ok},[1]],"e":[[${ok}],[3]],"f":[${ok},"2"],"g":[1,2.5]}`,
    )!.value as Record<string, unknown[]>;
    expect(isFiniteArray(v.a)).toBe(true);
    expect(isFiniteArray(v.b)).toBe(false);
    expect(isFiniteArray(v.d)).toBe(false);
    expect(isFiniteArray(v.e)).toBe(false);
    expect(isFiniteArray(v.e![0])).toBe(true);
    expect(isFiniteArray(v.f)).toBe(false);
    // a short array is not marked (walking it again costs less than the mark)
    expect(isFiniteArray(v.g)).toBe(false);
    expect(isFiniteArray(v.e![1])).toBe(false);
    // an array JSON.parse built, or one made later, is never marked
    expect(isFiniteArray(JSON.parse('[1,2]'))).toBe(false);
    expect(isFiniteArray([1, 2])).toBe(false);
  });
});

describe('readRequest', () => {
  const event = (body: string) => ({
    version: '2.0',
    requestContext: { http: { method: 'POST' }, requestId: 'r' },
    headers: { 'content-type': 'application/json' },
    body,
    isBase64Encoded: false,
  });

  it('leaves a short body to JSON.parse and reads a long one itself, with the same payload', () => {
    // below FAST_READ_MIN the reader is not even compiled (a cold start's first request is often small)
    const short = JSON.stringify({ x: Array.from({ length: 20 }, (_, k) => k / 4) });
    const long = JSON.stringify({ x: Array.from({ length: 2000 }, (_, k) => k / 4) });
    expect(short.length).toBeLessThan(FAST_READ_MIN);
    expect(long.length).toBeGreaterThanOrEqual(FAST_READ_MIN);
    for (const [text, read] of [
      [short, false],
      [long, true],
    ] as const) {
      const payload = readRequest(event(text), 1 << 20).payload as { x: number[] };
      expect(payload).toEqual(JSON.parse(text));
      // only the fast reader marks an array it found all finite
      expect(isFiniteArray(payload.x)).toBe(read);
    }
  });
});
