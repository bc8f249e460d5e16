/**
 * CORS as an API Gateway HTTP API does it when the API has a CORS
 * configuration (docs: "Configure CORS for HTTP APIs in API Gateway"):
 *
 * - it answers preflight requests (OPTIONS with Origin and
 *   Access-Control-Request-Method) itself, before any route or authorizer,
 *   even when no OPTIONS route exists: 204, with the configured headers
 *   when the Origin is allowed and none otherwise;
 * - on every other response it drops CORS headers the integration returned
 *   and adds the configured ones, when the request's Origin is allowed.
 *
 * With no CORS configuration nothing here runs: OPTIONS is routed like any
 * method, and the integration's headers pass through untouched.
 */
import type { CorsConfiguration } from './deployment';

type Headers = Record<string, string | string[]>;

const lower = (xs: string[]) => xs.map((x) => x.toLowerCase());

/** Whether `origin` is allowed: `*`, or an exact (case-insensitive) match. */
export function originAllowed(cors: CorsConfiguration, origin: string): boolean {
  return cors.allowOrigins.some((o) => o === '*' || o.toLowerCase() === origin.toLowerCase());
}

/** The Access-Control-Allow-Origin value for an allowed origin. */
function allowOriginValue(cors: CorsConfiguration, origin: string): string {
  const exact = cors.allowOrigins.some((o) => o.toLowerCase() === origin.toLowerCase());
  return !exact && cors.allowOrigins.includes('*') && !cors.allowCredentials ? '*' : origin;
}

export function isPreflight(method: string, headers: Record<string, string[]>): boolean {
  return (
    method.toUpperCase() === 'OPTIONS' &&
    headers.origin !== undefined &&
    headers['access-control-request-method'] !== undefined
  );
}

/** The headers of the 204 answer to a preflight request (empty when the origin is not allowed). */
export function preflightHeaders(cors: CorsConfiguration, origin: string): Headers {
  if (!originAllowed(cors, origin)) return {};
  const out: Headers = { 'access-control-allow-origin': allowOriginValue(cors, origin) };
  if (out['access-control-allow-origin'] !== '*') out.vary = 'Origin';
  if (cors.allowMethods.length > 0)
    out['access-control-allow-methods'] = cors.allowMethods.join(',');
  if (cors.allowHeaders.length > 0) {
    out['access-control-allow-headers'] = lower(cors.allowHeaders).join(',');
  }
  if (cors.allowCredentials) out['access-control-allow-credentials'] = 'true';
  if (cors.maxAge !== undefined) out['access-control-max-age'] = String(cors.maxAge);
  return out;
}

/** A response's headers with the integration's CORS headers replaced by the configured ones. */
export function withCorsHeaders(
  cors: CorsConfiguration,
  origin: string | undefined,
  headers: Headers,
): Headers {
  const out: Headers = {};
  for (const [k, v] of Object.entries(headers)) {
    if (!k.toLowerCase().startsWith('access-control-')) out[k] = v;
  }
  if (origin === undefined || !originAllowed(cors, origin)) return out;
  out['access-control-allow-origin'] = allowOriginValue(cors, origin);
  if (out['access-control-allow-origin'] !== '*') {
    const vary = out.vary;
    out.vary = vary === undefined ? 'Origin' : `${String(vary)}, Origin`;
  }
  if (cors.exposeHeaders.length > 0) {
    out['access-control-expose-headers'] = lower(cors.exposeHeaders).join(',');
  }
  if (cors.allowCredentials) out['access-control-allow-credentials'] = 'true';
  return out;
}
