/**
 * The analytics API's input: GET /analyses/{name}/results?series=&from=&to=
 * and GET /analyses/{name}/runs. Unknown analysis: 404; bad or missing
 * parameters: 400; each message says what to send instead.
 */
import { HttpError } from '../http/errors';

/** A 400 (bad parameter) or 404 (unknown analysis) in the API's usual error body. */
const badRequest = (message: string) => new HttpError(400, 'invalid_request', message);
const notFound = (message: string) => new HttpError(404, 'not_found', message);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** A `from`/`to` bound as an ISO instant: a date alone is that day's 00:00Z (from) or the next day's (to, exclusive). */
function bound(name: 'from' | 'to', value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (DATE.test(value)) {
    const day = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== value) {
      throw badRequest(`${name}=${value} is not a real date`);
    }
    return new Date(day + (name === 'to' ? 86_400_000 : 0)).toISOString();
  }
  if (INSTANT.test(value) && !Number.isNaN(Date.parse(value)))
    return new Date(Date.parse(value)).toISOString();
  throw badRequest(
    `${name}=${JSON.stringify(value)} is not a date; use yyyy-mm-dd or an ISO 8601 instant with a zone (2026-03-01T12:00:00Z)`,
  );
}

export function checkAnalysis(name: string | undefined, known: readonly string[]): string {
  if (name === undefined || !known.includes(name)) {
    throw notFound(
      `no analysis named ${JSON.stringify(name ?? '')}; this stack declares ${known.length > 0 ? known.join(', ') : 'none'}`,
    );
  }
  return name;
}

export interface ResultsQuery {
  readonly analysis: string;
  readonly series: string;
  /** Inclusive lower bound on the period (ISO). */
  readonly from?: string;
  /** Exclusive upper bound on the period (ISO). */
  readonly to?: string;
  readonly flaggedOnly: boolean;
}

export function parseResultsQuery(
  name: string | undefined,
  query: Record<string, string | undefined>,
  known: readonly string[],
): ResultsQuery {
  const analysis = checkAnalysis(name, known);
  const allowed = new Set(['series', 'from', 'to', 'flagged']);
  const extra = Object.keys(query).filter((k) => !allowed.has(k));
  if (extra.length > 0) {
    throw badRequest(
      `unknown query parameter ${extra.join(', ')}; use series, from, to and flagged`,
    );
  }
  const series = query.series;
  if (series === undefined || series === '') {
    throw badRequest('series is required: GET /analyses/{name}/results?series=<id>[&from=&to=]');
  }
  const from = bound('from', query.from);
  const to = bound('to', query.to);
  if (from !== undefined && to !== undefined && from >= to) {
    throw badRequest(`from (${query.from}) must be before to (${query.to})`);
  }
  const flagged = query.flagged;
  if (flagged !== undefined && flagged !== 'true' && flagged !== 'false') {
    throw badRequest(`flagged=${JSON.stringify(flagged)}: use true or false`);
  }
  return { analysis, series, from, to, flaggedOnly: flagged === 'true' };
}
