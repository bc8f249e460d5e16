/**
 * Client-facing errors. Every fault the caller can fix is an HttpError with
 * a 4xx status, a stable machine-readable `code`, a `message` that says what
 * to change, and `details` with the specifics.
 */

/** Every error code a response can carry (the API document lists them from here). */
export const errorCodes = [
  'malformed_json',
  'invalid_body_encoding',
  'missing_body',
  'invalid_request',
  'unprocessable_input',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'invalid_csv',
  'unknown_column',
  'not_found',
  'conflict',
  'unsupported_statistic',
  'dataset_not_uploaded',
  'internal_error',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> };
}

export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly statusCode: number;
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  /** Extra response headers, e.g. `Allow` on a 405. */
  readonly headers: Record<string, string>;

  constructor(
    statusCode: number,
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options: { cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message, { cause: options.cause });
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
    this.headers = options.headers ?? {};
  }

  toJSON(): ErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}
