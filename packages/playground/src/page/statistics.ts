/**
 * The statistics the page offers, read from the API's own OpenAPI document:
 * each endpoint's request fields become a form (columns to pick, options
 * to set), and its example becomes the deep link's data.
 */
import type { Body } from '../plots/types';
import { numericColumn, numericRows, type Table, toCsv } from './csv';

export type FieldKind =
  | 'column'
  | 'rows'
  | 'samples'
  | 'boolean'
  | 'choice'
  | 'number'
  | 'integer'
  | 'hidden';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required: boolean;
  description: string;
  default?: unknown;
  choices?: string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

export interface StatisticSpec {
  name: string;
  summary: string;
  fields: FieldSpec[];
  example: { request: Body; response: Body };
}

type Schema = Record<string, unknown>;

/** Statistics whose array fields are separate samples (empty cells skipped), not paired columns. */
const INDEPENDENT = new Set([
  'ttest_ind',
  'mannwhitneyu',
  'ks_2samp',
  'describe',
  'shapiro',
  'ttest_1samp',
  'f_oneway',
]);

function kindOf(name: string, schema: Schema): FieldKind {
  const type = schema.type;
  if (type === 'array') {
    const items = (schema.items ?? {}) as Schema;
    if (items.type === 'array') return name === 'samples' ? 'samples' : 'rows';
    return 'column';
  }
  if (type === 'boolean') return 'boolean';
  if (Array.isArray(schema.enum)) return 'choice';
  if (type === 'integer') return 'integer';
  if (type === 'number') return 'number';
  return 'hidden';
}

/** A `$ref` to `#/components/...` resolved in the document (one level, as the generator writes them). */
function deref(doc: unknown, schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let at: unknown = doc;
  for (const part of ref.slice(2).split('/')) at = (at as Schema | undefined)?.[part];
  return (at ?? {}) as Schema;
}

/** Every POST endpoint of the document, in the document's order. */
/**
 * The statistics the playground offers: those it has a form and plots for.
 * The robust statistics and Holt-Winters smoothing (median_abs_deviation,
 * zscore, iqr, theilslopes, siegelslopes, modified_zscore,
 * exponential_smoothing) are not offered yet: their options (a percentile
 * pair, seasonal initial states) need form fields of their own, and their
 * plots (a series with its expected band and flagged points) are still to be
 * written. They are left out rather than shown without a plot.
 */
export const PLAYGROUND_STATISTICS: ReadonlySet<string> = new Set([
  'chi2_contingency',
  'describe',
  'f_oneway',
  'kendalltau',
  'ks_2samp',
  'linregress',
  'mannwhitneyu',
  'ols',
  'pearsonr',
  'polyfit',
  'shapiro',
  'spearmanr',
  'ttest_1samp',
  'ttest_ind',
  'ttest_rel',
]);

export function statisticsFromOpenApi(doc: unknown): StatisticSpec[] {
  const paths = ((doc as Schema)?.paths ?? {}) as Record<string, Schema>;
  const out: StatisticSpec[] = [];
  for (const [path, item] of Object.entries(paths)) {
    const op = item.post as Schema | undefined;
    if (!op || !PLAYGROUND_STATISTICS.has(path.slice(1))) continue;
    const content = ((op.requestBody as Schema)?.content as Schema)?.['application/json'] as
      | Schema
      | undefined;
    const schema = deref(doc, (content?.schema ?? {}) as Schema);
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const responseContent = (((op.responses as Schema)?.['200'] as Schema)?.content as Schema)?.[
      'application/json'
    ] as Schema | undefined;
    out.push({
      name: path.replace(/^\//, ''),
      summary: String(op.summary ?? ''),
      fields: Object.entries(properties).map(([name, s]) => ({
        name,
        kind: kindOf(name, s),
        required: required.has(name),
        description: String(s.description ?? ''),
        ...(s.default !== undefined ? { default: s.default } : {}),
        ...(Array.isArray(s.enum) ? { choices: s.enum.map(String) } : {}),
        ...(typeof s.minimum === 'number' ? { minimum: s.minimum } : {}),
        ...(typeof s.maximum === 'number' ? { maximum: s.maximum } : {}),
        ...(typeof s.exclusiveMinimum === 'number' ? { exclusiveMinimum: s.exclusiveMinimum } : {}),
        ...(typeof s.exclusiveMaximum === 'number' ? { exclusiveMaximum: s.exclusiveMaximum } : {}),
      })),
      example: {
        request: (content?.example ?? {}) as Body,
        response: (responseContent?.example ?? {}) as Body,
      },
    });
  }
  return out;
}

/** Which data fields take one column, which several. */
export const dataFields = (spec: StatisticSpec) =>
  spec.fields.filter((f) => f.kind === 'column' || f.kind === 'rows' || f.kind === 'samples');

export const optionFields = (spec: StatisticSpec) =>
  spec.fields.filter(
    (f) =>
      f.kind === 'boolean' || f.kind === 'choice' || f.kind === 'number' || f.kind === 'integer',
  );

/** Field -> column (one-column fields) or columns (rows and samples). */
export type Mapping = Record<string, string | string[]>;

/**
 * The default mapping for a header: one-column fields take columns in
 * order (x, y -> the first two); when a field takes several columns
 * (ols's X, f_oneway's samples), the one-column fields take the last
 * columns and the multi-column field the rest (x1, x2, y -> X = [x1, x2], y).
 */
export function defaultMapping(spec: StatisticSpec, header: string[]): Mapping {
  const fields = dataFields(spec);
  const singles = fields.filter((f) => f.kind === 'column');
  const multi = fields.find((f) => f.kind !== 'column');
  const mapping: Mapping = {};
  if (!multi) {
    singles.forEach((f, i) => {
      mapping[f.name] = header[Math.min(i, header.length - 1)] ?? '';
    });
    return mapping;
  }
  const tail = header.slice(Math.max(header.length - singles.length, 0));
  singles.forEach((f, i) => {
    mapping[f.name] = tail[i] ?? '';
  });
  mapping[multi.name] = header.slice(0, header.length - singles.length);
  return mapping;
}

/** The request body from a table, a mapping and option values (options left at their default are omitted). */
export function buildRequest(
  spec: StatisticSpec,
  table: Table,
  mapping: Mapping,
  options: Body,
): Body {
  const paired = !INDEPENDENT.has(spec.name);
  const body: Body = {};
  for (const f of dataFields(spec)) {
    const m = mapping[f.name];
    const columns = Array.isArray(m) ? m : m ? [m] : [];
    if (columns.length === 0)
      throw new Error(`Choose the column${f.kind === 'column' ? '' : 's'} for ${f.name}.`);
    if (f.kind === 'column') body[f.name] = numericColumn(table, columns[0]!, paired);
    else if (f.kind === 'rows') body[f.name] = numericRows(table, columns);
    else body[f.name] = columns.map((c) => numericColumn(table, c, false));
  }
  for (const [k, v] of Object.entries(options)) if (v !== undefined) body[k] = v;
  return body;
}

/** Axis labels: each field's column name (samples by position). */
export function labelsOf(mapping: Mapping): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [field, m] of Object.entries(mapping)) {
    if (Array.isArray(m)) {
      for (const [i, c] of m.entries()) labels[`${field}.${i}`] = c;
    } else labels[field] = m;
  }
  return labels;
}

