import type { TabularFormat } from './types';

/** The header is looked for in at most this many bytes (after inflating gzip). */
export const MAX_HEADER_BYTES = 1024 * 1024;

/**
 * The column names of an input, from its first bytes (gzip inflated): the
 * CSV header row, or the keys of the first JSON Lines object. Reads only
 * what it needs from `source` (the object from byte 0), then stops. Use it
 * in the split step to check the job's column mapping before fanning out,
 * and pass the result to readChunk as `header`.
 *
 * @throws TabularError `empty_input`, `missing_header`, `duplicate_column`,
 *   `bad_quoting`, `invalid_utf8`, `malformed_json`, `not_an_object`, or
 *   `too_large` when no line ends within MAX_HEADER_BYTES.
 */
export async function readHeader(
  source: AsyncIterable<Uint8Array> | Uint8Array | string,
  format: TabularFormat,
): Promise<string[]> {
  void source;
  void format;
  throw new Error('readHeader: not implemented yet');
}

/**
 * Checks that every name in `wanted` is a column of `available`.
 * @throws TabularError `unknown_column`, listing the available columns.
 */
export function requireColumns(available: readonly string[], wanted: Iterable<string>): void {
  void available;
  void wanted;
  throw new Error('requireColumns: not implemented yet');
}
