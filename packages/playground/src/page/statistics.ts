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
  | 'numbers'
  | 'union'
  | 'object'
  | 'hidden';

/** A value a choice can take: a string from an enum or a const, or null (JSON null, "none"). */
export type Choice = string | null;

/**
 * One field of a request, as the form shows it. Data fields (`column`,
 * `rows`, `samples`) take CSV columns; every other kind is an option whose
 * control is built from its JSON schema alone:
 * - `boolean`: a checkbox;
 * - `choice`: a select over an enum, a const, or null (a nullable enum,
 *   `anyOf: [{enum}, {type: null}]`, is one choice with a "none" entry);
 * - `number`, `integer`: a number field with the schema's bounds;
 * - `numbers`: an array of numbers (`iqr`'s `rng`, `initial_seasonal`),
 *   typed as comma-separated numbers; a tuple (`prefixItems`) has a fixed length;
 * - `union`: `anyOf` of choices and one number (`scale`: a number or
 *   "normal"): a select with a "number" entry and a number field beside it;
 * - `object`: a nested object (`predict`), a group of its own fields.
 */
export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required: boolean;
  description: string;
  default?: unknown;
  /** choice and union: the fixed values offered. */
  choices?: Choice[];
  /** union: the kind of its free value. */
  valueKind?: 'number' | 'integer';
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  /** numbers: how many values (minItems, maxItems; a tuple sets both). */
  minItems?: number;
  maxItems?: number;
  /** object: its fields. */
  fields?: FieldSpec[];
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
  'median_abs_deviation',
  'zscore',
  'iqr',
  'modified_zscore',
]);

const typesOf = (schema: Schema): string[] =>
  Array.isArray(schema.type) ? (schema.type as string[]) : schema.type ? [String(schema.type)] : [];

const isNumeric = (schema: Schema) =>
  typesOf(schema).some((t) => t === 'number' || t === 'integer');

/** The fixed values a schema allows (enum, const, null), or undefined when it allows others too. */
function fixedValues(schema: Schema): Choice[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => (v === null ? null : String(v)));
  if ('const' in schema) return [schema.const === null ? null : String(schema.const)];
  const types = typesOf(schema);
  if (types.length === 1 && types[0] === 'null') return [null];
  return undefined;
}

/**
 * An array field is data (CSV columns) when its items are numbers and the
 * schema carries a `title` (the API marks each sample that way: `x`, `y`,
 * `a`), or when its items are arrays (a table, a list of samples). Any other
 * array is an option typed as numbers (`rng`, `initial_seasonal`, `predict.x`).
 */
function arrayKind(name: string, schema: Schema): FieldKind {
  const items = (schema.items ?? {}) as Schema;
  if (typesOf(items).includes('array')) return name === 'samples' ? 'samples' : 'rows';
  if (typeof schema.title === 'string') return 'column';
  const prefix = schema.prefixItems as Schema[] | undefined;
  if ((prefix ?? [items]).every(isNumeric)) return 'numbers';
  return 'hidden';
}

/** A field's form description from its JSON schema (recursively for nested objects). */
export function fieldFromSchema(
  doc: unknown,
  name: string,
  raw: Schema,
  required: boolean,
): FieldSpec {
  const schema = deref(doc, raw);
  const base: FieldSpec = {
    name,
    kind: 'hidden',
    required,
    description: String(schema.description ?? ''),
    ...(schema.default !== undefined ? { default: schema.default } : {}),
  };
  const bounds = (s: Schema) => ({
    ...(typeof s.minimum === 'number' ? { minimum: s.minimum } : {}),
    ...(typeof s.maximum === 'number' ? { maximum: s.maximum } : {}),
    ...(typeof s.exclusiveMinimum === 'number' ? { exclusiveMinimum: s.exclusiveMinimum } : {}),
    ...(typeof s.exclusiveMaximum === 'number' ? { exclusiveMaximum: s.exclusiveMaximum } : {}),
  });
  const variants = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(variants)) {
    const resolved = variants.map((v) => deref(doc, v));
    const fixed = resolved.map(fixedValues);
    const free = resolved.filter((_, i) => fixed[i] === undefined);
    const choices = fixed.flatMap((f) => f ?? []);
    if (free.length === 0) return { ...base, kind: 'choice', choices };
    if (free.length === 1 && isNumeric(free[0]!) && !typesOf(free[0]!).includes('array')) {
      return {
        ...base,
        kind: 'union',
        choices,
        valueKind: typesOf(free[0]!).includes('integer') ? 'integer' : 'number',
        ...bounds(free[0]!),
      };
    }
    return base;
  }
  const types = typesOf(schema);
  const fixed = fixedValues(schema);
  if (fixed && types.every((t) => t === 'string' || t === 'null'))
    return { ...base, kind: 'choice', choices: fixed };
  if (types.includes('array')) {
    const kind = arrayKind(name, schema);
    const prefix = schema.prefixItems as Schema[] | undefined;
    const items = (prefix?.[0] ?? schema.items ?? {}) as Schema;
    return {
      ...base,
      kind,
      ...(kind === 'numbers'
        ? {
            ...bounds(items),
            ...(typeof schema.minItems === 'number' ? { minItems: schema.minItems } : {}),
            ...(typeof schema.maxItems === 'number' ? { maxItems: schema.maxItems } : {}),
            ...(prefix && schema.items === false
              ? { minItems: prefix.length, maxItems: prefix.length }
              : {}),
          }
        : {}),
    };
  }
  if (types.includes('boolean')) return { ...base, kind: 'boolean' };
  if (types.includes('integer')) return { ...base, kind: 'integer', ...bounds(schema) };
  if (types.includes('number')) return { ...base, kind: 'number', ...bounds(schema) };
  if (types.includes('object') && schema.properties) {
    const req = new Set((schema.required as string[] | undefined) ?? []);
    return {
      ...base,
      kind: 'object',
      fields: Object.entries(schema.properties as Record<string, Schema>).map(([n, s]) =>
        fieldFromSchema(doc, n, s, req.has(n)),
      ),
    };
  }
  return base;
}

