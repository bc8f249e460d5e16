/**
 * A request body's JSON, read faster than `JSON.parse` for what requests
 * hold: objects of arrays of decimal numbers.
 *
 * `readJson(text)` returns exactly what `JSON.parse(text)` returns (the same
 * values, keys, key order and doubles), or `undefined` when the text holds
 * anything it does not read itself: a string with an escape or a control
 * character, a syntax error, a `__proto__` key, nesting deeper than
 * {@link MAX_DEPTH}. The caller then runs `JSON.parse`, so every error
 * message stays `JSON.parse`'s own and nothing the fast reader declines can
 * change an answer.
 *
 * Numbers follow JSON's grammar strictly (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`).
 * The value is Clinger's fast path (1990): at most 15 significant digits
 * make an integer m < 2^53, exact in a double, and 10^k is exact for
 * k <= 22, so m * 10^k and m / 10^k are each ONE correctly rounded
 * operation: the double nearest the decimal, which is what `JSON.parse`
 * returns. Any other number (more digits, a larger power of ten) makes it
 * decline: JSON.parse reads such a body faster than Number() of each number.
 *
 * It scans the body's bytes, not its UTF-16 code units (`charCodeAt`): on
 * 10,000-point bodies that is 1.2-1.5x faster (same process, Node 20 and
 * 22). The bytes are one per code unit only for an ASCII body, so a body
 * with any other character declines too (requests are numbers, field names
 * and option words; a non-ASCII one still gets JSON.parse's answer).
 *
 * Why: a 10,000-point request spends most of its time in `JSON.parse`, and
 * the goal is the whole handler within 1.2x of it. Reading the
 * numbers straight into arrays here took 0.7-0.9x `JSON.parse`'s time on
 * 2- and 3-decimal data (docs/performance.md, "Warm requests in process"),
 * and it also learns, for free, which long arrays are all finite numbers
 * ({@link isFiniteArray}), so the schema and nan_policy checks need not walk
 * them again.
 */

/** Deeper nesting is left to JSON.parse (no request nests more than 3 deep). */
export const MAX_DEPTH = 32;

/** 10^0 .. 10^22: every one an exact double. */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Arrays this reader built whose every entry is a finite number. Only
 * readJson adds to it, and only arrays nobody else has seen yet; a WeakSet,
 * so a request's arrays leave it with the request.
 */
const finiteArrays = new WeakSet<object>();

/**
 * Only arrays of at least this many entries are marked. A WeakSet entry
 * costs far more than walking a short array again, and the garbage
 * collector pays for every entry too: marking each row of ols's
 * 10,000 x 2 matrix made reading it 9.4 ms against 1.1 ms unmarked
 * (JSON.parse 2.5 ms; same process, Node 22).
 */
const MARK_MIN = 16;

/** Whether `value` is an array readJson built that holds only finite numbers. */
export function isFiniteArray(value: unknown): boolean {
  return typeof value === 'object' && value !== null && finiteArrays.has(value);
}

/** Thrown inside the reader to give up; never escapes readJson. */
const DECLINE = Symbol('decline');

/** The text being read, and the same text as bytes (it is ASCII: one byte per code unit). */
let s = '';
let b: Uint8Array = new Uint8Array(0);
let i = 0;

const C_QUOTE = 34;
const C_COMMA = 44;
const C_MINUS = 45;
const C_DOT = 46;
const C_0 = 48;
const C_9 = 57;
const C_COLON = 58;
const C_OPEN = 91;
const C_BACKSLASH = 92;
const C_CLOSE = 93;
const C_BRACE = 123;
const C_END_BRACE = 125;

/** Skips JSON whitespace (space, tab, LF, CR); returns the next byte (undefined at the end). */
function skip(): number {
  let c = b[i]!;
  while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++i]!;
  return c;
}

/** Where the last {@link numberAt} ended. */
let numberEnd = 0;

/**
 * The JSON number at `p` of `str` (its first code unit is `c`), with
 * {@link numberEnd} set after it. Declines a number Clinger's fast path
 * cannot compute (more than 15 significant digits, or a power of ten beyond
 * 22): the whole text then goes to JSON.parse, which reads such numbers
 * faster than Number() of each one would here. Locals only: this is the
 * hot loop.
 */
function numberAt(str: Uint8Array, p: number, c: number): number {
  let negative = false;
  if (c === C_MINUS) {
    negative = true;
    c = str[++p]!;
  }
  let m = 0;
  let sig = 0; // significant digits in m (leading zeros are not)
  let scale = 0;
  if (c === C_0) {
    c = str[++p]!;
  } else if (c > C_0 && c <= C_9) {
    do {
      m = m * 10 + (c - C_0);
      sig++;
      c = str[++p]!;
    } while (c >= C_0 && c <= C_9);
  } else {
    throw DECLINE;
  }
  if (c === C_DOT) {
    c = str[++p]!;
    if (!(c >= C_0 && c <= C_9)) throw DECLINE;
    do {
      m = m * 10 + (c - C_0);
      if (m !== 0) sig++;
      scale--;
      c = str[++p]!;
    } while (c >= C_0 && c <= C_9);
  }
  if (sig > 15) throw DECLINE;
  if (c === 101 || c === 69) {
    // e or E
    c = str[++p]!;
    let expNegative = false;
    if (c === 43 || c === C_MINUS) {
      expNegative = c === C_MINUS;
      c = str[++p]!;
    }
    if (!(c >= C_0 && c <= C_9)) throw DECLINE;
    let e = 0;
    do {
      if (e < 100_000) e = e * 10 + (c - C_0);
      c = str[++p]!;
    } while (c >= C_0 && c <= C_9);
    scale += expNegative ? -e : e;
  }
  if (scale > 22 || scale < -22) {
    if (m !== 0) throw DECLINE;
    scale = 0; // 0e999 is 0
  }
  numberEnd = p;
  const v = scale >= 0 ? m * POW10[scale]! : m / POW10[-scale]!;
  return negative ? -v : v;
}

