import { StatsInputError } from '../errors';
import {
  type Chi2ContingencyOptions,
  type Chi2ContingencyResult,
  chi2Contingency,
} from '../hypothesis-tests/chi2Contingency';
import { describeValue, requireCount, requireHeader, requireObject } from './exact';
import type { Chi2ContingencyState } from './state';

const FN = 'chi2Contingency';
/** Most cells a state may hold (rows x columns seen), so a state stays well below 256 KiB. */
export const CHI2_MAX_CELLS = 4096;

/**
 * Partial state of {@link chi2Contingency} for one chunk: the counts of
 * each (row label, column label) pair, cross-tabulated from two categorical
 * columns.
 *
 * @param rows - the chunk's row-variable labels
 * @param cols - the chunk's column-variable labels, same length
 * @throws StatsInputError for non-string labels, unequal lengths, or more
 *   than {@link CHI2_MAX_CELLS} distinct cells
 * @example chi2ContingencyFinalize(chi2ContingencyPartial(['a', 'a', 'b'], ['x', 'y', 'y']))
 */
export function chi2ContingencyPartial(
  rows: readonly string[],
  cols: readonly string[],
): Chi2ContingencyState {
  if (!Array.isArray(rows) || !Array.isArray(cols)) {
    throw new StatsInputError(FN, 'requires rows and cols to be arrays of labels (strings)');
  }
  if (rows.length !== cols.length) {
    throw new StatsInputError(
      FN,
      `requires rows and cols of equal length (got ${rows.length} and ${cols.length})`,
    );
  }
  const table = new Map<string, Map<string, number>>();
  let cells = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const c = cols[i];
    if (typeof r !== 'string' || typeof c !== 'string') {
      const [name, v] = typeof r !== 'string' ? ['rows', r] : ['cols', c];
      throw new StatsInputError(
        FN,
        `requires labels to be strings (${name}[${i}] is ${describeValue(v)})`,
      );
    }
    let row = table.get(r);
    if (!row) {
      row = new Map();
      table.set(r, row);
    }
    const count = row.get(c);
    if (count === undefined) {
      if (++cells > CHI2_MAX_CELLS) tooMany(cells);
      row.set(c, 1);
    } else row.set(c, count + 1);
  }
  const counts: Record<string, Record<string, number>> = {};
  for (const r of [...table.keys()].sort()) {
    const row = table.get(r) as Map<string, number>;
    const out: Record<string, number> = {};
    for (const c of [...row.keys()].sort()) out[c] = row.get(c) as number;
    counts[r] = out;
  }
  return { stat: 'chi2_contingency', v: 1, counts };
}

function tooMany(cells: number): never {
  throw new StatsInputError(
    FN,
    `supports at most ${CHI2_MAX_CELLS} distinct (row, column) cells in a job (got more than ${cells - 1}); use columns with fewer categories`,
  );
}

/** The state of no rows. */
export function chi2ContingencyEmpty(): Chi2ContingencyState {
  return { stat: 'chi2_contingency', v: 1, counts: {} };
}

/** Merges two states (counts added; labels kept sorted). */
export function chi2ContingencyMerge(
  a: Chi2ContingencyState,
  b: Chi2ContingencyState,
): Chi2ContingencyState {
  const x = parseChi2ContingencyState(a, 'a');
  const y = parseChi2ContingencyState(b, 'b');
  const counts: Record<string, Record<string, number>> = {};
  let cells = 0;
  for (const r of [...new Set([...Object.keys(x.counts), ...Object.keys(y.counts)])].sort()) {
    const p = x.counts[r] ?? {};
    const q = y.counts[r] ?? {};
    const out: Record<string, number> = {};
    for (const c of [...new Set([...Object.keys(p), ...Object.keys(q)])].sort()) {
      if (++cells > CHI2_MAX_CELLS) tooMany(cells);
      out[c] = (p[c] ?? 0) + (q[c] ?? 0);
    }
    counts[r] = out;
  }
  return { stat: 'chi2_contingency', v: 1, counts };
}

/** Checks a {@link Chi2ContingencyState} read back from JSON. @throws StatsInputError naming the bad field */
export function parseChi2ContingencyState(value: unknown, name = 'state'): Chi2ContingencyState {
  const fn = 'chi2ContingencyMerge';
  const o = requireHeader(fn, 'chi2_contingency', value, name);
  const raw = requireObject(fn, `${name}.counts`, o.counts);
  const counts: Record<string, Record<string, number>> = {};
  for (const r of Object.keys(raw).sort()) {
    const row = requireObject(fn, `${name}.counts[${JSON.stringify(r)}]`, raw[r]);
    const out: Record<string, number> = {};
    for (const c of Object.keys(row).sort()) {
      out[c] = requireCount(
        fn,
        `${name}.counts[${JSON.stringify(r)}][${JSON.stringify(c)}]`,
        row[c],
      );
    }
    counts[r] = out;
  }
  return { stat: 'chi2_contingency', v: 1, counts };
}

/** The row and column labels in the order of the finalized table (sorted by UTF-16 code units). */
export function chi2ContingencyLabels(state: Chi2ContingencyState): {
  rows: string[];
  cols: string[];
} {
  const s = parseChi2ContingencyState(state);
  const rows = Object.keys(s.counts).sort();
  const cols = [...new Set(rows.flatMap((r) => Object.keys(s.counts[r] ?? {})))].sort();
  return { rows, cols };
}

/**
 * The {@link chi2Contingency} result of the cross-tabulated counts: rows and
 * columns in sorted label order ({@link chi2ContingencyLabels}), absent
 * cells 0; the table is then exactly what the one-shot function receives.
 *
 * @throws StatsInputError for an empty state, bad options or a malformed state
 */
export function chi2ContingencyFinalize(
  state: Chi2ContingencyState,
  options?: Chi2ContingencyOptions,
): Chi2ContingencyResult {
  const s = parseChi2ContingencyState(state);
  const { rows, cols } = chi2ContingencyLabels(s);
  if (rows.length === 0) {
    throw new StatsInputError(FN, 'requires at least one counted row (the data had no rows)');
  }
  const table = rows.map((r) => cols.map((c) => s.counts[r]?.[c] ?? 0));
  return chi2Contingency(table, options);
}
