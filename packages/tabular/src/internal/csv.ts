/**
 * The CSV record parser over bytes (RFC 4180: comma-separated, `"` quotes,
 * `""` for a quote inside a quoted cell, CRLF or LF line ends). A numeric
 * cell is read straight from the bytes (parseDecimalBytes), a label is
 * decoded, every other cell is only stepped over: that is what makes it
 * faster than JSON.parse of the same numbers.
 *
 * The parser works on a buffer that may end in the middle of a record: it
 * parses complete records only and reports where it stopped, so a stream
 * can hand it the rest later.
 */
import { TabularError } from '../errors';
import {
  MISSING_MARKERS,
  parseDecimalBytes,
  scanNumber,
  scanned,
  scannedPlaces,
  trimBlanks,
} from '../numbers';
import {
  CELL_EMPTY,
  CELL_MARKER,
  CELL_OK,
  type ColumnSink,
  cellText,
  placeDetails,
  type RowPlace,
  rowWords,
} from './sink';

export const LF = 10;
export const CR = 13;
export const COMMA = 44;
export const QUOTE = 34;

const MISSING = new Set(MISSING_MARKERS);
const decoder = new TextDecoder('utf-8');

/** Returned by parseRecord when the buffer ends before the record does. */
export const INCOMPLETE = -1;

export function decode(bytes: Uint8Array, from: number, to: number): string {
  if (to - from < 16) {
    let ascii = true;
    for (let i = from; i < to; i++) {
      if (bytes[i]! > 127) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      let s = '';
      for (let i = from; i < to; i++) s += String.fromCharCode(bytes[i]!);
      return s;
    }
  }
  return decoder.decode(bytes.subarray(from, to));
}

/** The text of a quoted cell bytes[from, to) (between the quotes), `""` unescaped. */
function quotedText(bytes: Uint8Array, from: number, to: number, escaped: boolean): string {
  const s = decode(bytes, from, to);
  return escaped ? s.replaceAll('""', '"') : s;
}

/**
 * Number() of a plain decimal of more than 15 significant digits (or a far
 * exponent): V8 rounds it correctly. The buffer is turned into one latin1
 * string the first time it needs this, and each number is a slice of it,
 * which costs far less than building a string per cell. NaN when the value
 * overflows (1e400), which the caller refuses.
 */
function slowNumber(state: CsvState, bytes: Uint8Array, from: number, to: number): number {
  if (state.textOf !== bytes) {
    state.textOf = bytes;
    state.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  }
  const v = Number(state.text.slice(from, to));
  return Number.isFinite(v) ? v : Number.NaN;
}

export interface CsvState {
  /** Lines taken by fastRows (one per row), for the reader's line count. */
  lastLine: number;
  /** The buffer whose latin1 text is `text` (slowNumber). */
  textOf: Uint8Array | undefined;
  text: string;
  /** Header width. */
  width: number;
  /** Requested-column index of each header column, -1 when not requested. */
  slot: Int32Array;
  sink: ColumnSink;
  header: string[];
  /** A chunked read: a quoted line break is an error. */
  chunked: boolean;
  /** The place of the record being parsed (row/line/offset are set by the caller). */
  place: RowPlace;
  /** Physical lines consumed by the record just parsed (1 + quoted line breaks). */
  lines: number;
}

function badQuoting(state: CsvState, what: string): TabularError {
  return new TabularError(
    'bad_quoting',
    `${rowWords(state.place)}: ${what}. In CSV (RFC 4180) a cell with a comma, a quote or a line break is written inside double quotes, and a quote inside it is doubled ("")`,
    placeDetails(state.place),
  );
}

function notANumber(state: CsvState, column: string, text: string): TabularError {
  return new TabularError(
    'not_a_number',
    `${rowWords(state.place)}, column "${column}": ${JSON.stringify(cellText(text))} is not a number. Write a finite decimal such as 12.5, -3 or 1.2e-4 (no thousands separators), or leave the cell empty for a missing value`,
    { ...placeDetails(state.place), column, value: cellText(text) },
  );
}

