/**
 * `pnpm schedule list`: each schedule deployed on the local stack with its
 * expression, time zone, state and next firing time.
 * `pnpm schedule run <name>`: fires one now, with the payload AWS would
 * send, and waits for its execution: exit 0 when it SUCCEEDED, 1 when the
 * run failed, 2 for a usage error (unknown name, no local stack).
 */

import { parseCommand } from '@lambda-stats/lambda-kit/cli';
import { fire, nextFiring, readSchedules, waitForExecution } from '../analytics/scheduler';
import { findLocalEmulator, readLocalJson } from '../local-config';
import { printColumns } from './columns';

const USAGE = 'usage: pnpm schedule list | pnpm schedule run <name> [--timeout <seconds>]';

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    { args: argv, allowPositionals: true, options: { timeout: { type: 'string' } } },
    USAGE,
    'lambda-stats schedule: ',
  );
  if (typeof parsed === 'number') return parsed;
  const [command, name, ...rest] = parsed.positionals;
  const timeoutRaw = parsed.values.timeout as string | undefined;
  const timeoutS = timeoutRaw === undefined ? 300 : Number(timeoutRaw);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) {
    console.error(`--timeout ${timeoutRaw}: give a number of seconds > 0\n${USAGE}`);
    return 2;
  }
  if (
    !(command === 'list' && name === undefined) &&
    !(command === 'run' && name !== undefined && rest.length === 0)
  ) {
    console.error(USAGE);
    return 2;
  }
  let endpoint: string;
  try {
    endpoint = await findLocalEmulator();
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const target = { endpoint, region: readLocalJson()?.region ?? 'us-east-1' };
  const schedules = await readSchedules(target);
  const now = new Date();
  if (command === 'list') {
    if (schedules.length === 0) {
      console.log('no schedules deployed');
      return 0;
    }
    const rows = schedules.map((s) => [
      s.name,
      s.state,
      s.expression,
      s.timezone,
      nextFiring(s, now)?.toISOString() ?? '(none)',
      s.target.arn.split(':').pop() ?? '',
    ]);
    const head = ['name', 'state', 'expression', 'time zone', 'next firing (UTC)', 'target'];
    printColumns(head, rows);
    return 0;
  }
  const schedule = schedules.find((s) => s.name === name);
  if (!schedule) {
    console.error(
      `no schedule named ${name}; deployed: ${schedules.map((s) => s.name).join(', ') || 'none'}`,
    );
    return 2;
  }
  const arn = await fire(target, schedule, now);
  console.error(`fired ${schedule.name}: ${arn}`);
  const done = await waitForExecution(target, arn, timeoutS * 1000);
  if (done.status === 'SUCCEEDED') {
    console.log(`${schedule.name}: SUCCEEDED`);
    return 0;
  }
  console.error(
    `${schedule.name}: ${done.status}${done.error ? ` (${done.error}${done.cause ? `: ${done.cause.slice(0, 300)}` : ''})` : ''}`,
  );
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`schedule: ${(error as Error).message}`);
    process.exit(1);
  },
);
