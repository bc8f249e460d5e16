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
  return scaledIntegersFast(values) ?? scaledIntegersOfStrings(values);
}

/** Places tried by the fast path at most (10^P exact, P-place integers below 2^50). */
const FAST_PLACES = 15;

/**
 * {@link toScaledIntegers} without strings, for values with at most P
 * places (P the most among the first 64 values): M = round(v 10^P) with
 * |M| < 2^50 and M / 10^P === v says M / 10^P is the only P-place decimal
 * within half an ulp of v (their spacing 10^-P exceeds 2^-50 |v|, two ulps),
 * so it is the decimal String(v) writes (which has at most P places, since
 * one does). Its digits are M without the trailing zeros after the point,
 * as String writes them. null (take the strings) when a value fails.
 */
function scaledIntegersFast(values: ArrayLike<number>): ScaledIntegers | null {
  const n = values.length;
  let places = 0;
  for (let i = 0; i < Math.min(n, 64); i++) {
    const d = toDecimal(values[i] as number);
    if (d.mantissa !== 0n) places = Math.max(places, -d.exponent);
  }
  if (places > FAST_PLACES) return null;
  const scale = POWERS_OF_TEN[places] as number;
  const mantissas = new Float64Array(n);
  const exponents = new Int32Array(n);
  let exponent = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    let m = Math.round(v * scale);
    if (!(Math.abs(m) < 2 ** 50) || m / scale !== v) return null;
    let e = places === 0 ? 0 : -places; // not -0
    while (e < 0 && m !== 0 && m % 10 === 0) {
      m /= 10;
      e++;
    }
    mantissas[i] = m;
    exponents[i] = e;
    if (m !== 0 && e < exponent) exponent = e;
  }
  if (exponent === Number.POSITIVE_INFINITY) exponent = 0;
  const powers = new Map<number, bigint>();
  const integers: bigint[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const m = mantissas[i] as number;
    const shift = (exponents[i] as number) - exponent;
    if (m === 0 || shift === 0) {
      integers[i] = BigInt(m);
      continue;
    }
    let p = powers.get(shift);
    if (p === undefined) {
      p = 10n ** BigInt(shift);
      powers.set(shift, p);
    }
    integers[i] = BigInt(m) * p;
  }
  return { integers, exponent };
}

