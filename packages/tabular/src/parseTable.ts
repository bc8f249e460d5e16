import { invalidGzip, isGzip } from './gzip';
import { Reader } from './internal/reader';
import type { ReadOptions, Table } from './types';

const encoder = new TextEncoder();

/**
 * Reads a whole CSV or JSON Lines input held in memory (a synchronous
 * request body, a small object) into the requested columns.
 *
 * - `input`: text, or bytes (UTF-8, or gzip: detected by its magic bytes
 *   1f 8b and inflated first; a gzip file of several members is read whole).
 * - Numbers are read exactly as `JSON.parse` reads the same text: each
 *   cell becomes the double nearest the decimal written, so the stats core
 *   (which works from the shortest round-trip decimal of each double) sees
 *   the decimals the user wrote, as it does for a JSON request. A cell is a
 *   number when it matches `[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?`, with
 *   spaces or tabs around it allowed; anything else is `not_a_number`,
 *   unless it is a missing marker (MISSING_MARKERS), which follows
 *   `nanPolicy`. A number too large for a double (1e400) is `not_a_number`.
 * - Row numbers in errors are 1-based data rows, the header excluded.
 *
 * @throws TabularError for every input problem (see tabularErrorCodes).
 * @example
 * parseTable('temp,kwh\n1,2\n3,4.5\n', { format: 'csv', columns: { temp: 'number', kwh: 'number' } })
 * // numbers: { temp: Float64Array [1, 3], kwh: Float64Array [2, 4.5] }, rowsRead: 2, ...
 */
export function parseTable(input: string | Uint8Array, options: ReadOptions): Table {
  let bytes = typeof input === 'string' ? encoder.encode(input) : input;
  if (isGzip(bytes)) bytes = gunzip(bytes);
  const reader = new Reader(options, {
    base: 0,
    skipFirstLine: false,
    stopAt: Number.POSITIVE_INFINITY,
    chunked: false,
  });
  reader.push(bytes);
  const { firstRowOffset: _f, lastRowEnd: _l, ...table } = reader.finish();
  return table;
}

/**
 * node:zlib is loaded on the first gzip input only: loading it costs about
 * 2 ms of CPU, which every cold start of a function that imports this
 * module would otherwise pay (process.getBuiltinModule: Node 20.16+, 22).
 */
function gunzip(bytes: Uint8Array): Uint8Array {
  const zlib = process.getBuiltinModule('node:zlib');
  try {
    return zlib.gunzipSync(bytes);
  } catch (cause) {
    throw invalidGzip(cause);
  }
}
