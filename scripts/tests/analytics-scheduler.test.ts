/**
 * The local scheduler: schedules created in moto through the
 * Scheduler API are read back, their next firing follows the expression,
 * time zone, state and dates, the payload is the target's Input with
 * Scheduler's context attributes filled in, and firing one starts its
 * state machine on moto, whose execution mode runs it to SUCCEEDED.
 */
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { type MotoServer, startMoto } from '@lambda-stats/lambda-kit/moto-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fire,
  firingInput,
  type LocalSchedule,
  LocalScheduler,
  nextFiring,
  readSchedules,
  waitForExecution,
} from '../src/analytics/scheduler';
import { clientConfig } from '../src/aws';

const base: LocalSchedule = {
  name: 's',
  group: 'g',
  arn: 'arn:aws:scheduler:us-east-1:123456789012:schedule/g/s',
  expression: 'cron(0 6 * * ? *)',
  timezone: 'Europe/Berlin',
  state: 'ENABLED',
  target: {
    arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m',
    roleArn: 'arn:aws:iam::123456789012:role/r',
    input: JSON.stringify({
      analysis: 'a',
      scheduledTime: '<aws.scheduler.scheduled-time>',
      executionId: '<aws.scheduler.execution-id>',
      scheduleArn: '<aws.scheduler.schedule-arn>',
    }),
  },
};

describe('next firing and payload', () => {
  it('reads cron in its time zone (06:00 Berlin is 05:00Z in winter), and a disabled or ended schedule never fires', () => {
    const after = new Date('2026-12-06T12:00:00Z');
    expect(nextFiring(base, after)?.toISOString()).toBe('2026-12-07T05:00:00.000Z');
    expect(nextFiring({ ...base, state: 'DISABLED' }, after)).toBeUndefined();
    expect(
      nextFiring({ ...base, endDate: new Date('2026-12-07T00:00:00Z') }, after),
    ).toBeUndefined();
    expect(
      nextFiring(
        { ...base, expression: 'at(2026-12-24T18:00:00)', timezone: 'UTC' },
        after,
      )?.toISOString(),
    ).toBe('2026-12-24T18:00:00.000Z');
  });

  it("fills in Scheduler's context attributes as AWS does", () => {
    const input = JSON.parse(firingInput(base, new Date('2026-12-07T05:00:00.123Z'), 'exec-1'));
    expect(input).toEqual({
      analysis: 'a',
      scheduledTime: '2026-12-07T05:00:00Z',
      executionId: 'exec-1',
      scheduleArn: base.arn,
    });
  });
});

describe('on moto', () => {
  let moto: MotoServer;
  let target: { endpoint: string; region: string };
  let machineArn: string;

  beforeAll(async () => {
    moto = await startMoto({ executeStateMachines: true });
    target = { endpoint: moto.endpoint, region: 'us-east-1' };
    const role = await new IAMClient(clientConfig(target)).send(
      new CreateRoleCommand({ RoleName: 'states', AssumeRolePolicyDocument: '{}' }),
    );
    const sm = await new SFNClient(clientConfig(target)).send(
      new CreateStateMachineCommand({
        name: 'echo',
        roleArn: role.Role!.Arn!,
        // echoes its input: the test reads the payload back from the execution's output
        definition: JSON.stringify({
          StartAt: 'Echo',
          States: { Echo: { Type: 'Pass', End: true } },
        }),
      }),
    );
    machineArn = sm.stateMachineArn!;
    const scheduler = new SchedulerClient(clientConfig(target));
    await scheduler.send(new CreateScheduleGroupCommand({ Name: 'analyses' }));
    for (const [name, state] of [
      ['every-minute', 'ENABLED'],
      ['paused', 'DISABLED'],
    ] as const) {
      await scheduler.send(
        new CreateScheduleCommand({
          Name: name,
          GroupName: 'analyses',
          ScheduleExpression: 'rate(1 minute)',
          ScheduleExpressionTimezone: 'UTC',
          State: state,
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: { Arn: machineArn, RoleArn: role.Role!.Arn!, Input: base.target.input },
        }),
      );
    }
  }, 60_000);
  afterAll(async () => {
    await moto?.stop();
  });

  it('reads the schedules back from the emulator', async () => {
    const schedules = await readSchedules(target);
    expect(schedules.map((s) => [s.name, s.group, s.state, s.expression])).toEqual([
      ['every-minute', 'analyses', 'ENABLED', 'rate(1 minute)'],
      ['paused', 'analyses', 'DISABLED', 'rate(1 minute)'],
    ]);
    expect(schedules[0]!.target.arn).toBe(machineArn);
  });

  it('fires one: the execution SUCCEEDED on moto with the payload Scheduler sends', async () => {
    const [schedule] = await readSchedules(target);
    const arn = await fire(target, schedule!, new Date('2026-12-06T10:00:00Z'));
    const done = await waitForExecution(target, arn, 30_000);
    expect(done.status).toBe('SUCCEEDED');
    const output = JSON.parse(done.output!);
    expect(output).toMatchObject({
      analysis: 'a',
      scheduledTime: '2026-12-06T10:00:00Z',
      scheduleArn: schedule!.arn,
    });
    expect(output.executionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('the clock fires what is due since its last tick, and not a disabled schedule', async () => {
    const schedules = await readSchedules(target);
    const fired: string[] = [];
    const created = schedules[0]!.createdAt!;
    const clock = new LocalScheduler(
      target,
      schedules,
      (s, r) => fired.push(`${s.name}:${r instanceof Error ? r.message : 'ok'}`),
      created,
    );
    expect(await clock.tick(new Date(created.getTime() + 30_000))).toBe(0);
    expect(await clock.tick(new Date(created.getTime() + 61_000))).toBe(1);
    expect(fired).toEqual(['every-minute:ok']);
  });
});
