/**
 * Work buffers the sorts and rank statistics reuse from one call to the
 * next. A fresh 8 MB typed array costs about 4 ms in steady state (the
 * allocator hands out new zero pages, each one faulted in, and the garbage
 * collector unmaps the last call's), several times what a radix pass over
 * it costs; at n = 1e6 a rank statistic used about a dozen of them per call.
 *
 * Only scratch space lives here, never a result: every user writes each
 * element it reads in the same call, so what a buffer held before cannot
 * change an answer (the rank tests call every function twice, big then
 * small input, to check it). The code is synchronous, so no two calls
 * interleave. A buffer over KEEP_MAX_BYTES is used once and dropped, so one
 * huge job cannot pin its memory in a warm Lambda.
 */
const kept: (ArrayBuffer | undefined)[] = [];

/** 32 MiB: four million doubles per buffer. */
const KEEP_MAX_BYTES = 32 * 2 ** 20;

/**
 * The slots: one per buffer a caller may hold at the same time as the others.
 * (ols's fused lane, which sorts nothing, numbers its own slots 0..2k+1:
 * regression/internal/olsColumns.ts.)
 */
export const Slot = {
  /** The radix sort's values and indices, ping-ponged (workspace 0). */
  sortValuesA: 0,
  sortValuesB: 1,
  sortOrderA: 2,
  sortOrderB: 3,
  /** A second sort whose result is read alongside the first (workspace 1). */
  sortValuesA1: 4,
  sortValuesB1: 5,
  sortOrderA1: 6,
  sortOrderB1: 7,
  /** Per-observation ranks or payloads the rank statistics keep across a sort. */
  ranks: 8,
  payload: 9,
  inversionsA: 10,
  inversionsB: 11,
} as const;

function buffer(slot: number, bytes: number): ArrayBuffer {
  const b = kept[slot];
  if (b !== undefined && b.byteLength >= bytes) return b;
  const fresh = new ArrayBuffer(bytes);
  if (bytes <= KEEP_MAX_BYTES) kept[slot] = fresh;
  return fresh;
}

/** A Float64Array of n elements on the slot's buffer (contents undefined). */
export function workF64(slot: number, n: number): Float64Array {
  return new Float64Array(buffer(slot, 8 * n), 0, n);
}

/** A Uint32Array of n elements on the slot's buffer (contents undefined). */
export function workU32(slot: number, n: number): Uint32Array {
  return new Uint32Array(buffer(slot, 4 * n), 0, n);
}

/** An Int32Array of n elements on the slot's buffer (contents undefined). */
export function workI32(slot: number, n: number): Int32Array {
  return new Int32Array(buffer(slot, 4 * n), 0, n);
}