/** The points a regression's bands are drawn at: 121 x values over the data's range plus 5% each side. */
export function predictionGrid(xs: number[], points = 121): number[] {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = (hi - lo) * 0.05 || Math.abs(lo) * 0.05 || 1;
  const a = lo - pad;
  const step = (hi + pad - a) / (points - 1);
  return Array.from({ length: points }, (_, i) => (i === points - 1 ? hi + pad : a + i * step));
}

/**
 * What the plots need beyond the statistic itself: regressions ask for the
 * intervals (linregress and polyfit over a grid, ols at its own rows) and
 * the fitted values and residuals. A request that already has `predict` is
 * left as written.
 */
export function withPlotRequests(statistic: string, body: Body): Body {
  if (body.predict !== undefined) return body;
  if (
    (statistic === 'linregress' || statistic === 'polyfit') &&
    Array.isArray(body.x) &&
    body.x.length > 0
  ) {
    return { ...body, predict: { x: predictionGrid(body.x as number[]), fitted: true } };
  }
  if (statistic === 'ols' && Array.isArray(body.X))
    return { ...body, predict: { X: body.X, fitted: true } };
  return body;
}

/** An endpoint's example as CSV (each array field as columns) plus the options it sets. */
export function exampleAsCsv(
  spec: StatisticSpec,
): { csv: string; mapping: Mapping; options: Body } | null {
  const request = spec.example.request;
  const columns: { name: string; values: number[] }[] = [];
  const mapping: Mapping = {};
  const options: Body = {};
  for (const f of spec.fields) {
    const v = request[f.name];
    if (v === undefined) continue;
    if (f.kind === 'column') {
      columns.push({ name: f.name, values: v as number[] });
      mapping[f.name] = f.name;
    } else if (f.kind === 'rows') {
      const rows = v as number[][];
      const width = rows[0]?.length ?? 0;
      const names = Array.from({ length: width }, (_, j) =>
        f.name === 'X' ? `x${j + 1}` : `col${j + 1}`,
      );
      for (const [j, name] of names.entries())
        columns.push({ name, values: rows.map((r) => r[j]!) });
      mapping[f.name] = names;
    } else if (f.kind === 'samples') {
      const samples = v as number[][];
      const names = samples.map((_, j) => `sample${j + 1}`);
      for (const [j, values] of samples.entries()) columns.push({ name: names[j]!, values });
      mapping[f.name] = names;
    } else if (f.kind !== 'hidden') {
      options[f.name] = v;
    } else {
      return null;
    }
  }
  if (columns.length === 0) return null;
  // ols: y after the x columns, so the default mapping reads it back the same way.
  columns.sort(
    (a, b) =>
      Number(a.name === 'y' && mapping.X !== undefined) -
      Number(b.name === 'y' && mapping.X !== undefined),
  );
  return { csv: toCsv(columns), mapping, options };
}
