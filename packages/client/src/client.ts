/**
 * createClient(options) returns one async function per operation of the API
 * document (src/routes.gen.ts), typed by the document's schemas
 * (src/api.gen.ts): `client.linregress({ x, y })` resolves to the
 * linregress response or rejects with an ApiError / NetworkError.
 *
 * An operation's arguments, in order: its path and query parameters as one
 * object (when it has path parameters, e.g. `client.getJob({ id })` for
 * `GET /jobs/{id}`, or query parameters and no body), its JSON body (when it
 * takes one), then per-call options (`query` carries the query parameters
 * of a route with a body).
 */
import { AwsV4Signer } from 'aws4fetch';
import type { operations } from './api.gen';
import { type CredentialsOption, credentialGetter } from './credentials';
import { type ApiError, ClientUsageError, NetworkError, toApiError } from './errors';
import {
  backoffDelay,
  type ResolvedRetry,
  type RetryOptions,
  resolveRetry,
  retryAfterMs,
  sleep,
} from './retry';
import { type OperationId, routes } from './routes.gen';

export type { OperationId };

type Op<K extends OperationId> = operations[K];
type JsonOf<C> = C extends { content: { 'application/json': infer B } } ? B : undefined;

/** The JSON body an operation takes (never when it takes none). */
export type RequestBody<K extends OperationId> =
  Op<K> extends { requestBody: infer R } ? JsonOf<R> : never;

type Responses<K extends OperationId> = Op<K>['responses'];
/** What an operation resolves to: its 200 (else 201, 202) JSON body. */
export type ResponseBody<K extends OperationId> =
  Responses<K> extends { 200: infer R }
    ? JsonOf<R>
    : Responses<K> extends { 201: infer R }
      ? JsonOf<R>
      : Responses<K> extends { 202: infer R }
        ? JsonOf<R>
        : undefined;

type Present<T> = [NonNullable<T>] extends [never] ? unknown : NonNullable<T>;
type ParametersOf<K extends OperationId> = Op<K>['parameters'];
type PathOf<K extends OperationId> = Present<ParametersOf<K>['path']>;
type QueryOf<K extends OperationId> = Present<ParametersOf<K>['query']>;
type Has<T> = [keyof T] extends [never] ? false : true;
type HasBody<K extends OperationId> = [RequestBody<K>] extends [never] ? false : true;
/**
 * Whether an operation takes a leading parameters object: when it has path
 * parameters, or query parameters and no body. (The query parameters of an
 * operation with a body, such as the CSV column mapping of the scipy
 * routes, go in the call options' `query`.)
 */
type Leading<K extends OperationId> =
  Has<PathOf<K>> extends true
    ? true
    : Has<QueryOf<K>> extends true
      ? HasBody<K> extends true
        ? false
        : true
      : false;
/** An operation's leading parameters: its path and query parameters, as one object. */
export type Params<K extends OperationId> = PathOf<K> & QueryOf<K>;

type QueryValue = string | number | boolean | readonly (string | number | boolean)[];

/** Per-call settings; they override the client's. */
export interface CallOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Query parameters beside the leading parameters object (e.g. of a route with a body). */
  query?: Record<string, QueryValue | undefined>;
  retry?: RetryOptions;
  timeoutMs?: number;
}

export type OperationArgs<K extends OperationId> = [
  ...(Leading<K> extends true ? [params: Params<K>] : []),
  ...([RequestBody<K>] extends [never] ? [] : [body: RequestBody<K>]),
  options?: CallOptions,
];

export type LambdaStatsClient = {
  readonly [K in OperationId]: (...args: OperationArgs<K>) => Promise<ResponseBody<K>>;
};

export interface ClientOptions {
  /**
   * The API's base URL: what `pnpm start` prints (http://127.0.0.1:3000) or
   * the `api_url` output of a deployed stack.
   */
  baseUrl: string;
  /**
   * Sign every request with SigV4 (routes with AWS_IAM auth need it):
   * `{ accessKeyId, secretAccessKey, sessionToken? }`, a function returning
   * them, or `'default'` for the AWS SDK's default chain (Node, with
   * `@aws-sdk/credential-provider-node` installed). Unset: not signed.
   */
  credentials?: CredentialsOption;
  /** Signing region (default: from an execute-api host name, else us-east-1). */
  region?: string;
  /** Signing service (default `execute-api`). */
  service?: string;
  retry?: RetryOptions;
  /** Per-attempt timeout (default 30 000 ms, API Gateway's own integration limit). */
  timeoutMs?: number;
  /** Sent with every request (e.g. a user agent). */
  headers?: Record<string, string>;
  /** A fetch implementation (default: the global fetch of Node 20+ or the browser). */
  fetch?: typeof fetch;
}

/** `eu-central-1` from `https://abc.execute-api.eu-central-1.amazonaws.com`, else undefined. */
export function regionOfUrl(url: URL): string | undefined {
  return url.hostname.match(/\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/)?.[1];
}

