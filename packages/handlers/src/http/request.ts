/**
 * Turns whatever Lambda was invoked with into the request payload, once:
 * API Gateway HTTP API (payload 2.0) and Function URL events, API Gateway
 * REST proxy (1.0) events, or a direct invocation whose event IS the
 * request object. HTTP checks run in the order a client would fix them:
 * method (405), content type (415), size (413), encoding and JSON (400).
 * A `Content-Type: text/csv` body is passed on as text with the query
 * string, for src/http/csv.ts to map onto the endpoint's fields.
 */
import { HttpError } from './errors';
import { readJson } from './json';

export type InvocationKind = 'http' | 'direct';

export interface ReadRequest {
  kind: InvocationKind;
  /** The parsed JSON body (or the direct event): not yet validated. */
  payload: unknown;
  /** API Gateway's own request id, when behind API Gateway or a Function URL. */
  apiRequestId?: string;
  /** A text/csv body: its text and the query string that maps its columns (payload is then undefined). */
  csv?: { text: string; query: Record<string, string> };
}

interface HttpShape {
  method: string;
  headers: Record<string, string>;
  body: string | null | undefined;
  isBase64Encoded: boolean;
  apiRequestId?: string;
  query: Record<string, string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Lower-cases header names; REST (1.0) events keep the client's casing, 2.0 events do not. */
function lowerHeaders(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(raw)) return out;
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') out[k.toLowerCase()] = v;
  return out;
}

/**
 * The query string's parameters. Both event formats carry
 * `queryStringParameters` (payload 2.0 joins a repeated name's values with
 * commas, which is how a list of columns is written anyway).
 */
function queryOf(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(raw)) return out;
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Recognises the two HTTP event formats; anything else is a direct invocation. */
function asHttp(event: unknown): HttpShape | undefined {
  if (!isRecord(event) || !isRecord(event.requestContext)) return undefined;
  const ctx = event.requestContext;
  const apiRequestId = typeof ctx.requestId === 'string' ? ctx.requestId : undefined;
  const body = typeof event.body === 'string' ? event.body : undefined;
  const isBase64Encoded = event.isBase64Encoded === true;
  // payload 2.0 (HTTP API) names the method in requestContext.http, 1.0 (REST) at the top
  const method =
    event.version === '2.0' && isRecord(ctx.http) && typeof ctx.http.method === 'string'
      ? ctx.http.method
      : typeof event.httpMethod === 'string'
        ? event.httpMethod
        : undefined;
  if (method === undefined) return undefined;
  const shape: HttpShape = {
    method,
    headers: lowerHeaders(event.headers),
    body,
    isBase64Encoded,
    query: queryOf(event.queryStringParameters),
  };
  if (apiRequestId !== undefined) shape.apiRequestId = apiRequestId;
  return shape;
}

const JSON_HINT = 'send the request as a JSON object with Content-Type: application/json';
const CSV_HINT =
  'or a CSV table with Content-Type: text/csv and the columns named in the query string (e.g. ?x=temp&y=kwh)';

/** 'json' or 'csv' from the Content-Type header; anything else is a 415. */
function mediaOf(headers: Record<string, string>): 'json' | 'csv' {
  const raw = headers['content-type'];
  if (raw === undefined) return 'json'; // no header: assume JSON, the body must still parse
  const [media = '', ...params] = raw.split(';').map((s) => s.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length);
  const jsonMedia = media === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(media);
  const csvMedia = media === 'text/csv';
  const utf8 = charset === undefined || /^"?utf-?8"?$/.test(charset);
  if ((!jsonMedia && !csvMedia) || !utf8) {
    throw new HttpError(
      415,
      'unsupported_media_type',
      `Content-Type "${raw}" is not accepted: ${JSON_HINT} (UTF-8), ${CSV_HINT}`,
      { received: raw, expected: ['application/json', 'text/csv'] },
    );
  }
  return csvMedia ? 'csv' : 'json';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function tooLarge(size: number, limit: number): HttpError {
  return new HttpError(
    413,
    'payload_too_large',
    `The request body is ${size} bytes, over the ${limit}-byte limit: send fewer points per request`,
    { limitBytes: limit, receivedBytes: size },
  );
}

/** The body as text, decoded from base64 if flagged, within the size limit. */
function bodyText(http: HttpShape, maxBytes: number): string {
  const body = http.body ?? '';
  if (http.isBase64Encoded) {
    // 4 base64 characters carry 3 bytes: reject before decoding a huge body
    const approx = Math.floor((body.length * 3) / 4);
    if (approx > maxBytes + 2) throw tooLarge(approx, maxBytes);
    const bytes = Buffer.from(body, 'base64');
    if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes);
    try {
      return utf8.decode(bytes);
    } catch (cause) {
      throw new HttpError(
        400,
        'invalid_body_encoding',
        'The request body is not valid UTF-8: send UTF-8 encoded JSON or CSV',
        {},
        { cause },
      );
    }
  }
  // a UTF-16 code unit is 1 to 3 UTF-8 bytes: measure only when it matters
  if (body.length > maxBytes) throw tooLarge(Buffer.byteLength(body, 'utf8'), maxBytes);
  if (body.length * 3 > maxBytes) {
    const size = Buffer.byteLength(body, 'utf8');
    if (size > maxBytes) throw tooLarge(size, maxBytes);
  }
  return body;
}

/**
 * Bodies shorter than this go straight to JSON.parse. The fast reader
 * gains on long arrays of numbers (0.7x JSON.parse's time on 10,000
 * points); on a short body JSON.parse takes microseconds either way, while
 * the reader's first use in a process compiles it, part of a cold start
 * whose first request is often small.
 */
export const FAST_READ_MIN = 4096;

export function readRequest(event: unknown, maxBodyBytes: number): ReadRequest {
  const http = asHttp(event);
  if (http === undefined) return { kind: 'direct', payload: event };

  const base: Omit<ReadRequest, 'payload'> = { kind: 'http' };
  if (http.apiRequestId !== undefined) base.apiRequestId = http.apiRequestId;
  if (http.method.toUpperCase() !== 'POST') {
    throw new HttpError(
      405,
      'method_not_allowed',
      `Method ${http.method} is not allowed: use POST with a JSON (or CSV) body`,
      { allowed: ['POST'], received: http.method },
      { headers: { allow: 'POST' } },
    );
  }
  const media = mediaOf(http.headers);
  const text = bodyText(http, maxBodyBytes);
  if (text.trim() === '') {
    throw new HttpError(
      400,
      'missing_body',
      media === 'csv'
        ? 'The request body is empty: send a header row naming the columns, then one row per observation'
        : `The request body is empty: ${JSON_HINT}`,
    );
  }
  if (media === 'csv') return { ...base, payload: undefined, csv: { text, query: http.query } };
  // the fast reader answers what JSON.parse would, or declines (then JSON.parse decides)
  const fast = text.length >= FAST_READ_MIN ? readJson(text) : undefined;
  if (fast !== undefined) return { ...base, payload: fast.value };
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new HttpError(
      400,
      'malformed_json',
      `The request body is not valid JSON (${reason}): ${JSON_HINT}`,
      { reason },
      { cause },
    );
  }
  return { ...base, payload };
}
