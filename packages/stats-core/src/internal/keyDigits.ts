/**
 * Digits of the order-preserving keys of doubles (the bit patterns made to
 * order as the numbers do: negative, all bits flipped; otherwise the sign
 * bit set; as in sortMsd.ts), read from the doubles' two 32-bit halves
 * (`bits`: low word at 2i, high word at 2i + 1), for the MSD radix sorts
 * that carry a second array or count inversions.
 */

import { differingBits } from './sortMsd';

/** Digits of at most 11 bits (2048 buckets), as sortMsd's. */
export const MAX_DIGIT_BITS = 11;

/**
 * The digits an MSD level of v[s..e) sorts on, written to digit[0..e - s):
 * the key bits from the highest one in which the range's keys differ down,
 * as many as the range's size has bits (4 to MAX_DIGIT_BITS), and none
 * below the lowest differing bit (below it every key agrees). Returns the
 * digits' width in bits, 0 when every key is the same (nothing written).
 */
export function levelDigits(bits: Uint32Array, digit: Int32Array, s: number, e: number): number {
  const [dh, dl] = differingBits(bits.subarray(2 * s, 2 * e), e - s);
  if (dh === 0 && dl === 0) return 0;
  // Every key is its bits XOR a constant of the value's sign, so the keys
  // differ where the bits do (a differing sign shows as the top bit).
  const top = dh !== 0 ? 63 - Math.clz32(dh) : 31 - Math.clz32(dl);
  const lowest = dl !== 0 ? 31 - Math.clz32(dl & -dl) : 63 - Math.clz32(dh & -dh);
  const width = Math.min(MAX_DIGIT_BITS, Math.max(4, 32 - Math.clz32(e - s)));
  const low = Math.max(top - width + 1, lowest);
  const w = top - low + 1;
  keyDigits(bits, digit, s, e, low, (1 << w) - 1);
  return w;
}

/** digit[i - s] = key bits low..low + log2(mask + 1) - 1 of value i, for i in [s, e). */
function keyDigits(
  bits: Uint32Array,
  digit: Int32Array,
  s: number,
  e: number,
  low: number,
  mask: number,
): void {
  if (low >= 32) {
    const shift = low - 32;
    for (let i = s; i < e; i++) {
      const h = bits[2 * i + 1] as number;
      digit[i - s] = ((h ^ ((h >> 31) | 0x80000000)) >>> shift) & mask;
    }
    return;
  }
  // The high word's bits enter at 32 - low (none when low is 0: the two
  // shifts move them out).
  const up = 31 - low;
  for (let i = s; i < e; i++) {
    const h = bits[2 * i + 1] as number;
    const sign = h >> 31;
    const kh = h ^ (sign | 0x80000000);
    const kl = (bits[2 * i] as number) ^ sign;
    digit[i - s] = ((kl >>> low) | ((kh << 1) << up)) & mask;
  }
}

/**
 * counts[base + d] holds digit d's count, d < buckets: make it the start of
 * d's bucket in a range starting at s. Returns the OR of the counts (at
 * least the largest bucket and below twice it).
 */
export function digitStarts(counts: Int32Array, base: number, buckets: number, s: number): number {
  let sizes = 0;
  let start = s;
  for (let d = 0; d < buckets; d++) {
    const c = counts[base + d] as number;
    counts[base + d] = start;
    start += c;
    sizes |= c;
  }
  return sizes;
}
