import { TabularError } from './errors';
import { LF, QUOTE } from './internal/csv';
import { Reader } from './internal/reader';
import { inflateIfGzip, sniffGzip } from './internal/stream';
import type { ByteRange, ChunkTable, ReadOptions, TabularFormat } from './types';

const BOM = [0xef, 0xbb, 0xbf];
const badOptions = (what: string) => new TabularError('invalid_options', `tabular: ${what}`);
const isSize = (n: number, min: number) => Number.isSafeInteger(n) && n >= min;

/** Default chunk size for planChunks: 64 MiB (a worker parses it in well under a second). */
export const DEFAULT_CHUNK_BYTES = 64 * 1024 * 1024;

export interface PlanOptions {
  /**
   * True when the object is gzip-compressed. A gzip stream cannot be
   * entered in the middle, so a gzip object is ONE chunk whatever its
   * size (the worker streams and inflates it whole). Split large data
   * into several gzip objects, or upload it uncompressed, to fan out.
   */
  gzip?: boolean;
}

/**
 * Plans byte-range chunks of `chunkSize` bytes over an object of
 * `objectSize` bytes: [0, c), [c, 2c), ..., the last one ending at
 * objectSize. The ranges are pure byte arithmetic; line alignment is the
 * reader's job (readChunk reads exactly the rows that START in its range),
 * so every row is read by exactly one chunk whatever the sizes. An empty
 * object gives no chunk.
 *
 * @throws TabularError `invalid_options` for a size that is not a whole number >= 0
 *   (chunkSize >= 1).
 * @example
 * planChunks(250, 100) // [{index:0,start:0,end:100},{index:1,start:100,end:200},{index:2,start:200,end:250}]
 */
export function planChunks(
  objectSize: number,
  chunkSize: number = DEFAULT_CHUNK_BYTES,
  options: PlanOptions = {},
): ByteRange[] {
  if (!isSize(objectSize, 0)) {
    throw badOptions(`objectSize must be a whole number >= 0 (got ${objectSize})`);
  }
  if (!isSize(chunkSize, 1)) {
    throw badOptions(`chunkSize must be a whole number >= 1 (got ${chunkSize})`);
  }
  if (objectSize === 0) return [];
  if (options.gzip === true) return [{ index: 0, start: 0, end: objectSize }];
  const ranges: ByteRange[] = [];
  for (let start = 0, index = 0; start < objectSize; start += chunkSize, index++) {
    ranges.push({ index, start, end: Math.min(objectSize, start + chunkSize) });
  }
  return ranges;
}

/**
 * The byte at which the stream handed to readChunk must begin: `start - 1`
 * for a chunk that does not start at 0 (the reader looks at the byte
 * before `start` to know whether a row begins exactly at `start`), 0 for
 * the first chunk. With S3: `GetObject` with `Range: bytes=${chunkStreamStart(r)}-`
 * (open-ended: the reader stops pulling once it has finished the row that
 * crosses `end`, and returns/destroys the stream), or any series of
 * bounded range reads served through an async iterator.
 */
export function chunkStreamStart(range: ByteRange): number {
  return range.start === 0 ? 0 : range.start - 1;
}

export interface ChunkReadOptions extends ReadOptions {
  /**
   * CSV: the header's column names (readHeader on the object's first
   * bytes). Required for a chunk that does not start at 0, whose bytes do
   * not hold the header; for the chunk at 0 the header is read from the
   * bytes and checked against it when given.
   */
  header?: readonly string[];
  /** Total object size, when known: lets the reader tell the last chunk from a short read. */
  objectSize?: number;
}

/**
 * Reads the rows that START in [range.start, range.end) of an object.
 *
 * `source` yields the object's bytes from chunkStreamStart(range) on (at
 * least to the end of the row that crosses `end`, or to the end of the
 * object). The reader skips the header (chunk at 0) or the partial first
 * row (any other chunk: the bytes up to and including the first line break
 * at or after start - 1), reads every row starting before `end`, reads past
 * `end` to finish the last one, then stops pulling from `source` (calling
 * its iterator's `return`, which destroys a Node stream).
 *
 * Quoted line breaks in CSV: RFC 4180 allows a line break inside a quoted
 * cell, but a byte-range reader cannot know whether `start` falls inside
 * such a cell. Rule: in a chunked read (any range other than the whole
 * object), a quoted cell holding a line break is a `quoted_newline` error,
 * raised by the chunk where that row starts (it also fails, usually as
 * `bad_quoting`, in the chunk that begins inside it). Such files are read
 * whole (one chunk: planChunks with chunkSize >= objectSize) or by
 * parseTable/readTable.
 *
 * Gzip objects are one chunk ({start: 0, end: objectSize}) and are inflated
 * as they stream; a range of a gzip object that is not the whole object is
 * `invalid_options`.
 *
 * Error rows: `details.row` and `details.line` count from the chunk's first
 * row, and `details.byteOffset` is the offset of the row in the object; the
 * engine gets the row in the whole object as
 * `await countRowsBefore(objectBytesFrom0, details.byteOffset, format) + 1`.
 *
 * @throws TabularError (input problems) as parseTable does.
 */
