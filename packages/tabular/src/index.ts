/**
 * @lambda-stats/tabular: CSV (RFC 4180, header row) and JSON Lines in,
 * named columns out, for the synchronous endpoints (text/csv bodies) and
 * the job engine's workers (byte-range chunks of S3 objects). Pure: no AWS,
 * no I/O beyond the bytes it is given; node:zlib for gzip.
 */
export type { ChunkReadOptions, PlanOptions } from './chunks';
export {
  chunkStreamStart,
  countRowsBefore,
  DEFAULT_CHUNK_BYTES,
  planChunks,
  readChunk,
} from './chunks';
export type { TabularErrorCode, TabularErrorDetails } from './errors';
export { isTabularError, TabularError, tabularErrorCodes } from './errors';
export type { CrossTab, Groups } from './group';
export { crossTab, groupBy, mergeCrossTabs } from './group';
export { isGzip } from './gzip';
export { MAX_HEADER_BYTES, readHeader, requireColumns } from './header';
export { MISSING_MARKERS, NO_PLACES, parseCell } from './numbers';
export { parseTable } from './parseTable';
export { readTable } from './readTable';
export type {
  ByteRange,
  ChunkTable,
  ColumnKind,
  NanPolicy,
  Pairing,
  ReadOptions,
  RowBlocks,
  Table,
  TabularFormat,
} from './types';
