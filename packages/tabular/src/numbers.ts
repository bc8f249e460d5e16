/**
 * Cell text to number, exactly as JSON.parse reads a number.
 *
 * The fast path is Clinger's (1990): a decimal of at most 15 significant
 * digits is an integer m < 2^53, exact in a double, and 10^k is exact for
 * k <= 22, so m * 10^k and m / 10^k are each ONE correctly rounded IEEE
 * operation: the double nearest the decimal, which is what JSON.parse and
 * Number() return. Every other decimal (more digits, a larger exponent)
 * goes through Number(), which V8 rounds correctly too.
 */

/**
 * Cells read as a missing value (NaN, subject to nan_policy) in a numeric
 * column: the empty cell and pandas' common default na_values. Compared
 * after trimming spaces and tabs. In JSON Lines, `null` and an absent key
 * are missing values too.
 */
export const MISSING_MARKERS: readonly string[] = [
  '',
  'NaN',
  'nan',
  'NAN',
  '-NaN',
  '-nan',
  'NA',
  'N/A',
  'n/a',
  '#N/A',
  'null',
  'NULL',
  'None',
];

const MISSING = new Set(MISSING_MARKERS);

/** 10^0 .. 10^22: every one an exact double. */
export const POW10: Float64Array = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);
/** 10^-k rounded, k = 0..22 (a scale for comparisons, not exact). */
const INV_POW10: Float64Array = Float64Array.from({ length: 23 }, (_, k) => 1 / 10 ** k);

const C_0 = 48;
const C_9 = 57;
const C_PLUS = 43;
const C_MINUS = 45;
const C_DOT = 46;
const C_E = 101;
const C_UPPER_E = 69;

/**
 * The value of the last scanNumber: the double nearest the decimal, or NaN
 * when the fast path cannot tell it (more than 15 significant digits, or a
 * power of ten beyond 22): then Number() of the text decides.
 */
export const scanned = new Float64Array(1);

/**
 * The decimal of the last scanNumber as digits: m, lo, nlo and scale, the
 * value being (m 10^nlo + lo) 10^scale (see scannedPlaces). Stores only:
 * the work is done by scannedPlaces, for the readers that ask.
 */
const DEC = new Float64Array(4);

/** scannedPlaces' answer when the places are not known. */
export const NO_PLACES = -128;

/**
 * Scans the longest prefix of bytes[from, to) that is the grammar
 * `[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?` and returns the position after
 * it (`from` when there is none); its value is left in scanned[0].
 */
