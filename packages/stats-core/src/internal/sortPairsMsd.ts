import { digitStarts, levelDigits, MAX_DIGIT_BITS } from './keyDigits';
import { Slot, workI32 } from './workspace';

/**
 * Sorts the pairs (keys[i], payload[i]) by key, stably (-0 just before 0),
 * in place, by an MSD radix sort of the keys that moves the payload with
 * them: each level scatters on up to 11 bits of the keys from the highest
 * one in which the range differs (levelDigits) and recurses into each
 * bucket; a bucket of equal keys is done, a small one is finished by
 * insertion sort. `tmpKeys` and `tmpPayload` (same length) are scratch. No
 * NaN in the keys.
 */
export function sortPairsMsd(
  keys: Float64Array,
  payload: Float64Array,
  tmpKeys: Float64Array,
  tmpPayload: Float64Array,
): void {
  const n = keys.length;
  const bits = new Uint32Array(keys.buffer, keys.byteOffset, 2 * n);
  counts ??= new Int32Array(MAX_DEPTH << MAX_DIGIT_BITS);
  const scratch = { keys: tmpKeys, payload: tmpPayload, digit: workI32(Slot.ranks, n), counts };
  level(keys, payload, bits, scratch, 0, 0, n);
}

/** Ranges up to this size are finished by insertion sort. */
const INSERTION_MAX = 32;
/**
 * One count block per recursion depth; every level but a range's last
 * resolves at least 4 key bits (see levelDigits): 16 depths.
 */
const MAX_DEPTH = 16;
/** The per-depth bucket counts (128 KiB, allocated on first use and kept). */
let counts: Int32Array | undefined;

interface Scratch {
  keys: Float64Array;
  payload: Float64Array;
  digit: Int32Array;
  counts: Int32Array;
}

/** One MSD level over [s, e) at `depth`. */
function level(
  keys: Float64Array,
  payload: Float64Array,
  bits: Uint32Array,
  scratch: Scratch,
  depth: number,
  s: number,
  e: number,
): void {
  const m = e - s;
  const { digit, counts } = scratch;
  const w = levelDigits(bits, digit, s, e);
  if (w === 0) return;
  const base = depth << MAX_DIGIT_BITS;
  const buckets = 1 << w;
  for (let d = 0; d < buckets; d++) counts[base + d] = 0;
  for (let i = 0; i < m; i++) {
    const b = base + (digit[i] as number);
    counts[b] = (counts[b] as number) + 1;
  }
  const largest = digitStarts(counts, base, buckets, s);
  const tk = scratch.keys;
  const tp = scratch.payload;
  for (let i = 0; i < m; i++) {
    const b = base + (digit[i] as number);
    const p = counts[b] as number;
    counts[b] = p + 1;
    tk[p] = keys[s + i] as number;
    tp[p] = payload[s + i] as number;
  }
  keys.set(tk.subarray(s, e), s);
  payload.set(tp.subarray(s, e), s);
  // Every bucket small: one insertion sort over the range finishes them all
  // (values move only within their bucket).
  if (largest <= INSERTION_MAX) {
    insertionSortPairs(keys, payload, s, e);
    return;
  }
  // counts[base + d] is now the end of bucket d.
  let start = s;
  for (let d = 0; d < buckets; d++) {
    const end = counts[base + d] as number;
    const size = end - start;
    if (size > INSERTION_MAX) level(keys, payload, bits, scratch, depth + 1, start, end);
    else if (size > 1) insertionSortPairs(keys, payload, start, end);
    start = end;
  }
}

/** Stable insertion sort of the pairs in [s, e) by key (-0 and 0 never meet in a bucket). */
function insertionSortPairs(keys: Float64Array, payload: Float64Array, s: number, e: number): void {
  for (let i = s + 1; i < e; i++) {
    const k = keys[i] as number;
    const p = payload[i] as number;
    let j = i - 1;
    while (j >= s && (keys[j] as number) > k) {
      keys[j + 1] = keys[j] as number;
      payload[j + 1] = payload[j] as number;
      j--;
    }
    keys[j + 1] = k;
    payload[j + 1] = p;
  }
}
