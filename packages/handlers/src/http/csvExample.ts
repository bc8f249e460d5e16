/**
 * The CSV form of a JSON request: a CSV table and the query string that
 * maps it back (src/http/csv.ts reads it into the same request). Used by
 * the API document (each endpoint's CSV example) and by the tests (every
 * endpoint answers its CSV form exactly as its JSON form). Not bundled into
 * any function.
 */
import type { Endpoint } from '../endpoint';
import { fieldKinds, INDEPENDENT_SAMPLES } from './fields';

export interface CsvForm {
  csv: string;
  query: Record<string, string>;
}

// null (a missing value) is written NaN: an empty cell is no observation in an independent column
const cell = (x: unknown): string => (x === undefined ? '' : x === null ? 'NaN' : String(x));

export function csvForm(
  endpoint: Pick<Endpoint, 'name' | 'request'>,
  request: Record<string, unknown>,
): CsvForm {
  const kinds = fieldKinds(endpoint.request.entries);
  const columns: { name: string; values: unknown[] }[] = [];
  const query: Record<string, string> = {};
  for (const [field, kind] of Object.entries(kinds)) {
    const value = request[field];
    if (value === undefined) continue;
    if (kind === 'sample') {
      columns.push({ name: field, values: value as unknown[] });
      query[field] = field;
    } else if (kind === 'matrix' && field === 'samples') {
      const groups = value as unknown[][];
      const width = String(groups.length).length;
      const labels: string[] = [];
      const values: unknown[] = [];
      groups.forEach((g, i) => {
        for (const x of g) {
          values.push(x);
          labels.push(`g${String(i + 1).padStart(width, '0')}`);
        }
      });
      columns.push({ name: 'value', values }, { name: 'group', values: labels });
      query[field] = 'value';
      query.group_by = 'group';
    } else if (kind === 'matrix') {
      const rows = value as unknown[][];
      const width = rows[0]?.length ?? 0;
      const names = Array.from({ length: width }, (_, j) => `${field}${j + 1}`);
      names.forEach((name, j) => {
        columns.push({ name, values: rows.map((r) => r[j]) });
      });
      query[field] = names.join(',');
    } else {
      query[field] = String(value);
    }
  }
  const n = Math.max(0, ...columns.map((c) => c.values.length));
  const lines = [columns.map((c) => c.name).join(',')];
  for (let i = 0; i < n; i++) lines.push(columns.map((c) => cell(c.values[i])).join(','));
  if (
    !INDEPENDENT_SAMPLES.has(endpoint.name) &&
    new Set(columns.map((c) => c.values.length)).size > 1
  ) {
    throw new Error(`${endpoint.name}: paired columns of different lengths have no CSV form`);
  }
  return { csv: `${lines.join('\n')}\n`, query };
}

/** `?x=x&y=y` */
export function queryText(query: Record<string, string>): string {
  const q = new URLSearchParams(query).toString().replaceAll('%2C', ',');
  return q === '' ? '' : `?${q}`;
}