export function scanNumber(bytes: Uint8Array, from: number, to: number): number {
  let i = from;
  if (i >= to) return from;
  let negative = false;
  let c = bytes[i]!;
  if (c === C_MINUS || c === C_PLUS) {
    negative = c === C_MINUS;
    i++;
  }
  let m = 0;
  let lo = 0; // significant digits 16 to 19
  let nlo = 0;
  let dropped = false; // a significant digit beyond the 19th is not zero: slow path
  let scale = 0; // power of ten to apply to m * 10^nlo + lo
  const first = i;
  // leading zeros of the integer part carry no value
  while (i < to && bytes[i] === C_0) i++;
  const sigStart = i;
  // Each phase is a tight loop of its own: the first 15 significant digits
  // into m, the next 4 into lo, the rest only checked (they must be 0).
  let d = 0;
  // integer part
  let limit = Math.min(i + 15, to);
  while (i < limit) {
    d = bytes[i]! - C_0;
    if (d >>> 0 > 9) break;
    m = m * 10 + d;
    i++;
  }
  let k = i - sigStart; // significant digits taken (leading zeros were skipped)
  if (k === 15) {
    limit = Math.min(i + 4, to);
    const at = i;
    while (i < limit) {
      d = bytes[i]! - C_0;
      if (d >>> 0 > 9) break;
      lo = lo * 10 + d;
      i++;
    }
    nlo = i - at;
    k += nlo;
    const rest = i;
    while (i < to) {
      d = bytes[i]! - C_0;
      if (d >>> 0 > 9) break;
      if (d !== 0) dropped = true;
      i++;
    }
    scale += i - rest;
    k += i - rest;
  }
  let digits = i - first;
  if (i < to && bytes[i] === C_DOT) {
    i++;
    const fracStart = i;
    if (k === 0) {
      // zeros after the point before the first significant digit
      while (i < to && bytes[i] === C_0) i++;
      scale -= i - fracStart;
    }
    if (k < 15) {
      limit = Math.min(i + 15 - k, to);
      const at = i;
      while (i < limit) {
        d = bytes[i]! - C_0;
        if (d >>> 0 > 9) break;
        m = m * 10 + d;
        i++;
      }
      k += i - at;
      scale -= i - at;
    }
    if (k >= 15 && nlo < 4) {
      limit = Math.min(i + 4 - nlo, to);
      const at = i;
      while (i < limit) {
        d = bytes[i]! - C_0;
        if (d >>> 0 > 9) break;
        lo = lo * 10 + d;
        i++;
      }
      nlo += i - at;
      k += i - at;
      scale -= i - at;
    }
    if (k >= 19) {
      while (i < to) {
        d = bytes[i]! - C_0;
        if (d >>> 0 > 9) break;
        if (d !== 0) dropped = true;
        i++;
      }
    }
    digits += i - fracStart;
  }
  if (digits === 0) return from;
  if (i < to && (bytes[i] === C_E || bytes[i] === C_UPPER_E)) {
    let e = i + 1;
    let expNegative = false;
    if (e < to && (bytes[e] === C_MINUS || bytes[e] === C_PLUS)) {
      expNegative = bytes[e] === C_MINUS;
      e++;
    }
    const expStart = e;
    let exp = 0;
    while (e < to) {
      c = bytes[e]!;
      if (c < C_0 || c > C_9) break;
      if (exp < 100000) exp = exp * 10 + (c - C_0);
      e++;
    }
    if (e > expStart) {
      // an exponent without digits is not part of the number (the caller sees "1e" and refuses it)
      i = e;
      scale += expNegative ? -exp : exp;
    }
  }
  DEC[0] = m;
  DEC[1] = lo;
  DEC[2] = nlo;
  DEC[3] = scale;
  let v = Number.NaN;
  if (!dropped && scale >= -22 && scale <= 22) {
    if (m === 0) v = 0;
    else if (nlo === 0) v = scale >= 0 ? m * POW10[scale]! : m / POW10[-scale]!;
    else {
      // m passes through DEC and the result through scanned: a double given
      // to or returned from a call that is not inlined is boxed (a heap
      // number per cell, and the collections they bring)
      nearestDoubleDouble(nlo, lo, scale);
      v = scanned[0]!;
    }
  }
  scanned[0] = negative ? -v : v;
  return i;
}

// Double-double arithmetic (Dekker 1971): exact products by Veltkamp splitting.
const SPLIT = 134217729; // 2^27 + 1
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
/** Little-endian: the high word of a double is words[1]. */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** Dekker's split of each POW10[k] (high and low halves), precomputed. */
const POW10_HI: Float64Array = POW10.map((p) => {
  const t = SPLIT * p;
  return t - (t - p);
});
const POW10_LO: Float64Array = POW10.map((p, k) => p - POW10_HI[k]!);

/**
 * 10^-k (k = 0..22) as a double-double hi + lo: hi = 1 / 10^k correctly
 * rounded, and lo the rest, (1 - hi 10^k) / 10^k, whose numerator is
 * exact (hi 10^k = p + q by Dekker's product, 1 - p exact by Sterbenz as
 * p is within an ulp of 1, then one rounding of a value 2^-53 below 1):
 * hi + lo is within 2^-106 relative of 10^-k.
 */
function inversePow10(k: number): [number, number] {
  const p = POW10[k]!;
  const hi = 1 / p;
  const prod = hi * p;
  let t = SPLIT * hi;
  const aHi = t - (t - hi);
  const aLo = hi - aHi;
  const q =
    aHi * POW10_HI[k]! - prod + aHi * POW10_LO[k]! + aLo * POW10_HI[k]! + aLo * POW10_LO[k]!;
  t = 1 - prod - q;
  return [hi, t / p];
}

/**
 * 10^s for s = -22..22 (at index s + 22) as a double-double SCALE_HI +
 * SCALE_LO: exact for s >= 0 (SCALE_LO 0), inversePow10 below; and the
 * Dekker split of each SCALE_HI.
 */
const SCALE = Array.from({ length: 45 }, (_, i) =>
  i >= 22 ? [POW10[i - 22]!, 0] : inversePow10(22 - i),
);
const SCALE_HI: Float64Array = Float64Array.from(SCALE, ([h]) => h!);
const SCALE_LO: Float64Array = Float64Array.from(SCALE, ([, l]) => l!);
const SCALE_HI_HI: Float64Array = SCALE_HI.map((v) => {
  const t = SPLIT * v;
  return t - (t - v);
});
const SCALE_HI_LO: Float64Array = SCALE_HI.map((v, i) => v - SCALE_HI_HI[i]!);

