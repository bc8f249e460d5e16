/**
 * One CloudWatch embedded metric format (EMF) line per invocation: a JSON
 * log line whose `_aws` member tells CloudWatch Logs to extract metrics
 * from it (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 * No PutMetricData call, no client, nothing loaded at init: the fields are
 * a plain object. When the handler writes its "request handled" log line
 * (INFO and above, the deployed default), the metric fields ride on that
 * line, so metrics add no write at all; otherwise (logs at WARN or
 * SILENT) they are a line of their own.
 *
 * Namespace `lambda-stats`, dimension `endpoint` (and `endpoint, lane`
 * when the result says which arithmetic answered). Metrics:
 *   duration   Milliseconds  handler time, parse to response
 *   n          Count         the numbers in the request's arrays (nested
 *                            one level: samples, tables), the size of the
 *                            work; 10 for a 5-point linregress
 *   cold_starts Count        1 on a sandbox's first invocation, else 0
 *                            (not `cold_start`: the log line's boolean)
 *   4xx, 5xx   Count         1 when the answer was a client / server error
 * Properties (searchable in Logs Insights, not metrics): status_code,
 * request_id, lane.
 *
 * Why not Powertools' metrics utility: the issue measured it too costly at
 * init; this is a function and a string.
 */

import { isFiniteArray } from './http/json';
import type { LogSink } from './logger';

export const METRICS_NAMESPACE = 'lambda-stats';

export interface InvocationMetrics {
  endpoint: string;
  durationMs: number;
  statusCode: number;
  coldStart: boolean;
  n?: number | undefined;
  /** The arithmetic that answered (float64, bignumber...), when the result says. */
  lane?: string | undefined;
  requestId?: string | undefined;
}

/** The EMF fields of one invocation (the `_aws` directive, metrics and properties). */
export function emfFields(m: InvocationMetrics, timestamp = Date.now()): Record<string, unknown> {
  const metrics: { Name: string; Unit: string }[] = [
    { Name: 'duration', Unit: 'Milliseconds' },
    { Name: 'cold_starts', Unit: 'Count' },
    { Name: '4xx', Unit: 'Count' },
    { Name: '5xx', Unit: 'Count' },
  ];
  if (m.n !== undefined) metrics.push({ Name: 'n', Unit: 'Count' });
  const dimensions = m.lane === undefined ? [['endpoint']] : [['endpoint'], ['endpoint', 'lane']];
  const line: Record<string, unknown> = {
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        { Namespace: METRICS_NAMESPACE, Dimensions: dimensions, Metrics: metrics },
      ],
    },
    endpoint: m.endpoint,
    duration: m.durationMs,
    cold_starts: m.coldStart ? 1 : 0,
    '4xx': m.statusCode >= 400 && m.statusCode < 500 ? 1 : 0,
    '5xx': m.statusCode >= 500 ? 1 : 0,
    status_code: m.statusCode,
  };
  if (m.n !== undefined) line.n = m.n;
  if (m.lane !== undefined) line.lane = m.lane;
  if (m.requestId !== undefined) line.request_id = m.requestId;
  return line;
}

/** The EMF line on its own (newline included). */
export function emfLine(m: InvocationMetrics, timestamp = Date.now()): string {
  return `${JSON.stringify(emfFields(m, timestamp))}\n`;
}

/**
 * The numbers in a validated request's top-level arrays (nested one level:
 * samples, tables): one measure of the work for every endpoint.
 */
export function observations(input: unknown): number | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  let count = 0;
  for (const value of Object.values(input)) {
    if (!Array.isArray(value)) continue;
    // a sample the request reader found all numbers has no rows to look into
    if (isFiniteArray(value)) count += value.length;
    else for (const item of value) count += Array.isArray(item) ? item.length : 1;
  }
  return count;
}

/** The lane a response reports (`method` of ols and polyfit), if any. */
export function laneOf(body: unknown): string | undefined {
  const method = (body as { method?: unknown } | null)?.method;
  return typeof method === 'string' ? method : undefined;
}

export type MetricsSink = LogSink | false;
