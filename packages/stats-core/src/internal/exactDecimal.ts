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
  samples: readonly ArrayLike<number>[],
): { reference: number; shifted: Float64Array[] } | undefined {
  for (const s of samples)
    for (let i = 0; i < s.length; i++) if (!Number.isFinite(s[i])) return undefined;
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
