/**
 * `pnpm logs <function> [--stack local|dev|prod] [--follow] [--since 10m]`:
 * a function's CloudWatch log group, as `sam logs` prints it. The local
 * stack's runtime ships every function's lines to the emulator's
 * CloudWatch Logs (src/observability.ts), so local and deployed stacks are
 * read the same way: FilterLogEvents on `/aws/lambda/lambda-stats-<stack>-<function>`.
 */

import { parseArgs } from 'node:util';
import {
  type CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  type FilteredLogEvent,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { STACK_NAMES, type StackName } from '@lambda-stats/infra/config';

export const LOGS_USAGE = `usage: pnpm logs <function> [--stack ${STACK_NAMES.join('|')}] [--follow] [--since 10m]`;

export interface LogsArgs {
  fn: string;
  stack: StackName;
  follow: boolean;
  /** How far back to start, in milliseconds. */
  sinceMs: number;
}

const parseLogsCommandLine = (args: string[]) =>
  parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      stack: { type: 'string' },
      follow: { type: 'boolean', short: 'f' },
      since: { type: 'string' },
    },
  });

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
  let parsed: ReturnType<typeof parseLogsCommandLine>;
  try {
    parsed = parseLogsCommandLine(argv);
  } catch (error) {
    // node:util's own wording for an unknown flag, a missing value or a value given to --follow
    const code = (error as { code?: string }).code;
    const flag = /'(-[^' ]+)/.exec((error as Error).message)?.[1] ?? '';
    const why =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `unknown option ${flag.split('=')[0]}`
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /--follow|-f\b/.test(flag)
          ? '--follow takes no value'
          : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
            ? `${flag.split(/[ =]/)[0]} needs a value`
            : (error as Error).message;
    throw new UsageError(`${why}; ${LOGS_USAGE}`);
  }
  const { values, positionals } = parsed;
  const stackValue = values.stack ?? 'local';
  if (!(STACK_NAMES as readonly string[]).includes(stackValue)) {
    throw new UsageError(
      `--stack must be one of ${STACK_NAMES.join(', ')} (got "${stackValue}"); ${LOGS_USAGE}`,
    );
  }
  const stack = stackValue as StackName;
  const follow = values.follow ?? false;
  const sinceMs = values.since === undefined ? 10 * 60_000 : parseDuration(values.since);
  if (positionals.length > 1) {
    throw new UsageError(
      `one function at a time (got "${positionals[0]}" and "${positionals[1]}"); ${LOGS_USAGE}`,
    );
  }
  const fn = positionals[0];
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
