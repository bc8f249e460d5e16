/**
 * What a call can fail with. Every error is a LambdaStatsError, so one
 * `instanceof` catches them all; `ApiError` carries the HTTP status and the
 * API's `{"error": {code, message, details}}` (or API Gateway's own
 * `{"message"}` for a 403, 404, 429, 502 or 503 it answers itself).
 */

export class LambdaStatsError extends Error {
  override name = 'LambdaStatsError';
}

/** The body every 4xx and 5xx of a lambda-stats function carries. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export class ApiError extends LambdaStatsError {
  override name = 'ApiError';
  /** The HTTP status. */
  readonly status: number;
  /**
   * The API's stable reason (`invalid_request`, `unprocessable_input`, ...),
   * or `gateway_<status>` for an answer API Gateway gave itself (a failed
   * signature check, no route, throttling, a function that crashed).
   */
  readonly code: string;
  /** `details` of the API's error (issues, limits, request id). */
  readonly details: Record<string, unknown>;
  /** Which side answered: a function (`api`) or API Gateway itself (`gateway`). */
  readonly source: 'api' | 'gateway';
  /** The function's `x-request-id`, else API Gateway's `apigw-requestid`. */
  readonly requestId: string | undefined;
  /** The operation called, e.g. `linregress`. */
  readonly operation: string;
  /** How many attempts were made (retries included). */
  readonly attempts: number;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    details?: Record<string, unknown>;
    source: 'api' | 'gateway';
    requestId?: string | undefined;
    operation: string;
    attempts: number;
  }) {
    super(`${init.operation}: ${init.status} ${init.code}: ${init.message}`);
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? {};
    this.source = init.source;
    this.requestId = init.requestId;
    this.operation = init.operation;
    this.attempts = init.attempts;
  }

  /** The API's own message, without the operation and status prefix. */
  get apiMessage(): string {
    return this.message.replace(/^[^:]+: \d+ [^:]+: /, '');
  }
}

/** The request never got an HTTP answer (connection refused, DNS, timeout), after every retry. */
export class NetworkError extends LambdaStatsError {
  override name = 'NetworkError';
  readonly attempts: number;
  constructor(message: string, attempts: number, cause: unknown) {
    super(message, { cause });
    this.attempts = attempts;
  }
}

/** A bad argument to the client itself (a missing path parameter, a bad option). */
export class ClientUsageError extends LambdaStatsError {
  override name = 'ClientUsageError';
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads an error response's body into an ApiError. */
export function toApiError(
  status: number,
  text: string,
  headers: Headers,
  operation: string,
  attempts: number,
): ApiError {
  const requestId = headers.get('x-request-id') ?? headers.get('apigw-requestid') ?? undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (isRecord(body) && isRecord(body.error) && typeof body.error.code === 'string') {
    return new ApiError({
      status,
      code: body.error.code,
      message: String(body.error.message ?? ''),
      details: isRecord(body.error.details) ? body.error.details : {},
      source: 'api',
      requestId,
      operation,
      attempts,
    });
  }
  const message =
    isRecord(body) && typeof body.message === 'string'
      ? body.message
      : text.slice(0, 500) || `HTTP ${status}`;
  return new ApiError({
    status,
    code: `gateway_${status}`,
    message,
    source: 'gateway',
    requestId,
    operation,
    attempts,
  });
}
