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

/** What the page learns about its stack: the names of the scheduled analyses. */
export function stackConfig(env: NodeJS.ProcessEnv): { analyses: string[] } {
  const analyses = (env.LAMBDA_STATS_ANALYSES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^[A-Za-z0-9_-]{1,64}$/.test(s));
  return { analyses };
}

/**
 * The origin presigned upload URLs point at: the local emulator
 * (AWS_ENDPOINT_URL, set by the local runtime) or the data bucket's
 * regional virtual-hosted S3 endpoint, as the AWS SDK presigns it.
 */
export function uploadOrigin(env: NodeJS.ProcessEnv): string | undefined {
  if (env.AWS_ENDPOINT_URL) {
    try {
      return new URL(env.AWS_ENDPOINT_URL).origin;
    } catch {
      return undefined;
    }
  }
  const bucket = env.LAMBDA_STATS_DATA_BUCKET;
  const region = env.AWS_REGION;
  if (bucket && region && /^[a-z0-9.-]{3,63}$/.test(bucket) && /^[a-z0-9-]+$/.test(region))
    return `https://${bucket}.s3.${region}.amazonaws.com`;
  return undefined;
}

/** The page with this stack's settings, and its CSP allowing the upload origin. */
export function servedPage(
  html: string,
  csp: string,
  env: NodeJS.ProcessEnv,
): { html: string; csp: string } {
  // `<` escaped so the block can never close its script element early.
  const config = JSON.stringify(stackConfig(env)).replace(/</g, '\\u003c');
  const origin = uploadOrigin(env);
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
    page ??= servedPage(__PAGE_HTML__, __CSP__, process.env);
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