export async function readChunk(
  range: ByteRange,
  source: AsyncIterable<Uint8Array>,
  options: ChunkReadOptions,
): Promise<ChunkTable> {
  const { start, end } = range;
  if (!isSize(start, 0) || !isSize(end, 0) || end < start) {
    throw badOptions(`a range needs whole numbers 0 <= start <= end (got ${start}, ${end})`);
  }
  const size = options.objectSize;
  if (size !== undefined && (!isSize(size, 0) || end > size)) {
    throw badOptions(`objectSize ${size} does not hold the range [${start}, ${end})`);
  }
  if (start > 0 && options.format === 'csv' && options.header === undefined) {
    throw badOptions('a CSV chunk that does not start at 0 needs `header` (readHeader)');
  }
  const whole = start === 0 && size !== undefined && end >= size;
  let stream = source;
  if (start === 0) {
    const sniffed = await sniffGzip(source);
    stream = sniffed.stream;
    if (sniffed.gzip) {
      if (size !== undefined && !whole) {
        throw badOptions(
          `a gzip object is one chunk: plan it with planChunks(size, chunkSize, { gzip: true }) (got [${start}, ${end}) of ${size} bytes)`,
        );
      }
      stream = await inflateIfGzip(stream);
      return finishChunk(range, stream, options, false, Number.POSITIVE_INFINITY);
    }
  }
  return finishChunk(range, stream, options, !whole, end);
}

async function finishChunk(
  range: ByteRange,
  stream: AsyncIterable<Uint8Array>,
  options: ChunkReadOptions,
  chunked: boolean,
  stopAt: number,
): Promise<ChunkTable> {
  const reader = new Reader(options, {
    base: chunkStreamStart(range),
    skipFirstLine: range.start > 0,
    stopAt,
    chunked,
    header: options.header,
  });
  for await (const piece of stream) {
    reader.push(piece);
    if (reader.done) break; // leaving the loop returns (destroys) the source
  }
  const { firstRowOffset, lastRowEnd, ...table } = reader.finish();
  const first = firstRowOffset < 0 ? range.end : firstRowOffset;
  return {
    ...table,
    range,
    firstRowOffset: first,
    bytesRead: lastRowEnd < 0 ? 0 : lastRowEnd - first,
  };
}

/**
 * Counts the data rows (the header excluded) that start before byte
 * `offset`, reading `source` (the object's bytes from byte 0) only up to
 * `offset`. With the byte offset of an error in a chunk this gives the
 * row's number in the whole object (count + 1). Uncompressed objects only
 * (a gzip object is one chunk, whose rows are already global). CSV quoted
 * line breaks are honoured (a quoted newline does not start a row).
 */
export async function countRowsBefore(
  source: AsyncIterable<Uint8Array>,
  offset: number,
  format: TabularFormat,
): Promise<number> {
  if (!isSize(offset, 0)) throw badOptions(`offset must be a whole number >= 0 (got ${offset})`);
  const csv = format === 'csv';
  let rows = 0;
  let pos = 0; // absolute offset of the byte being looked at
  let lineStart = 0;
  let counted = false; // the current line has been counted as a row
  let inQuote = false;
  outer: for await (const piece of source) {
    for (let i = 0; i < piece.length; i++, pos++) {
      if (lineStart >= offset || (counted && pos >= offset)) break outer;
      const c = piece[i]!;
      if (csv && c === QUOTE) inQuote = !inQuote;
      if (c === LF && !inQuote) {
        lineStart = pos + 1;
        counted = false;
        continue;
      }
      if (counted || c === 13) continue;
      if (pos < 3 && c === BOM[pos] && lineStart === 0) continue;
      if (!csv && (c === 32 || c === 9)) continue;
      rows++;
      counted = true;
    }
  }
  return csv ? Math.max(0, rows - 1) : rows;
}
