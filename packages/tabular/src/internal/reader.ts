/**
 * Reader: the one driver behind parseTable, readTable and readChunk. It is
 * pushed byte pieces in order, keeps the unparsed tail of the last one,
 * validates UTF-8 a line region at a time, reads the header (CSV) or the
 * first object's keys (JSON Lines), and hands every row to the sink.
 */
import { isUtf8 } from 'node:buffer';
import { TabularError } from '../errors';
import { MISSING_MARKERS, parseCell, trimBlanks } from '../numbers';
import type { ReadOptions, Table } from '../types';
import { CR, type CsvState, fastRows, INCOMPLETE, LF, parseRecord, splitRecord } from './csv';
import {
  CELL_EMPTY,
  CELL_MARKER,
  CELL_OK,
  ColumnSink,
  cellText,
  checkReadOptions,
  placeDetails,
  type RowPlace,
  rowWords,
} from './sink';

export interface ReaderSetup {
  /** Absolute offset (in the object) of the first byte pushed. */
  base: number;
  /** Skip the bytes up to and including the first line break (a chunk not at 0). */
  skipFirstLine: boolean;
  /** Rows starting at or after this absolute offset are not read. */
  stopAt: number;
  /** A chunked read: quoted line breaks are refused. */
  chunked: boolean;
  /** Column names known in advance (readHeader), for chunks not at 0. */
  header?: readonly string[] | undefined;
}

const EMPTY = new Uint8Array(0);
const utf8 = new TextDecoder('utf-8');
const MISSING = new Set(MISSING_MARKERS);

type Phase = 'skip' | 'header' | 'rows';

export class Reader {
  done = false;
  private readonly setup: ReaderSetup;
  private readonly sink: ColumnSink;
  private readonly jsonl: boolean;
  private buf: Uint8Array = EMPTY;
  private bufBase: number;
  private pos = 0;
  /** buf[validatedTo..] is not yet checked as UTF-8. */
  private validatedTo = 0;
  private phase: Phase;
  private line = 1;
  private columns: string[] = [];
  private csv: CsvState | undefined;
  /** Bytes seen that were not blank. */
  private sawContent = false;
  private firstRowOffset = -1;
  private lastRowEnd = -1;

  constructor(options: ReadOptions, setup: ReaderSetup) {
    checkReadOptions(options);
    this.setup = setup;
    this.sink = new ColumnSink(options);
    this.jsonl = options.format === 'jsonl';
    this.bufBase = setup.base;
    if (setup.skipFirstLine) this.phase = 'skip';
    else this.phase = this.jsonl ? 'rows' : 'header';
    if (setup.header !== undefined) this.useColumns([...setup.header]);
  }

  push(piece: Uint8Array): void {
    if (this.done || piece.length === 0) return;
    const rest = this.buf.length - this.pos;
    if (rest === 0) {
      this.take(piece);
      return;
    }
    // The unparsed tail (a partial line) joined with the piece's first line
    // only: the piece itself is then parsed where it lies, not copied.
    const lf = piece.indexOf(LF);
    if (lf >= 0) {
      const head = new Uint8Array(rest + lf + 1);
      head.set(this.buf.subarray(this.pos));
      head.set(piece.subarray(0, lf + 1), rest);
      this.take(head);
      if (this.done) return;
      if (this.pos === head.length) {
        this.bufBase += head.length - (lf + 1);
        this.buf = piece;
        this.pos = lf + 1;
        this.validatedTo = lf + 1;
        this.run(false);
        return;
      }
      piece = piece.subarray(lf + 1); // a record longer than the line (a quoted line break)
    }
    const tail = this.buf.length - this.pos;
    const joined = new Uint8Array(tail + piece.length);
    joined.set(this.buf.subarray(this.pos));
    joined.set(piece, tail);
    this.take(joined);
  }

  /** Makes `bytes` (what follows the parsed part) the buffer and parses it. */
  private take(bytes: Uint8Array): void {
    this.bufBase += this.pos;
    this.validatedTo = Math.max(0, this.validatedTo - this.pos);
    this.buf = bytes;
    this.pos = 0;
    this.run(false);
  }