/** A JSON string without escapes at i (on its opening quote); leaves i after it. */
function string(): string {
  const start = i + 1;
  const end = s.indexOf('"', start);
  if (end < 0) throw DECLINE;
  for (let k = start; k < end; k++) {
    const c = b[k]!;
    if (c < 32 || c === C_BACKSLASH) throw DECLINE;
  }
  i = end + 1;
  return s.slice(start, end);
}

function literal(word: string, value: unknown): unknown {
  if (!s.startsWith(word, i)) throw DECLINE;
  i += word.length;
  return value;
}

function array(depth: number): unknown[] {
  const str = b;
  let p = i + 1; // after [
  const out: unknown[] = [];
  let c = str[p]!;
  while (c === 32 || c === 10 || c === 13 || c === 9) c = str[++p]!;
  let finite = true;
  if (c !== C_CLOSE) {
    for (;;) {
      if (c === C_MINUS || (c >= C_0 && c <= C_9)) {
        out.push(numberAt(str, p, c)); // always finite: a huge power of ten declines
        p = numberEnd;
      } else {
        finite = false;
        i = p;
        out.push(value(c, depth));
        p = i;
      }
      c = str[p]!;
      while (c === 32 || c === 10 || c === 13 || c === 9) c = str[++p]!;
      if (c === C_COMMA) {
        c = str[++p]!;
        while (c === 32 || c === 10 || c === 13 || c === 9) c = str[++p]!;
        continue;
      }
      if (c === C_CLOSE) break;
      throw DECLINE;
    }
  }
  i = p + 1;
  if (finite && out.length >= MARK_MIN) finiteArrays.add(out);
  return out;
}

function object(depth: number): Record<string, unknown> {
  i++; // {
  const out: Record<string, unknown> = {};
  let c = skip();
  if (c === C_END_BRACE) {
    i++;
    return out;
  }
  for (;;) {
    if (c !== C_QUOTE) throw DECLINE;
    const key = string();
    if (key === '__proto__') throw DECLINE; // JSON.parse makes it an own key; assignment would not
    if (skip() !== C_COLON) throw DECLINE;
    i++;
    out[key] = value(skip(), depth);
    c = skip();
    if (c === C_COMMA) {
      i++;
      c = skip();
      continue;
    }
    if (c === C_END_BRACE) break;
    throw DECLINE;
  }
  i++;
  return out;
}

function value(c: number, depth: number): unknown {
  if (c === C_OPEN) {
    if (depth >= MAX_DEPTH) throw DECLINE;
    return array(depth + 1);
  }
  if (c === C_BRACE) {
    if (depth >= MAX_DEPTH) throw DECLINE;
    return object(depth + 1);
  }
  if (c === C_QUOTE) return string();
  if (c === C_MINUS || (c >= C_0 && c <= C_9)) {
    const x = numberAt(b, i, c);
    i = numberEnd;
    return x;
  }
  if (c === 116) return literal('true', true);
  if (c === 102) return literal('false', false);
  if (c === 110) return literal('null', null);
  throw DECLINE;
}

const EMPTY = new Uint8Array(0);
const encoder = new TextEncoder();
/** Bodies up to this size are encoded into one reused buffer; larger ones get their own. */
const KEEP_BYTES = 1 << 20;
let kept = new Uint8Array(0);

/**
 * `text` as bytes, one per code unit, or undefined when it holds a non-ASCII
 * character: positions in the bytes are then positions in the text, so the
 * reader scans bytes (a third faster than `charCodeAt`) and slices keys and
 * strings from the text. A body with any non-ASCII character (rare: the
 * requests are numbers, field names and option words) is left to JSON.parse.
 */
function asciiBytes(text: string): Uint8Array | undefined {
  const n = text.length;
  let into = kept;
  if (n > into.length) {
    into = new Uint8Array(n);
    if (n <= KEEP_BYTES) kept = into;
  }
  const { read, written } = encoder.encodeInto(text, into.subarray(0, n));
  // every non-ASCII code unit takes 2 or 3 bytes, so it stops the copy short of n
  return read === n && written === n ? into.subarray(0, n) : undefined;
}

/**
 * `JSON.parse(text)`'s value, or undefined when the fast reader declines
 * the text (then JSON.parse decides, and reports any error).
 */
export function readJson(text: string): { value: unknown } | undefined {
  const bytes = asciiBytes(text);
  if (bytes === undefined) return undefined;
  s = text;
  b = bytes;
  i = 0;
  try {
    const result = value(skip(), 0);
    skip();
    if (i < s.length) return undefined; // something after the value: JSON.parse reports it
    return { value: result };
  } catch (err) {
    if (err === DECLINE) return undefined;
    throw err;
  } finally {
    s = '';
    b = EMPTY;
  }
}
