/**
 * Job forms: which statistics a job can compute, how the request's
 * `columns` map the synchronous endpoint's array fields to dataset columns,
 * and how the gathered column values become that endpoint's request. The
 * other fields of the synchronous request are the job's `options`,
 * validated by the endpoint's own schema.
 */
import * as v from 'valibot';
import type { Endpoint } from '../endpoint';
import { endpoints } from '../endpoints/index';
import type { ColumnNeed } from './spec';

export type JobKind = 'mergeable' | 'rank';

type Values = (number[] | string[])[];

export interface JobForm {
  readonly statistic: string;
  /** mergeable: exact partial states; rank: needs every row in one place (row limit). */
  readonly kind: JobKind;
  /** The synchronous request's fields that come from columns. */
  readonly arrayFields: readonly string[];
  /** An example of `columns`, for error messages and the docs. */
  readonly columnsExample: Record<string, unknown>;
  /** Checks `columns` and lists the dataset columns to read, or returns what is wrong. */
  needs(columns: unknown): ColumnNeed[] | string;
  /** The synchronous request's array fields, from the needed columns' values in file order. */
  request(values: Values): Record<string, unknown>;
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const isName = (x: unknown): x is string => typeof x === 'string' && x.length > 0;

function exactKeys(
  columns: unknown,
  keys: readonly string[],
  example: unknown,
): string | undefined {
  const shape = `columns must be ${JSON.stringify(example)}`;
  if (!isRecord(columns)) return `${shape} (got ${JSON.stringify(columns) ?? 'nothing'})`;
  const extra = Object.keys(columns).filter((k) => !keys.includes(k));
  const missing = keys.filter((k) => !(k in columns));
  if (extra.length || missing.length) {
    return `${shape}${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; unknown ${extra.join(', ')}` : ''}`;
  }
  return undefined;
}

/** Statistics whose array fields are each one numeric column (x/y, a/b, ...). */
function vectors(statistic: string, kind: JobKind, fields: readonly string[]): JobForm {
  const example = Object.fromEntries(fields.map((f, i) => [f, `column${i + 1}`]));
  return {
    statistic,
    kind,
    arrayFields: fields,
    columnsExample: example,
    needs(columns) {
      const wrong = exactKeys(columns, fields, example);
      if (wrong) return wrong;
      const c = columns as Record<string, unknown>;
      const bad = fields.find((f) => !isName(c[f]));
      if (bad) return `columns.${bad} must be a column name (a non-empty string)`;
      return fields.map((f) => ({ name: c[f] as string, kind: 'number' as const }));
    },
    request: (values) => Object.fromEntries(fields.map((f, i) => [f, values[i]])),
  };
}

const ols: JobForm = {
  statistic: 'ols',
  kind: 'mergeable',
  arrayFields: ['X', 'y'],
  columnsExample: { X: ['x1', 'x2'], y: 'y' },
  needs(columns) {
    const wrong = exactKeys(columns, ['X', 'y'], this.columnsExample);
    if (wrong) return wrong;
    const c = columns as { X: unknown; y: unknown };
    if (!Array.isArray(c.X) || c.X.length === 0 || !c.X.every(isName)) {
      return 'columns.X must be a non-empty array of column names, one per regressor';
    }
    if (!isName(c.y)) return 'columns.y must be a column name (a non-empty string)';
    return [...(c.X as string[]), c.y].map((name) => ({ name, kind: 'number' as const }));
  },
  request(values) {
    const y = values[values.length - 1] as number[];
    const xs = values.slice(0, -1) as number[][];
    return { X: y.map((_, i) => xs.map((col) => col[i]!)), y };
  },
};

const fOneway: JobForm = {
  statistic: 'f_oneway',
  kind: 'mergeable',
  arrayFields: ['samples'],
  columnsExample: { samples: { value: 'kwh', group_by: 'site' } },
  needs(columns) {
    const wrong = exactKeys(columns, ['samples'], this.columnsExample);
    if (wrong) return wrong;
    const s = (columns as { samples: unknown }).samples;
    if (exactKeys(s, ['value', 'group_by'], {}) !== undefined) {
      return `columns.samples must be ${JSON.stringify(this.columnsExample.samples)}`;
    }
    const { value, group_by } = s as Record<string, unknown>;
    if (!isName(value) || !isName(group_by)) {
      return 'columns.samples.value and columns.samples.group_by must be column names';
    }
    return [
      { name: value, kind: 'number' },
      { name: group_by, kind: 'label' },
    ];
  },
  request(values) {
    // groups in order of first appearance in the file
    const [value, group] = values as [number[], string[]];
    const groups = new Map<string, number[]>();
    for (let i = 0; i < value.length; i += 1) {
      const g = groups.get(group[i]!);
      if (g) g.push(value[i]!);
      else groups.set(group[i]!, [value[i]!]);
    }
    return { samples: [...groups.values()] };
  },
};

/** Cross-tabulation labels, sorted (code point order) so any chunking gives one table. */
export function crossTabulate(rows: string[], cols: string[]) {
  const r = [...new Set(rows)].sort();
  const c = [...new Set(cols)].sort();
  const ri = new Map(r.map((x, i) => [x, i]));
  const ci = new Map(c.map((x, i) => [x, i]));
  const observed = r.map(() => c.map(() => 0));
  for (let i = 0; i < rows.length; i += 1) observed[ri.get(rows[i]!)!]![ci.get(cols[i]!)!]! += 1;
  return { observed, rowLabels: r, colLabels: c };
}

const chi2: JobForm = {
  statistic: 'chi2_contingency',
  kind: 'mergeable',
  arrayFields: ['observed'],
  columnsExample: { observed: { rows: 'region', cols: 'tariff' } },
  needs(columns) {
    const wrong = exactKeys(columns, ['observed'], this.columnsExample);
    if (wrong) return wrong;
    const o = (columns as { observed: unknown }).observed;
    if (exactKeys(o, ['rows', 'cols'], {}) !== undefined) {
      return `columns.observed must be ${JSON.stringify(this.columnsExample.observed)}`;
    }
    const { rows, cols } = o as Record<string, unknown>;
    if (!isName(rows) || !isName(cols)) {
      return 'columns.observed.rows and columns.observed.cols must be column names';
    }
    return [
      { name: rows, kind: 'label' },
      { name: cols, kind: 'label' },
    ];
  },
  request(values) {
    const [rows, cols] = values as [string[], string[]];
    return { observed: crossTabulate(rows, cols).observed };
  },
};

export const jobForms: readonly JobForm[] = [
  vectors('describe', 'mergeable', ['a']),
  vectors('linregress', 'mergeable', ['x', 'y']),
  vectors('pearsonr', 'mergeable', ['x', 'y']),
  ols,
  vectors('polyfit', 'mergeable', ['x', 'y']),
  vectors('ttest_1samp', 'mergeable', ['a']),
  vectors('ttest_ind', 'mergeable', ['a', 'b']),
  vectors('ttest_rel', 'mergeable', ['a', 'b']),
  fOneway,
  chi2,
  vectors('spearmanr', 'rank', ['a', 'b']),
  vectors('kendalltau', 'rank', ['x', 'y']),
  vectors('mannwhitneyu', 'rank', ['x', 'y']),
  vectors('ks_2samp', 'rank', ['data1', 'data2']),
  vectors('shapiro', 'rank', ['x']),
];

export function jobForm(statistic: string): JobForm | undefined {
  return jobForms.find((f) => f.statistic === statistic);
}

export function endpointOf(statistic: string): Endpoint {
  const e = endpoints.find((x) => x.name === statistic);
  if (!e) throw new Error(`no endpoint named ${statistic}`);
  return e;
}

/**
 * The synchronous endpoint's schema for its other fields (every field but
 * the array fields), strict like the endpoint's own.
 */
export function optionsSchema(form: JobForm) {
  const entries = { ...endpointOf(form.statistic).request.entries };
  for (const f of form.arrayFields) delete entries[f];
  return v.strictObject(entries);
}

/**
 * Rows a single worker may gather for a statistic that needs every row in
 * one place: the values are held as JavaScript numbers in arrays (about 8
 * bytes each, twice that while the arrays grow), plus the sorted copies
 * the rank statistics make, plus the partial results read as JSON text
 * (about 20 bytes a value). 64 bytes per value per column keeps that within
 * a quarter of the heap the memory setting gives.
 */
export function gatherRowLimit(memoryMb: number, columns: number): number {
  return Math.floor((memoryMb * 1024 * 1024) / 4 / (64 * Math.max(1, columns)) / 1000) * 1000;
}