  finish(): Table & { firstRowOffset: number; lastRowEnd: number } {
    if (!this.done) this.run(true);
    if (!this.setup.chunked && this.columns.length === 0) {
      throw new TabularError(
        'empty_input',
        this.sawContent
          ? 'The input has no rows, only blank lines: send a header row and data rows'
          : this.jsonl
            ? 'The input is empty: send one JSON object per line'
            : 'The input is empty: send a header row naming the columns, then one row per observation',
      );
    }
    const table = this.sink.table(this.columns);
    return { ...table, firstRowOffset: this.firstRowOffset, lastRowEnd: this.lastRowEnd };
  }

  private run(final: boolean): void {
    if (this.phase === 'skip' && !this.skip(final)) return;
    this.validate(final);
    if (this.phase === 'header' && !this.readCsvHeader(final)) return;
    if (this.jsonl) this.jsonRows(final);
    else this.csvRows(final);
  }

  /** Drops the partial first line of a chunk; false while its end is not yet in. */
  private skip(final: boolean): boolean {
    const at = this.buf.indexOf(LF, this.pos);
    if (at < 0) {
      this.pos = this.buf.length;
      if (final) this.done = true;
      return false;
    }
    this.pos = at + 1;
    this.phase = 'rows';
    return true;
  }

  private validate(final: boolean): void {
    const buf = this.buf;
    const from = Math.max(this.validatedTo, this.pos);
    let to = buf.length;
    if (!final) {
      const lastLf = buf.lastIndexOf(LF);
      if (lastLf < from) return;
      to = lastLf + 1;
    }
    if (to <= from) return;
    const region = buf.subarray(from, to);
    if (!isUtf8(region)) this.invalidUtf8(from, to);
    this.validatedTo = to;
  }

  private invalidUtf8(from: number, to: number): never {
    const buf = this.buf;
    let lineStart = from;
    let line = this.line;
    for (let i = this.pos; i < from; i++) if (buf[i] === LF) line++;
    while (lineStart < to) {
      let lineEnd = buf.indexOf(LF, lineStart);
      if (lineEnd < 0 || lineEnd >= to) lineEnd = to;
      if (!isUtf8(buf.subarray(lineStart, lineEnd))) break;
      lineStart = lineEnd + 1;
      line++;
    }
    const byteOffset = this.bufBase + lineStart;
    throw new TabularError(
      'invalid_utf8',
      `Line ${line} (byte ${byteOffset}) is not valid UTF-8: save the file as UTF-8 (in a spreadsheet: "CSV UTF-8")`,
      { line, byteOffset },
    );
  }

  private skipBom(): void {
    const b = this.buf;
    const p = this.pos;
    if (this.bufBase + p === 0 && b[p] === 0xef && b[p + 1] === 0xbb && b[p + 2] === 0xbf) {
      this.pos += 3;
    }
  }

