/**
 * `pnpm logs <function> [--stack local|dev|prod] [--follow] [--since 10m]`:
 * a function's CloudWatch log group, as `sam logs` prints it. The local
 * stack's runtime ships every function's lines to the emulator's
 * CloudWatch Logs (src/observability.ts), so local and deployed stacks are
 * read the same way: FilterLogEvents on `/aws/lambda/lambda-stats-<stack>-<function>`.
 */
import {
  type CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  type FilteredLogEvent,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { STACK_NAMES, type StackName } from '@lambda-stats/infra/config';

export const LOGS_USAGE =
  'usage: pnpm logs <function> [--stack local|dev|prod] [--follow] [--since 10m]';

export interface LogsArgs {
  fn: string;
  stack: StackName;
  follow: boolean;
  /** How far back to start, in milliseconds. */
  sinceMs: number;
}

/** A bad command line: one line, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `10m`, `2h`, `1d` -> milliseconds. */
export function parseDuration(value: string): number {
  const m = value.match(/^(\d+)([smhd])$/);
  if (!m || Number(m[1]) === 0) {
    throw new UsageError(
      `--since takes a duration such as 30s, 10m, 2h or 1d (got "${value}"); ${LOGS_USAGE}`,
    );
  }
  return Number(m[1]) * UNITS[m[2]!]!;
}

export function parseLogsArgs(argv: string[]): LogsArgs {
  let fn: string | undefined;
  let stack: StackName = 'local';
  let follow = false;
  let sinceMs = 10 * 60_000;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--')
      ? (arg.split(/=(.*)/s) as [string, string?])
      : [arg];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--'))
        throw new UsageError(`${flag} needs a value; ${LOGS_USAGE}`);
      return v;
    };
    if (flag === '--follow' || flag === '-f') {
      if (inline !== undefined) throw new UsageError(`--follow takes no value; ${LOGS_USAGE}`);
      follow = true;
    } else if (flag === '--stack') {
      const v = value();
      if (!(STACK_NAMES as readonly string[]).includes(v)) {
        throw new UsageError(
          `--stack must be one of ${STACK_NAMES.join(', ')} (got "${v}"); ${LOGS_USAGE}`,
        );
      }
      stack = v as StackName;
    } else if (flag === '--since') {
      sinceMs = parseDuration(value());
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${flag}; ${LOGS_USAGE}`);
    } else if (fn === undefined) {
      fn = arg;
    } else {
      throw new UsageError(`one function at a time (got "${fn}" and "${arg}"); ${LOGS_USAGE}`);
    }
  }
  if (fn === undefined) throw new UsageError(`which function? ${LOGS_USAGE}`);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(fn)) {
    throw new UsageError(
      `"${fn}" is not a function name (letters, digits, - and _); ${LOGS_USAGE}`,
    );
  }
  return { fn, stack, follow, sinceMs };
}

/** The deployed function's name: `lambda-stats-<stack>-<function>`, unless given in full. */
export function functionNameFor(fn: string, stack: StackName): string {
  return fn.startsWith('lambda-stats-') ? fn : `lambda-stats-${stack}-${fn}`;
}

/** One event as `sam logs` prints it: stream, time, message. */
export function formatEvent(e: FilteredLogEvent): string {
  const time = new Date(e.timestamp ?? 0).toISOString();
  return `${e.logStreamName ?? '-'} ${time} ${(e.message ?? '').replace(/\n$/, '')}`;
}

/** Says which functions have log groups when the asked one has none. */
async function assertGroup(client: CloudWatchLogsClient, group: string, stack: StackName) {
  const found = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }));
  if ((found.logGroups ?? []).some((g) => g.logGroupName === group)) return;
  const prefix = `/aws/lambda/lambda-stats-${stack}-`;
  const all = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix }));
  const names = (all.logGroups ?? []).map((g) => g.logGroupName!.slice(prefix.length));
  throw new Error(
    `no log group ${group} in the ${stack} stack: ${names.length > 0 ? `its functions are ${names.join(', ')}` : 'it has no function log groups (is it deployed?)'}`,
  );
}

export interface ReadLogsOptions {
  client: CloudWatchLogsClient;
  args: LogsArgs;
  print: (line: string) => void;
  /** Stops --follow (Ctrl-C). */
  signal?: AbortSignal;
  pollMs?: number;
  now?: () => number;
}

/** Prints the events since `--since`, then (with --follow) new ones as they arrive. */
export async function readLogs(o: ReadLogsOptions): Promise<void> {
  const group = `/aws/lambda/${functionNameFor(o.args.fn, o.args.stack)}`;
  await assertGroup(o.client, group, o.args.stack);
  const now = o.now ?? Date.now;
  let startTime = now() - o.args.sinceMs;
  const seen = new Set<string>();
  for (;;) {
    let nextToken: string | undefined;
    const batch: FilteredLogEvent[] = [];
    do {
      const page = await o.client.send(
        new FilterLogEventsCommand({ logGroupName: group, startTime, nextToken }),
      );
      batch.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    batch.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
    for (const e of batch) {
      const id = e.eventId ?? `${e.logStreamName}/${e.timestamp}/${e.message}`;
      if (seen.has(id)) continue;
      seen.add(id);
      o.print(formatEvent(e));
      startTime = Math.max(startTime, e.timestamp ?? startTime);
    }
    if (!o.args.follow || o.signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, o.pollMs ?? 1000);
      o.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    if (o.signal?.aborted) return;
  }
}