/**
 * HALF_ULP[e] = 2^(e - 1076): half the spacing of the doubles whose biased
 * exponent is e (normal doubles). A table, so that halfUlp writes no bits
 * into a double: rewriting the two 32-bit words and reading the double back
 * stalled each call on the store-to-load forwarding.
 */
const HALF_ULP: Float64Array = Float64Array.from({ length: 2048 }, (_, e) => 2 ** (e - 1076));

/** Half the spacing of the doubles at r (r normal, finite, non-zero). */
function halfUlp(r: number): number {
  bits[0] = r;
  return HALF_ULP[(words[HI]! >>> 20) & 0x7ff]!; // biased exponent; ulp = 2^(exponent - 1075)
}

/**
 * The double nearest (m * 10^nlo + lo) * 10^scale, for 10^14 <= m < 10^15
 * (m's 15 digits begin with a non-zero one), 1 <= nlo <= 4, lo < 10^nlo,
 * |scale| <= 22: the 16- to 19-digit decimals (full-precision doubles
 * written out) that Clinger's fast path cannot take. The value is formed
 * in double-double, within 2^-97 of the exact one (relative), then
 * rounded; when that lands within 2^-90 relative of a halfway point
 * between two doubles, where the rounding could be wrong, it gives NaN and
 * the caller asks Number() (about once in 2^37 random inputs; the property
 * tests force such cases), as it does when scale + nlo passes 22. m is
 * read from DEC[0] and the result left in scanned[0] (see the caller).
 */
function nearestDoubleDouble(nlo: number, lo: number, scale: number): void {
  const m = DEC[0]!;
  const s = scale + nlo + 22; // m's power of ten, at index s of SCALE_*
  if (s > 44) {
    scanned[0] = Number.NaN;
    return;
  }
  // m 10^(scale + nlo) + lo 10^scale, the powers as double-doubles qh + ql
  // (exact, ql = 0, for powers >= 0; within 2^-106 relative below, see
  // SCALE_HI). m qh exactly as xh + e (Dekker); m ql rounds by 2^-106
  // |xh|. The second term is below 10^-14 (2^-46.5) of the first (m >=
  // 10^14), so lo times the power's high part alone (the low part
  // dropped, the product rounded) is within 2^-98.5 |xh| of it, and the
  // two roundings adding it in within 2^-99.5 each: xh + xl is within
  // 2^-97 of the decimal. M = m 10^nlo + lo is never formed (it passes 2^53: a Dekker
  // product and a TwoSum more), and there is no division (two of them,
  // for scale < 0, were most of this function's time).
  const qh = SCALE_HI[s]!;
  const xh = m * qh;
  const t = SPLIT * m;
  const aHi = t - (t - m);
  const aLo = m - aHi;
  const qHi = SCALE_HI_HI[s]!;
  const qLo = SCALE_HI_LO[s]!;
  const e = aHi * qHi - xh + aHi * qLo + aLo * qHi + aLo * qLo; // m qh = xh + e exactly
  const xl = e + (m * SCALE_LO[s]! + lo * SCALE_HI[s - nlo]!);
  const r = xh + xl;
  const off = Math.abs(xh - r + xl); // distance from r to the double-double value
  const half = halfUlp(r);
  const tol = Math.abs(r) * 8.077935669463161e-28; // 2^-90
  if (Math.abs(off - half) <= tol) {
    scanned[0] = Number.NaN;
    return;
  }
  LAST[0] = xh - r + xl; // the decimal minus r, exact to 2^-97 relative
  LAST[1] = half;
  LAST[2] = tol;
  scanned[0] = r;
}

/**
 * Left by nearestDoubleDouble for scannedPlaces: the decimal minus the
 * double, half an ulp, the margin (a typed array: a module-level `let`
 * holding a double would allocate a number on every write in Node 20's V8).
 */
const LAST = new Float64Array(3);

/**
 * The decimal places of the number the last scanNumber read (trailing
 * zeros dropped), when its text is the decimal `String(value)` writes (the
 * stats core's reading of a number: its shortest round-trip decimal), so
 * that `round(|value| 10^places)` is that decimal's exact integer;
 * NO_PLACES otherwise (a positive power of ten, more than 19 digits, a
 * 16- to 19-digit decimal that is not the shortest, the slow path). Call it
 * right after scanNumber. Decimals of at most 15 significant digits always
 * qualify: each is the only decimal of 15 digits or fewer that rounds to
 * its double.
 */
