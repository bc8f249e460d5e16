import { AnalysisInputError } from './spec';

/** One row of a series as read: cells kept as text, so each series' own problems are judged per series. */
export interface RawReading {
  readonly timestamp: string;
  readonly value: string;
  /** 1-based line in its file, for messages. */
  readonly line: number;
  readonly file: string;
}

/**
 * Splits RFC 4180 CSV text into records (quoted cells with "" escapes and
 * line breaks inside quotes, CRLF or LF line ends). A quote left open at the
 * end of the text is an error naming the line it opened on.
 */
export function* csvRecords(
  text: string,
  file: string,
): Generator<{ cells: string[]; line: number }> {
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (!(cells.length === 1 && cells[0] === '')) yield { cells, line: recordLine };
      cells = [];
      cell = '';
      line++;
      recordLine = line;
    } else {
      cell += ch;
    }
    i++;
  }
  if (quoted)
    throw new AnalysisInputError(`${file}: a quote opened on line ${quoteLine} is never closed`);
  cells.push(cell);
  if (!(cells.length === 1 && cells[0] === '')) yield { cells, line: recordLine };
}

/**
 * Groups a CSV file's rows by series, in order of appearance. The header
 * must hold the three configured columns (an error naming the missing ones
 * and listing the header otherwise); a row with too few cells goes to its
 * series as an unparsable reading so that series, not the run, reports it.
 */
export function groupSeries(
  text: string,
  file: string,
  columns: { series: string; timestamp: string; value: string },
  into: Map<string, RawReading[]> = new Map(),
): Map<string, RawReading[]> {
  const records = csvRecords(text.startsWith('\uFEFF') ? text.slice(1) : text, file);
  const first = records.next();
  if (first.done) return into;
  const header = first.value.cells.map((c) => c.trim());
  const index = (name: string) => header.indexOf(name);
  const at = {
    series: index(columns.series),
    timestamp: index(columns.timestamp),
    value: index(columns.value),
  };
  const missing = (Object.keys(at) as (keyof typeof at)[])
    .filter((k) => at[k] < 0)
    .map((k) => `"${columns[k]}" (${k})`);
  if (missing.length > 0) {
    throw new AnalysisInputError(
      `${file}: the header has no column ${missing.join(', ')}; it has ${header.map((h) => `"${h}"`).join(', ')}. Rename the column or change the analysis's columns`,
    );
  }
  for (const { cells, line } of records) {
    const id = cells[at.series]?.trim() ?? '';
    if (id === '') continue;
    let list = into.get(id);
    if (!list) {
      list = [];
      into.set(id, list);
    }
    list.push({
      timestamp: cells[at.timestamp]?.trim() ?? '',
      value: cells[at.value]?.trim() ?? '',
      line,
      file,
    });
  }
  return into;
}
