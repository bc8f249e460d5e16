import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  apiRequestId,
  fromPayloadV2Result,
  gatewayError,
  type HttpResult,
  type IncomingRequest,
  matchRoute,
  toPayloadV2Event,
} from './apigw';
import { isPreflight, preflightHeaders, withCorsHeaders } from './cors';
import type { DeployedApi } from './deployment';
import type { LocalRuntime } from './runtime/runtime';
import { EMULATOR_CREDENTIALS, verifySigV4 } from './sigv4';

/** HTTP API payload limit (10 MB); the Lambda invoke payload limit (6 MB) applies to the event. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
const MAX_EVENT_BYTES = 6 * 1024 * 1024;

export interface FrontDoor {
  url: string;
  port: number;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Where the front door serves the API document (not an API Gateway route: local only). */
export const OPENAPI_PATH = '/openapi.json';

interface DoorContext {
  api: DeployedApi;
  runtime: LocalRuntime;
  accountId: string;
  region: string;
  credentials: ReadonlyMap<string, string>;
  openapi: Buffer | undefined;
}

async function handle(
  ctx: DoorContext,
  req: IncomingMessage,
  requestId: string,
): Promise<HttpResult> {
  const { api, runtime, accountId, openapi } = ctx;
  const body = await readBody(req);
  if (!body) return gatewayError(413, 'Request Entity Too Large');
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(req.headersDistinct))
    if (values) headers[name] = values;
  const origin = headers.origin?.[0];
  // CORS preflight: answered by API Gateway itself, before routes and authorizers.
  if (api.cors && origin !== undefined && isPreflight(req.method ?? 'GET', headers)) {
    return {
      statusCode: 204,
      headers: preflightHeaders(api.cors, origin),
      body: Buffer.alloc(0),
      preflight: true,
    };
  }
  const url = req.url ?? '/';
  let path = url.split('?')[0] ?? '/';
  if (api.stage !== '$default') {
    const prefix = `/${api.stage}`;
    if (path !== prefix && !path.startsWith(`${prefix}/`)) return gatewayError(404, 'Not Found');
    path = path.slice(prefix.length) || '/';
  }
  if (openapi && req.method === 'GET' && path === OPENAPI_PATH) {
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: openapi,
    };
  }
  const match = matchRoute(api.routes, req.method ?? 'GET', path);
  if (!match) return gatewayError(404, 'Not Found');
  const fn = match.route.functionName;
  if (!fn || !runtime.has(fn)) return gatewayError(500, 'Internal Server Error');
  if (match.route.payloadFormatVersion !== '2.0') return gatewayError(500, 'Internal Server Error');
  let iamKey: string | undefined;
  if (match.route.authorizationType === 'AWS_IAM') {
    const verdict = verifySigV4(
      { method: req.method ?? 'GET', url, headers, body },
      { credentials: ctx.credentials, region: ctx.region },
    );
    if (!verdict.ok) {
      return gatewayError(403, verdict.message, { 'x-amzn-errortype': verdict.errorType });
    }
    iamKey = verdict.accessKeyId;
  }
  const incoming: IncomingRequest = {
    method: req.method ?? 'GET',
    url,
    headers,
    body,
    sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
  };
  const event = toPayloadV2Event(incoming, {
    apiId: api.apiId,
    stage: api.stage,
    accountId,
    requestId,
    match,
    ...(iamKey !== undefined ? { iamAccessKey: iamKey } : {}),
  });
  if (Buffer.byteLength(JSON.stringify(event)) > MAX_EVENT_BYTES)
    return gatewayError(413, 'Request Entity Too Large');

  let timer: NodeJS.Timeout | undefined;
  const integrationTimeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), match.route.integrationTimeoutMs);
  });
  const outcome = await Promise.race([runtime.invoke(fn, event), integrationTimeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') return gatewayError(503, 'Service Unavailable');
  if (outcome.kind === 'throttled') return gatewayError(429, 'Too Many Requests');
  if (outcome.kind === 'functionError') return gatewayError(502, 'Internal Server Error');
  return fromPayloadV2Result(outcome.payload);
}

/**
 * The API's front door on loopback: each request is routed by the API's
 * routes, turned into a payload 2.0 event, run on the local runtime, and the
 * result mapped back by API Gateway's rules. Function errors are 502,
 * throttling 429, an integration timeout 503, no route 404. GET /openapi.json
 * answers the API document (`openapi`), a convenience of the local stack only.
 */
export async function startFrontDoor(options: {
  api: DeployedApi;
  runtime: LocalRuntime;
  port?: number;
  accountId?: string;
  access?: (line: string) => void;
  /** The OpenAPI document served at GET /openapi.json (404 when absent). */
  openapi?: Buffer;
  /** Region that SigV4 credential scopes must name (default us-east-1). */
  region?: string;
  /** Access key id -> secret accepted on AWS_IAM routes (default: the emulator's test/test). */
  credentials?: ReadonlyMap<string, string>;
}): Promise<FrontDoor> {
  const { api } = options;
  const ctx: DoorContext = {
    api,
    runtime: options.runtime,
    accountId: options.accountId ?? '123456789012',
    region: options.region ?? 'us-east-1',
    credentials: options.credentials ?? EMULATOR_CREDENTIALS,
    openapi: options.openapi,
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const requestId = apiRequestId();
    const started = performance.now();
    handle(ctx, req, requestId)
      .catch(() => gatewayError(500, 'Internal Server Error'))
      .then((result) => {
        const headers =
          api.cors && !result.preflight
            ? withCorsHeaders(api.cors, req.headers.origin, result.headers)
            : result.headers;
        res.writeHead(result.statusCode, {
          ...headers,
          'apigw-requestid': requestId,
          'content-length': String(result.body.length),
        });
        res.end(result.body);
        options.access?.(
          `${req.method} ${req.url} ${result.statusCode} ${(performance.now() - started).toFixed(1)} ms ${requestId}`,
        );
      });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const prefix = api.stage === '$default' ? '' : `/${api.stage}`;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