/** A `$ref` to `#/components/...` resolved in the document. */
function deref(doc: unknown, schema: Schema): Schema {
  let s = schema;
  for (let depth = 0; depth < 8; depth++) {
    const ref = s.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return s;
    let at: unknown = doc;
    for (const part of ref.slice(2).split('/')) at = (at as Schema | undefined)?.[part];
    s = (at ?? {}) as Schema;
  }
  return s;
}

/**
 * Every POST endpoint of the API document, in its order: the statistics.
 * (The datasets and jobs routes are POSTs with path parameters or no
 * sample fields: they are left out by their paths.)
 */
const NOT_STATISTICS = /^\/(datasets|jobs|analyses)(\/|$)/;

export function statisticsFromOpenApi(doc: unknown): StatisticSpec[] {
  const paths = ((doc as Schema)?.paths ?? {}) as Record<string, Schema>;
  const out: StatisticSpec[] = [];
  for (const [path, item] of Object.entries(paths)) {
    const op = item.post as Schema | undefined;
    if (!op || NOT_STATISTICS.test(path) || path.includes('{')) continue;
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
      fields: Object.entries(properties).map(([name, s]) =>
        fieldFromSchema(doc, name, s, required.has(name)),
      ),
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

const DATA_KINDS: ReadonlySet<FieldKind> = new Set(['column', 'rows', 'samples']);

export const optionFields = (spec: StatisticSpec) =>
  spec.fields.filter((f) => !DATA_KINDS.has(f.kind) && f.kind !== 'hidden');

/** Field -> column (one-column fields) or columns (rows and samples). */
export type Mapping = Record<string, string | string[]>;

/**
 * The default mapping for a header. A column named like a field (any case)
 * goes to that field (`x`, `y` whatever their order). The others take
 * columns in order (x, y -> the first two); when a field takes several
 * columns (ols's X, f_oneway's samples), the one-column fields take the last
 * columns and the multi-column field the rest (x1, x2, y -> X = [x1, x2], y).
 * An optional one-column field left without a column is left out ('').
 */
export function defaultMapping(spec: StatisticSpec, header: string[]): Mapping {
  const fields = dataFields(spec);
  const singles = fields.filter((f) => f.kind === 'column');
  const multi = fields.find((f) => f.kind !== 'column');
  const mapping: Mapping = {};
  const named = new Map<string, string>();
  for (const f of singles) {
    const h = header.find((c) => c.trim().toLowerCase() === f.name.toLowerCase());
    if (h !== undefined) named.set(f.name, h);
  }
  const taken = new Set(named.values());
  if (!multi) {
    const rest = header.filter((h) => !taken.has(h));
    let next = 0;
    for (const f of singles) {
      const byName = named.get(f.name);
      if (byName !== undefined) mapping[f.name] = byName;
      else if (next < rest.length) mapping[f.name] = rest[next++]!;
      else mapping[f.name] = f.required ? (header[header.length - 1] ?? '') : '';
    }
    return mapping;
  }
  const tail = header.slice(Math.max(header.length - singles.length, 0));
  singles.forEach((f, i) => {
    mapping[f.name] = tail[i] ?? '';
  });
  mapping[multi.name] = header.slice(0, header.length - singles.length);
  return mapping;
}

/** The request body from a table, a mapping and option values (options left unset are omitted). */
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
    if (columns.length === 0) {
      if (!f.required) continue;
      throw new Error(`Choose the column${f.kind === 'column' ? '' : 's'} for ${f.name}.`);
    }
    if (f.kind === 'column') body[f.name] = numericColumn(table, columns[0]!, paired);
    else if (f.kind === 'rows') body[f.name] = numericRows(table, columns);
    else body[f.name] = columns.map((c) => numericColumn(table, c, false));
  }
  for (const [k, v] of Object.entries(options)) if (v !== undefined) body[k] = v;
  return body;
}

