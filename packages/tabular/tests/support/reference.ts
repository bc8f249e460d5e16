/**
 * A plain reference reader, written for clarity, not speed, and sharing no
 * code with src/: RFC 4180 by a character state machine over the decoded
 * text, numbers by a regular expression and Number(). The property tests
 * hold the fast reader to it.
 */

export type RefCell = { quoted: boolean; text: string };

/** Splits CSV text into records of cells; blank lines dropped; throws on bad quoting. */
export function referenceRecords(text: string): RefCell[][] {
  const records: RefCell[][] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    // a blank line
    if (text[i] === '\n') {
      i++;
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    const record: RefCell[] = [];
    for (;;) {
      if (text[i] === '"') {
        let value = '';
        i++;
        for (;;) {
          if (i >= n) throw new Error('unclosed quote');
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          value += text[i];
          i++;
        }
        record.push({ quoted: true, text: value });
        if (i >= n) break;
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '\n') {
          i++;
          break;
        }
        if (text[i] === '\r' && text[i + 1] === '\n') {
          i += 2;
          break;
        }
        if (text[i] === '\r' && i + 1 === n) {
          i++;
          break;
        }
        throw new Error('text after closing quote');
      }
      let value = '';
      while (i < n && text[i] !== ',' && text[i] !== '\n') {
        value += text[i];
        i++;
      }
      if (value.endsWith('\r') && text[i] !== ',') value = value.slice(0, -1);
      record.push({ quoted: false, text: value });
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      i++;
      break;
    }
    records.push(record);
  }
  return records;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/**
 * The missing-value markers as pandas documents them (read_csv's default
 * na_values, the subset the reader honours), written out as prose would.
 */
const MISSING = new Set(['', ...'NaN nan NAN -NaN -nan NA N/A n/a #N/A null NULL None'.split(' ')]);

/** A numeric cell: a finite number, 'missing' (with 'empty' told apart), or 'bad'. */
export function referenceNumber(text: string): number | 'empty' | 'marker' | 'bad' {
  const t = text.replace(/^[ \t]+|[ \t]+$/g, '');
  if (t === '') return 'empty';
  if (MISSING.has(t)) return 'marker';
  if (!NUMBER.test(t)) return 'bad';
  const v = Number(t);
  return Number.isFinite(v) ? v : 'bad';
}
