/**
 * Groups and cross-tabulations from categorical columns: f_oneway's
 * `samples` from a value column and a group_by column, chi2_contingency's
 * `observed` from two label columns. Labels are ordered by JavaScript's
 * default string order (UTF-16 code units), so the result does not depend
 * on row order or on how the rows were split into chunks.
 */

export interface Groups {
  /** The distinct labels, sorted. */
  labels: string[];
  /** One sample per label, values in row order. */
  samples: Float64Array[];
}

/**
 * Splits `values` by the label in the same row.
 * @throws TabularError `invalid_options` when the lengths differ.
 * @example groupBy(Float64Array.of(1, 2, 3), ['b', 'a', 'b']) // labels ['a','b'], samples [[2],[1,3]]
 */
export function groupBy(values: ArrayLike<number>, labels: readonly string[]): Groups {
  void values;
  void labels;
  throw new Error('groupBy: not implemented yet');
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
  void rows;
  void cols;
  throw new Error('crossTab: not implemented yet');
}

/** Merges cross-tabulations of separate chunks (labels united and sorted, counts added). */
export function mergeCrossTabs(parts: readonly CrossTab[]): CrossTab {
  void parts;
  throw new Error('mergeCrossTabs: not implemented yet');
}
