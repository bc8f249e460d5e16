/**
 * ColumnSink: receives one row of requested cells at a time (staged by the
 * CSV or JSONL parser), applies nan_policy and pairing, and grows the
 * output columns.
 */
import { TabularError } from '../errors';
import { NO_PLACES } from '../numbers';
import type { ColumnKind, NanPolicy, ReadOptions, RowBlocks, Table } from '../types';

/** A staged cell's state. */
export const CELL_OK = 0;
/** An empty cell (or an absent JSONL key). */
export const CELL_EMPTY = 1;
/** A missing marker other than the empty cell (NaN, NA, null...). */
export const CELL_MARKER = 2;

/** Where the current row is, for error messages. */
export interface RowPlace {
  /** 1-based data row (header excluded), counted from the start of what is read. */
  row: number;
  /** 1-based physical line. */
  line: number;
  /** Absolute byte offset of the row's start. */
  byteOffset: number;
}

export const rowWords = (p: RowPlace): string =>
  `Row ${p.row} (counted from 1 below the header; line ${p.line})`;

export function cellText(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export function placeDetails(p: RowPlace) {
  return { row: p.row, line: p.line, byteOffset: p.byteOffset };
}

const POLICY_HINT =
  'fix the cell, or send nan_policy=omit to skip such rows (or nan_policy=propagate for a NaN result, as scipy)';

export function checkReadOptions(options: ReadOptions): void {
  const bad = (what: string) => {
    throw new TabularError('invalid_options', `tabular: ${what}`);
  };
  if (options.format !== 'csv' && options.format !== 'jsonl') {
    bad(`format must be 'csv' or 'jsonl' (got ${JSON.stringify(options.format)})`);
  }
  const policy = options.nanPolicy ?? 'raise';
  if (policy !== 'raise' && policy !== 'omit' && policy !== 'propagate') {
    bad(`nanPolicy must be 'raise', 'omit' or 'propagate' (got ${JSON.stringify(policy)})`);
  }
  const pairing = options.pairing ?? 'rows';
  if (pairing !== 'rows' && pairing !== 'independent') {
    bad(`pairing must be 'rows' or 'independent' (got ${JSON.stringify(pairing)})`);
  }
  const names = Object.keys(options.columns ?? {});
  for (const n of names) {
    const kind = options.columns[n];
    if (kind !== 'number' && kind !== 'string') {
      bad(`column ${JSON.stringify(n)} must be 'number' or 'string' (got ${JSON.stringify(kind)})`);
    }
  }
  if (
    options.maxRows !== undefined &&
    !(Number.isInteger(options.maxRows) && options.maxRows >= 0)
  ) {
    bad(`maxRows must be a whole number >= 0 (got ${options.maxRows})`);
  }
}

export class ColumnSink {
  readonly names: string[];
  readonly kinds: ColumnKind[];
  readonly isNumber: boolean[];
  readonly policy: NanPolicy;
  readonly independent: boolean;
  readonly maxRows: number;
  readonly mentionPolicy: boolean;
  /** Paired, every requested column numeric, at least one: commit's fast path. */
  readonly allNumbers: boolean;
  /** Length of every column in the fast path (they grow together). */
  capacity = 1024;

  /** Staging for the current row, by requested-column index. */
  readonly num: Float64Array;
  readonly str: string[];
  readonly state: Uint8Array;
  /** Raw text of a missing cell, for messages. */
  readonly rawMissing: string[];

  readonly cols: Float64Array[];
  /**
   * With `decimalPlaces` (paired numeric columns only): per column, each
   * value's decimal places as the CSV fast lane read them (NO_PLACES where
   * not known), parallel to `cols`.
   */
  places: Int8Array[] | null;
  private readonly lens: Int32Array;
  private readonly strs: string[][];
  /** ReadOptions.blocks, for paired numeric columns. */
  readonly blocks: RowBlocks | undefined;
  /** With blocks: rows already handed over (rowsKept counts those held since). */
  flushed = 0;
  rowsRead = 0;
  rowsKept = 0;
  omitted = 0;
  hasNaN = false;

  constructor(options: ReadOptions) {
    this.names = Object.keys(options.columns);
    this.kinds = this.names.map((n) => options.columns[n]!);
    this.isNumber = this.kinds.map((k) => k === 'number');
    this.policy = options.nanPolicy ?? 'raise';
    this.independent = (options.pairing ?? 'rows') === 'independent';
    this.maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
    this.mentionPolicy = options.mentionNanPolicy ?? true;
    const k = this.names.length;
    this.allNumbers = k > 0 && !this.independent && this.isNumber.every(Boolean);
    this.blocks = options.blocks;
    if (this.blocks) {
      if (!this.allNumbers) {
        throw new TabularError(
          'invalid_options',
          'tabular: blocks are for paired numeric columns only (pairing rows, every requested column a number)',
        );
      }
      const rows = this.blocks.rows;
      if (!(Number.isInteger(rows) && rows >= 1)) {
        throw new TabularError(
          'invalid_options',
          `tabular: blocks.rows must be a whole number >= 1 (got ${rows})`,
        );
      }
      // the columns hold one block and are used again: never sized from the chunk
      this.capacity = rows;
      this.expectedRows = -1;
    }
    this.num = new Float64Array(k);
    this.str = new Array<string>(k).fill('');
    this.state = new Uint8Array(k);
    this.rawMissing = new Array<string>(k).fill('');
    const capacity = this.capacity;
    this.cols = this.kinds.map((kind) => new Float64Array(kind === 'number' ? capacity : 0));
    this.places =
      options.decimalPlaces && this.allNumbers
        ? this.kinds.map(() => new Int8Array(capacity))
        : null;
    this.lens = new Int32Array(k);
    this.strs = this.kinds.map(() => []);
  }

  /**
   * Rows the reader expects in all (from the bytes of its range and the
   * bytes per row so far), or 0: grow() goes straight there instead of
   * doubling, so a chunk's columns are allocated about once (fewer copies,
   * and less external memory for the garbage collector to answer).
   */
  expectedRows = 0;

  /** Grows every numeric column (paired numeric columns share one length); with blocks, hands them over instead. */
  grow(): void {
    if (this.blocks) {
      this.flush();
      return;
    }
    const expected = this.expectedRows;
    this.capacity = expected > this.capacity ? expected : this.capacity * 2;
    for (let j = 0; j < this.cols.length; j++) {
      const col = this.cols[j]!;
      const grown = new Float64Array(this.capacity);
      grown.set(col.subarray(0, this.rowsKept));
      this.cols[j] = grown;
    }
    const places = this.places;
    if (places) {
      for (let j = 0; j < places.length; j++) {
        const grown = new Int8Array(this.capacity);
        grown.set(places[j]!.subarray(0, this.rowsKept));
        places[j] = grown;
      }
    }
  }

  /** With blocks: hands the rows held over to take() and starts the columns again. */
  flush(): void {
    const blocks = this.blocks;
    const n = this.rowsKept;
    if (!blocks || n === 0) return;
    const places = this.places;
    blocks.take(
      this.cols.map((c) => c.subarray(0, n)),
      places ? places.map((c) => c.subarray(0, n)) : null,
    );
    this.flushed += n;
    this.rowsKept = 0;
  }

  private push(j: number, value: number): void {
    if (this.allNumbers) {
      // paired numeric columns share rowsKept as their length (see grow)
      if (this.rowsKept === this.capacity) this.grow();
      this.cols[j]![this.rowsKept] = value;
      if (this.places) this.places[j]![this.rowsKept] = NO_PLACES;
      return;
    }
    let col = this.cols[j]!;
    const n = this.lens[j]!;
    if (n === col.length) {
      const grown = new Float64Array(col.length * 2);
      grown.set(col);
      this.cols[j] = grown;
      col = grown;
    }
    col[n] = value;
    this.lens[j] = n + 1;
  }

  private missingError(j: number, place: RowPlace): TabularError {
    const name = this.names[j]!;
    const raw = this.rawMissing[j]!;
    const what =
      this.state[j] === CELL_EMPTY ? 'is empty' : `holds ${JSON.stringify(cellText(raw))}`;
    if (!this.isNumber[j]) {
      return new TabularError(
        'bad_label',
        `${rowWords(place)}, column "${name}" ${what}, but it is a group label column: give every row a label${this.policy === 'omit' ? '' : ', or send nan_policy=omit to skip such rows'}`,
        { ...placeDetails(place), column: name, value: cellText(raw) },
      );
    }
    return new TabularError(
      'missing_value',
      `${rowWords(place)}, column "${name}" ${what}, a missing value: ${this.mentionPolicy ? POLICY_HINT : 'fix the cell (this statistic has no nan_policy)'}`,
      { ...placeDetails(place), column: name, value: cellText(raw) },
    );
  }

  /** Takes the staged row. */
  commit(place: RowPlace): void {
    this.rowsRead++;
    if (this.rowsRead > this.maxRows) {
      throw new TabularError(
        'too_large',
        `The input has more than ${this.maxRows} data rows: send fewer rows per request (or run a job over a dataset)`,
        { limit: this.maxRows, ...placeDetails(place) },
      );
    }
    const k = this.names.length;
    const state = this.state;
    if (this.allNumbers) {
      // the hot path: paired numeric columns, nothing missing
      let ok = true;
      for (let j = 0; j < k; j++) {
        if (state[j] !== CELL_OK) {
          ok = false;
          break;
        }
      }
      if (ok) {
        if (this.rowsKept === this.capacity) this.grow();
        const n = this.rowsKept; // 0 again when grow() handed a block over
        const cols = this.cols;
        const num = this.num;
        for (let j = 0; j < k; j++) cols[j]![n] = num[j]!;
        // the general parser's values: their places are found by the stats core
        if (this.places) for (let j = 0; j < k; j++) this.places[j]![n] = NO_PLACES;
        this.rowsKept = n + 1;
        return;
      }
    }
    if (this.independent) {
      for (let j = 0; j < k; j++) {
        const s = state[j]!;
        if (s === CELL_OK) {
          if (this.isNumber[j]) this.push(j, this.num[j]!);
          else this.strs[j]!.push(this.str[j]!);
        } else if (!this.isNumber[j] || s === CELL_MARKER) {
          if (this.policy === 'omit') this.omitted++;
          else if (this.policy === 'raise' || !this.isNumber[j]) throw this.missingError(j, place);
          else {
            this.push(j, Number.NaN);
            this.hasNaN = true;
          }
        }
        // CELL_EMPTY in a numeric independent column: no observation
      }
      this.rowsKept++;
      return;
    }
    let missing = -1;
    for (let j = 0; j < k; j++) {
      if (state[j] !== CELL_OK) {
        missing = j;
        break;
      }
    }
    if (missing >= 0) {
      if (this.policy === 'omit') {
        this.omitted++;
        return;
      }
      if (this.policy === 'raise') throw this.missingError(missing, place);
      for (let j = 0; j < k; j++) {
        if (state[j] !== CELL_OK && !this.isNumber[j]) throw this.missingError(j, place);
      }
      this.hasNaN = true;
    }
    for (let j = 0; j < k; j++) {
      if (this.isNumber[j]) this.push(j, state[j] === CELL_OK ? this.num[j]! : Number.NaN);
      else this.strs[j]!.push(this.str[j]!);
    }
    this.rowsKept++;
  }

  table(columns: string[]): Table {
    if (this.blocks) {
      this.flush();
      this.rowsKept = this.flushed;
      this.flushed = 0;
      // every row went to take(): the columns are left empty
      for (let j = 0; j < this.cols.length; j++) this.cols[j] = new Float64Array(0);
      if (this.places) this.places = this.places.map(() => new Int8Array(0));
    }
    const numbers: Record<string, Float64Array> = {};
    const strings: Record<string, string[]> = {};
    const places: Record<string, Int8Array> | undefined = this.places ? {} : undefined;
    for (let j = 0; j < this.names.length; j++) {
      const name = this.names[j]!;
      if (this.isNumber[j]) {
        const col = this.cols[j]!;
        const n = this.allNumbers ? this.rowsKept : this.lens[j]!;
        numbers[name] = col.subarray(0, n);
        if (places) places[name] = this.places![j]!.subarray(0, n);
      } else strings[name] = this.strs[j]!;
    }
    return {
      columns,
      numbers,
      ...(places ? { places } : {}),
      strings,
      rowsRead: this.rowsRead,
      rowsKept: this.rowsKept,
      omitted: this.omitted,
      hasNaN: this.hasNaN,
    };
  }
}
