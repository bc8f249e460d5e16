// API Gateway HTTP API (v2) rules: route selection, the payload 2.0 event,
// and turning a Lambda result back into an HTTP response.
import { randomBytes } from 'node:crypto';
import type { DeployedRoute } from './deployment';

export interface IncomingRequest {
  method: string;
  /** Path and query as received, e.g. `/linregress?x=1`. */
  url: string;
  /** Header name (lower case) -> values in arrival order. */
  headers: Record<string, string[]>;
  body: Buffer;
  sourceIp: string;
}

export interface RouteMatch {
  route: DeployedRoute;
  pathParameters?: Record<string, string>;
}

interface ParsedRouteKey {
  method: string;
  segments: string[];
}

function parseRouteKey(routeKey: string): ParsedRouteKey | undefined {
  const m = routeKey.match(/^(\S+)\s+(\/\S*)$/);
  if (!m) return undefined;
  return { method: m[1]!.toUpperCase(), segments: m[2]!.split('/').filter(Boolean) };
}

/**
 * Selects the route for a request as API Gateway does: the most specific
 * path wins (literal segments over `{param}`, `{param}` over a greedy
 * `{proxy+}`), a route for the exact method over `ANY`, `$default` last.
 */
export function matchRoute(
  routes: DeployedRoute[],
  method: string,
  path: string,
): RouteMatch | undefined {
  const parts = path.split('/').filter(Boolean);
  let best: { score: number[]; match: RouteMatch } | undefined;
  for (const route of routes) {
    const key = parseRouteKey(route.routeKey);
    if (!key) continue;
    if (key.method !== 'ANY' && key.method !== method.toUpperCase()) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    let greedy = 0;
    let ok = true;
    for (let i = 0; i < key.segments.length && ok; i += 1) {
      const seg = key.segments[i]!;
      const greedyMatch = seg.match(/^\{(.+)\+\}$/);
      if (greedyMatch && i === key.segments.length - 1) {
        if (parts.length <= i) ok = false;
        else params[greedyMatch[1]!] = parts.slice(i).map(decodeURIComponent).join('/');
        greedy = 1;
        break;
      }
      const part = parts[i];
      if (part === undefined) ok = false;
      else if (/^\{.+\}$/.test(seg)) params[seg.slice(1, -1)] = decodeURIComponent(part);
      else if (seg === part) literals += 1;
      else ok = false;
    }
    if (!ok || (!greedy && parts.length !== key.segments.length)) continue;
    const score = [1 - greedy, literals, key.segments.length, key.method === 'ANY' ? 0 : 1];
    if (!best || compare(score, best.score) > 0) {
      best = {
        score,
        match: { route, pathParameters: Object.keys(params).length ? params : undefined },
      };
    }
  }
  if (best) return best.match;
  const fallback = routes.find((r) => r.routeKey === '$default');
  return fallback ? { route: fallback } : undefined;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Media types API Gateway passes as text; any other body is base64-encoded. */
function isTextual(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const t = contentType.split(';')[0]!.trim().toLowerCase();
  return (
    t.startsWith('text/') ||
    t === 'application/json' ||
    t.endsWith('+json') ||
    t === 'application/xml' ||
    t.endsWith('+xml') ||
    t === 'application/javascript'
  );
}

/** An API Gateway style request id, e.g. `Kfo9ngkFIAMEMbw=`. */
export function apiRequestId(): string {
  return randomBytes(10).toString('base64');
}

function clfTime(d: Date): string {
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export interface EventContext {
  apiId: string;
  stage: string;
  accountId: string;
  requestId: string;
  match: RouteMatch;
  /** The access key of a request an AWS_IAM route let through. */
  iamAccessKey?: string;
}

/** Builds the payload format 2.0 event API Gateway sends to a Lambda integration. */
export function toPayloadV2Event(req: IncomingRequest, ctx: EventContext): Record<string, unknown> {
  const qIndex = req.url.indexOf('?');
  const rawPath = qIndex === -1 ? req.url : req.url.slice(0, qIndex);
  const rawQueryString = qIndex === -1 ? '' : req.url.slice(qIndex + 1);
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, values] of Object.entries(req.headers)) {
    if (name === 'cookie') cookies = values.flatMap((v) => v.split(/;\s*/)).filter(Boolean);
    else headers[name] = values.join(',');
  }
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(rawQueryString))
    query[k] = k in query ? `${query[k]},${v}` : v;
  const now = new Date();
  const host = headers.host ?? '127.0.0.1';
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: ctx.match.route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: ctx.accountId,
      apiId: ctx.apiId,
      domainName: host,
      domainPrefix: host.split('.')[0],
      http: {
        method: req.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: req.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: ctx.requestId,
      routeKey: ctx.match.route.routeKey,
      ...(ctx.iamAccessKey !== undefined
        ? {
            authorizer: {
              iam: {
                accessKey: ctx.iamAccessKey,
                accountId: ctx.accountId,
                callerId: ctx.iamAccessKey,
                cognitoIdentity: null,
                principalOrgId: null,
                userArn: `arn:aws:iam::${ctx.accountId}:user/${ctx.iamAccessKey}`,
                userId: ctx.iamAccessKey,
              },
            },
          }
        : {}),
      stage: ctx.stage,
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    ...(ctx.match.pathParameters ? { pathParameters: ctx.match.pathParameters } : {}),
    isBase64Encoded: false,
  };
  if (req.body.length > 0) {
    const text = isTextual(headers['content-type']);
    event.body = text ? req.body.toString('utf8') : req.body.toString('base64');
    event.isBase64Encoded = !text;
  }
  return event;
}

export interface HttpResult {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** A CORS preflight answer: its headers are final. */
  preflight?: boolean;
}

export const gatewayError = (
  statusCode: number,
  message: string,
  headers: Record<string, string> = {},
): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(JSON.stringify({ message })),
});

/**
 * Turns a function's result into the HTTP response (payload format 2.0): a
 * result with `statusCode` is taken as {statusCode, headers, cookies, body,
 * isBase64Encoded}; any other JSON result is a 200 whose body is that JSON
 * (the plain-object shortcut). A malformed result is API Gateway's 500.
 */
export function fromPayloadV2Result(payload: unknown): HttpResult {
  const isResponse =
    payload !== null &&
    typeof payload === 'object' &&
    !Array.isArray(payload) &&
    'statusCode' in payload;
  if (!isResponse) {
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(payload)),
    };
  }
  const r = payload as Record<string, unknown>;
  const status = Number(r.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    return gatewayError(500, 'Internal Server Error');
  }
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') {
    return gatewayError(500, 'Internal Server Error');
  }
  const headers: Record<string, string | string[]> = {};
  if (r.headers && typeof r.headers === 'object') {
    for (const [k, v] of Object.entries(r.headers as Record<string, unknown>)) {
      if (v !== undefined && v !== null) headers[k.toLowerCase()] = String(v);
    }
  }
  if (Array.isArray(r.cookies) && r.cookies.length) headers['set-cookie'] = r.cookies.map(String);
  const text = typeof r.body === 'string' ? r.body : '';
  return {
    statusCode: status,
    headers,
    body: r.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
  };
}
