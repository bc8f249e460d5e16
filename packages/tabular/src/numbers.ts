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

const C_0 = 48;
const C_9 = 57;
const C_PLUS = 43;
const C_MINUS = 45;
const C_DOT = 46;
const C_E = 101;
const C_UPPER_E = 69;

/**
 * Parses a decimal number occupying exactly bytes[from, to) (no spaces).
 * Returns undefined when the bytes are not the grammar
 * `[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?` or the value overflows a double.
 */
export function parseDecimalBytes(bytes: Uint8Array, from: number, to: number): number | undefined {
  let i = from;
  if (i >= to) return undefined;
  let negative = false;
  let c = bytes[i]!;
  if (c === C_MINUS || c === C_PLUS) {
    negative = c === C_MINUS;
    i++;
  }
  let m = 0;
  let sig = 0; // significant digits taken into m
  let dropped = false; // a significant digit did not fit: slow path
  let scale = 0; // power of ten to apply to m
  let digits = 0;
  while (i < to) {
    c = bytes[i]!;
    if (c < C_0 || c > C_9) break;
    digits++;
    if (sig < 15) {
      m = m * 10 + (c - C_0);
      if (m !== 0) sig++;
    } else {
      scale++;
      if (c !== C_0) dropped = true;
    }
    i++;
  }
  if (i < to && bytes[i] === C_DOT) {
    i++;
    while (i < to) {
      c = bytes[i]!;
      if (c < C_0 || c > C_9) break;
      digits++;
      if (sig < 15) {
        m = m * 10 + (c - C_0);
        if (m !== 0) sig++;
        scale--;
      } else if (c !== C_0) dropped = true;
      i++;
    }
  }
  if (digits === 0) return undefined;
  if (i < to && (bytes[i] === C_E || bytes[i] === C_UPPER_E)) {
    i++;
    let expNegative = false;
    if (i < to && (bytes[i] === C_MINUS || bytes[i] === C_PLUS)) {
      expNegative = bytes[i] === C_MINUS;
      i++;
    }
    const expStart = i;
    let exp = 0;
    while (i < to) {
      c = bytes[i]!;
      if (c < C_0 || c > C_9) break;
      if (exp < 100000) exp = exp * 10 + (c - C_0);
      i++;
    }
    if (i === expStart) return undefined;
    scale += expNegative ? -exp : exp;
  }
  if (i !== to) return undefined;
  if (!dropped) {
    if (m === 0) return negative ? -0 : 0;
    if (scale >= 0 && scale <= 22) {
      const v = m * POW10[scale]!;
      // m * 10^scale is one rounding only if it cannot overflow (it cannot: m < 1e15, 10^22)
      return negative ? -v : v;
    }
    if (scale < 0 && scale >= -22) {
      const v = m / POW10[-scale]!;
      return negative ? -v : v;
    }
  }
  return slowDecimal(bytes, from, to);
}

function slowDecimal(bytes: Uint8Array, from: number, to: number): number | undefined {
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
