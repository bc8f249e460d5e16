import { TabularError } from './errors';
import { INCOMPLETE, LF, splitRecord } from './internal/csv';
import { checkHeader, unknownColumns } from './internal/reader';
import { inflateIfGzip } from './internal/stream';
import type { TabularFormat } from './types';

/** The header is looked for in at most this many bytes (after inflating gzip). */
export const MAX_HEADER_BYTES = 1024 * 1024;

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/**
 * The column names of an input, from its first bytes (gzip inflated): the
 * CSV header row, or the keys of the first JSON Lines object. Reads only
 * what it needs from `source` (the object from byte 0), then stops. Use it
 * in the split step to check the job's column mapping before fanning out,
 * and pass the result to readChunk as `header`.
 *
 * @throws TabularError `empty_input`, `missing_header`, `duplicate_column`,
 *   `bad_quoting`, `invalid_utf8`, `malformed_json`, `not_an_object`,
 *   `invalid_gzip`, or `too_large` when no line ends within MAX_HEADER_BYTES.
 */
export async function readHeader(
  source: AsyncIterable<Uint8Array> | Uint8Array | string,
  format: TabularFormat,
): Promise<string[]> {
  if (format !== 'csv' && format !== 'jsonl') {
    throw new TabularError(
      'invalid_options',
      `tabular: format must be 'csv' or 'jsonl' (got ${JSON.stringify(format)})`,
    );
  }
  const stream =
    typeof source === 'string'
      ? once(new TextEncoder().encode(source))
      : source instanceof Uint8Array
        ? once(source)
        : source;
  let buf = new Uint8Array(0);
  let ended = true;
  for await (const piece of await inflateIfGzip(stream)) {
    const joined = new Uint8Array(buf.length + piece.length);
    joined.set(buf);
    joined.set(piece, buf.length);
    buf = joined;
    const names = headerIn(buf, format, false);
    if (names !== undefined) return names;
    if (buf.length > MAX_HEADER_BYTES) {
      ended = false;
      break;
    }
  }
  if (!ended) {
    throw new TabularError(
      'too_large',
      `No line ends within the first ${MAX_HEADER_BYTES} bytes: is this really ${format === 'csv' ? 'CSV' : 'JSON Lines'} (one row per line)?`,
      { limit: MAX_HEADER_BYTES },
    );
  }
  const names = headerIn(buf, format, true);
  if (names === undefined) {
    throw new TabularError(
      'empty_input',
      format === 'csv'
        ? 'The input is empty: send a header row naming the columns, then one row per observation'
        : 'The input is empty: send one JSON object per line',
    );
  }
  return names;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The header in buf, or undefined when more bytes are needed (or there is none at the end). */
function headerIn(buf: Uint8Array, format: TabularFormat, final: boolean): string[] | undefined {
  let pos = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  for (;;) {
    // skip blank lines
    while (pos < buf.length && (buf[pos] === LF || (buf[pos] === 13 && buf[pos + 1] === LF))) {
      pos += buf[pos] === LF ? 1 : 2;
    }
    if (pos >= buf.length) return undefined;
    if (format === 'csv') {
      const split = splitRecord(buf, pos, buf.length, final);
      if (split === INCOMPLETE) return undefined;
      checkUtf8(buf.subarray(pos, split.next));
      checkHeader(split.cells);
      return split.cells;
    }
    let lf = buf.indexOf(LF, pos);
    if (lf < 0) {
      if (!final) return undefined;
      lf = buf.length;
    }
    const text = checkUtf8(buf.subarray(pos, lf));
    if (text.trim() === '') {
      pos = lf + 1;
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (cause) {
      throw new TabularError(
        'malformed_json',
        `The first line is not valid JSON (${cause instanceof Error ? cause.message : String(cause)}): JSON Lines holds one JSON object per line`,
        { row: 1 },
        { cause },
      );
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new TabularError(
        'not_an_object',
        'The first line is not a JSON object: JSON Lines holds one object per line, such as {"x": 1.5, "y": 2}',
        { row: 1 },
      );
    }
    return Object.keys(value);
  }
}

function checkUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    throw new TabularError(
      'invalid_utf8',
      'The first line is not valid UTF-8: save the file as UTF-8 (in a spreadsheet: "CSV UTF-8")',
      { line: 1 },
      { cause },
    );
  }
}

/**
 * Checks that every name in `wanted` is a column of `available`.
 * @throws TabularError `unknown_column`, listing the available columns.
 */
export function requireColumns(available: readonly string[], wanted: Iterable<string>): void {
  const missing = [...wanted].filter((n) => !available.includes(n));
  if (missing.length > 0) throw unknownColumns(missing, available);
}
