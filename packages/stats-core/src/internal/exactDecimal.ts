/**
 * Exact arithmetic on inputs taken as the decimals they print as: each number
 * becomes the integer `value * 10^scale` for one common `scale`, so sums of
 * powers and products are exact BigInt arithmetic. Used where cancellation
 * would cost digits (data sitting on a large offset, such as NIST StRD
 * NumAcc4 or SmLs07-09); the contract is that a number means the decimal its
 * shortest round-trip string writes (`String(x)`).
 */
export interface ScaledDecimals {
  /** `values[i] / 10^scale` is the decimal `String(x[i])` writes. */
  readonly values: bigint[];
  readonly scale: number;
}

function parseDecimal(x: number): { digits: bigint; places: number } {
  const text = String(x);
  const [mantissa, exponentText] = text.split('e') as [string, string | undefined];
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const [whole, fraction = ''] = mantissa.split('.') as [string, string | undefined];
  return { digits: BigInt(whole + fraction), places: fraction.length - exponent };
}

/** Scale finite numbers to integers over a common power of ten. */
export function toScaledDecimals(xs: ArrayLike<number>): ScaledDecimals {
  const parsed = Array.from(xs, parseDecimal);
  const scale = Math.max(0, ...parsed.map((p) => p.places));
  const values = parsed.map((p) => p.digits * 10n ** BigInt(scale - p.places));
  return { values, scale };
}

/** Rescale several samples to one common scale (for multi-sample statistics). */
export function toCommonScale(samples: ArrayLike<number>[]): ScaledDecimals[] {
  const scaled = samples.map(toScaledDecimals);
  const scale = Math.max(0, ...scaled.map((s) => s.scale));
  return scaled.map((s) => {
    const factor = 10n ** BigInt(scale - s.scale);
    return { values: s.values.map((v) => v * factor), scale };
  });
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

/** 10^(power) as a BigInt. */
export const pow10 = (power: number): bigint => 10n ** BigInt(power);

/** Sum of a BigInt array. */
export function bigSum(values: readonly bigint[]): bigint {
  let s = 0n;
  for (const v of values) s += v;
  return s;
}
