/**
 * createHandler(endpoint) is the Lambda handler for one endpoint:
 * read the event once -> validate at the edge -> endpoint.handle (the core)
 * -> respond. Every outcome is a response; the handler never throws.
 */
import type { Context } from 'aws-lambda';
import * as v from 'valibot';
import type { Endpoint } from './endpoint';
import { handlerEnv } from './env';
import { nanResult, prepareNanPolicy, restoreMissing } from './http/nanPolicy';
import { type ReadRequest, readRequest } from './http/request';
import { arrayRequest, errorToResponse, invalidRequest, toLambdaResult } from './http/respond';
import { JsonLogger, type StructuredLogger, writeToDescriptor } from './logger';
import {
  emfFields,
  emfLine,
  type InvocationMetrics,
  laneOf,
  type MetricsSink,
  observations,
} from './metrics';

export interface HandlerOptions {
  /** Defaults to a JsonLogger (src/logger.ts); a Powertools Logger also fits. */
  logger?: StructuredLogger;
  maxBodyBytes?: number;
  /**
   * Where each invocation's EMF metric line goes (src/metrics.ts): stdout by
   * default, as Lambda sends it to CloudWatch Logs; false when
   * LAMBDA_STATS_METRICS=off.
   */
  metrics?: MetricsSink;
}

/**
 * Milliseconds on a monotonic clock. process.hrtime rather than
 * performance.now(): the first touch of the `performance` global loads
 * perf_hooks, about 1 ms of CPU in every cold start (measured, Node 20).
 */
function nowMs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}

export type LambdaHandler = (event: unknown, context?: Partial<Context>) => Promise<unknown>;

export function createHandler(endpoint: Endpoint, options: HandlerOptions = {}): LambdaHandler {
  const logger = options.logger ?? new JsonLogger({ serviceName: 'lambda-stats' });
  const env = handlerEnv();
  const maxBodyBytes = options.maxBodyBytes ?? env.maxBodyBytes;
  const entries = endpoint.request.entries;
  const metrics = options.metrics ?? (env.metrics ? writeToDescriptor : false);
  // The default sink is the log's own descriptor: metric fields can ride on the log line.
  const rideOnLog = options.metrics === undefined && metrics !== false;
  let invocations = 0;

  return async function handler(event, context) {
    invocations += 1;
    const started = nowMs();
    const requestId = context?.awsRequestId ?? 'local';
    if (context?.awsRequestId !== undefined) logger.addContext?.(context as Context);
    let read: ReadRequest | undefined;
    let statusCode: number;
    let result: unknown;
    // `message` is the log line's own field, so the error's message is logged as error_message
    let outcome: { code: string; error_message: string } | undefined;
    let unexpected = false;
    let failure: unknown;
    let input: unknown;
    let answer: unknown;
    try {
      read = readRequest(event, maxBodyBytes);
      // the CSV reader is imported on the first text/csv request: a JSON-only
      // function never evaluates it (the bundle keeps it behind a lazy init)
      const payload =
        read.csv === undefined
          ? read.payload
          : (await import('./http/csv')).csvPayload(endpoint, read.csv.text, read.csv.query);
      const notAnObject = arrayRequest(payload, entries);
      if (notAnObject !== undefined) throw notAnObject;
      const nan = prepareNanPolicy(endpoint, payload);
      const parsed = v.safeParse(endpoint.request, nan.payload);
      if (!parsed.success) throw invalidRequest(parsed.issues, entries);
      input = parsed.output;
      const body = nan.propagate
        ? nanResult(endpoint, parsed.output)
        : nan.missing !== undefined
          ? endpoint.handle(restoreMissing(parsed.output, nan.missing.paths), {
              nanPolicy: nan.missing.nanPolicy,
            })
          : endpoint.handle(parsed.output);
      answer = body;
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
      outcome = { code: mapped.body.error.code, error_message: mapped.body.error.message };
      unexpected = mapped.unexpected;
      failure = err;
    }
    const durationMs = Math.round((nowMs() - started) * 1000) / 1000;
    const fields = {
      endpoint: endpoint.name,
      statusCode,
      api_request_id: read?.apiRequestId,
      durationMs,
      ...outcome,
    };
    let emf: Record<string, unknown> | undefined;
    if (metrics) {
      const m: InvocationMetrics = {
        endpoint: endpoint.name,
        durationMs,
        statusCode,
        coldStart: invocations === 1,
        n: input === undefined ? undefined : observations(input),
        lane: laneOf(answer),
        requestId: context?.awsRequestId,
      };
      if (rideOnLog && logger.writes?.(unexpected ? 'ERROR' : 'INFO') === true) {
        emf = emfFields(m);
      } else {
        try {
          metrics('stdout', emfLine(m));
        } catch {
          // a metric line must never turn an answer into a crash
        }
      }
    }
    try {
      if (unexpected) {
        logger.error('request failed', {
          ...fields,
          ...emf,
          error: failure instanceof Error ? failure : new Error(String(failure)),
        });
      } else if (statusCode === 200) logger.info('request handled', { ...fields, ...emf });
      else logger.info('request rejected', { ...fields, ...emf });
    } catch {
      // a log line must never turn an answer into a crash
    }
    return result;
  };
}
