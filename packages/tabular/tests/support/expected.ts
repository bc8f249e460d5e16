/**
 * What a correct reader returns for an input, computed from the reference
 * records: the table, or the error code and row of the first problem.
 */
import type { NanPolicy, ReadOptions, Table } from '../../src/index';
import { referenceNumber, referenceRecords } from './reference';

export type Outcome =
  | {
      ok: true;
      numbers: Record<string, number[]>;
      strings: Record<string, string[]>;
      rowsRead: number;
      omitted: number;
    }
  | { ok: false; code: string; row?: number };

export function expectedCsv(text: string, options: ReadOptions): Outcome {
  let records: ReturnType<typeof referenceRecords>;
  try {
    records = referenceRecords(text);
  } catch {
    return { ok: false, code: 'bad_quoting' };
  }
  if (records.length === 0) return { ok: false, code: 'empty_input' };
  const header = records[0]!.map((c) => c.text);
  const names = Object.keys(options.columns);
  const policy: NanPolicy = options.nanPolicy ?? 'raise';
  const numbers: Record<string, number[]> = {};
  const strings: Record<string, string[]> = {};
  for (const n of names) {
    if (options.columns[n] === 'number') numbers[n] = [];
    else strings[n] = [];
  }
  let omitted = 0;
  for (let r = 1; r < records.length; r++) {
    const row = r;
    const cells = records[r]!;
    if (cells.length !== header.length) return { ok: false, code: 'ragged_row', row };
    const staged: (number | string | 'missing')[] = [];
    // cells are read left to right: a bad number fails at once
    const byName = new Map<string, number | string | 'missing'>();
    for (let c = 0; c < header.length; c++) {
      const name = header[c]!;
      const kind = options.columns[name];
      if (kind === undefined) continue;
      const text = cells[c]!.text;
      if (kind === 'number') {
        const v = referenceNumber(text);
        if (v === 'bad') return { ok: false, code: 'not_a_number', row };
        byName.set(name, typeof v === 'number' ? v : 'missing');
      } else byName.set(name, text === '' ? 'missing' : text);
    }
    for (const n of names) staged.push(byName.get(n)!);
    const missingAt = staged.indexOf('missing');
    if (missingAt >= 0) {
      if (policy === 'omit') {
        omitted++;
        continue;
      }
      const labelMissing = names.some(
        (n, j) => staged[j] === 'missing' && options.columns[n] === 'string',
      );
      if (policy === 'raise') {
        const first = names[missingAt]!;
        return {
          ok: false,
          code: options.columns[first] === 'string' ? 'bad_label' : 'missing_value',
          row,
        };
      }
      if (labelMissing) return { ok: false, code: 'bad_label', row };
    }
    names.forEach((n, j) => {
      const v = staged[j]!;
      if (options.columns[n] === 'number')
        numbers[n]!.push(v === 'missing' ? Number.NaN : (v as number));
      else strings[n]!.push(v as string);
    });
  }
  return { ok: true, numbers, strings, rowsRead: records.length - 1, omitted };
}

export function outcomeOf(run: () => Table): Outcome {
  try {
    const t = run();
    return tableOutcome(t);
  } catch (err) {
    const e = err as { code?: string; details?: { row?: number } };
    if (e.code === undefined) throw err;
    const out: Outcome = { ok: false, code: e.code };
    if (e.details?.row !== undefined) out.row = e.details.row;
    return out;
  }
}

export function tableOutcome(t: Table): Outcome {
  const numbers: Record<string, number[]> = {};
  for (const [k, v] of Object.entries(t.numbers)) numbers[k] = Array.from(v);
  return { ok: true, numbers, strings: t.strings, rowsRead: t.rowsRead, omitted: t.omitted };
}

/** Errors are compared by code and row (when the reference knows the row). */
export function sameOutcome(got: Outcome, want: Outcome): boolean {
  if (!want.ok || !got.ok) {
    if (want.ok || got.ok) return false;
    if (got.code !== want.code) return false;
    return want.row === undefined || got.row === want.row;
  }
  return JSON.stringify(serial(got)) === JSON.stringify(serial(want));
}

/** JSON with -0 and NaN told apart. */
function serial(o: Outcome): unknown {
  if (!o.ok) return o;
  const numbers: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(o.numbers))
    numbers[k] = v.map((x) => (Object.is(x, -0) ? '-0' : String(x)));
  return { ...o, numbers };
}
