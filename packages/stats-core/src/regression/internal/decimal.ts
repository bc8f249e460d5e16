/**
 * A finite number taken as the decimal its shortest round-trip string writes
 * (`String(v)`), as the integer `mantissa * 10^exponent`. This is the
 * project's decimal-exactness rule: 0.1 means one tenth, not the binary
 * double nearest to it.
 */
export interface Decimal {
  mantissa: bigint;
  exponent: number;
}

/** Parses `String(v)` (forms `-12.5`, `1e-7`, `1.25e+21`) into a {@link Decimal}. */
export function toDecimal(v: number): Decimal {
  return parseDecimal(String(v));
}

/** Parses a finite decimal string (`-12.5`, `1e-7`, `1.25e+21`) into a {@link Decimal}. */
export function parseDecimal(s: string): Decimal {
  const ePos = s.search(/[eE]/);
  const body = ePos < 0 ? s : s.slice(0, ePos);
  let exponent = ePos < 0 ? 0 : Number(s.slice(ePos + 1));
  const dot = body.indexOf('.');
  let digits = body;
  if (dot >= 0) {
    digits = body.slice(0, dot) + body.slice(dot + 1);
    exponent -= body.length - dot - 1;
  }
  return { mantissa: BigInt(digits), exponent };
}

/** Exact integers sharing one decimal exponent: value i is `integers[i] * 10^exponent`. */
export interface ScaledIntegers {
  integers: bigint[];
  exponent: number;
}

/**
 * Every value of `values` as an exact integer on one common decimal scale:
 * `values[i] = integers[i] * 10^exponent` exactly (in the decimal sense above).
 */
export function toScaledIntegers(values: ArrayLike<number>): ScaledIntegers {
  const decimals: Decimal[] = new Array(values.length);
  let exponent = Number.POSITIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const d = toDecimal(values[i] as number);
    decimals[i] = d;
    if (d.mantissa !== 0n && d.exponent < exponent) exponent = d.exponent;
  }
  if (exponent === Number.POSITIVE_INFINITY) exponent = 0;
  const powers = new Map<number, bigint>();
  const integers: bigint[] = new Array(values.length);
  for (let i = 0; i < decimals.length; i++) {
    const d = decimals[i] as Decimal;
    const shift = d.exponent - exponent;
    if (d.mantissa === 0n || shift === 0) {
      integers[i] = d.mantissa;
      continue;
    }
    let p = powers.get(shift);
    if (p === undefined) {
      p = 10n ** BigInt(shift);
      powers.set(shift, p);
    }
    integers[i] = d.mantissa * p;
  }
  return { integers, exponent };
}

/** 10^k for k = 0..44: exact up to 1e22, then 1e22 times an exact power. */
const POWERS_OF_TEN = Array.from({ length: 45 }, (_, k) =>
  k <= 22 ? 10 ** k : 1e22 * 10 ** (k - 22),
);
/** Dekker's split of each exact power (k <= 22): hi + lo, 26 bits each. */
const SPLIT = 134217729; // 2^27 + 1
const SPLIT_HI = POWERS_OF_TEN.map((p) => {
  const t = SPLIT * p;
  return t - (t - p);
});
const SPLIT_LO = POWERS_OF_TEN.map((p, k) => p - (SPLIT_HI[k] as number));
const MAX_SAFE = 2 ** 53;
/** Decimal places tried one by one before the binary search (what users type). */
const SHORT = 4;
/** Places tried one by one below the top before the binary search (17, 16, 15 significant digits). */
const DESCENT = 2;
/**
 * Whether the last value needed more than 15 or so significant digits: a
 * hint for the search order only (full-precision data come in runs), never
 * for the result.
 */
let previousWasLong = false;
const BITS = new Float64Array(1);
const WORDS = new Uint32Array(BITS.buffer); // little-endian: WORDS[1] holds sign and exponent

/**
 * floor(log10 |v|) for finite v != 0 (biased: its binary exponent), or one off near a power of ten: the
 * binary exponent e gives floor(e log10 2) (never above the true value, as
 * e log10 2 is never within rounding of an integer for e != 0), raised by
 * one when |v| reaches the next power of ten (10^k is exact up to 1e22;
 * beyond, a value within an ulp of 10^k may come out one off either way).
 * Cheaper than Math.log10; the caller's search needs it within one.
 */
function decimalExponent(v: number, biased: number): number {
  const k = biased === 0 ? -324 : Math.floor((biased - 1023) * LOG10_2);
  const next = k + 1 + TEN_OFFSET;
  return next < TENS.length && Math.abs(v) >= (TENS[next] as number) ? k + 1 : k;
}
const LOG10_2 = Math.log10(2);
const TEN_OFFSET = 324;
/** 10^k for k = -324..308, each the double nearest to it. */
const TENS = Float64Array.from({ length: 633 }, (_, i) => Number(`1e${i - TEN_OFFSET}`));

/** The spacing of doubles at v, by biased binary exponent: 2^(max(e, 1) - 1075). */
const ULPS = Float64Array.from({ length: 2048 }, (_, e) => 2 ** (Math.max(e, 1) - 1075));

/** The biased binary exponent of v (0 for subnormals). */
function biasedExponent(v: number): number {
  BITS[0] = v;
  return ((WORDS[1] as number) >>> 20) & 0x7ff;
}

/** a b - fl(a b) exactly, from both splits (Dekker). */
function productError(ah: number, al: number, bh: number, bl: number, product: number): number {
  return al * bl - (product - ah * bh - al * bh - ah * bl);
}

