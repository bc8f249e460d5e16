import { Reader, type ReaderSetup } from './internal/reader';
import { inflateIfGzip } from './internal/stream';
import type { ReadOptions, Table } from './types';

/**
 * parseTable over a stream of bytes (a Node Readable, an S3 GetObject
 * body, a web ReadableStream's async iterator): the input is parsed as it
 * arrives, so memory holds only the requested columns plus one partial
 * line. Gzip is detected from the first bytes and inflated with node:zlib
 * (streaming, every member of a multi-member file).
 *
 * @throws TabularError as parseTable does.
 */
export async function readTable(
  source: AsyncIterable<Uint8Array>,
  options: ReadOptions,
): Promise<Table> {
  const setup: ReaderSetup = {
    base: 0,
    skipFirstLine: false,
    stopAt: Number.POSITIVE_INFINITY,
    chunked: false,
  };
  const reader = new Reader(options, setup);
  for await (const piece of await inflateIfGzip(source)) reader.push(piece);
  const { firstRowOffset: _f, lastRowEnd: _l, ...table } = reader.finish();
  return table;
}