/** {@link toScaledIntegers} through each value's string (any value). */
export function scaledIntegersOfStrings(values: ArrayLike<number>): ScaledIntegers {
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
/** A hint of at most this many places is taken as places (short decimals), else as digits. */
const SHORT_PLACES = 6;
/**
 * Where the last value's search ended: its places, and its significant
 * digits (places + floor(log10 |v|)). A hint for where to start only (data
 * come in runs of like values), never for the result.
 */
let hintPlaces = 1;
let hintDigits = 17;
const BITS = new Float64Array(1);
const WORDS = new Uint32Array(BITS.buffer); // little-endian: WORDS[1] holds sign and exponent

const LOG10_2 = Math.log10(2);
const TEN_OFFSET = 324;
/**
 * 10^k for k = -324..308, each the double nearest to it, and the spacing of
 * doubles at v by biased binary exponent, 2^(max(e, 1) - 1075). Built on
 * the first call that resolves a decimal, not when the module loads: about
 * 1 ms of a cold start that most requests never need.
 */
let TENS: Float64Array | undefined;
let ULPS: Float64Array | undefined;

function buildTables(): Float64Array {
  ULPS = Float64Array.from({ length: 2048 }, (_, e) => 2 ** (Math.max(e, 1) - 1075));
  TENS = Float64Array.from({ length: 633 }, (_, i) => Number(`1e${i - TEN_OFFSET}`));
  return TENS;
}

const IN = new Float64Array(1);
const OUT = new Float64Array(1);

/**
 * The decimal `String(v)` writes, minus v: the binary rounding of the value
 * the user wrote, to within 3u of itself (so v + the result is that decimal
 * to about 3u^2 |v|). NaN when it cannot be found cheaply: more than 44
 * decimal places (below about 1e-27), or an integer beyond 2^53 (which
 * prints rounded). One value of {@link decimalCorrections}.
 */
export function decimalCorrection(v: number): number {
  IN[0] = v;
  return decimalCorrections(IN, OUT) === 1 ? (OUT[0] as number) : Number.NaN;
}

/**
 * {@link decimalCorrection} of values[0..], written into out, up to the
 * first value that cannot be resolved; returns how many were resolved
 * (values.length when all were). One loop with the search inlined, so no
 * double crosses a call (each would be a heap number: a bulk call on 1e6
 * values used to allocate hundreds of MB for the young generation).
 *
 * The search takes the fewest decimal places k whose nearest decimal
 * M / 10^k rounds to v: `String`'s shortest round-trip decimal. With
 * v 10^k = h + l exactly (Dekker's product; 10^k is exact up to 1e22, and
 * beyond it the product is taken in two steps, l then good to u^2 h), the
 * nearest integer M and M - v 10^k follow from h and l alone, so M may have
 * all 17 digits (beyond 2^53), and M / 10^k rounds to v exactly when
 * |M - v 10^k| < 10^k ulp(v) / 2. "Round-trips" is monotone in k (a decimal
 * of k places is also one of k + 1), so the fewest places are found by
 * stepping down from a start that round-trips, or up from one that does
 * not; the start is the previous value's places (short decimals) or its
 * significant digits (full-precision values), so a run of like values costs
 * about two probes each whatever their kind.
 */
export function decimalCorrections(values: ArrayLike<number>, out: Float64Array): number {
  const n = values.length;
  const tens = TENS ?? buildTables();
  const ulps = ULPS as Float64Array;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (Number.isInteger(v)) {
      if (Math.abs(v) > MAX_SAFE) return i;
      out[i] = 0;
      continue;
    }
    if (!Number.isFinite(v)) return i;
    BITS[0] = v;
    const biased = ((WORDS[1] as number) >>> 20) & 0x7ff;
    const halfUlp = (ulps[biased] as number) / 2;
    let t = SPLIT * v;
    const vh = t - (t - v);
    const vl = v - vh;
    // floor(log10 |v|), or one off near a power of ten: floor(e log10 2) from
    // the binary exponent e (never above it: e log10 2 is never within
    // rounding of an integer for e != 0), plus one when |v| reaches the next
    // power (exact up to 1e22; beyond, a value within an ulp of it may come
    // out one off either way). Cheaper than Math.log10.
    const k0 = biased === 0 ? -324 : Math.floor((biased - 1023) * LOG10_2);
    const next = k0 + 1 + TEN_OFFSET;
    const exponent = next < tens.length && Math.abs(v) >= (tens[next] as number) ? k0 + 1 : k0;
    // 18 significant digits from an estimate of floor(log10 |v|) within one
    // (17 always round-trip, so top does).
    const top = Math.min(POWERS_OF_TEN.length - 1, 17 - exponent);
    if (top < 1) return i;
    let k = hintPlaces <= SHORT_PLACES ? hintPlaces : hintDigits - exponent;
    if (k < 1) k = 1;
    if (k > top) k = top;
    let direction = 0; // 0 at the start, -1 stepping down, +1 stepping up
    let bestK = -1;
    let best = 0;
    for (;;) {
      // d = M - v 10^k for the nearest integer M, accepted if M / 10^k rounds to v.
      const scale = POWERS_OF_TEN[k] as number;
      let h: number;
      let l: number;
      if (k <= 22) {
        h = v * scale;
        const sh = SPLIT_HI[k] as number;
        const sl = SPLIT_LO[k] as number;
        l = vl * sl - (h - vh * sh - vl * sh - vh * sl);
      } else {
        const h1 = v * 1e22;
        const sh = SPLIT_HI[22] as number;
        const sl = SPLIT_LO[22] as number;
        const l1 = vl * sl - (h1 - vh * sh - vl * sh - vh * sl);
        const s2 = POWERS_OF_TEN[k - 22] as number;
        const s2h = SPLIT_HI[k - 22] as number;
        const s2l = SPLIT_LO[k - 22] as number;
        h = h1 * s2;
        t = SPLIT * h1;
        const h1h = t - (t - h1);
        const h1l = h1 - h1h;
        l = h1l * s2l - (h - h1h * s2h - h1l * s2h - h1h * s2l) + l1 * s2;
      }
      const r = Math.round(h);
      const f = h - r; // exact: |f| <= 1/2
      // M = r + m, m = round(f + l); d = M - v scale = (m - f) - l. On an exact
      // tie String takes the even M (Math.round would take the upper one, the
      // wrong neighbour half the time: -999999999999999.75 prints as ...9.8).
      const fl = f + l;
      let m = Math.round(fl);
      if (fl === 0.5 || fl === -0.5) {
        const lower = Math.floor(fl);
        m = (Math.abs(r % 2) + Math.abs(lower)) % 2 === 0 ? lower : lower + 1;
      }
      const d = m - f - l;
      if (Math.abs(d) < scale * halfUlp) {
        bestK = k;
        best = d;
        if (direction === 1 || k === 1) break;
        direction = -1;
        k--;
      } else {
        if (direction === -1) break;
        if (k >= top) break;
        direction = 1;
        k++;
      }
    }
    if (bestK < 0) return i;
    hintPlaces = bestK;
    hintDigits = bestK + exponent;
    out[i] = best / (POWERS_OF_TEN[bestK] as number);
  }
  return n;
}
