import { sortOnGrid } from './sortGrid';
import { comparisonSort, RADIX_MIN, sortLoaded } from './sortOrder';
import { checkSampleValues, hasNaN } from './validate';
import { Slot, workF64 } from './workspace';

/**
 * A sample argument checked and sorted ascending (-0 before 0), for the
 * statistics that read only the sorted values (shapiro, mannwhitneyu,
 * ks_2samp). Throws as checkSampleValues does (not an array, a non-number,
 * fewer than `minLength` values); returns undefined when the sample holds a
 * NaN (each caller answers NaN then, after checking its other arguments).
 * From RADIX_MIN values on, one read of the input does the type check, the
 * copy into the workspace's buffer, the NaN check and the bits in which the
 * values differ (which choose the radix sort: sortOrder.ts's sortLoaded),
 * where checkSampleValues, hasNaN, the copy and differingBits took four.
 * The result lives in the workspace (valid until its next sort).
 */
export function sortedSample(
  fn: string,
  name: string,
  x: unknown,
  workspace: 0 | 1,
  minLength = 0,
): Float64Array | undefined {
  const n = (x as { length?: unknown } | null)?.length;
  if (typeof n !== 'number' || n < RADIX_MIN || !(x instanceof Float64Array || Array.isArray(x))) {
    const values = checkSampleValues(fn, name, x, minLength);
    return hasNaN(values) ? undefined : comparisonSort(values, false).sorted;
  }
  const src = workF64(4 * workspace + Slot.sortValuesA, n);
  const bits = new Uint32Array(src.buffer, 0, 2 * n);
  const first: unknown = x[0];
  if (typeof first !== 'number') {
    checkSampleValues(fn, name, x, minLength); // throws, naming x[0]
    return undefined;
  }
  src[0] = first;
  const h0 = bits[1] as number;
  const l0 = bits[0] as number;
  let dh = 0;
  let dl = 0;
  let nan = false;
  if (x instanceof Float64Array) {
    src.set(x);
    for (let i = 0; i < n; i++) {
      const v = src[i] as number;
      if (Number.isNaN(v)) nan = true;
      dh |= (bits[2 * i + 1] as number) ^ h0;
      dl |= (bits[2 * i] as number) ^ l0;
    }
  } else {
    // The copy and the checks in one loop: each value's halves are read
    // back just after it is written.
    for (let i = 0; i < n; i++) {
      const v: unknown = x[i];
      if (typeof v !== 'number') {
        checkSampleValues(fn, name, x, minLength); // throws, naming x[i]
        return undefined;
      }
      src[i] = v;
      if (Number.isNaN(v)) nan = true;
      dh |= (bits[2 * i + 1] as number) ^ h0;
      dl |= (bits[2 * i] as number) ^ l0;
    }
  }
  if (nan) return undefined;
  return sortOnGrid(src, workspace) ? src : sortLoaded(src, dh, dl, workspace);
}
