import { sortOrderOnGrid } from './sortGrid';
import { BUCKETS, bucketStarts, comparisonSort, countDigits, RADIX_MIN } from './sortOrder';
import { Slot, workF64 } from './workspace';

/**
 * The pairs (key[i], payload[i]) in ascending order of key, stably (equal
 * keys keep their input order; -0 just before 0): `keys` the sorted keys,
 * `carried[k]` the payload that came with keys[k]. The same LSD radix sort as
 * sortOrder (11-bit digits of the keys' bit patterns, shared digits skipped),
 * moving the payload doubles instead of indices, so a caller that only needs
 * the other variable in this order reads it in sequence, with no index array
 * and no gather. Both arrays live in the reusable work buffers (valid until
 * the next sort that uses them). No NaN in the keys.
 */
export function sortPairs(
  key: ArrayLike<number>,
  payload: ArrayLike<number>,
): { keys: Float64Array; carried: Float64Array } {
  const n = key.length;
  if (n < RADIX_MIN) {
    const { order, sorted } = comparisonSort(key, true);
    const carried = workF64(Slot.sortValuesA1, n);
    for (let k = 0; k < n; k++) carried[k] = payload[order[k] as number] as number;
    return { keys: sorted, carried };
  }
  const onGrid = sortOrderOnGrid(key, 0);
  if (onGrid !== undefined) {
    // decimals on a grid sort as integers, with the order: gather the payload
    const { order, sorted } = onGrid;
    const carried = workF64(Slot.sortValuesA1, n);
    for (let k = 0; k < n; k++) carried[k] = payload[order[k] as number] as number;
    return { keys: sorted, carried };
  }
  // sortOrderOnGrid left the keys copied to the first values buffer
  let src = workF64(Slot.sortValuesA, n);
  let dst = workF64(Slot.sortValuesB, n);
  let srcP = workF64(Slot.sortValuesA1, n);
  srcP.set(payload);
  let dstP = workF64(Slot.sortValuesB1, n);
  let bits = new Uint32Array(src.buffer, 0, 2 * n);
  const counts = countDigits(bits, n);
  for (let pass = 0; pass < 6; pass++) {
    const high = pass >= 3;
    const shift = 11 * (pass % 3);
    const base = pass * BUCKETS;
    const mask = pass % 3 === 2 ? 0x3ff : 0x7ff;
    if (!bucketStarts(counts, base, mask, n)) continue;
    if (high) {
      for (let i = 0; i < n; i++) {
        const h = bits[2 * i + 1] as number;
        const k = h ^ ((h >> 31) | 0x80000000);
        const b = base + ((k >>> shift) & mask);
        const p = counts[b] as number;
        counts[b] = p + 1;
        dst[p] = src[i] as number;
        dstP[p] = srcP[i] as number;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const k = (bits[2 * i] as number) ^ ((bits[2 * i + 1] as number) >> 31);
        const b = base + ((k >>> shift) & mask);
        const p = counts[b] as number;
        counts[b] = p + 1;
        dst[p] = src[i] as number;
        dstP[p] = srcP[i] as number;
      }
    }
    [src, dst] = [dst, src];
    [srcP, dstP] = [dstP, srcP];
    bits = new Uint32Array(src.buffer, 0, 2 * n);
  }
  return { keys: src, carried: srcP };
}
