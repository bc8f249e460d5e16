/**
 * The shapes this package reads into and is configured with.
 */

/** `csv`: RFC 4180 with a header row. `jsonl`: JSON Lines, one object per line. */
export type TabularFormat = 'csv' | 'jsonl';

/**
 * scipy's `nan_policy`, applied to missing numeric cells (see MISSING_MARKERS):
 * - `raise` (default): a missing cell is an error naming its row and column;
 * - `omit`: the row is skipped (paired columns: the whole row, as scipy does
 *   for paired data; independent columns: only that cell);
 * - `propagate`: the cell is read as NaN and passed on (the statistic then
 *   decides, as scipy does: usually a NaN result).
 * Text that is not a number (`abc`, `1,5`, `Infinity`) is never a missing
 * value: it is a `not_a_number` error under every policy.
 */
export type NanPolicy = 'raise' | 'omit' | 'propagate';

/** `number`: a numeric column (Float64Array). `string`: a categorical column (labels). */
export type ColumnKind = 'number' | 'string';

/**
 * `rows` (default): the requested columns are read together, row by row, as
 * paired data (linregress x and y, ols X and y, f_oneway value and
 * group_by): every output array has the same length, and `omit` drops a
 * whole row when any of its requested cells is missing.
 *
 * `independent`: each numeric column is its own sample (ttest_ind a and b,
 * mannwhitneyu x and y, ks_2samp): an EMPTY cell is no observation (so
 * columns of different lengths fit in one file, the short ones padded with
 * empty cells), `omit` drops only the missing cell, and the output arrays
 * may differ in length. Explicit markers (NaN, NA, null...) still follow
 * the nan_policy.
 */
export type Pairing = 'rows' | 'independent';

export interface ReadOptions {
  format: TabularFormat;
  /** The columns to read, by name, and how. Other columns are checked for shape only. */
  columns: Readonly<Record<string, ColumnKind>>;
  /** Default `raise`. */
  nanPolicy?: NanPolicy;
  /** Default `rows`. */
  pairing?: Pairing;
  /**
   * Whether a missing-value error suggests nan_policy (default true): false
   * for a statistic that has no nan_policy, so the message does not offer one.
   */
  mentionNanPolicy?: boolean;
  /** Refuse input over this many data rows (`too_large`). Default: no limit. */
  maxRows?: number;
  /**
   * Also return each numeric value's decimal places as written (`Table.places`),
   * for exact sums without finding each double's decimal again. Paired
   * numeric columns only (pairing `rows`, no label column). Default false.
   */
  decimalPlaces?: boolean;
  /**
   * Paired numeric columns only (pairing `rows`, every requested column a
   * number): hand the rows to `blocks.take` as they are read, `blocks.rows`
   * at a time (the last block shorter), instead of collecting whole columns.
   * The table's numeric columns then come back empty (its counts are all
   * the rows'). Default: whole columns.
   */
  blocks?: RowBlocks;
}

/**
 * A consumer of rows read in blocks (ReadOptions.blocks). `take` gets one
 * array per requested column, in the order of `columns`, and with
 * `decimalPlaces` their places (else null). The arrays are views of
 * buffers the reader writes the next block into: use them during the call only.
 */
export interface RowBlocks {
  rows: number;
  take(columns: readonly Float64Array[], places: readonly Int8Array[] | null): void;
}

/** The requested columns of an input, ready for the stats core. */
export interface Table {
  /** Every column the input has: the CSV header in order; JSON Lines: the keys of the first object. */
  columns: string[];
  /** Numeric columns by name. With pairing `rows`, all have `rowsKept` values. */
  numbers: Record<string, Float64Array>;
  /**
   * With `decimalPlaces`: per numeric column, value i's decimal places p
   * (its text is, up to trailing zeros, the decimal `String(value)` writes,
   * which has p places: `round(|value| 10^p)` is its exact integer), or
   * NO_PLACES (-128) when the reader did not establish it (then find it
   * from the double).
   */
  places?: Record<string, Int8Array>;
  /** Categorical columns by name (numbers in JSON Lines are kept as written by JSON.stringify). */
  strings: Record<string, string[]>;
  /** Data rows read (the header excluded). */
  rowsRead: number;
  /** Data rows kept (pairing `rows`); equal to rowsRead unless nan_policy is `omit`. */
  rowsKept: number;
  /** Cells (independent) or rows (paired) dropped by nan_policy `omit`. */
  omitted: number;
  /** True when some numeric value is NaN (only possible with nan_policy `propagate`). */
  hasNaN: boolean;
}

/** A byte range [start, end) of an object: one unit of work for a job worker. */
export interface ByteRange {
  /** 0-based position of the chunk in the plan. */
  index: number;
  /** First byte (inclusive). */
  start: number;
  /** Last byte (exclusive). */
  end: number;
}

/** What a worker reads out of its chunk: the table of the rows that START in [start, end). */
export interface ChunkTable extends Table {
  range: ByteRange;
  /** Bytes consumed, from the first byte of the first row of the chunk to the end of its last row. */
  bytesRead: number;
  /** Byte offset (in the object) where the chunk's first row starts; `end` of range if it has none. */
  firstRowOffset: number;
}
