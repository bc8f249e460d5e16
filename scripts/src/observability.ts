/**
 * What CloudWatch does with a function's output on AWS, done by the local
 * stack for the emulator:
 *
 * - LogShipper: every line a function writes (and the runtime's
 *   START/END/REPORT lines) becomes a log event in the function's log group
 *   in moto's CloudWatch Logs, one stream per function per `pnpm start`,
 *   named as Lambda names them (`2026/12/06/[$LATEST]<32 hex>`). `pnpm logs`
 *   reads them back exactly as it reads a deployed function's.
 * - MetricsCollector: each embedded-metric-format line (packages/handlers/
 *   src/metrics.ts) becomes metric data in moto's CloudWatch (PutMetricData,
 *   the namespace, dimensions, names and units the line declares), and is
 *   tallied per function for the summary `pnpm start` prints when it stops.
 */
import { randomBytes } from 'node:crypto';
import {
  CloudWatchClient,
  type MetricDatum,
  PutMetricDataCommand,
  type StandardUnit,
} from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { clientConfig, type EmulatorTarget } from './aws';

/** One metric value an EMF line carries. */
export interface EmfDatum {
  namespace: string;
  name: string;
  unit: string;
  value: number;
  dimensions: Record<string, string>;
  timestamp: number;
}

/**
 * The metric values of an EMF line (empty when the line is not EMF): one
 * per metric and dimension set, as CloudWatch extracts them.
 */
export function parseEmf(line: string): EmfDatum[] {
  if (!line.startsWith('{') || !line.includes('"_aws"')) return [];
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return [];
  }
  const aws = doc._aws as
    | {
        Timestamp?: number;
        CloudWatchMetrics?: {
          Namespace?: string;
          Dimensions?: string[][];
          Metrics?: { Name?: string; Unit?: string }[];
        }[];
      }
    | undefined;
  if (!aws || !Array.isArray(aws.CloudWatchMetrics)) return [];
  const timestamp = typeof aws.Timestamp === 'number' ? aws.Timestamp : Date.now();
  const out: EmfDatum[] = [];
  for (const directive of aws.CloudWatchMetrics) {
    if (typeof directive.Namespace !== 'string') continue;
    const sets = directive.Dimensions?.length ? directive.Dimensions : [[]];
    for (const metric of directive.Metrics ?? []) {
      const value = typeof metric.Name === 'string' ? doc[metric.Name] : undefined;
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      for (const set of sets) {
        const dimensions: Record<string, string> = {};
        for (const d of set) if (typeof doc[d] === 'string') dimensions[d] = doc[d] as string;
        out.push({
          namespace: directive.Namespace,
          name: metric.Name!,
          unit: metric.Unit ?? 'None',
          value,
          dimensions,
          timestamp,
        });
      }
    }
  }
  return out;
}

