/**
 * EventBridge Scheduler, locally. moto stores schedules but
 * never fires them, so the local stack reads them back from the emulator
 * (ListSchedules, GetSchedule) and fires each on its own clock as
 * Scheduler would: the target's Input with Scheduler's context attributes
 * filled in, StartExecution on the target state machine (moto's execution
 * mode then runs the deployed definition), honouring the expression (rate,
 * cron in its time zone, at), the enabled state and the start/end dates
 * (nextFirings in ../schedule, from branch analytics-core).
 */
import { randomUUID } from 'node:crypto';
import {
  GetScheduleCommand,
  ListSchedulesCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { clientConfig, type EmulatorTarget } from '../aws';
import { nextFirings } from '../schedule';

export interface LocalSchedule {
  readonly name: string;
  readonly group: string;
  readonly arn: string;
  readonly expression: string;
  readonly timezone: string;
  readonly startDate?: Date;
  readonly endDate?: Date;
  readonly state: 'ENABLED' | 'DISABLED';
  readonly createdAt?: Date;
  readonly target: { readonly arn: string; readonly roleArn: string; readonly input?: string };
}

/** Every schedule in the emulator, read back as Scheduler stores it. */
export async function readSchedules(target: EmulatorTarget): Promise<LocalSchedule[]> {
  const client = new SchedulerClient(clientConfig(target));
  const out: LocalSchedule[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListSchedulesCommand({ NextToken: token }));
    for (const summary of page.Schedules ?? []) {
      const s = await client.send(
        new GetScheduleCommand({ Name: summary.Name, GroupName: summary.GroupName }),
      );
      out.push({
        name: s.Name!,
        group: s.GroupName ?? 'default',
        arn: s.Arn!,
        expression: s.ScheduleExpression!,
        timezone: s.ScheduleExpressionTimezone ?? 'UTC',
        startDate: s.StartDate,
        endDate: s.EndDate,
        state: s.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
        createdAt: s.CreationDate,
        target: { arn: s.Target!.Arn!, roleArn: s.Target!.RoleArn!, input: s.Target!.Input },
      });
    }
    token = page.NextToken;
  } while (token);
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The next firing strictly after `after`, or undefined (disabled, ended, an `at` in the past). */
export function nextFiring(schedule: LocalSchedule, after: Date): Date | undefined {
  return nextFirings(
    {
      expression: schedule.expression,
      timezone: schedule.timezone,
      startDate: schedule.startDate,
      endDate: schedule.endDate,
      state: schedule.state,
      createdAt: schedule.createdAt,
    },
    after,
    1,
  )[0];
}

/**
 * The payload Scheduler sends the target: the Input with its context
 * attributes replaced (the scheduled time without milliseconds, as
 * Scheduler writes it).
 */
export function firingInput(
  schedule: LocalSchedule,
  scheduledTime: Date,
  executionId: string,
  attempt = 1,
): string {
  const time = `${scheduledTime.toISOString().slice(0, 19)}Z`;
  return (schedule.target.input ?? '{}')
    .replaceAll('<aws.scheduler.scheduled-time>', time)
    .replaceAll('<aws.scheduler.schedule-arn>', schedule.arn)
    .replaceAll('<aws.scheduler.execution-id>', executionId)
    .replaceAll('<aws.scheduler.attempt-number>', String(attempt));
}

/** Fires one schedule: StartExecution on its state machine with the payload AWS sends. Returns the execution ARN. */
export async function fire(
  target: EmulatorTarget,
  schedule: LocalSchedule,
  scheduledTime: Date,
): Promise<string> {
  if (
    !schedule.target.arn.startsWith('arn:aws:states:') ||
    !schedule.target.arn.includes(':stateMachine:')
  ) {
    throw new Error(
      `schedule ${schedule.name} targets ${schedule.target.arn}; the local stack fires only state machines`,
    );
  }
  const sfn = new SFNClient(clientConfig(target));
  const executionId = randomUUID();
  const res = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: schedule.target.arn,
      // AWS names it itself; moto's execution mode names every unnamed execution "None",
      // so a second one fails with ExecutionAlreadyExists: name it as AWS would, uniquely
      name: executionId,
      input: firingInput(schedule, scheduledTime, executionId),
    }),
  );
  return res.executionArn!;
}

export interface FinishedExecution {
  readonly status: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

/** Polls DescribeExecution until the execution leaves RUNNING (or the time runs out). */
export async function waitForExecution(
  target: EmulatorTarget,
  executionArn: string,
  timeoutMs: number,
): Promise<FinishedExecution> {
  const sfn = new SFNClient(clientConfig(target));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== 'RUNNING' && d.status !== 'PENDING_REDRIVE') {
      return { status: d.status ?? 'UNKNOWN', output: d.output, error: d.error, cause: d.cause };
    }
    if (Date.now() > deadline) return { status: 'TIMED_OUT_WAITING' };
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * The local stack's scheduler clock: every tick, each schedule whose next
 * firing (after the previous tick) has come is fired once. Schedules are
 * read back from the emulator at start (and on `reload`).
 */
export class LocalScheduler {
  private timer: NodeJS.Timeout | undefined;
  private last: Date;

  constructor(
    private readonly target: EmulatorTarget,
    private schedules: LocalSchedule[],
    private readonly onFire: (schedule: LocalSchedule, executionArn: string | Error) => void,
    now = new Date(),
  ) {
    this.last = now;
  }

  async reload(): Promise<void> {
    this.schedules = await readSchedules(this.target);
  }

  /** Fires what is due in (last tick, now]; returns how many fired. */
  async tick(now = new Date()): Promise<number> {
    let fired = 0;
    for (const schedule of this.schedules) {
      const due = nextFiring(schedule, this.last);
      if (due === undefined || due > now) continue;
      fired++;
      try {
        this.onFire(schedule, await fire(this.target, schedule, due));
      } catch (error) {
        this.onFire(schedule, error as Error);
      }
    }
    this.last = now;
    return fired;
  }

  start(intervalMs = 10_000): void {
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
