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
import type { DeployedApi } from './deployment';
import type { LocalRuntime } from './runtime/runtime';

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

async function handle(
  api: DeployedApi,
  runtime: LocalRuntime,
  accountId: string,
  req: IncomingMessage,
  requestId: string,
): Promise<HttpResult> {
  const body = await readBody(req);
  if (!body) return gatewayError(413, 'Request Entity Too Large');
  const url = req.url ?? '/';
  let path = url.split('?')[0] ?? '/';
  if (api.stage !== '$default') {
    const prefix = `/${api.stage}`;
    if (path !== prefix && !path.startsWith(`${prefix}/`)) return gatewayError(404, 'Not Found');
    path = path.slice(prefix.length) || '/';
  }
  const match = matchRoute(api.routes, req.method ?? 'GET', path);
  if (!match) return gatewayError(404, 'Not Found');
  const fn = match.route.functionName;
  if (!fn || !runtime.has(fn)) return gatewayError(500, 'Internal Server Error');
  if (match.route.payloadFormatVersion !== '2.0') return gatewayError(500, 'Internal Server Error');
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(req.headersDistinct))
    if (values) headers[name] = values;
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
 * throttling 429, an integration timeout 503, no route 404.
 */
export async function startFrontDoor(options: {
  api: DeployedApi;
  runtime: LocalRuntime;
  port?: number;
  accountId?: string;
  access?: (line: string) => void;
}): Promise<FrontDoor> {
  const { api, runtime } = options;
  const accountId = options.accountId ?? '123456789012';
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const requestId = apiRequestId();
    const started = performance.now();
    handle(api, runtime, accountId, req, requestId)
      .catch(() => gatewayError(500, 'Internal Server Error'))
      .then((result) => {
        res.writeHead(result.statusCode, {
          ...result.headers,
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