interface Tally {
  invocations: number;
  coldStarts: number;
  errors4xx: number;
  errors5xx: number;
  observations: number;
  durations: number[];
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export class MetricsCollector {
  private readonly tallies = new Map<string, Tally>();
  private pending: EmfDatum[] = [];
  private readonly cloudwatch: CloudWatchClient | undefined;

  constructor(target?: EmulatorTarget) {
    // The SDK gzips PutMetricData bodies over 10 KiB; moto cannot read them.
    this.cloudwatch = target
      ? new CloudWatchClient({ ...clientConfig(target), disableRequestCompression: true })
      : undefined;
  }

  /**
   * Looks at one line of a function's output: `metrics-only` for an EMF
   * line of its own, `log-with-metrics` for a log line carrying EMF fields,
   * undefined for anything else.
   */
  observe(fn: string, line: string): 'metrics-only' | 'log-with-metrics' | undefined {
    const data = parseEmf(line);
    if (data.length === 0) return undefined;
    const t = this.tallies.get(fn) ?? {
      invocations: 0,
      coldStarts: 0,
      errors4xx: 0,
      errors5xx: 0,
      observations: 0,
      durations: [],
    };
    this.tallies.set(fn, t);
    t.invocations += 1;
    // one dimension set is enough to tally: take the values once
    const seen = new Set<string>();
    for (const d of data) {
      if (seen.has(d.name)) continue;
      seen.add(d.name);
      if (d.name === 'duration') t.durations.push(d.value);
      else if (d.name === 'cold_starts') t.coldStarts += d.value;
      else if (d.name === '4xx') t.errors4xx += d.value;
      else if (d.name === '5xx') t.errors5xx += d.value;
      else if (d.name === 'n') t.observations += d.value;
    }
    this.pending.push(...data);
    return line.includes('"message":') ? 'log-with-metrics' : 'metrics-only';
  }

  /** Sends what was observed since the last flush to the emulator's CloudWatch. */
  async flush(): Promise<void> {
    if (!this.cloudwatch || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const byNamespace = new Map<string, MetricDatum[]>();
    for (const d of batch) {
      const list = byNamespace.get(d.namespace) ?? [];
      byNamespace.set(d.namespace, list);
      list.push({
        MetricName: d.name,
        Unit: d.unit as StandardUnit,
        Value: d.value,
        Timestamp: new Date(d.timestamp),
        Dimensions: Object.entries(d.dimensions).map(([Name, Value]) => ({ Name, Value })),
      });
    }
    for (const [namespace, data] of byNamespace) {
      for (let i = 0; i < data.length; i += 500) {
        await this.cloudwatch.send(
          new PutMetricDataCommand({ Namespace: namespace, MetricData: data.slice(i, i + 500) }),
        );
      }
    }
  }

  /** Per-function invocations, cold starts, errors and duration percentiles; empty when none. */
  summary(): string[] {
    if (this.tallies.size === 0) return [];
    const rows = [...this.tallies.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    const width = Math.max(8, ...rows.map(([fn]) => fn.length));
    const fmt = (x: number) => (Number.isNaN(x) ? '-' : `${x.toFixed(1)} ms`);
    const lines = [
      `${'function'.padEnd(width)}  ${['calls', 'cold', '4xx', '5xx', 'n', 'p50', 'p95', 'max'].map((h) => h.padStart(9)).join('')}`,
    ];
    for (const [fn, t] of rows) {
      const d = [...t.durations].sort((a, b) => a - b);
      const cells = [
        String(t.invocations),
        String(t.coldStarts),
        String(t.errors4xx),
        String(t.errors5xx),
        String(t.observations),
        fmt(quantile(d, 0.5)),
        fmt(quantile(d, 0.95)),
        fmt(d.at(-1) ?? Number.NaN),
      ];
      lines.push(`${fn.padEnd(width)}  ${cells.map((c) => c.padStart(9)).join('')}`);
    }
    return lines;
  }

  close(): void {
    this.cloudwatch?.destroy();
  }
}

/** `2026/12/06/[$LATEST]0123...`: a Lambda log stream name. */
export function lambdaStreamName(version: string, now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '/');
  return `${day}/[${version}]${randomBytes(16).toString('hex')}`;
}

export class LogShipper {
  private readonly logs: CloudWatchLogsClient;
  private readonly buffers = new Map<string, { timestamp: number; message: string }[]>();
  private readonly streams = new Map<string, Promise<string>>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  /** `groups`: function name -> its log group (from the deployment). */
  constructor(
    target: EmulatorTarget,
    private readonly groups: ReadonlyMap<string, string>,
    private readonly onError: (message: string) => void = () => undefined,
    private readonly intervalMs = 200,
  ) {
    this.logs = new CloudWatchLogsClient(clientConfig(target));
  }

  push(fn: string, line: string, timestamp = Date.now()): void {
    if (!this.groups.has(fn)) return;
    const buf = this.buffers.get(fn) ?? [];
    this.buffers.set(fn, buf);
    buf.push({ timestamp, message: line });
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.intervalMs);
  }

  private stream(fn: string): Promise<string> {
    let s = this.streams.get(fn);
    if (!s) {
      const group = this.groups.get(fn)!;
      const name = lambdaStreamName('$LATEST');
      s = (async () => {
        // Terraform created the group; create it if it is missing (as Lambda would, given the permission)
        await this.logs
          .send(new CreateLogGroupCommand({ logGroupName: group }))
          .catch((e: { name?: string }) => {
            if (e.name !== 'ResourceAlreadyExistsException') throw e;
          });
        await this.logs.send(
          new CreateLogStreamCommand({ logGroupName: group, logStreamName: name }),
        );
        return name;
      })();
      this.streams.set(fn, s);
    }
    return s;
  }

  /** Sends every buffered line; resolves when they are stored. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const work = [...this.buffers.entries()].filter(([, b]) => b.length > 0);
      this.buffers.clear();
      for (const [fn, events] of work) {
        try {
          const stream = await this.stream(fn);
          for (let i = 0; i < events.length; i += 1000) {
            await this.logs.send(
              new PutLogEventsCommand({
                logGroupName: this.groups.get(fn)!,
                logStreamName: stream,
                logEvents: events.slice(i, i + 1000),
              }),
            );
          }
        } catch (e) {
          this.onError(
            `could not store ${fn}'s log lines in the emulator's CloudWatch Logs: ${(e as Error).message}`,
          );
        }
      }
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
    this.logs.destroy();
  }
}
