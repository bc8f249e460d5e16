/**
 * The Lambda Invoke endpoint moto's Step Functions executor calls.
 *
 * moto runs a state machine's `arn:aws:states:::lambda:invoke` tasks by
 * calling Lambda with boto3 at `http://localhost:$MOTO_PORT`, and moto's own
 * Lambda needs Docker to invoke. So moto is started with MOTO_PORT set to
 * this proxy: `POST /2015-03-31/functions/{name}/invocations` is served by
 * the local runtime (the deployed code, as Lambda runs it), and every other
 * request is forwarded to moto unchanged. What runs is the emulator's
 * execution of the deployed state machine; nothing here orchestrates.
 *
 * Two more calls are answered here, Step Functions operations the AWS
 * provider makes and moto 5.2 lacks (it answers 500, and the provider
 * retries for minutes): ValidateStateMachineDefinition, answered "OK"
 * (moto's executing parser checks the definition itself when the state
 * machine is created, and rejects what it cannot run), and
 * ListStateMachineVersions, answered with no versions (none are published).
 */
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { functionNameFromUri } from './deployment';
import type { InvokeOutcome } from './runtime/types';

/** What the proxy needs of the local runtime. */
export interface Invoker {
  has(name: string): boolean;
  invoke(name: string, event: unknown): Promise<InvokeOutcome>;
}

/** A test hook: return an error message to fail this invocation as Lambda's service would. */
export type FaultInjector = (functionName: string, event: unknown) => string | undefined;

export interface InvokeProxy {
  port: number;
  url: string;
  /** Serve invocations from this runtime (until then they are forwarded to moto). */
  setRuntime(runtime: Invoker | undefined): void;
  setFaults(faults: FaultInjector | undefined): void;
  /** Invocations served, by function name. */
  readonly served: Map<string, number>;
  close(): Promise<void>;
}

/** Step Functions operations moto lacks, with the answer the provider needs. */
const MISSING_IN_MOTO: Record<string, unknown> = {
  'AWSStepFunctions.ValidateStateMachineDefinition': { result: 'OK', diagnostics: [] },
  'AWSStepFunctions.ListStateMachineVersions': { stateMachineVersions: [] },
};
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/** `name`, `name:qualifier`, a full function ARN (URL-encoded in the path) -> name. */
export function invokedFunctionName(encoded: string): string {
  const raw = decodeURIComponent(encoded);
  return functionNameFromUri(raw) ?? raw.split(':')[0]!;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return { status, body: Buffer.from(JSON.stringify(body)), headers };
}

async function serveInvoke(
  runtime: Invoker,
  name: string,
  body: Buffer,
  faults: FaultInjector | undefined,
  served: Map<string, number>,
) {
  if (!runtime.has(name)) {
    return json(
      404,
      { Type: 'User', message: `Function not found: ${name}` },
      { 'x-amzn-errortype': 'ResourceNotFoundException' },
    );
  }
  let event: unknown = null;
  try {
    event = body.length ? JSON.parse(body.toString('utf8')) : null;
  } catch {
    return json(
      400,
      { Type: 'User', message: 'Could not parse request body into json' },
      { 'x-amzn-errortype': 'InvalidRequestContentException' },
    );
  }
  served.set(name, (served.get(name) ?? 0) + 1);
  const fault = faults?.(name, event);
  if (fault !== undefined) {
    return json(
      200,
      { errorType: 'Lambda.ServiceException', errorMessage: fault, trace: [] },
      { 'x-amz-function-error': 'Unhandled', 'x-amz-executed-version': '$LATEST' },
    );
  }
  const outcome = await runtime.invoke(name, event);
  const common = { 'x-amz-executed-version': '$LATEST', 'x-amzn-requestid': outcome.requestId };
  if (outcome.kind === 'success') return json(200, outcome.payload, common);
  if (outcome.kind === 'functionError') {
    return json(200, outcome.error, { ...common, 'x-amz-function-error': 'Unhandled' });
  }
  return json(
    429,
    { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', message: outcome.message },
    { ...common, 'x-amzn-errortype': 'TooManyRequestsException' },
  );
}

/** Starts the proxy on 127.0.0.1 (a free port unless `port` is given), forwarding to `target`. */
export async function startInvokeProxy(options: {
  target: () => string | undefined;
  port?: number;
}): Promise<InvokeProxy> {
  let runtime: Invoker | undefined;
  let faults: FaultInjector | undefined;
  const served = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const m = req.method === 'POST' ? path.match(INVOKE_PATH) : null;
    if (m && runtime) {
      const rt = runtime;
      readAll(req)
        .then((body) => serveInvoke(rt, invokedFunctionName(m[1]!), body, faults, served))
        .catch((error: unknown) =>
          json(500, { message: String(error) }, { 'x-amzn-errortype': 'ServiceException' }),
        )
        .then((reply) => {
          res.writeHead(reply.status, {
            'content-type': 'application/json',
            'content-length': String(reply.body.length),
            ...reply.headers,
          });
          res.end(reply.body);
        });
      return;
    }
    const target = String(req.headers['x-amz-target'] ?? '');
    if (req.method === 'POST' && Object.hasOwn(MISSING_IN_MOTO, target)) {
      const body = Buffer.from(JSON.stringify(MISSING_IN_MOTO[target]));
      req.resume();
      res.writeHead(200, {
        'content-type': 'application/x-amz-json-1.0',
        'content-length': String(body.length),
      });
      res.end(body);
      return;
    }
    const upstreamUrl = options.target();
    if (!upstreamUrl) {
      res.writeHead(503).end('the emulator is not up yet');
      return;
    }
    const url = new URL(req.url ?? '/', upstreamUrl);
    const upstream = request(
      url,
      { method: req.method, headers: { ...req.headers, host: url.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    setRuntime: (r) => {
      runtime = r;
    },
    setFaults: (f) => {
      faults = f;
    },
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
