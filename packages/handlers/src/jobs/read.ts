/**
 * How the jobs read their dataset: through `@lambda-stats/tabular`, the
 * reader the synchronous endpoints' CSV form uses, so a job sees exactly
 * the numbers, missing values and errors the endpoint would. The split
 * step reads the header (`datasetHeader`); each worker reads the rows that
 * START in its byte range (`readItem`, tabular's `readChunk`); a failure
 * step turns a chunk-local error position into the row of the whole object
 * (`rowOfOffset`, tabular's `countRowsBefore`).
 */

import { withDecimalPlaces } from '@lambda-stats/stats-core/partial';
import {
  type ChunkTable,
  countRowsBefore,
  isGzip,
  isTabularError,
  type RowBlocks,
  readChunk,
  readHeader,
  type TabularError,
} from '@lambda-stats/tabular';
import { JobInputError } from './errors';
import type { ChunkItem, ColumnNeed, Format } from './spec';

/** A byte source: the object's bytes from a given offset on, as bounded range reads. */
export type ByteSource = (from: number, firstEnd: number) => AsyncIterable<Uint8Array>;

/** Statistics whose array fields are independent samples (an empty cell is no observation). */
const INDEPENDENT = new Set(['ttest_ind', 'mannwhitneyu', 'ks_2samp']);

export interface ChunkColumns {
  /** Rows kept (after nan_policy; for independent samples, the longest column). */
  rows: number;
  /** Rows (paired) or cells (independent samples) skipped by nan_policy "omit". */
  omitted: number;
  /** One array per needed column, in the order asked. */
  values: (Float64Array | string[])[];
  /** Bytes of the chunk's rows (from its first row's start to its last row's end). */
  bytes: number;
}

/** The dataset's columns and whether it is gzip-compressed, from its first bytes. */
export async function datasetHeader(
  source: ByteSource,
  format: Format,
  size: number,
): Promise<{ columns: string[]; gzip: boolean }> {
  let gzip = false;
  async function* sniffed() {
    let first = true;
    for await (const piece of source(0, Math.min(size, 64 * 1024))) {
      if (first) gzip = isGzip(piece);
      first = false;
      yield piece;
    }
  }
  try {
    const columns = await readHeader(sniffed(), format);
    return { columns, gzip };
  } catch (error) {
    throw asJobInputError(error, { start: 0, gzip });
  }
}

/**
 * The needed columns of the rows that start in the item's byte range; with
 * `blocks` (numeric columns read as pairs only), the rows go to
 * `blocks.take` as they are read and `values` comes back empty.
 *
 * @throws JobInputError `bad_cell` (a cell that is not a finite number, a
 *   missing value under nan_policy "raise", a missing group label) or
 *   `invalid_dataset` (any other problem of the file: ragged rows, bad
 *   quoting, a JSON line that is not an object...), with the row (when the
 *   chunk starts the object) or the byte offset of the row.
 */
export async function readItem(
  item: Pick<
    ChunkItem,
    'format' | 'start' | 'end' | 'size' | 'gzip' | 'file_columns' | 'needs' | 'nan_policy'
  > & { statistic: string; index?: number },
  source: ByteSource,
  blocks?: RowBlocks,
): Promise<ChunkColumns> {
  const columns: Record<string, 'number' | 'string'> = {};
  for (const need of item.needs) columns[need.name] = need.kind === 'label' ? 'string' : 'number';
  const range = { index: item.index ?? 0, start: item.start, end: item.end };
  const from = item.start === 0 ? 0 : item.start - 1;
  // one GET in the common case: the range plus 64 KiB to finish its last row
  const firstEnd = item.gzip ? item.size : Math.min(item.size, item.end + 64 * 1024);
  let table: ChunkTable;
  try {
    table = await readChunk(range, source(from, firstEnd), {
      format: item.format,
      columns,
      header: item.format === 'csv' ? item.file_columns : undefined,
      objectSize: item.size,
      nanPolicy: item.nan_policy,
      pairing: INDEPENDENT.has(item.statistic) ? 'independent' : 'rows',
      // the decimals as written: the partial states' exact integers without resolving each double
      decimalPlaces: true,
      ...(blocks ? { blocks } : {}),
    });
  } catch (error) {
    throw asJobInputError(error, item);
  }
  if (blocks)
    return { rows: table.rowsKept, omitted: table.omitted, values: [], bytes: table.bytesRead };
  const values = item.needs.map((need: ColumnNeed) => {
    if (need.kind === 'label') return table.strings[need.name]!;
    const column = table.numbers[need.name]!;
    const places = table.places?.[need.name];
    return places ? withDecimalPlaces(column, places) : column;
  });
  const rows = values.reduce((m, v) => Math.max(m, v.length), 0);
  return { rows, omitted: table.omitted, values, bytes: table.bytesRead };
}

/** Removes tabular's chunk-local "Row N (counted ...; line L)" opening from a message. */
function withoutPlace(message: string): string {
  return message.replace(/^Row \d+ \(counted from 1 below the header; line \d+\)(, |: | )?/, '');
}

/**
 * A tabular error as the job's error. Its row is global when the chunk
 * starts the object (or is a whole gzip object); otherwise the failure
 * step finds it from `details.line_offset` (see rowOfOffset).
 */
export function asJobInputError(error: unknown, chunk: { start: number; gzip: boolean }): unknown {
  if (!isTabularError(error)) return error;
  const e = error as TabularError;
  const d = e.details;
  const global = chunk.start === 0 || chunk.gzip;
  const where: Record<string, unknown> = {};
  if (d.row !== undefined && global) where.row = d.row;
  else if (d.byteOffset !== undefined) where.line_offset = d.byteOffset;
  if (e.code === 'not_a_number' || e.code === 'missing_value' || e.code === 'bad_label') {
    const value = d.value ?? '';
    const message =
      e.code === 'bad_label'
        ? `column "${d.column}" is empty where a category is needed: give every row a label, or send "nan_policy": "omit" to skip such rows`
        : e.code === 'missing_value'
          ? `column "${d.column}" holds ${JSON.stringify(value)}, which is not a finite number: fix the cell, or send "nan_policy": "omit" to skip such rows`
          : `column "${d.column}" holds ${JSON.stringify(value)}, which is not a finite number: write a decimal such as 12.5, -3 or 1.2e-4 ("nan_policy": "omit" skips only missing values: empty cells, NaN, NA, null)`;
    return new JobInputError('bad_cell', message, {
      ...where,
      column: d.column ?? '',
      value,
      reason: e.code,
    });
  }
  const { row: _r, line: _l, byteOffset: _b, ...rest } = d;
  return new JobInputError('invalid_dataset', withoutPlace(e.message), {
    ...where,
    ...rest,
    reason: e.code,
  });
}

/** The 1-based data row that starts at byte `offset` of an uncompressed object. */
export async function rowOfOffset(
  source: ByteSource,
  offset: number,
  format: Format,
): Promise<number> {
  return (await countRowsBefore(source(0, offset), offset, format)) + 1;
}