function ragged(state: CsvState, found: number): TabularError {
  return new TabularError(
    'ragged_row',
    `${rowWords(state.place)} has ${found} cells where the header has ${state.width}: every row needs one cell per column (an empty cell is written as nothing between two commas)`,
    { ...placeDetails(state.place), expected: state.width, found },
  );
}

/** Stages a numeric cell given as text (a quoted cell, or an unquoted one off the fast path). */
function stageNumberText(state: CsvState, j: number, text: string, column: string): void {
  const sink = state.sink;
  const t = trimBlanks(text);
  if (MISSING.has(t)) {
    sink.state[j] = t === '' ? CELL_EMPTY : CELL_MARKER;
    sink.rawMissing[j] = text;
    return;
  }
  let ascii = true;
  for (let i = 0; i < t.length; i++) {
    if (t.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  let v: number | undefined;
  if (ascii) {
    const b = new Uint8Array(t.length);
    for (let i = 0; i < t.length; i++) b[i] = t.charCodeAt(i);
    v = parseDecimalBytes(b, 0, b.length);
  }
  if (v === undefined) throw notANumber(state, column, text);
  sink.num[j] = v;
  sink.state[j] = CELL_OK;
}

function stageLabel(state: CsvState, j: number, text: string): void {
  const sink = state.sink;
  if (text === '') {
    sink.state[j] = CELL_EMPTY;
    sink.rawMissing[j] = text;
  } else {
    sink.str[j] = text;
    sink.state[j] = CELL_OK;
  }
}

/** The end of the unquoted cell at `from`: the position of its comma or line feed, else `end`. */
function unquotedEnd(bytes: Uint8Array, from: number, end: number): number {
  let p = from;
  while (p < end && bytes[p] !== COMMA && bytes[p] !== LF) p++;
  return p;
}

/** Returned by closingQuote when the input ends (final) before the quote is closed. */
const UNCLOSED = -2;

/** Whether the quoted cell closingQuote last found held a doubled quote (`""`). */
const QUOTED = { escaped: false };

/**
 * The position of the quote closing a quoted cell whose text starts at
 * `open` (a doubled `""` is a quote inside it, and sets QUOTED.escaped);
 * INCOMPLETE when the buffer may end inside the cell (not `final`),
 * UNCLOSED when the input ends there.
 */
function closingQuote(bytes: Uint8Array, open: number, end: number, final: boolean): number {
  let q = open;
  QUOTED.escaped = false;
  for (;;) {
    const at = bytes.indexOf(QUOTE, q);
    if (at < 0 || at >= end) return final ? UNCLOSED : INCOMPLETE;
    if (at + 1 < end && bytes[at + 1] === QUOTE) {
      QUOTED.escaped = true;
      q = at + 2;
      continue;
    }
    if (at + 1 >= end && !final) return INCOMPLETE;
    return at;
  }
}

/**
 * Parses one record starting at `pos` (not a blank line), staging the
 * requested cells into the sink. Returns the position after the record's
 * line end (or `end` at the end of the input when `final`), or INCOMPLETE.
 * Does not commit the row.
 */
export function parseRecord(
  state: CsvState,
  bytes: Uint8Array,
  pos: number,
  end: number,
  final: boolean,
): number {
  const { width, slot, sink, header } = state;
  const num = sink.num;
  const cellState = sink.state;
  let col = 0;
  let p = pos;
  state.lines = 1;
  for (;;) {
    const j = col < width ? slot[col]! : -1;
    if (p < end && bytes[p] === QUOTE) {
      // quoted cell
      const open = p + 1;
      const close = closingQuote(bytes, open, end, final);
      if (close === INCOMPLETE) return INCOMPLETE;
      if (close === UNCLOSED) {
        throw badQuoting(state, 'a quoted cell is never closed (a " is missing at its end)');
      }
      const escaped = QUOTED.escaped;
      // line breaks inside the quotes
      let nl = bytes.indexOf(LF, open);
      if (nl >= 0 && nl < close) {
        if (state.chunked) {
          throw new TabularError(
            'quoted_newline',
            `${rowWords(state.place)}: a quoted cell holds a line break, which a byte-range chunk cannot split safely. Remove line breaks from quoted cells, or read the file as one chunk`,
            placeDetails(state.place),
          );
        }
        while (nl >= 0 && nl < close) {
          state.lines++;
          nl = bytes.indexOf(LF, nl + 1);
        }
      }
      p = close + 1;
      const next = p < end ? bytes[p]! : -1;
      const crlf = next === CR && p + 1 < end && bytes[p + 1] === LF;
      if (next !== COMMA && next !== LF && next !== -1 && !crlf) {
        if (next === CR && p + 1 >= end && !final) return INCOMPLETE;
        throw badQuoting(
          state,
          `text follows the closing quote of a quoted cell in column ${col + 1}${col < width ? ` ("${header[col]}")` : ''}`,
        );
      }
      if (j >= 0) {
        const text = quotedText(bytes, open, close, escaped);
        if (sink.isNumber[j]) stageNumberText(state, j, text, header[col]!);
        else stageLabel(state, j, text);
      }
      col++;
      if (next === COMMA) {
        p++;
        continue;
      }
      if (col !== width) throw ragged(state, col);
      if (next === -1) return p;
      return crlf ? p + 2 : p + 1;
    }
    // unquoted cell: up to a comma or a line end
    const start = p;
    let c = 0;
    if (j >= 0 && sink.isNumber[j]) {
      // the hot path: a plain number read in the same pass that finds its end
      const q = scanNumber(bytes, p, end);
      if (q > p) {
        c = q < end ? bytes[q]! : -1;
        if (
          c === COMMA ||
          c === LF ||
          (c === CR && q + 1 < end && bytes[q + 1] === LF) ||
          (c === -1 && final)
        ) {
          let v = scanned[0]!;
          if (Number.isNaN(v)) v = slowNumber(state, bytes, p, q);
          if (!Number.isNaN(v)) {
            num[j] = v;
            cellState[j] = CELL_OK;
            col++;
            if (c === COMMA) {
              p = q + 1;
              continue;
            }
            if (col !== width) throw ragged(state, col);
            if (c === -1) return q;
            return c === CR ? q + 2 : q + 1;
          }
        }
      }
    }
    // a quote inside an unquoted cell is taken literally (as Python's csv module does)
    p = unquotedEnd(bytes, p, end);
    if (p >= end && !final) return INCOMPLETE;
    c = p < end ? bytes[p]! : -1;
    const cellEnd = c !== COMMA && p > start && bytes[p - 1] === CR ? p - 1 : p;
    if (j >= 0) {
      if (sink.isNumber[j]) {
        const v = parseDecimalBytes(bytes, start, cellEnd);
        if (v !== undefined) {
          num[j] = v;
          cellState[j] = CELL_OK;
        } else stageNumberText(state, j, decode(bytes, start, cellEnd), header[col]!);
      } else stageLabel(state, j, decode(bytes, start, cellEnd));
    }
    col++;
    if (c === COMMA) {
      p++;
      continue;
    }
    if (col !== width) throw ragged(state, col);
    return c === -1 ? p : p + 1;
  }
}

/**
 * Splits one record into its cells as text (for the header): returns the
 * cells and the position after the record, or INCOMPLETE.
 */
export function splitRecord(
  bytes: Uint8Array,
  pos: number,
  end: number,
  final: boolean,
): { cells: string[]; next: number } | typeof INCOMPLETE {
  const cells: string[] = [];
  let p = pos;
  const fail = (what: string) =>
    new TabularError(
      'bad_quoting',
      `The header row: ${what}. In CSV (RFC 4180) a name with a comma, a quote or a line break is written inside double quotes, and a quote inside it is doubled ("")`,
      { line: 1 },
    );
  for (;;) {
    if (p < end && bytes[p] === QUOTE) {
      const open = p + 1;
      const close = closingQuote(bytes, open, end, final);
      if (close === INCOMPLETE) return INCOMPLETE;
      if (close === UNCLOSED) throw fail('a quoted name is never closed');
      const escaped = QUOTED.escaped;
      cells.push(quotedText(bytes, open, close, escaped));
      p = close + 1;
      const next = p < end ? bytes[p]! : -1;
      if (next === CR && p + 1 >= end && !final) return INCOMPLETE;
      const crlf = next === CR && p + 1 < end && bytes[p + 1] === LF;
      if (next === COMMA) {
        p++;
        continue;
      }
      if (next === -1) return { cells, next: p };
      if (next === LF) return { cells, next: p + 1 };
      if (crlf) return { cells, next: p + 2 };
      throw fail('text follows the closing quote of a quoted name');
    }
    const start = p;
    p = unquotedEnd(bytes, p, end);
    if (p >= end && !final) return INCOMPLETE;
    const c = p < end ? bytes[p]! : -1;
    const cellEnd = c !== COMMA && p > start && bytes[p - 1] === CR ? p - 1 : p;
    cells.push(decode(bytes, start, cellEnd));
    if (c === COMMA) {
      p++;
      continue;
    }
    return { cells, next: c === -1 ? p : p + 1 };
  }
}

/**
 * The fast lane for the common case, paired numeric columns: parses rows
 * from `pos` while every cell is a plain unquoted number of the fast path
 * (or an unrequested unquoted cell) and each row has exactly `width`
 * cells, writing the values straight into the sink's columns. Returns the
 * position of the first row it did not take (the general parser then
 * reads that one, with all its checks and messages); rows starting at or
 * after `limit` are not taken.
 */
export function fastRows(
  state: CsvState,
  bytes: Uint8Array,
  pos: number,
  end: number,
  limit: number,
): number {
  const { width, slot, sink } = state;
  const last = width - 1;
  let p = pos;
  // a small integer: maxRows is Infinity when not set, and a local double
  // decremented per row was boxed, a heap number a row (the collector's
  // work): a row takes at least one byte, so the bytes bound it as well
  let rowsLeft = Math.min(sink.maxRows - sink.rowsRead, limit - pos) | 0;
  rows: while (p < limit && rowsLeft > 0) {
    const rowStart = p;
    if (sink.rowsKept === sink.capacity) sink.grow();
    const n = sink.rowsKept; // 0 again when grow() handed a block over
    const cols = sink.cols;
    const places = sink.places;
    for (let col = 0; col <= last; col++) {
      const j = slot[col]!;
      let c: number;
      if (bytes[p] === QUOTE) {
        // a quoted cell without doubled quotes or line breaks: a label to skip, or a quoted number
        const close = bytes.indexOf(QUOTE, p + 1);
        if (close < 0 || close + 1 >= end || bytes[close + 1] === QUOTE) return rowStart;
        for (let k = p + 1; k < close; k++) if (bytes[k] === LF) return rowStart;
        if (j >= 0) {
          if (scanNumber(bytes, p + 1, close) !== close || close === p + 1) return rowStart;
          const v = scanned[0]!;
          if (Number.isNaN(v)) return rowStart;
          cols[j]![n] = v;
          if (places) places[j]![n] = scannedPlaces();
        }
        p = close + 1;
        c = bytes[p]!;
      } else if (j >= 0) {
        const q = scanNumber(bytes, p, end);
        if (q === p || q >= end) return rowStart;
        const v = scanned[0]!;
        if (Number.isNaN(v)) return rowStart;
        cols[j]![n] = v;
        if (places) places[j]![n] = scannedPlaces();
        p = q;
        c = bytes[p]!;
      } else {
        c = bytes[p]!;
        while (p < end) {
          c = bytes[p]!;
          if (c === COMMA || c === LF) break;
          p++;
        }
        if (p >= end) return rowStart;
        if (c === LF && bytes[p - 1] === CR) {
          if (col !== last) return rowStart;
          p++;
          sink.rowsRead++;
          sink.rowsKept = n + 1;
          state.lastLine++;
          rowsLeft--;
          continue rows;
        }
      }
      if (col === last) {
        if (c === LF) p++;
        else if (c === CR && p + 1 < end && bytes[p + 1] === LF) p += 2;
        else return rowStart;
      } else if (c === COMMA) p++;
      else return rowStart;
    }
    sink.rowsRead++;
    sink.rowsKept = n + 1;
    state.lastLine++;
    rowsLeft--;
  }
  return p;
}
