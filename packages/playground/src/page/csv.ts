/**
 * Pasted or picked CSV (RFC 4180, a header row; d3-dsv's parser) turned into
 * the number arrays a request needs, with an error naming the row and
 * column of the first cell that is not a number. Row numbers count the
 * header as row 1, as a spreadsheet shows them.
 */
import { csvParseRows } from 'd3';

export interface Table {
  header: string[];
  /** Data rows (header excluded), each as long as the header (short rows padded with ''). */
  rows: string[][];
}

export class CellError extends Error {
  override readonly name = 'CellError';
  constructor(
    readonly row: number,
    readonly column: string,
    readonly value: string,
    problem: string,
  ) {
    super(`Row ${row}, column "${column}": ${problem}`);
  }
}

/** Parses CSV text with a header row; throws when there is no header or no data row. */
export function parseCsv(text: string): Table {
  const all = csvParseRows(text.replace(/^\uFEFF/, '').trim());
  const [header, ...rows] = all;
  if (header === undefined || header.every((h) => h.trim() === '')) {
    throw new Error('The data needs a header row naming the columns, e.g. "x,y".');
  }
  if (rows.length === 0) throw new Error('The data has a header row but no data rows.');
  const names = header.map((h, i) => h.trim() || `column ${i + 1}`);
  const dupes = names.filter((n, i) => names.indexOf(n) !== i);
  if (dupes.length > 0) {
    throw new Error(
      `Column names must be unique; "${dupes[0]}" appears twice. Rename one of them.`,
    );
  }
  return {
    header: names,
    rows: rows.map((r) => names.map((_, i) => (r[i] ?? '').trim())),
  };
}

/** A cell as a finite number, or a CellError saying what is wrong with it. */
export function cellNumber(table: Table, rowIndex: number, column: string): number {
  const c = table.header.indexOf(column);
  const value = table.rows[rowIndex]?.[c] ?? '';
  const row = rowIndex + 2;
  if (value === '')
    throw new CellError(row, column, value, 'the cell is empty; fill it in or delete the row.');
  const v = Number(value);
  if (!Number.isFinite(v) || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) {
    throw new CellError(
      row,
      column,
      value,
      `"${value}" is not a number (use digits with a decimal point, e.g. 3.25).`,
    );
  }
  return v;
}

/**
 * A column's numbers. `paired`: every row must have a value (x and y of a
 * regression); otherwise empty cells are skipped (samples of different sizes
 * side by side).
 */
export function numericColumn(table: Table, column: string, paired: boolean): number[] {
  if (!table.header.includes(column)) {
    throw new Error(`There is no column "${column}"; the columns are ${table.header.join(', ')}.`);
  }
  const c = table.header.indexOf(column);
  const out: number[] = [];
  table.rows.forEach((r, i) => {
    if (!paired && (r[c] ?? '') === '') return;
    out.push(cellNumber(table, i, column));
  });
  return out;
}

/** Several columns read row by row: the rows of a design matrix or a contingency table. */
export function numericRows(table: Table, columns: string[]): number[][] {
  return table.rows.map((_, i) => columns.map((column) => cellNumber(table, i, column)));
}

/** Quotes a CSV cell when it needs it (RFC 4180). */
const cell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Columns of possibly different lengths as CSV text (short columns end in empty cells). */
export function toCsv(columns: { name: string; values: number[] }[]): string {
  const n = Math.max(...columns.map((c) => c.values.length));
  const lines = [columns.map((c) => cell(c.name)).join(',')];
  for (let i = 0; i < n; i++)
    lines.push(columns.map((c) => (i < c.values.length ? cell(c.values[i]!) : '')).join(','));
  return `${lines.join('\n')}\n`;
}
