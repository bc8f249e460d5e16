/**
 * Exact decimal arithmetic on inputs taken as the decimals they print as
 * (the contract: a number means the decimal its shortest round-trip string
 * `String(x)` writes). Used where cancellation would cost digits: data on an
 * offset large against their spread, such as NIST StRD NumAcc4 or SmLs07-09.
 */
import { noteLane } from './lanes';

function parseDecimal(x: number): { digits: bigint; places: number } {
  const text = String(x);
  const [mantissa, exponentText] = text.split('e') as [string, string | undefined];
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const [whole, fraction = ''] = mantissa.split('.') as [string, string | undefined];
  return { digits: BigInt(whole + fraction), places: fraction.length - exponent };
}

/** Largest decimal scale handled exactly; beyond it 10^scale leaves float64's range. */
const MAX_SCALE = 300;

/**
 * Subtract one reference value (the first of the first sample) from every
 * value, exactly in decimal: `shifted[k][i] = x[k][i] - reference` computed on
 * integers scaled by a common power of ten, then rounded once to float64.
 * Each shifted value is then accurate relative to itself, not to the offset,
 * so an ordinary two-pass float64 computation on them keeps every digit.
 * Returns undefined when the values are not all finite or need more than
 * 300 decimal places (no offset problem can be solved that way).
 */
export function shiftByDecimalReference(
  samples: readonly ArrayLike<number>[],
): { reference: number; shifted: Float64Array[] } | undefined {
  for (const s of samples)
    for (let i = 0; i < s.length; i++) if (!Number.isFinite(s[i])) return undefined;
  const fast = shiftInFloat64(samples);
  if (fast) {
    noteLane('decimal-shift');
    return fast;
  }
  noteLane('decimal-shift-bigint');
  const parsed = samples.map((s) => Array.from(s, parseDecimal));
  let scale = 0;
  for (const s of parsed) for (const p of s) if (p.places > scale) scale = p.places;
  if (scale > MAX_SCALE) return undefined;
  const k = parsed.findIndex((s) => s.length > 0);
  const first = parsed[k]?.[0];
  if (!first) return undefined;
  // 10^j for every j needed, computed once rather than per value.
  const powers: bigint[] = [1n];
  for (let j = 1; j <= scale; j++) powers.push((powers[j - 1] as bigint) * 10n);
  const toScale = (p: { digits: bigint; places: number }) =>
    p.digits * (powers[scale - p.places] ?? 10n ** BigInt(scale - p.places));
  const ref = toScale(first);
  const unit = 10 ** scale;
  return {
    reference: samples[k]?.[0] as number,
    shifted: parsed.map((s) => Float64Array.from(s, (p) => Number(toScale(p) - ref) / unit)),
  };
}

/** 10^p for p = 0..15, each exact in float64. */
const POW10 = Array.from({ length: 16 }, (_, p) => 10 ** p);
/** Scaled values below this round to their decimal's exact integer even when p is not the fewest places. */
const FAST_BOUND = 2 ** 50;
/** Integers of magnitude below 2^52: their differences (< 2^53) are exact. */
const EXACT_BOUND = 2 ** 52;

/**
 * shiftByDecimalReference without strings or BigInt, for the common case of
 * decimals with at most 15 places whose scaled integers stay below 2^52.
 * For each x, p is the fewest places for which m = round(x 10^p) gives
 * m / 10^p === x (a correctly rounded division of exact values, so the
 * p-place decimal m 10^-p rounds to x); when also ulp(x) <= |x| 2^-52 <
 * 10^-p / 2, that decimal is the only p-place one rounding to x, hence the one
 * String(x) writes. The scaled integers m 10^(scale - p), their differences
 * from the reference's and the division by 10^scale are then the same exact
 * values and the same single rounding as the BigInt route. Returns undefined
 * (the caller takes the BigInt route) as soon as any value does not qualify.
 */
function shiftInFloat64(
  samples: readonly ArrayLike<number>[],
): { reference: number; shifted: Float64Array[] } | undefined {
  const places = samples.map((s) => new Uint8Array(s.length));
  let scale = 0;
  for (let k = 0; k < samples.length; k++) {
    const s = samples[k] as ArrayLike<number>;
    const pk = places[k] as Uint8Array;
    for (let i = 0; i < s.length; i++) {
      const x = s[i] as number;
      // Fast try at the places found so far: when a `scale`-place decimal
      // rounds to x, is the only one (the ulp test) and x 10^scale < 2^50
      // (so the second pass rounds it to its exact integer), that decimal is
      // the one String(x) writes (see decimalPlaces in linregressDecimal.ts)
      // and its scaled integer is the one the minimal p gives.
      const fast = POW10[scale] as number;
      if (
        scale > 0 &&
        Math.round(x * fast) / fast === x &&
        Math.abs(x) * fast < FAST_BOUND &&
        2 * Math.abs(x) * Number.EPSILON < 1 / fast
      ) {
        pk[i] = scale;
        continue;
      }
      let p = 0;
      while (Math.round(x * (POW10[p] as number)) / (POW10[p] as number) !== x) {
        if (++p === POW10.length) return undefined;
      }
      // ulp(x) <= |x| 2^-52, with a factor 2 to spare for the rounding of this test.
      if (!(2 * Math.abs(x) * Number.EPSILON < 1 / (POW10[p] as number))) return undefined;
      pk[i] = p;
      if (p > scale) scale = p;
    }
  }
  const k = samples.findIndex((s) => s.length > 0);
  if (k < 0) return undefined;
  const unit = POW10[scale] as number;
  const scaled = (x: number, p: number) => {
    const m = Math.round(x * (POW10[p] as number)) * (POW10[scale - p] as number);
    return Math.abs(m) < EXACT_BOUND ? m : Number.NaN;
  };
  const reference = samples[k]?.[0] as number;
  const ref = scaled(reference, places[k]?.[0] as number);
  if (Number.isNaN(ref)) return undefined;
  const shifted: Float64Array[] = [];
  for (let j = 0; j < samples.length; j++) {
    const s = samples[j] as ArrayLike<number>;
    const pj = places[j] as Uint8Array;
    const out = new Float64Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const m = scaled(s[i] as number, pj[i] as number);
      if (Number.isNaN(m)) return undefined;
      out[i] = (m - ref + 0) / unit;
    }
    shifted.push(out);
  }
  return { reference, shifted };
}

const digitCount = (v: bigint) => (v < 0n ? -v : v).toString().length;

/**
 * The float64 nearest (to about 1e-20 relative, before the final rounding)
 * to the rational `num / den`.
 */
export function ratioToNumber(num: bigint, den: bigint): number {
  if (den === 0n) return num === 0n ? Number.NaN : num > 0n ? Infinity : -Infinity;
  if (num === 0n) return 0;
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  // Keep about 22 significant digits in the integer quotient.
  const k = 22 - (digitCount(num) - digitCount(den));
  const q = k >= 0 ? (num * 10n ** BigInt(k)) / den : num / (den * 10n ** BigInt(-k));
  return Number(`${q}e${-k}`);
}
