import { sortOrderOnGrid } from './sortGrid';
import { comparisonSort, RADIX_MIN } from './sortOrder';
import { sortPairsMsd } from './sortPairsMsd';
import { Slot, workF64 } from './workspace';

/**
 * The pairs (key[i], payload[i]) in ascending order of key, stably (equal
 * keys keep their input order; -0 just before 0): `keys` the sorted keys,
 * `carried[k]` the payload that came with keys[k]. Decimals on a grid sort
 * as integers (sortGrid.ts) and the payload is gathered; other values take
 * an MSD radix sort that moves the payload doubles with the keys
 * (sortPairsMsd.ts), so a caller that only needs the other variable in
 * this order reads it in sequence, with no index array and no gather. Both
 * arrays live in the reusable work buffers (valid until the next sort that
 * uses them). No NaN in the keys.
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
  const src = workF64(Slot.sortValuesA, n);
  const srcP = workF64(Slot.sortValuesA1, n);
  srcP.set(payload);
  const dst = workF64(Slot.sortValuesB, n);
  const dstP = workF64(Slot.sortValuesB1, n);
  sortPairsMsd(src, srcP, dst, dstP);
  return { keys: src, carried: srcP };
}
