/**
 * Groups and cross-tabulations from categorical columns: f_oneway's
 * `samples` from a value column and a group_by column, chi2_contingency's
 * `observed` from two label columns. Labels are ordered by JavaScript's
 * default string order (UTF-16 code units), so the result does not depend
 * on row order or on how the rows were split into chunks.
 */
import { TabularError } from './errors';

export interface Groups {
  /** The distinct labels, sorted. */
  labels: string[];
  /** One sample per label, values in row order. */
  samples: Float64Array[];
}

function sameLength(a: number, b: number, what: string): void {
  if (a !== b) {
    throw new TabularError(
      'invalid_options',
      `tabular: ${what} need one label per row (got ${a} and ${b})`,
    );
  }
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Splits `values` by the label in the same row.
 * @throws TabularError `invalid_options` when the lengths differ.
 * @example groupBy(Float64Array.of(1, 2, 3), ['b', 'a', 'b']) // labels ['a','b'], samples [[2],[1,3]]
 */
export function groupBy(values: ArrayLike<number>, labels: readonly string[]): Groups {
  sameLength(values.length, labels.length, 'groupBy: values and labels');
  const index = new Map<string, number>();
  const counts: number[] = [];
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    let k = index.get(l);
    if (k === undefined) {
      k = counts.length;
      index.set(l, k);
      counts.push(0);
    }
    counts[k]!++;
    codes[i] = k;
  }
  const order = [...index.keys()].sort(byCodeUnits);
  const rank = new Int32Array(order.length);
  order.forEach((l, r) => {
    rank[index.get(l)!] = r;
  });
  const samples = order.map((l) => new Float64Array(counts[index.get(l)!]!));
  const fill = new Int32Array(order.length);
  for (let i = 0; i < labels.length; i++) {
    const r = rank[codes[i]!]!;
    samples[r]![fill[r]!++] = values[i]!;
  }
  return { labels: order, samples };
}

export interface CrossTab {
  /** Distinct labels of the row column, sorted. */
  rowLabels: string[];
  /** Distinct labels of the column column, sorted. */
  colLabels: string[];
  /** counts[i][j]: rows with rowLabels[i] and colLabels[j]. */
  counts: number[][];
}

/**
 * Counts the rows of each (row label, column label) pair: a contingency table.
 * @throws TabularError `invalid_options` when the lengths differ.
 * @example crossTab(['n', 's', 'n'], ['x', 'x', 'y']) // rowLabels ['n','s'], colLabels ['x','y'], counts [[1,1],[1,0]]
 */
export function crossTab(rows: readonly string[], cols: readonly string[]): CrossTab {
  sameLength(rows.length, cols.length, 'crossTab: rows and cols');
  const pairs = new Map<string, Map<string, number>>();
  const colSet = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const c = cols[i]!;
    let row = pairs.get(r);
    if (row === undefined) {
      row = new Map();
      pairs.set(r, row);
    }
    row.set(c, (row.get(c) ?? 0) + 1);
    colSet.add(c);
  }
  return tabulate(pairs, colSet);
}

function tabulate(pairs: Map<string, Map<string, number>>, colSet: Set<string>): CrossTab {
  const rowLabels = [...pairs.keys()].sort(byCodeUnits);
  const colLabels = [...colSet].sort(byCodeUnits);
  const counts = rowLabels.map((r) => {
    const row = pairs.get(r)!;
    return colLabels.map((c) => row.get(c) ?? 0);
  });
  return { rowLabels, colLabels, counts };
}

/** Merges cross-tabulations of separate chunks (labels united and sorted, counts added). */
export function mergeCrossTabs(parts: readonly CrossTab[]): CrossTab {
  const pairs = new Map<string, Map<string, number>>();
  const colSet = new Set<string>();
  for (const part of parts) {
    part.rowLabels.forEach((r, i) => {
      let row = pairs.get(r);
      if (row === undefined) {
        row = new Map();
        pairs.set(r, row);
      }
      part.colLabels.forEach((c, j) => {
        colSet.add(c);
        const n = part.counts[i]?.[j] ?? 0;
        row.set(c, (row.get(c) ?? 0) + n);
      });
    });
  }
  return tabulate(pairs, colSet);
}