/** Dekker's high half of a (the low half is a - high). */
function high(a: number): number {
  const t = SPLIT * a;
  return t - (t - a);
}

/** M - v 10^k for the nearest integer M, if M / 10^k rounds to v; else NaN (v = vh + vl split). */
function offset(v: number, vh: number, vl: number, halfUlp: number, k: number): number {
  const scale = POWERS_OF_TEN[k] as number;
  let h: number;
  let l: number;
  if (k <= 22) {
    h = v * scale;
    l = productError(vh, vl, SPLIT_HI[k] as number, SPLIT_LO[k] as number, h);
  } else {
    const h1 = v * 1e22;
    const l1 = productError(vh, vl, SPLIT_HI[22] as number, SPLIT_LO[22] as number, h1);
    const s2 = POWERS_OF_TEN[k - 22] as number;
    h = h1 * s2;
    const h1h = high(h1);
    l =
      productError(h1h, h1 - h1h, SPLIT_HI[k - 22] as number, SPLIT_LO[k - 22] as number, h) +
      l1 * s2;
  }
  const r = Math.round(h);
  const f = h - r; // exact: |f| <= 1/2
  // M = r + m, m = round(f + l); d = M - v scale = (m - f) - l. On an exact
  // tie String takes the even M (Math.round would take the upper one, the
  // wrong neighbour half the time: -999999999999999.75 prints as ...9.8).
  const t = f + l;
  let m = Math.round(t);
  if (t === 0.5 || t === -0.5) {
    const lower = Math.floor(t);
    m = (Math.abs(r % 2) + Math.abs(lower)) % 2 === 0 ? lower : lower + 1;
  }
  const d = m - f - l;
  return Math.abs(d) < scale * halfUlp ? d : Number.NaN;
}

/**
 * The decimal `String(v)` writes, minus v: the binary rounding of the value
 * the user wrote, to within 3u of itself (so v + the result is that decimal
 * to about 3u^2 |v|). NaN when it cannot be found cheaply: more than 44
 * decimal places (below about 1e-27), or an integer beyond 2^53 (which
 * prints rounded).
 *
 * The search takes the fewest decimal places k whose nearest decimal
 * M / 10^k rounds to v: `String`'s shortest round-trip decimal. With
 * v 10^k = h + l exactly (Dekker's product; 10^k is exact up to 1e22, and
 * beyond it the product is taken in two steps, l then good to u^2 h), the
 * nearest integer M and M - v 10^k follow from h and l alone, so M may have
 * all 17 digits (beyond 2^53), and M / 10^k rounds to v exactly when
 * |M - v 10^k| < 10^k ulp(v) / 2.
 */
export function decimalCorrection(v: number): number {
  if (Number.isInteger(v)) return Math.abs(v) <= MAX_SAFE ? 0 : Number.NaN;
  if (!Number.isFinite(v)) return Number.NaN;
  const biased = biasedExponent(v);
  const halfUlp = (ULPS[biased] as number) / 2;
  const vh = high(v);
  const vl = v - vh;
  // The shortest k is the same whatever order the places are tried in (a
  // decimal of k places is also one of k + 1, so "round-trips" is monotone
  // in k); only the cost differs. Short decimals (what users type) are
  // tried first unless the previous value was long; full-precision values
  // (16 or 17 significant digits) are found by a descent from the top.
  let lo = 0; // places known not to round-trip (0: v is no integer)
  if (!previousWasLong) {
    for (let k = 1; k <= SHORT; k++) {
      const d = offset(v, vh, vl, halfUlp, k);
      if (!Number.isNaN(d)) return d / (POWERS_OF_TEN[k] as number);
    }
    lo = SHORT;
  }
  // 18 significant digits from an estimate of floor(log10 |v|) at most one
  // short (then 19 digits, one more probe at worst; 17 always round-trip).
  const top = Math.min(POWERS_OF_TEN.length - 1, 17 - decimalExponent(v, biased));
  if (top <= lo) return Number.NaN;
  let hi = top - 1;
  let found = hi > lo ? offset(v, vh, vl, halfUlp, hi) : Number.NaN;
  if (Number.isNaN(found)) {
    found = offset(v, vh, vl, halfUlp, top);
    if (Number.isNaN(found)) return Number.NaN;
    previousWasLong = true;
    return found / (POWERS_OF_TEN[top] as number);
  }
  for (let step = 0; step < DESCENT; step++) {
    if (hi - 1 <= lo) return found / (POWERS_OF_TEN[hi] as number);
    const d = offset(v, vh, vl, halfUlp, hi - 1);
    if (Number.isNaN(d)) {
      previousWasLong = true;
      return found / (POWERS_OF_TEN[hi] as number);
    }
    hi -= 1;
    found = d;
  }
  // Shorter than 15 or so significant digits: short places, then a binary search.
  previousWasLong = false;
  if (lo === 0) {
    for (let k = 1; k <= SHORT && k < hi; k++) {
      const d = offset(v, vh, vl, halfUlp, k);
      if (!Number.isNaN(d)) return d / (POWERS_OF_TEN[k] as number);
      lo = k;
    }
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const d = offset(v, vh, vl, halfUlp, mid);
    if (Number.isNaN(d)) lo = mid;
    else {
      hi = mid;
      found = d;
    }
  }
  return found / (POWERS_OF_TEN[hi] as number);
}
