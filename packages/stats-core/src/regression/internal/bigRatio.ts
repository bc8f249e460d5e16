/**
 * `num / den * 10^exp10` for exact integers, rounded to the nearest double
 * (within one unit in the last place). `den` must be positive.
 */
export function ratioToNumber(num: bigint, den: bigint, exp10 = 0): number {
  if (num === 0n) return 0;
  let n = num < 0n ? -num : num;
  let d = den;
  if (exp10 > 0) n *= 10n ** BigInt(exp10);
  else if (exp10 < 0) d *= 10n ** BigInt(-exp10);
  // Keep 66+ significant bits in the integer quotient, then scale by 2^-shift.
  const shift = 66 - (bitLength(n) - bitLength(d));
  const q = shift >= 0 ? (n << BigInt(shift)) / d : n / (d << BigInt(-shift));
  const magnitude = scaleByPowerOfTwo(Number(q), -shift);
  return num < 0n ? -magnitude : magnitude;
}

/** sqrt(num / den * 10^exp10) for exact integers, num >= 0, den > 0. */
export function sqrtRatioToNumber(num: bigint, den: bigint, exp10 = 0): number {
  return Math.sqrt(ratioToNumber(num, den, exp10));
}

function bitLength(v: bigint): number {
  return v.toString(16).length * 4;
}

/** x * 2^k without overflowing or underflowing in an intermediate step. */
function scaleByPowerOfTwo(x: number, k: number): number {
  let result = x;
  let rest = k;
  while (rest > 1000) {
    result *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    result *= 2 ** -1000;
    rest += 1000;
  }
  return result * 2 ** rest;
}