  /** Skips blank lines at pos; false when the buffer ends first. */
  private skipBlank(final: boolean): boolean {
    const b = this.buf;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (c === LF) {
        this.pos++;
        this.line++;
      } else if (c === CR) {
        if (this.pos + 1 >= b.length) return final;
        if (b[this.pos + 1] !== LF) return true;
        this.pos += 2;
        this.line++;
      } else return true;
    }
    return final;
  }

  private readCsvHeader(final: boolean): boolean {
    if (this.bufBase + this.pos === 0 && this.buf.length < 3 && !final) return false;
    this.skipBom();
    if (!this.skipBlank(final) || this.pos >= this.buf.length) return false;
    this.sawContent = true;
    const split = splitRecord(this.buf, this.pos, this.buf.length, final);
    if (split === INCOMPLETE) return false;
    const names = split.cells;
    const lineBreaks = countLf(this.buf, this.pos, split.next);
    this.pos = split.next;
    this.line += Math.max(1, lineBreaks);
    checkHeader(names);
    const given = this.setup.header;
    if (given === undefined) this.useColumns(names);
    else if (given.length !== names.length || given.some((n, i) => n !== names[i])) {
      throw new TabularError(
        'invalid_options',
        `tabular: the header given (${given.join(',')}) is not the input's header (${names.join(',')})`,
      );
    }
    this.phase = 'rows';
    return true;
  }

  private useColumns(names: string[]): void {
    this.columns = names;
    const wanted = this.sink.names;
    const missing = wanted.filter((n) => !names.includes(n));
    if (missing.length > 0) throw unknownColumns(missing, names);
    if (this.jsonl) return;
    const slot = new Int32Array(names.length).fill(-1);
    for (let j = 0; j < wanted.length; j++) slot[names.indexOf(wanted[j]!)] = j;
    this.csv = {
      width: names.length,
      slot,
      sink: this.sink,
      header: names,
      chunked: this.setup.chunked,
      place: { row: 0, line: 0, byteOffset: 0 },
      lines: 1,
      textOf: undefined,
      text: '',
      lastLine: 0,
    };
  }

  private csvRows(final: boolean): void {
    const state = this.csv;
    if (state === undefined) return;
    const buf = this.buf;
    const end = buf.length;
    const stopAt = this.setup.stopAt;
    const sink = this.sink;
    const place = state.place;
    while (this.pos < end) {
      if (this.bufBase + this.pos >= stopAt) {
        this.done = true;
        return;
      }
      const c = buf[this.pos]!;
      if (c === LF || c === CR) {
        if (!this.skipBlank(final)) return;
        continue;
      }
      if (sink.allNumbers) {
        state.lastLine = 0;
        const limit = Math.min(end, stopAt - this.bufBase);
        const next = fastRows(state, buf, this.pos, end, limit);
        if (next !== this.pos) {
          if (this.firstRowOffset < 0) this.firstRowOffset = this.bufBase + this.pos;
          if (sink.expectedRows === 0 && sink.rowsKept >= 1024) this.expectRows(next);
          this.lastRowEnd = this.bufBase + next;
          this.line += state.lastLine;
          this.pos = next;
          this.sawContent = true;
          continue;
        }
      }
      place.row = sink.rowsRead + 1;
      place.line = this.line;
      place.byteOffset = this.bufBase + this.pos;
      const next = parseRecord(state, buf, this.pos, end, final);
      if (next === INCOMPLETE) return;
      sink.commit(place);
      if (this.firstRowOffset < 0) this.firstRowOffset = place.byteOffset;
      this.lastRowEnd = this.bufBase + next;
      this.line += state.lines;
      this.pos = next;
      this.sawContent = true;
    }
    if (final && this.bufBase + this.pos < stopAt) this.done = true;
  }

  /**
   * Sets the sink's expected row count once, from the bytes per row read
   * so far (up to `next`) and the bytes left before stopAt, with 5% room;
   * nothing for an open-ended read (a whole gzip object).
   */
  private expectRows(next: number): void {
    const sink = this.sink;
    const stopAt = this.setup.stopAt;
    const done = this.bufBase + next - this.firstRowOffset;
    if (!Number.isFinite(stopAt) || done <= 0) {
      sink.expectedRows = -1;
      return;
    }
    const total = stopAt - this.firstRowOffset;
    const rows = Math.ceil(((sink.rowsKept * total) / done) * 1.05) + 1024;
    sink.expectedRows = Math.min(rows, 2 ** 28);
  }

  private jsonRows(final: boolean): void {
    const buf = this.buf;
    const end = buf.length;
    const stopAt = this.setup.stopAt;
    while (this.pos < end) {
      const start = this.pos;
      if (this.bufBase + start >= stopAt) {
        this.done = true;
        return;
      }
      let lf = buf.indexOf(LF, start);
      if (lf < 0) {
        if (!final) return;
        lf = end;
      }
      let lineEnd = lf;
      if (lineEnd > start && buf[lineEnd - 1] === CR) lineEnd--;
      if (this.bufBase + start === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        // a byte-order mark before the first object
        this.pos = 3;
        continue;
      }
      const text = utf8.decode(buf.subarray(start, lineEnd));
      this.pos = Math.min(lf + 1, end);
      const place: RowPlace = {
        row: this.sink.rowsRead + 1,
        line: this.line,
        byteOffset: this.bufBase + start,
      };
      this.line++;
      if (text.trim() === '') continue;
      this.sawContent = true;
      this.jsonRow(text, place);
      if (this.firstRowOffset < 0) this.firstRowOffset = place.byteOffset;
      this.lastRowEnd = this.bufBase + this.pos;
    }
    if (final) this.done = true;
  }

  private jsonRow(text: string, place: RowPlace): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new TabularError(
        'malformed_json',
        `${rowWords(place)} is not valid JSON (${reason}): JSON Lines holds one JSON object per line`,
        { ...placeDetails(place), value: cellText(text) },
        { cause },
      );
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const what = Array.isArray(value)
        ? 'an array'
        : value === null
          ? 'null'
          : `a ${typeof value}`;
      throw new TabularError(
        'not_an_object',
        `${rowWords(place)} is ${what}, not an object: JSON Lines holds one object per line, such as {"x": 1.5, "y": 2}`,
        { ...placeDetails(place), value: cellText(text) },
      );
    }
    const obj = value as Record<string, unknown>;
    if (this.columns.length === 0) this.useColumns(Object.keys(obj));
    const sink = this.sink;
    const names = sink.names;
    for (let j = 0; j < names.length; j++) {
      const name = names[j]!;
      const cell = obj[name];
      if (sink.isNumber[j]) {
        if (typeof cell === 'number' && Number.isFinite(cell)) {
          sink.num[j] = cell;
          sink.state[j] = CELL_OK;
          continue;
        }
        if (cell === null || cell === undefined) {
          sink.state[j] = CELL_EMPTY;
          sink.rawMissing[j] = cell === null ? 'null' : '';
          if (cell === null) sink.state[j] = CELL_MARKER;
          continue;
        }
        if (typeof cell === 'string') {
          const t = trimBlanks(cell);
          if (MISSING.has(t)) {
            sink.state[j] = t === '' ? CELL_EMPTY : CELL_MARKER;
            sink.rawMissing[j] = cell;
            continue;
          }
          const v = parseCell(t);
          if (v !== undefined) {
            sink.num[j] = v;
            sink.state[j] = CELL_OK;
            continue;
          }
        }
        const shown = typeof cell === 'string' ? cell : (JSON.stringify(cell) ?? String(cell));
        throw new TabularError(
          'not_a_number',
          `${rowWords(place)}, field "${name}": ${cellText(shown)} is not a number. Write a finite JSON number such as 12.5, or null for a missing value`,
          { ...placeDetails(place), column: name, value: cellText(shown) },
        );
      }
      if (typeof cell === 'string' && cell !== '') {
        sink.str[j] = cell;
        sink.state[j] = CELL_OK;
      } else if (typeof cell === 'number' && Number.isFinite(cell)) {
        sink.str[j] = String(cell);
        sink.state[j] = CELL_OK;
      } else if (cell === null || cell === undefined || cell === '') {
        sink.state[j] = CELL_EMPTY;
        sink.rawMissing[j] = cell === null ? 'null' : '';
      } else {
        const shown = JSON.stringify(cell) ?? String(cell);
        throw new TabularError(
          'bad_label',
          `${rowWords(place)}, field "${name}": ${cellText(shown)} is not a group label: write a string or a number`,
          { ...placeDetails(place), column: name, value: cellText(shown) },
        );
      }
    }
    sink.commit(place);
  }
}

