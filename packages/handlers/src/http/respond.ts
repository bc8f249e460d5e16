/**
 * The one place errors become responses, and responses become what Lambda
 * returns for each kind of invocation.
 */
import { StatsInputError } from '@lambda-stats/stats-core';
import type * as v from 'valibot';
import { describeIssue, reportable } from '../schema';
import { type ErrorBody, HttpError } from './errors';
import type { InvocationKind } from './request';

/** At most this many issues are listed in `details.issues`; the rest are counted. */
const MAX_ISSUES = 20;

export function invalidRequest(
  all: readonly v.BaseIssue<unknown>[],
  entries: v.ObjectEntries,
): HttpError {
  const found = reportable(all);
  const issues = found.slice(0, MAX_ISSUES).map((i) => describeIssue(i, entries));
  const more = found.length - issues.length;
  const first = issues.slice(0, 3).map((i) => i.message);
  const rest = found.length - first.length;
  return new HttpError(
    400,
    'invalid_request',
    `Invalid request: ${first.join('; ')}${rest > 0 ? ` (and ${rest} more problems, see details.issues)` : ''}`,
    more > 0 ? { issues, moreIssues: more } : { issues },
  );
}

/**
 * valibot's object schemas take an array for an object (`typeof [] ===
 * 'object'`): a request must be a JSON object, so an array is refused here,
 * with the message a wrong type of any other kind gets.
 */
export function arrayRequest(payload: unknown, entries: v.ObjectEntries): HttpError | undefined {
  if (!Array.isArray(payload)) return undefined;
  const issue: v.BaseIssue<unknown> = {
    kind: 'schema',
    type: 'strict_object',
    input: payload,
    expected: 'Object',
    received: 'Array',
    message: 'Invalid type: Expected Object but received Array',
  };
  return invalidRequest([issue], entries);
}

const isStatsInputError = (err: unknown): err is Error =>
  err instanceof StatsInputError || (err instanceof Error && err.name === 'StatsInputError');

export interface MappedError {
  statusCode: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** True for faults of ours (5xx): logged at error level with the stack. */
  unexpected: boolean;
}

/**
 * Maps any thrown value to a response. Client faults keep their status; a
 * StatsInputError from the core (the request is well-formed but the data
 * cannot be analysed, e.g. constant x) is a 422; anything else is a 500
 * that carries the request id and never the message or stack.
 */
export function errorToResponse(err: unknown, requestId: string, fn: string): MappedError {
  if (err instanceof HttpError) {
    return {
      statusCode: err.statusCode,
      body: err.toJSON(),
      headers: err.headers,
      unexpected: false,
    };
  }
  if (isStatsInputError(err)) {
    return {
      statusCode: 422,
      body: {
        error: {
          code: 'unprocessable_input',
          message: err.message,
          details: { function: fn },
        },
      },
      headers: {},
      unexpected: false,
    };
  }
  return {
    statusCode: 500,
    body: {
      error: {
        code: 'internal_error',
        message: `Internal error while handling ${fn}; quote request id ${requestId} when reporting it`,
        details: { requestId },
      },
    },
    headers: {},
    unexpected: true,
  };
}

export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

/**
 * HTTP events get an API Gateway proxy result with a JSON string body; a
 * direct invocation gets the JSON object itself (the same object the HTTP
 * body would carry: the result, or `{error}`).
 */
export function toLambdaResult(
  kind: InvocationKind,
  statusCode: number,
  body: unknown,
  headers: Record<string, string>,
  requestId: string,
): HttpResult | unknown {
  if (kind === 'direct') return body;
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...headers },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}
