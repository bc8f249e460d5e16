/**
 * The one pass over the caller's rows for ols's fused lane: X's rows and y
 * read once into column-major work buffers reused from call to call (no n-length
 * allocation per call once warm), each value checked in the same loop.
 */

import { workF64 } from '../../internal/workspace';

/**
 * A reused buffer of length n for slot `slot` (contents undefined), from the
 * stats core's one work-buffer pool (internal/workspace.ts, which drops a
 * buffer over its keep limit after the call). The fused lane numbers its
 * slots 0..2k+1 itself: it calls nothing else that uses the pool while it
 * holds them, and no result points into them.
 */
export function olsBuffer(slot: number, n: number): Float64Array {
  return workF64(slot, n);
}

/**
 * X's k columns then y, read from the rows (arrays of numbers or
 * Float64Arrays of length k); null when anything is off (a row that is not
 * one, a row of another length, a value that is not a finite number), so
 * the caller's full validation names the problem. Slots 0..k are used.
 */
export function readColumns(
  rows: unknown[],
  y: ArrayLike<number>,
  k: number,
): Float64Array[] | null {
  const n = y.length;
  const columns: Float64Array[] = [];
  for (let j = 0; j <= k; j++) columns.push(olsBuffer(j, n));
  const yColumn = columns[k] as Float64Array;
  for (let i = 0; i < n; i++) {
    const v = y[i] as number;
    if (v - v !== 0) return null; // NaN or infinite
    yColumn[i] = v;
  }
  if (k === 2) return readPairs(rows, columns) ? columns : null;
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row instanceof Float64Array) {
      if (row.length !== k) return null;
      for (let j = 0; j < k; j++) {
        const v = row[j] as number;
        if (v - v !== 0) return null;
        (columns[j] as Float64Array)[i] = v;
      }
    } else if (Array.isArray(row)) {
      if (row.length !== k) return null;
      for (let j = 0; j < k; j++) {
        const v: unknown = row[j];
        if (typeof v !== 'number' || v - v !== 0) return null;
        (columns[j] as Float64Array)[i] = v;
      }
    } else {
      return null;
    }
  }
  return columns;
}

/** {@link readColumns}'s loop for rows of two (the common [x, z]), unrolled. */
function readPairs(rows: unknown[], columns: Float64Array[]): boolean {
  const a = columns[0] as Float64Array;
  const b = columns[1] as Float64Array;
  const n = a.length;
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    let x: unknown;
    let z: unknown;
    if (Array.isArray(row)) {
      if (row.length !== 2) return false;
      x = row[0];
      z = row[1];
      if (typeof x !== 'number' || typeof z !== 'number') return false;
    } else if (row instanceof Float64Array) {
      if (row.length !== 2) return false;
      x = row[0];
      z = row[1];
    } else {
      return false;
    }
    const xv = x as number;
    const zv = z as number;
    if (xv - xv !== 0 || zv - zv !== 0) return false;
    a[i] = xv;
    b[i] = zv;
  }
  return true;
}

/** Places tried for a short-decimal column at most. */
const MAX_PLACES = 8;
/** Values sampled to find a column's places. */
const SAMPLE = 32;
const TWO_50 = 2 ** 50;
const TENS = Array.from({ length: MAX_PLACES + 1 }, (_, k) => 10 ** k);

/** A column turned into exact integers in place: value i = (column[i] + shift) / 10^places. */
export interface IntegerColumn {
  places: number;
  shift: number;
  /** max |column[i]| after the shift. */
  maxAbs: number;
}

let columnsPrimed = false;

/**
 * Runs toIntegerColumn a dozen times on three values, once per process,
 * before its first real column: unprimed, V8 (Node 20) compiled its loop
 * on-stack during the first large request, before the code after the loop
 * had type feedback, and deoptimised there on later requests
 * (--trace-deopt on warm 10,000-row ols requests: one in five).
 */
function primeIntegerColumn(): void {
  columnsPrimed = true;
  for (let k = 0; k < 12; k++) {
    toIntegerColumn(Float64Array.of(1.25, -3, 20.5), k % 2 === 0);
    toIntegerColumn(Float64Array.of(1.25, 0.1 + 0.2), false);
  }
}

/**
 * Turns a column of short decimals into exact integers, in place:
 * m = round(v 10^P) with |m| < 2^50 and m / 10^P === v says m / 10^P is the
 * only P-place decimal within half an ulp of v, so it is the decimal
 * `String(v)` writes (the project's decimal rule), exactly. P is the most
 * places among the first values (at most 8). With `shift`, the first
 * value's integer is subtracted (exact: integers below 2^50), which an
 * intercept absorbs and which keeps data on a large offset well
 * conditioned. null, with the column restored, at the first value that is
 * not such a decimal (full-precision doubles stop at the sample).
 */
export function toIntegerColumn(column: Float64Array, shift: boolean): IntegerColumn | null {
  if (!columnsPrimed) primeIntegerColumn();
  const n = column.length;
  let places = 0;
  for (let i = 0; i < Math.min(n, SAMPLE); i++) {
    const v = column[i] as number;
    let p = places;
    while (p <= MAX_PLACES && Math.floor(v * (TENS[p] as number) + 0.5) / (TENS[p] as number) !== v)
      p++;
    if (p > MAX_PLACES) return null;
    places = p;
  }
  const scale = TENS[places] as number;
  const c = shift && n > 0 ? Math.floor((column[0] as number) * scale + 0.5) : 0;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const v = column[i] as number;
    // floor(x + 1/2), not Math.round (several times slower here): any error
    // in which integer it finds only fails the check below, never passes it.
    const m = Math.floor(v * scale + 0.5);
    if (m / scale !== v || !(Math.abs(m) < TWO_50)) {
      for (let r = 0; r < i; r++) column[r] = ((column[r] as number) + c) / scale;
      return null;
    }
    const w = m - c;
    column[i] = w;
    const a = Math.abs(w);
    if (a > maxAbs) maxAbs = a;
  }
  return { places, shift: c, maxAbs };
}
