/**
 * The playground's Lambda function: GET /playground answers the page (one
 * self-contained HTML file: script, styles and the plotting library inline,
 * nothing fetched from elsewhere), GET /openapi.json the API document the
 * page reads its statistics from (the deployed API has no other route for
 * it). Both are built in (build.ts), so the function has no dependencies,
 * reads nothing at run time and needs no layer.
 */

declare const __PAGE_HTML__: string;
declare const __OPENAPI_JSON__: string;
declare const __CSP__: string;

interface HttpEvent {
  rawPath?: string;
  path?: string;
  requestContext?: { http?: { method?: string } };
  httpMethod?: string;
}

interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export async function handler(event: HttpEvent): Promise<HttpResult> {
  const method = event.requestContext?.http?.method ?? event.httpMethod ?? 'GET';
  const path = event.rawPath ?? event.path ?? '/playground';
  if (method !== 'GET' && method !== 'HEAD') {
    return text(405, `${method} is not allowed here: the playground answers GET only.`, {
      allow: 'GET, HEAD',
    });
  }
  if (path.endsWith('/openapi.json')) {
    return {
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        'cache-control': 'no-cache',
        ...SECURITY_HEADERS,
      },
      body: __OPENAPI_JSON__,
    };
  }
  if (path.endsWith('/playground') || path.endsWith('/playground/')) {
    return {
      statusCode: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-cache',
        'content-security-policy': __CSP__,
        ...SECURITY_HEADERS,
      },
      body: method === 'HEAD' ? '' : __PAGE_HTML__,
    };
  }
  return text(404, `Nothing at ${path}: the playground is at /playground.`);
}

function text(statusCode: number, message: string, extra: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...SECURITY_HEADERS, ...extra },
    body: JSON.stringify({
      error: {
        code: statusCode === 404 ? 'not_found' : 'method_not_allowed',
        message,
        details: {},
      },
    }),
  };
}