function countLf(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (b[i] === LF) n++;
  return n;
}

const looksNumeric = (s: string) => {
  const v = parseCell(s);
  return v !== undefined && !Number.isNaN(v);
};

/** Refuses an unusable header row. */
export function checkHeader(names: readonly string[]): void {
  if (names.length === 0 || names.every((n) => n.trim() === '')) {
    throw new TabularError(
      'missing_header',
      'The first row is blank: the first row must name the columns, e.g. "temp,kwh"',
      { line: 1 },
    );
  }
  const empty = names.findIndex((n) => n.trim() === '');
  if (empty >= 0) {
    throw new TabularError(
      'missing_header',
      `The header row has no name for column ${empty + 1}: name every column in the first row`,
      { line: 1, available: [...names] },
    );
  }
  if (names.every(looksNumeric)) {
    throw new TabularError(
      'missing_header',
      `The first row (${names.slice(0, 5).join(',')}${names.length > 5 ? ',...' : ''}) holds numbers, not column names: add a header row naming the columns, e.g. "${names.map((_, i) => `col${i + 1}`).join(',')}"`,
      { line: 1, available: [...names] },
    );
  }
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) {
      throw new TabularError(
        'duplicate_column',
        `The header names column "${n}" twice: give every column its own name`,
        { line: 1, column: n, available: [...names] },
      );
    }
    seen.add(n);
  }
}

export function unknownColumns(
  missing: readonly string[],
  available: readonly string[],
): TabularError {
  const list = available.map((n) => JSON.stringify(n)).join(', ');
  const names = missing.map((n) => `"${n}"`).join(', ');
  return new TabularError(
    'unknown_column',
    `${missing.length === 1 ? 'Column' : 'Columns'} ${names} ${missing.length === 1 ? 'is' : 'are'} not in the input; the columns are: ${list}`,
    { column: missing[0]!, available: [...available] },
  );
}