function buildUrl(
  base: URL,
  route: RouteTable[string],
  params: Record<string, unknown>,
  operation: string,
  extraQuery: CallOptions['query'] = {},
): URL {
  let path = route.path;
  for (const name of route.pathParams) {
    const value = params[name];
    if (value === undefined || value === null || value === '') {
      throw new ClientUsageError(`${operation} needs the path parameter "${name}" (${route.path})`);
    }
    const encoded = String(value).split('/').map(encodeURIComponent).join('/');
    path = path.replace(new RegExp(`\\{${name}\\+?\\}`), encoded);
  }
  const url = new URL(base.href.replace(/\/$/, '') + path);
  const query: [string, unknown][] = [
    ...route.queryParams.map((name): [string, unknown] => [name, params[name]]),
    ...Object.entries(extraQuery),
  ];
  for (const [name, value] of query) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value])
      url.searchParams.append(name, String(v));
  }
  return url;
}

/** A route table's shape (src/routes.gen.ts is one). */
export type RouteTable = Record<
  string,
  {
    readonly method: string;
    readonly path: string;
    readonly pathParams: readonly string[];
    readonly queryParams: readonly string[];
    readonly hasBody: boolean;
  }
>;

/** The client of the API document's operations (src/routes.gen.ts). */
export function createClient(options: ClientOptions): LambdaStatsClient {
  return createClientFor(routes, options) as unknown as LambdaStatsClient;
}

/**
 * An untyped client over any route table: what createClient builds on, and
 * a way to call routes the committed document does not have yet.
 */
export function createClientFor<T extends RouteTable>(
  table: T,
  options: ClientOptions,
): { readonly [K in keyof T]: (...args: unknown[]) => Promise<unknown> } {
  const parsed = URL.canParse(options.baseUrl) ? new URL(options.baseUrl) : undefined;
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new ClientUsageError(
      `baseUrl must be an absolute http(s) URL such as http://127.0.0.1:3000 (got ${JSON.stringify(options.baseUrl)})`,
    );
  }
  const base: URL = parsed;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const getCredentials = credentialGetter(options.credentials);
  const region = options.region ?? regionOfUrl(base) ?? 'us-east-1';
  const service = options.service ?? 'execute-api';
  const clientRetry = resolveRetry(options.retry);

  async function call(operation: string, args: unknown[]): Promise<unknown> {
    const route = table[operation]!;
    let i = 0;
    const leading = route.pathParams.length > 0 || (route.queryParams.length > 0 && !route.hasBody);
    const params = (leading ? (args[i++] ?? {}) : {}) as Record<string, unknown>;
    const body = route.hasBody ? args[i++] : undefined;
    const call = (args[i] ?? {}) as CallOptions;
    if (route.hasBody && body === undefined) {
      throw new ClientUsageError(`${operation} needs a request body`);
    }
    const retry: ResolvedRetry = call.retry
      ? resolveRetry({ ...clientRetry, ...call.retry })
      : clientRetry;
    const url = buildUrl(base, route, params, operation, call.query);
    const text = body === undefined ? undefined : JSON.stringify(body);
    const timeoutMs = call.timeoutMs ?? options.timeoutMs ?? 30_000;

    for (let attempt = 1; ; attempt += 1) {
      const headers: Record<string, string> = {
        accept: 'application/json',
        ...(text === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
        ...call.headers,
      };
      let request: { url: string; method: string; headers: Headers | Record<string, string> } = {
        url: url.href,
        method: route.method,
        headers,
      };
      if (getCredentials) {
        const creds = await getCredentials();
        const signer = new AwsV4Signer({
          url: url.href,
          method: route.method,
          headers,
          body: text ?? null,
          accessKeyId: creds.accessKeyId,
          secretAccessKey: creds.secretAccessKey,
          sessionToken: creds.sessionToken,
          service,
          region,
        });
        const signed = await signer.sign();
        request = { url: signed.url.href, method: signed.method, headers: signed.headers };
      }
      const signals = [AbortSignal.timeout(timeoutMs), ...(call.signal ? [call.signal] : [])];
      let response: Response;
      try {
        response = await doFetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: text ?? null,
          signal: AbortSignal.any(signals),
        });
      } catch (cause) {
        if (call.signal?.aborted) throw cause;
        if (attempt >= retry.maxAttempts) {
          const why = cause instanceof Error ? cause.message : String(cause);
          throw new NetworkError(
            `${operation}: no answer from ${url.origin} after ${attempt} attempt${attempt > 1 ? 's' : ''} (${why})`,
            attempt,
            cause,
          );
        }
        await sleep(backoffDelay(attempt - 1, retry), call.signal);
        continue;
      }
      const payload = await response.text();
      if (response.ok) {
        return payload === '' ? undefined : JSON.parse(payload);
      }
      const error: ApiError = toApiError(
        response.status,
        payload,
        response.headers,
        operation,
        attempt,
      );
      if (attempt >= retry.maxAttempts || !retry.retryOn(response.status)) throw error;
      const after = retryAfterMs(response.headers.get('retry-after'));
      if (after !== undefined && after > retry.maxRetryAfterMs) throw error;
      await sleep(Math.max(after ?? 0, backoffDelay(attempt - 1, retry)), call.signal);
    }
  }

  const client: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const operation of Object.keys(table)) {
    client[operation] = (...args: unknown[]) => call(operation, args);
  }
  return Object.freeze(client) as {
    readonly [K in keyof T]: (...args: unknown[]) => Promise<unknown>;
  };
}
