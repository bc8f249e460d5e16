import { PRIME_F64, primeLike, primeOnce } from './prime';
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
  primeOnce(readSample, () => readSample(primeLike(x), PRIME_BUFFER));
  if (!readSample(x, src)) {
    checkSampleValues(fn, name, x, minLength); // throws, naming the non-number
    return undefined;
  }
  if (read.nan) return undefined;
  return sortOnGrid(src, workspace) ? src : sortLoaded(src, read.dh, read.dl, workspace);
}

/** What readSample found: a NaN, and the bits in which the values differ from the first. */
const read = { nan: false, dh: 0, dl: 0 };

/**
 * Copies x (at least one value) into src (its length), checking the
 * values: false at the first non-number; otherwise true, with `read` set.
 * For a plain array the copy and the checks are one loop (each value's
 * halves read back just after it is written).
 */
function readSample(x: Float64Array | unknown[] | ArrayLike<number>, src: Float64Array): boolean {
  const n = src.length;
  const bits = new Uint32Array(src.buffer, 0, 2 * n);
  const first: unknown = x[0];
  if (typeof first !== 'number') return false;
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
    for (let i = 0; i < n; i++) {
      const v: unknown = x[i];
      if (typeof v !== 'number') return false;
      src[i] = v;
      if (Number.isNaN(v)) nan = true;
      dh |= (bits[2 * i + 1] as number) ^ h0;
      dl |= (bits[2 * i] as number) ^ l0;
    }
  }
  read.nan = nan;
  read.dh = dh;
  read.dl = dl;
  return true;
}

/**
 * readSample's priming buffer (primeOnce, on the caller's array kind):
 * unprimed, a process whose first sample had 1e5 values compiled its loop
 * on-stack, and the code after it deoptimised on every later call
 * (--trace-deopt: two a ks_2samp call, 2026-12-07).
 */
const PRIME_BUFFER = new Float64Array(PRIME_F64.length);
