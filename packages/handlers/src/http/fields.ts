/**
 * What each field of an endpoint's request schema is, read from the
 * valibot schema itself (so a new endpoint needs no table here): a sample
 * (an array of numbers), a matrix (an array of arrays of numbers), or a
 * scalar option. The CSV input and nan_policy work from this.
 */

import type { NanPolicy } from '@lambda-stats/stats-core';
import type * as v from 'valibot';

export type FieldKind =
  | 'sample'
  | 'matrix'
  | 'boolean'
  | 'number'
  | 'string'
  /** a fixed-length list of numbers (iqr's rng); comma-separated in a query string */
  | 'numbers'
  /** a number or a word (the robust statistics' scale: 1.4826 or "normal") */
  | 'number_or_word'
  | 'other';

type Node = { type: string; wrapped?: Node; item?: Node; items?: Node[]; options?: Node[] };

/** The schema under optional/nullable wrappers (a pipe keeps its base schema's type). */
function unwrap(schema: Node): Node {
  let s = schema;
  while ((s.type === 'optional' || s.type === 'nullable' || s.type === 'nullish') && s.wrapped) {
    s = s.wrapped;
  }
  return s;
}

export function fieldKind(schema: v.GenericSchema): FieldKind {
  const s = unwrap(schema as unknown as Node);
  if (s.type === 'array' && s.item !== undefined) {
    const item = unwrap(s.item);
    if (item.type === 'number') return 'sample';
    if (item.type === 'array' && item.item !== undefined && unwrap(item.item).type === 'number') {
      return 'matrix';
    }
    return 'other';
  }
  if ((s.type === 'strict_tuple' || s.type === 'tuple') && s.items !== undefined) {
    return s.items.every((i) => unwrap(i).type === 'number') ? 'numbers' : 'other';
  }
  if (s.type === 'union' && s.options !== undefined) {
    const types = s.options.map((o) => unwrap(o).type);
    return types.includes('number') && types.every((t) => t === 'number' || t === 'literal')
      ? 'number_or_word'
      : 'other';
  }
  if (s.type === 'boolean') return 'boolean';
  if (s.type === 'number') return 'number';
  if (s.type === 'string' || s.type === 'picklist') return 'string';
  return 'other';
}

/** Whether the field may be left out (it has a default). */
export function isOptional(schema: v.GenericSchema): boolean {
  const t = (schema as unknown as Node).type;
  return t === 'optional' || t === 'nullish';
}

export function fieldKinds(entries: v.ObjectEntries): Record<string, FieldKind> {
  return Object.fromEntries(
    Object.entries(entries).map(([name, schema]) => [name, fieldKind(schema as v.GenericSchema)]),
  );
}

/**
 * The scipy functions that take `nan_policy` (scipy 1.17), by endpoint
 * name: linregress, spearmanr, kendalltau, the three t-tests,
 * mannwhitneyu, f_oneway, ks_2samp, shapiro, describe, and the robust
 * statistics median_abs_deviation, zscore, iqr, theilslopes and
 * siegelslopes; plus modified_zscore (ours, not scipy's), which follows
 * zscore. pearsonr and chi2_contingency have none in scipy, nor do the ols
 * and polyfit fits or statsmodels' exponential smoothing.
 */
export const NAN_POLICY_ENDPOINTS: ReadonlySet<string> = new Set([
  'linregress',
  'spearmanr',
  'kendalltau',
  'ttest_1samp',
  'ttest_ind',
  'ttest_rel',
  'mannwhitneyu',
  'f_oneway',
  'ks_2samp',
  'shapiro',
  'describe',
  'median_abs_deviation',
  'zscore',
  'iqr',
  'theilslopes',
  'siegelslopes',
  'modified_zscore',
]);

/**
 * Endpoints whose two samples are independent (unpaired): omit drops a
 * missing value from its own sample only, and in CSV the two columns may
 * have different lengths (the shorter padded with empty cells). Every
 * other endpoint's samples are paired by row.
 */
export const INDEPENDENT_SAMPLES: ReadonlySet<string> = new Set([
  'ttest_ind',
  'mannwhitneyu',
  'ks_2samp',
  // y and initial_seasonal (m values) are not paired: in CSV they are two columns of different lengths
  'exponential_smoothing',
]);

/** The core's list, so the API and the library accept the same values. */
export { NAN_POLICIES } from '@lambda-stats/stats-core';
export type NanPolicyValue = NanPolicy;