export function scannedPlaces(): number {
  const v = scanned[0]!;
  if (Number.isNaN(v)) return NO_PLACES;
  let m = DEC[0]!;
  const lo = DEC[1]!;
  if (m === 0) return 0;
  if (lo === 0) {
    // at most 15 significant digits (the rest are zeros)
    let s = DEC[3]! + DEC[2]!;
    if (s > 0) return NO_PLACES;
    while (s < 0) {
      const t = m / 10; // exact when m ends in 0, not an integer otherwise
      if (t !== Math.floor(t)) break;
      m = t;
      s++;
    }
    return -s;
  }
  // 16 to 19 digits: the last non-zero one, at the place 10^last. lo is
  // below 10^4 and not 0 here: int32 remainders (a multiply and a shift),
  // where a float division by 10 and Math.floor cost more than the rest
  let last = DEC[3]!;
  let tail = lo | 0;
  let digit = tail % 10;
  while (digit === 0) {
    tail = (tail / 10) | 0;
    last++;
    digit = tail % 10;
  }
  // small integers passed as int32 (| 0) and r read from scanned: doubles
  // given to a call that is not inlined would be boxed, one heap number each
  return last < 0 && isShortest(last | 0, digit) ? -last : NO_PLACES;
}

/**
 * Whether the decimal nearestDoubleDouble just rounded to r = |scanned[0]| (its last
 * non-zero digit `digit` at the place 10^last, last < 0) is the decimal
 * String(r) writes. Yes when (1) it is the decimal of its digits nearest r,
 * and (2) no decimal of one digit fewer rounds to r: the nearest ones are
 * it rounded down and up to a multiple of 10 e (e = 10^last), which
 * bracket r as its last digit is not 0. With delta = decimal - r from the
 * double-double, each test is decided with a margin of 2^-90 |r|; an
 * undecided case answers no (the stats core then finds the decimal from
 * the double).
 */
function isShortest(last: number, digit: number): boolean {
  const r = Math.abs(scanned[0]!);
  if (!(r < 9007199254740992) || last < -22) return false;
  const e = INV_POW10[-last]!;
  const delta = LAST[0]!;
  const tol = LAST[2]!;
  const bound = LAST[1]! + tol;
  return (
    Math.abs(delta) < e / 2 - tol &&
    Math.abs(delta - digit * e) > bound &&
    Math.abs(delta + (10 - digit) * e) > bound
  );
}

/**
 * Parses a decimal number occupying exactly bytes[from, to) (no spaces).
 * Returns undefined when the bytes are not the grammar
 * `[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?` or the value overflows a double.
 */
export function parseDecimalBytes(bytes: Uint8Array, from: number, to: number): number | undefined {
  const end = scanNumber(bytes, from, to);
  if (end !== to || end === from) return undefined;
  const v = scanned[0]!;
  return !Number.isNaN(v) ? v : slowDecimal(bytes, from, to);
}

/** Number() of the ASCII text bytes[from, to): correctly rounded by V8; undefined when not finite. */
export function slowDecimal(bytes: Uint8Array, from: number, to: number): number | undefined {
  let text = '';
  for (let k = from; k < to; k++) text += String.fromCharCode(bytes[k]!);
  const v = Number(text);
  return Number.isFinite(v) ? v : undefined;
}

const encoder = new TextEncoder();

/**
 * The number a cell holds: the double nearest its decimal (the value
 * JSON.parse gives for the same digits), NaN for a missing marker, or
 * undefined when the cell is not a number (text, `Infinity`, `0x10`, `1,5`,
 * or a decimal too large for a double).
 * @example parseCell(' 2.50 ') // 2.5
 * @example parseCell('NA') // NaN
 * @example parseCell('abc') // undefined
 */
export function parseCell(text: string): number | undefined {
  const trimmed = trimBlanks(text);
  if (MISSING.has(trimmed)) return Number.NaN;
  // the grammar is ASCII: a non-ASCII cell is not a number whatever it holds
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is every ASCII code
  if (!/^[\x00-\x7f]*$/.test(trimmed)) return undefined;
  const bytes = encoder.encode(trimmed);
  return parseDecimalBytes(bytes, 0, bytes.length);
}

/** True for a missing marker (after trimming spaces and tabs). */
export function isMissingMarker(text: string): boolean {
  return MISSING.has(trimBlanks(text));
}

/** Trims spaces and tabs only (a cell's other whitespace is content). */
export function trimBlanks(text: string): string {
  let a = 0;
  let b = text.length;
  while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a++;
  while (b > a && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9)) b--;
  return a === 0 && b === text.length ? text : text.slice(a, b);
}