/** Thrown for an option the form cannot send: the message names it and says what to type. */
export class OptionError extends Error {
  override name = 'OptionError';
}

const within = (f: FieldSpec, v: number, where: string): number => {
  const fail = (what: string) => {
    throw new OptionError(`Option ${where}: ${v} ${what}. ${f.description}`.trim());
  };
  if (f.minimum !== undefined && v < f.minimum) fail(`is below the minimum ${f.minimum}`);
  if (f.maximum !== undefined && v > f.maximum) fail(`is above the maximum ${f.maximum}`);
  if (f.exclusiveMinimum !== undefined && v <= f.exclusiveMinimum)
    fail(`must be greater than ${f.exclusiveMinimum}`);
  if (f.exclusiveMaximum !== undefined && v >= f.exclusiveMaximum)
    fail(`must be less than ${f.exclusiveMaximum}`);
  return v;
};

function parseNumber(f: FieldSpec, raw: string, where: string, integer: boolean): number {
  const t = raw.trim();
  const v = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : Number.NaN;
  if (!Number.isFinite(v))
    throw new OptionError(`Option ${where}: "${raw}" is not a number. ${f.description}`.trim());
  if (integer && !Number.isInteger(v))
    throw new OptionError(`Option ${where}: ${raw} must be a whole number.`);
  return within(f, v, where);
}

/**
 * What an option's control holds, as the request's JSON value; undefined
 * when it is left empty (the API then uses its default, or estimates it).
 * `raw` is the text typed (number, numbers), the value selected (choice,
 * union: a choice, or `value` for the number beside it), or the checkbox.
 */
export function parseOption(
  f: FieldSpec,
  raw: { text?: string; selected?: string; checked?: boolean },
  where = f.name,
): unknown {
  switch (f.kind) {
    case 'boolean':
      return raw.checked === true;
    case 'choice':
      return decodeChoice(raw.selected ?? '');
    case 'number':
    case 'integer': {
      if ((raw.text ?? '').trim() === '') {
        if (f.required) throw new OptionError(`Option ${where} is required: ${f.description}`);
        return undefined;
      }
      return parseNumber(f, raw.text!, where, f.kind === 'integer');
    }
    case 'union': {
      if (raw.selected !== UNION_VALUE) return decodeChoice(raw.selected ?? '');
      if ((raw.text ?? '').trim() === '')
        throw new OptionError(`Option ${where}: type a number, or choose one of the values.`);
      return parseNumber(f, raw.text!, where, f.valueKind === 'integer');
    }
    case 'numbers': {
      const text = (raw.text ?? '').trim();
      if (text === '') {
        if (f.required) throw new OptionError(`Option ${where} is required: ${f.description}`);
        return undefined;
      }
      const values = text
        .replace(/^\[|\]$/g, '')
        .split(/[,;\s]+/)
        .filter((p) => p !== '')
        .map((p) => parseNumber(f, p, where, false));
      const count =
        f.minItems !== undefined && f.minItems === f.maxItems ? `exactly ${f.minItems}` : undefined;
      if (f.minItems !== undefined && values.length < f.minItems)
        throw new OptionError(
          `Option ${where}: ${values.length} value${values.length === 1 ? '' : 's'} given, ${count ?? `at least ${f.minItems}`} needed (comma-separated, e.g. ${exampleNumbers(f)}).`,
        );
      if (f.maxItems !== undefined && values.length > f.maxItems)
        throw new OptionError(
          `Option ${where}: ${values.length} values given, ${count ?? `at most ${f.maxItems}`} allowed.`,
        );
      return values;
    }
    default:
      return undefined;
  }
}

/** The select value of the "number" entry of a union. */
export const UNION_VALUE = '__number__';
/** Choices as select values: null is the empty string ("none"). */
export const encodeChoice = (c: Choice) => (c === null ? '' : c);
const decodeChoice = (v: string): Choice => (v === '' ? null : v);

function exampleNumbers(f: FieldSpec): string {
  if (Array.isArray(f.default)) return (f.default as unknown[]).join(', ');
  return Array.from({ length: f.minItems ?? 2 }, (_, i) => i + 1).join(', ');
}

/** The text a control starts with for a value (the default, or an example's). */
export function optionText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
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
 * the fitted values and residuals. What the request's own `predict` sets
 * (a confidence level, its own x) is kept.
 */
export function withPlotRequests(statistic: string, body: Body): Body {
  const given = (body.predict ?? {}) as Body;
  if (
    (statistic === 'linregress' || statistic === 'polyfit') &&
    Array.isArray(body.x) &&
    body.x.length > 0
  ) {
    return {
      ...body,
      predict: { x: predictionGrid(body.x as number[]), fitted: true, ...given },
    };
  }
  if (statistic === 'ols' && Array.isArray(body.X))
    return { ...body, predict: { X: body.X, fitted: true, ...given } };
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
