/**
 * createHandler(endpoint) is the Lambda handler for one endpoint:
 * read the event once -> validate at the edge -> endpoint.handle (the core)
 * -> respond. Every outcome is a response; the handler never throws.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import type { Endpoint } from './endpoint';
import { env } from './env';
import { type ReadRequest, readRequest } from './http/request';
import { errorToResponse, invalidRequest, toLambdaResult } from './http/respond';

export interface HandlerOptions {
  logger?: Logger;
  maxBodyBytes?: number;
}

export type LambdaHandler = (event: unknown, context?: Partial<Context>) => Promise<unknown>;

export function createHandler(endpoint: Endpoint, options: HandlerOptions = {}): LambdaHandler {
  const logger = options.logger ?? new Logger({ serviceName: 'lambda-stats' });
  const maxBodyBytes = options.maxBodyBytes ?? env.maxBodyBytes;
  const accepted = Object.keys(endpoint.request.shape);

  return async function handler(event, context) {
    const started = performance.now();
    const requestId = context?.awsRequestId ?? 'local';
    if (context?.awsRequestId !== undefined) logger.addContext(context as Context);
    let read: ReadRequest | undefined;
    let statusCode: number;
    let result: unknown;
    let outcome: { code: string; message: string } | undefined;
    let unexpected = false;
    let failure: unknown;
    try {
      read = readRequest(event, maxBodyBytes);
      // jitless: zod would compile a parser with new Function on first use, which costs a cold
      // start more than it saves on a request object of a few fields
      const parsed = endpoint.request.safeParse(read.payload, { reportInput: true, jitless: true });
      if (!parsed.success) throw invalidRequest(parsed.error, accepted);
      const body = endpoint.handle(parsed.data);
      statusCode = 200;
      result = toLambdaResult(read.kind, 200, body, {}, requestId);
    } catch (err) {
      const mapped = errorToResponse(err, requestId, endpoint.name);
      statusCode = mapped.statusCode;
      result = toLambdaResult(
        read?.kind ?? 'http',
        statusCode,
        mapped.body,
        mapped.headers,
        requestId,
      );
      outcome = { code: mapped.body.error.code, message: mapped.body.error.message };
      unexpected = mapped.unexpected;
      failure = err;
    }
    const fields = {
      endpoint: endpoint.name,
      statusCode,
      api_request_id: read?.apiRequestId,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      ...outcome,
    };
    try {
      if (unexpected) {
        logger.error('request failed', {
          ...fields,
          error: failure instanceof Error ? failure : new Error(String(failure)),
        });
      } else if (statusCode === 200) logger.info('request handled', fields);
      else logger.info('request rejected', fields);
    } catch {
      // a log line must never turn an answer into a crash
    }
    return result;
  };
}
