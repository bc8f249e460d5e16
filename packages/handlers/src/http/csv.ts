/**
 * A `Content-Type: text/csv` request: the query string maps each array
 * field of the endpoint's JSON request to CSV columns, and gives the other
 * fields; the result is the JSON request the endpoint already validates.
 *
 *   sample (number[])      ?x=temp                      one column
 *   X (ols), other tables   ?X=x1,x2                    one column per matrix column, a row per CSV row
 *   samples (f_oneway)      ?samples=kwh&group_by=site  values split by a label column (groups sorted by label)
 *                           ?samples=a,b,c              or one column per group (empty cells pad)
 *   observed (chi2)         ?rows=region&cols=tariff    counts of each label pair (labels sorted)
 *                           ?observed=c1,c2,c3          or the table itself, one CSV row per table row
 *   other fields            ?alternative=less&equal_var=false&nan_policy=omit
 *
 * Missing cells follow nan_policy where scipy has it (raise by default);
 * elsewhere they are an error naming row and column, like a non-numeric cell.
 */
import {
  crossTab,
  groupBy,
  type NanPolicy,
  parseTable,
  type ReadOptions,
  TabularError,
} from '@lambda-stats/tabular';
import type { Endpoint } from '../endpoint';
import { HttpError } from './errors';
import {
  type FieldKind,
  fieldKinds,
  INDEPENDENT_SAMPLES,
  isOptional,
  NAN_POLICIES,
  NAN_POLICY_ENDPOINTS,
} from './fields';

/** How a matrix field is mapped, by field name; any other matrix is a list of columns. */
const GROUPS = 'samples';
const TABLE = 'observed';

function badQuery(message: string, details: Record<string, unknown> = {}): HttpError {
  return new HttpError(400, 'invalid_request', `Invalid CSV request: ${message}`, details);
}

function columnList(field: string, raw: string): string[] {
  const names = raw.split(',').map((s) => s.trim());
  if (names.length === 0 || names.some((n) => n === '')) {
    throw badQuery(
      `${field}=${JSON.stringify(raw)} must name CSV columns, separated by commas (e.g. ${field}=x1,x2)`,
    );
  }
  return names;
}

