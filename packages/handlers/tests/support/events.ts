import { readFileSync } from 'node:fs';

/** A recorded event fixture from tests/events (parsed fresh on every call). */
export function fixture(name: string): Record<string, unknown> & { body?: unknown } {
  return JSON.parse(readFileSync(new URL(`../events/${name}.json`, import.meta.url), 'utf8'));
}

/** An HTTP API (payload 2.0) POST with a JSON body. */
export function httpEvent(
  body: string,
  overrides: { method?: string; headers?: Record<string, string>; isBase64Encoded?: boolean } = {},
) {
  const event = fixture('http-api-v2');
  event.body = body;
  event.isBase64Encoded = overrides.isBase64Encoded ?? false;
  (event.requestContext as { http: { method: string } }).http.method = overrides.method ?? 'POST';
  event.headers = overrides.headers ?? { 'content-type': 'application/json' };
  return event;
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export const context = { awsRequestId: 'test-request-id', functionName: 'linregress' };
