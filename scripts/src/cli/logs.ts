/**
 * `pnpm logs <function> [--stack local|dev|prod] [--follow] [--since 10m]`
 * (src/logs.ts). `local` (the default) reads the running local stack's
 * emulator (.lambda-stats/local.json, written by `pnpm start`); dev and prod
 * read AWS with the SDK's default credentials, in the stack's region.
 * Exit codes: 0 done (or Ctrl-C while following), 1 a failure, 2 a bad
 * command line.
 */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { environmentConfig } from '@lambda-stats/infra/config';
import { clientConfig } from '../aws';
import { readLocalJson } from '../local-config';
import { type LogsArgs, parseLogsArgs, readLogs, UsageError } from '../logs';

function client(args: LogsArgs): CloudWatchLogsClient {
  if (args.stack === 'local') {
    const local = readLocalJson();
    if (!local) {
      throw new Error(
        'the local stack is not running: start it with pnpm start (or pass --stack dev|prod)',
      );
    }
    return new CloudWatchLogsClient(
      clientConfig({ endpoint: local.awsEndpoint, region: local.region }),
    );
  }
  return new CloudWatchLogsClient({ region: environmentConfig(args.stack).region });
}

async function main(): Promise<number> {
  let args: LogsArgs;
  try {
    args = parseLogsArgs(process.argv.slice(2).filter((a) => a !== '--'));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`lambda-stats logs: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const stop = new AbortController();
  process.on('SIGINT', () => stop.abort());
  process.on('SIGTERM', () => stop.abort());
  const logs = client(args);
  try {
    await readLogs({
      client: logs,
      args,
      print: (line) => process.stdout.write(`${line}\n`),
      signal: stop.signal,
    });
  } finally {
    logs.destroy();
  }
  return 0;
}

process.stdout.on('error', () => process.exit(0)); // `pnpm logs fn | head`
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `lambda-stats logs: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