/** A query value for a scalar field, typed as the JSON field would be; the schema then checks it. */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A query-string value as its field takes it; what does not parse is passed on for the schema to refuse. */
function scalar(kind: FieldKind, raw: string): unknown {
  if (kind === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  if (kind === 'number' || kind === 'number_or_word') {
    const t = raw.trim();
    return t !== '' && NUMBER.test(t) ? Number(t) : raw;
  }
  if (kind === 'numbers') {
    const parts = raw.split(',').map((p) => p.trim());
    return parts.every((p) => NUMBER.test(p)) ? parts.map(Number) : raw;
  }
  return raw;
}

const toArray = (col: Float64Array): (number | null)[] =>
  Array.from(col, (x) => (Number.isNaN(x) ? null : x));

/** The allowed query parameters of an endpoint's CSV form, for messages and the API document. */
export function csvParameters(endpoint: Pick<Endpoint, 'name' | 'request'>): {
  name: string;
  kind: FieldKind | 'columns' | 'label';
  required: boolean;
}[] {
  const kinds = fieldKinds(endpoint.request.entries);
  const out: { name: string; kind: FieldKind | 'columns' | 'label'; required: boolean }[] = [];
  for (const [name, kind] of Object.entries(kinds)) {
    const schema = endpoint.request.entries[name]!;
    if (kind === 'matrix') {
      out.push({ name, kind: 'columns', required: name !== TABLE });
      if (name === GROUPS) out.push({ name: 'group_by', kind: 'label', required: false });
      if (name === TABLE) {
        out.push({ name: 'rows', kind: 'label', required: false });
        out.push({ name: 'cols', kind: 'label', required: false });
      }
    } else if (kind !== 'other') {
      // an object field (the regressions' `predict`) has no query-string form: JSON only
      out.push({ name, kind, required: !isOptional(schema as never) });
    }
  }
  if (NAN_POLICY_ENDPOINTS.has(endpoint.name)) {
    out.push({ name: 'nan_policy', kind: 'string', required: false });
  }
  return out;
}

export interface CsvMapped {
  payload: Record<string, unknown>;
}

/**
 * Reads a CSV body into the endpoint's JSON request.
 * @throws HttpError 400 for a query that does not map the fields (what to
 *   add or remove is said) and for a bad CSV (row, column, value); 422
 *   `unknown_column` for a column the CSV does not have (the columns are listed).
 */
export function csvPayload(
  endpoint: Pick<Endpoint, 'name' | 'request' | 'keepsPositions'>,
  text: string,
  query: Record<string, string>,
): Record<string, unknown> {
  const params = csvParameters(endpoint);
  const allowed = new Set(params.map((p) => p.name));
  const unknown = Object.keys(query).filter((k) => !allowed.has(k));
  if (unknown.length > 0) {
    throw badQuery(
      `unknown query parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')}; ${endpoint.name} accepts ${[...allowed].join(', ')}`,
      { unknown, accepted: [...allowed] },
    );
  }
  const kinds = fieldKinds(endpoint.request.entries);
  const nanAllowed = NAN_POLICY_ENDPOINTS.has(endpoint.name);
  const policyRaw = query.nan_policy;
  let nanPolicy: NanPolicy = 'raise';
  if (policyRaw !== undefined) {
    if (!(NAN_POLICIES as readonly string[]).includes(policyRaw)) {
      throw badQuery(
        `nan_policy must be one of ${NAN_POLICIES.join(', ')} (got ${JSON.stringify(policyRaw)})`,
      );
    }
    nanPolicy = policyRaw as NanPolicy;
  }

  const columns: Record<string, 'number' | 'string'> = {};
  const plan: { field: string; build: (t: ReturnType<typeof parseTable>) => unknown }[] = [];
  const payload: Record<string, unknown> = {};
  let independent = INDEPENDENT_SAMPLES.has(endpoint.name);
  const example = (f: string) =>
    kinds[f] === 'matrix'
      ? f === GROUPS
        ? `${f}=<value column>&group_by=<label column>`
        : f === TABLE
          ? 'rows=<label column>&cols=<label column>'
          : `${f}=<column>,<column>`
      : `${f}=<column>`;
  const missing = Object.keys(kinds).filter(
    (f) =>
      (kinds[f] === 'sample' || kinds[f] === 'matrix') &&
      query[f] === undefined &&
      // an optional sample (theilslopes' x) may be left unmapped
      !(kinds[f] === 'sample' && isOptional(endpoint.request.entries[f] as never)) &&
      !(f === TABLE && (query.rows !== undefined || query.cols !== undefined)),
  );
  if (missing.length > 0) {
    throw badQuery(
      `map ${missing.map((f) => `"${f}"`).join(' and ')} to CSV columns in the query string: ${missing.map(example).join('&')}`,
      { missing },
    );
  }

  for (const [field, kind] of Object.entries(kinds)) {
    const raw = query[field];
    if (kind === 'sample') {
      if (raw === undefined) continue; // an optional sample left out
      const [name, ...more] = columnList(field, raw);
      if (more.length > 0) throw badQuery(`${field} is one column (got ${raw})`);
      columns[name!] = 'number';
      plan.push({ field, build: (t) => toArray(t.numbers[name!]!) });
    } else if (kind === 'matrix' && field === GROUPS) {
      const names = columnList(field, raw!);
      const by = query.group_by;
      if (by !== undefined) {
        if (names.length !== 1) {
          throw badQuery(`with group_by, ${field} names the one value column (got ${raw})`);
        }
        const [label] = columnList('group_by', by);
        columns[names[0]!] = 'number';
        columns[label!] = 'string';
        plan.push({
          field,
          build: (t) => groupBy(t.numbers[names[0]!]!, t.strings[label!]!).samples.map(toArray),
        });
      } else {
        independent = true;
        for (const n of names) columns[n] = 'number';
        plan.push({ field, build: (t) => names.map((n) => toArray(t.numbers[n]!)) });
      }
    } else if (kind === 'matrix' && field === TABLE) {
      if (raw !== undefined) {
        if (query.rows !== undefined || query.cols !== undefined) {
          throw badQuery(
            `give either ${field}=<columns> (the table itself) or rows= and cols= (labels to cross-tabulate), not both`,
          );
        }
        const names = columnList(field, raw);
        for (const n of names) columns[n] = 'number';
        plan.push({ field, build: (t) => byRows(names.map((n) => t.numbers[n]!)) });
      } else {
        if (query.rows === undefined || query.cols === undefined) {
          throw badQuery('cross-tabulating needs both rows=<label column> and cols=<label column>');
        }
        const [r] = columnList('rows', query.rows);
        const [c] = columnList('cols', query.cols);
        columns[r!] = 'string';
        columns[c!] = 'string';
        plan.push({ field, build: (t) => crossTab(t.strings[r!]!, t.strings[c!]!).counts });
      }
    } else if (kind === 'matrix') {
      const names = columnList(field, raw!);
      for (const n of names) columns[n] = 'number';
      plan.push({ field, build: (t) => byRows(names.map((n) => t.numbers[n]!)) });
    } else if (raw !== undefined) {
      payload[field] = scalar(kind, raw);
    }
  }

  const options: ReadOptions = {
    format: 'csv',
    columns,
    // an endpoint that keeps each value's place (zscore) is given its missing
    // cells as null even under omit: prepareNanPolicy does the rest
    nanPolicy: !nanAllowed
      ? 'raise'
      : endpoint.keepsPositions === true && nanPolicy === 'omit'
        ? 'propagate'
        : nanPolicy,
    pairing: independent ? 'independent' : 'rows',
    mentionNanPolicy: nanAllowed,
  };
  let table: ReturnType<typeof parseTable>;
  try {
    table = parseTable(text, options);
  } catch (err) {
    throw fromTabular(err);
  }
  for (const { field, build } of plan) payload[field] = build(table);
  if (policyRaw !== undefined) payload.nan_policy = policyRaw;
  return payload;
}

/** Columns to rows: [[c0[0], c1[0]], [c0[1], c1[1]], ...]; NaN as null. */
function byRows(cols: Float64Array[]): (number | null)[][] {
  const n = cols[0]?.length ?? 0;
  const rows: (number | null)[][] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = cols.map((c) => (Number.isNaN(c[i]!) ? null : c[i]!));
  return rows;
}

function fromTabular(err: unknown): unknown {
  if (!(err instanceof TabularError)) return err;
  const details = { ...err.details } as Record<string, unknown>;
  if (err.code === 'unknown_column') {
    return new HttpError(422, 'unknown_column', err.message, details, { cause: err });
  }
  return new HttpError(
    400,
    'invalid_csv',
    `Invalid CSV: ${err.message}`,
    { reason: err.code, ...details },
    { cause: err },
  );
}
