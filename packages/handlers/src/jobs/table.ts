/**
 * Reads the columns a job needs out of one chunk of a CSV (RFC 4180, header
 * row) or JSON Lines object. A chunk is a byte range [start, end) of the
 * object; it owns every line that STARTS inside it, so the worker reads a
 * little past `end` to finish its last line, and skips the partial line at
 * `start` (which the previous chunk owns). Numbers must be finite; a bad
 * cell throws JobInputError with the chunk-local row, the column and the
 * value, unless nan_policy is "omit", which skips the row as scipy does.
 */
import { JobInputError } from './errors';

export type Format = 'csv' | 'jsonl';
export type ColumnKind = 'number' | 'label';

export interface ColumnNeed {
  readonly name: string;
  readonly kind: ColumnKind;
}

export interface ChunkColumns {
  /** Rows kept (after nan_policy). */
  rows: number;
  /** Rows skipped by nan_policy "omit". */
  omitted: number;
  /** One array per needed column, in the order asked. */
  values: (number[] | string[])[];
}

/**
 * A decimal number as Number() reads it, without a regular expression per
 * cell: Number() also takes '' and blanks (as 0) and 0x/0b/0o prefixes,
 * which are refused here; 'Infinity' and NaN fail the finiteness check.
 */
function decimal(raw: string): number {
  const v = +raw;
  if (v === 0 && raw.trim() === '') return Number.NaN;
  const c0 = raw.charCodeAt(0);
  if (c0 === 48 && raw.length > 1) {
    const c1 = raw.charCodeAt(1) | 32;
    if (c1 === 120 || c1 === 98 || c1 === 111) return Number.NaN;
  }
  return v;
}

/** Splits one CSV record into cells (quotes per RFC 4180; no newline inside quotes). */
export function csvCells(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

/** The header line's column names (CSV) or the first record's keys (JSON Lines). */
export function headerColumns(format: Format, firstLine: string): string[] {
  const line = firstLine.replace(/\r$/, '').replace(/^\uFEFF/, '');
  if (format === 'csv') return csvCells(line).map((c) => c.trim());
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    throw new JobInputError(
      'bad_record',
      'the first line of the JSON Lines dataset is not a JSON object: upload one object per line',
    );
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new JobInputError(
      'bad_record',
      'the first line of the JSON Lines dataset is not a JSON object: upload one object per line',
    );
  }
  return Object.keys(record);
}

export interface ReadChunkOptions {
  format: Format;
  /** File columns, from the header (CSV: by position). */
  fileColumns: readonly string[];
  needs: readonly ColumnNeed[];
  nanPolicy: 'propagate' | 'raise' | 'omit';
  /** Byte offset of `text`'s first character in the object, for error positions. */
  baseOffset: number;
}

function badCell(
  message: string,
  details: { line_offset: number; column: string; value: string },
): JobInputError {
  return new JobInputError('bad_cell', message, details);
}

/**
 * Reads the needed columns from whole lines of text (the caller has
 * aligned the chunk to line boundaries and removed the header).
 */
export function readLines(text: string, options: ReadChunkOptions): ChunkColumns {
  const { needs, format } = options;
  const index = needs.map((n) => {
    const i = options.fileColumns.indexOf(n.name);
    if (i < 0) {
      throw new JobInputError('unknown_column', `column "${n.name}" is not in the dataset`, {
        columns: options.fileColumns,
      });
    }
    return i;
  });
  const values: (number[] | string[])[] = needs.map(() => []);
  let rows = 0;
  let omitted = 0;
  let pos = 0;
  const row: (number | string)[] = new Array(needs.length);
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const lineStart = pos;
    let line = text.slice(pos, nl);
    pos = nl + 1;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') continue;
    let ok = true;
    let record: Record<string, unknown> | undefined;
    let cells: string[] | undefined;
    if (format === 'csv') cells = csvCells(line);
    else {
      try {
        const parsed: unknown = JSON.parse(line);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw 0;
        record = parsed as Record<string, unknown>;
      } catch {
        throw badCell(`a line is not a JSON object: ${line.slice(0, 80)}`, {
          line_offset: options.baseOffset + lineStart,
          column: '',
          value: line.slice(0, 80),
        });
      }
    }
    for (let k = 0; k < needs.length; k += 1) {
      const need = needs[k]!;
      const raw = cells ? cells[index[k]!] : record![need.name];
      if (need.kind === 'label') {
        if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
          ok = false;
          if (options.nanPolicy === 'omit') break;
          throw badCell(`column "${need.name}" is empty where a category is needed`, {
            line_offset: options.baseOffset + lineStart,
            column: need.name,
            value: raw === undefined ? '' : String(raw),
          });
        }
        row[k] = typeof raw === 'string' ? raw.trim() : JSON.stringify(raw);
        continue;
      }
      let value = Number.NaN;
      if (typeof raw === 'number') value = raw;
      else if (typeof raw === 'string') value = decimal(raw);
      if (!Number.isFinite(value)) {
        ok = false;
        if (options.nanPolicy === 'omit') break;
        const shown = raw === undefined ? '' : typeof raw === 'string' ? raw : JSON.stringify(raw);
        throw badCell(
          `column "${need.name}" holds ${JSON.stringify(shown)}, which is not a finite number: fix the cell, or send "nan_policy": "omit" to skip such rows`,
          { line_offset: options.baseOffset + lineStart, column: need.name, value: shown },
        );
      }
      row[k] = value;
    }
    if (!ok) {
      omitted += 1;
      continue;
    }
    for (let k = 0; k < needs.length; k += 1) (values[k] as (number | string)[]).push(row[k]!);
    rows += 1;
  }
  return { rows, omitted, values };
}

/**
 * Cuts the bytes a worker fetched ([start - 1, end + overshoot)) down to the
 * lines this chunk owns. Returns the text and the object offset of its first
 * byte, or `incomplete` when the overshoot did not reach the end of the
 * chunk's last line (the caller fetches more).
 */
export function ownedLines(
  bytes: Buffer,
  fetchedFrom: number,
  start: number,
  end: number,
  objectSize: number,
): { text: string; offset: number } | 'incomplete' {
  let from = start - fetchedFrom;
  if (start > 0) {
    // the line that began before `start` belongs to the previous chunk
    if (bytes[from - 1] !== 0x0a) {
      const nl = bytes.indexOf(0x0a, from);
      if (nl < 0 || nl + fetchedFrom >= end) return { text: '', offset: end };
      from = nl + 1;
    }
  }
  let to = end - fetchedFrom;
  if (end < objectSize && bytes[to - 1] !== 0x0a) {
    const nl = bytes.indexOf(0x0a, to);
    if (nl < 0) {
      if (fetchedFrom + bytes.length < objectSize) return 'incomplete';
      to = bytes.length;
    } else to = nl + 1;
  }
  if (from >= to) return { text: '', offset: fetchedFrom + from };
  return { text: bytes.toString('utf8', from, to), offset: fetchedFrom + from };
}
