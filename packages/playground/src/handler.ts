/**
 * The playground's Lambda function: GET /playground answers the page (one
 * self-contained HTML file: script, styles and the plotting library inline,
 * nothing fetched from elsewhere), GET /openapi.json the API document the
 * page reads its statistics from (the deployed API has no other route for
 * it). Both are built in (build.ts), so the function has no dependencies,
 * needs no layer. At cold start it reads two things from its environment
 * (set by infra): the stack's scheduled analyses, written into the page as a
 * JSON data block (`#stack-config`) so the page can offer their results, and
 * where presigned uploads go (the data bucket's S3 origin, or the local
 * emulator's), added to the page's `connect-src` so a large file can be PUT
 * there from the browser.
 */

import { type PlaygroundEnv, playgroundEnv } from './env';

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

/** The marker build.ts leaves in the page for the stack's settings (a JSON data block, never run). */
const CONFIG_MARKER = '{"analyses":[]}';

/** The page with this stack's settings, and its CSP allowing the upload origin. */
export function servedPage(
  html: string,
  csp: string,
  env: PlaygroundEnv,
): { html: string; csp: string } {
  // `<` escaped so the block can never close its script element early.
  const config = JSON.stringify({ analyses: env.analyses }).replace(/</g, '\\u003c');
  const origin = env.uploadOrigin;
  return {
    html: html.replace(CONFIG_MARKER, () => config),
    csp: origin ? csp.replace("connect-src 'self'", `connect-src 'self' ${origin}`) : csp,
  };
}

let page: { html: string; csp: string } | undefined;

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
    page ??= servedPage(__PAGE_HTML__, __CSP__, playgroundEnv());
    return {
      statusCode: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-cache',
        'content-security-policy': page.csp,
        ...SECURITY_HEADERS,
      },
      body: method === 'HEAD' ? '' : page.html,
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
