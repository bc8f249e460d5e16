/**
 * Exact decimal arithmetic on inputs taken as the decimals they print as
 * (the contract: a number means the decimal its shortest round-trip string
 * `String(x)` writes). Used where cancellation would cost digits: data on an
 * offset large against their spread, such as NIST StRD NumAcc4 or SmLs07-09.
 */

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
  samples: readonly (readonly number[])[],
): { reference: number; shifted: number[][] } | undefined {
  const parsed = samples.map((s) => s.map(parseDecimal));
  let scale = 0;
  for (const s of parsed) for (const p of s) scale = Math.max(scale, p.places);
  if (scale > MAX_SCALE || !samples.every((s) => s.every(Number.isFinite))) return undefined;
  const k = parsed.findIndex((s) => s.length > 0);
  const first = parsed[k]?.[0];
  if (!first) return undefined;
  const toScale = (p: { digits: bigint; places: number }) =>
    p.digits * 10n ** BigInt(scale - p.places);
  const ref = toScale(first);
  const unit = 10 ** scale;
  return {
    reference: samples[k]?.[0] as number,
    shifted: parsed.map((s) => s.map((p) => Number(toScale(p) - ref) / unit)),
  };
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
