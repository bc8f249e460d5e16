/**
 * Local SNS delivery on a real moto server: subscriptions are
 * read back from the emulator, messages published to a topic reach the
 * Lambda subscriber as AWS's `Records[].Sns` event and the email
 * subscriptions' outbox as one JSON file each; filter policies are honoured
 * (moto matches them on the shadow subscription); a failing function is
 * retried twice, as Lambda's asynchronous invocation does; the shadow
 * queues are invisible to the next read-back.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateTopicCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { type MotoServer, startMoto } from '@lambda-stats/lambda-kit/moto-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig } from '../src/aws';
import type { Invoker } from '../src/invoke-proxy';
import type { InvokeOutcome } from '../src/runtime/types';
import {
  type DeliveryReport,
  LocalSnsDelivery,
  type OutboxMessage,
  readSubscriptions,
  SHADOW_QUEUE_PREFIX,
} from '../src/sns-delivery';

const region = 'us-east-1';
let moto: MotoServer;
let sns: SNSClient;
let outbox: string;
let topicArn: string;
const invoked: { name: string; event: unknown }[] = [];
let failNext = 0;
const invoker: Invoker = {
  has: () => true,
  invoke: async (name, event): Promise<InvokeOutcome> => {
    invoked.push({ name, event });
    if (failNext > 0) {
      failNext--;
      return {
        kind: 'functionError',
        error: { errorType: 'Error', errorMessage: 'boom' },
        requestId: 'r',
      };
    }
    return { kind: 'success', payload: null, requestId: 'r' };
  },
};

const readOutbox = (): OutboxMessage[] =>
  readdirSync(outbox)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(outbox, f), 'utf8')) as OutboxMessage);

beforeAll(async () => {
  moto = await startMoto();
  outbox = mkdtempSync(path.join(tmpdir(), 'lambda-stats-outbox-'));
  const target = { endpoint: moto.endpoint, region };
  sns = new SNSClient(clientConfig(target));
  topicArn = (await sns.send(new CreateTopicCommand({ Name: 'alarms' }))).TopicArn!;
  const subscribe = (Protocol: string, Endpoint: string, FilterPolicy?: object) =>
    sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol,
        Endpoint,
        ReturnSubscriptionArn: true,
        ...(FilterPolicy ? { Attributes: { FilterPolicy: JSON.stringify(FilterPolicy) } } : {}),
      }),
    );
  // what the typed config produces: an email subscription filtered to one analysis
  await subscribe('email', 'ops@example.com', { analysis: ['smart-alarms'] });
  await subscribe('email-json', 'machine@example.com');
  // moto's Publish looks the subscribed function up (and fails if it is not there), as a
  // deployed stack always has it; its own attempt to run it needs Docker and does nothing here.
  const iam = new IAMClient(clientConfig(target));
  const role = await iam.send(
    new CreateRoleCommand({ RoleName: 'subscriber-role', AssumeRolePolicyDocument: '{}' }),
  );
  iam.destroy();
  const lambda = new LambdaClient(clientConfig(target));
  const fn = await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'subscriber',
      Runtime: 'nodejs22.x',
      Role: role.Role!.Arn!,
      Handler: 'index.handler',
      Code: { ZipFile: readFileSync(new URL('./fixtures/function.zip', import.meta.url)) },
    }),
  );
  lambda.destroy();
  await subscribe('lambda', fn.FunctionArn!);
  await subscribe('sms', '+15555550100');
});

afterAll(async () => {
  sns?.destroy();
  await moto?.stop();
  if (outbox) rmSync(outbox, { recursive: true, force: true });
});

describe('local SNS delivery on moto', () => {
  const reports: DeliveryReport[] = [];
  let delivery: LocalSnsDelivery;

  it('reads the subscriptions back; confirms the email ones with a confirmation in the outbox; says which it cannot deliver', async () => {
    delivery = new LocalSnsDelivery(
      { endpoint: moto.endpoint, region },
      { outboxDir: outbox, invoker, report: (r) => reports.push(r) },
    );
    const subs = await delivery.sync();
    expect(subs.map((s) => s.protocol).sort()).toEqual(['email', 'email-json', 'lambda']);
    expect(subs.find((s) => s.protocol === 'email')?.filterPolicy).toContain('smart-alarms');
    const skipped = reports.filter((r) => r.kind === 'skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({
      subscription: { protocol: 'sms' },
      reason: expect.stringContaining('does not deliver sms'),
    });
    const confirmations = readOutbox();
    expect(confirmations.map((m) => [m.type, m.to]).sort()).toEqual([
      ['SubscriptionConfirmation', 'machine@example.com'],
      ['SubscriptionConfirmation', 'ops@example.com'],
    ]);
    // the shadow queues' subscriptions are the emulator's business only
    const again = await readSubscriptions({ endpoint: moto.endpoint, region });
    expect(again.some((s) => s.endpoint.includes(SHADOW_QUEUE_PREFIX))).toBe(false);
    expect(again).toHaveLength(4);
    // a second sync adds nothing
    await delivery.sync();
    expect(readOutbox()).toHaveLength(2);
  });

  it('delivers a matching message to every subscriber: the Lambda event AWS sends, one outbox file per email', async () => {
    const { MessageId } = await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: '[lambda-stats] smart-alarms: 2 anomalies in 1 series',
        Message: 'meter-004 2026-11-24T08:30:00Z score 6.2',
        MessageAttributes: { analysis: { DataType: 'String', StringValue: 'smart-alarms' } },
      }),
    );
    expect(await delivery.poll()).toBe(3);
    expect(invoked).toHaveLength(1);
    expect(invoked[0]!.name).toBe('subscriber');
    const event = invoked[0]!.event as {
      Records: {
        EventSource: string;
        EventSubscriptionArn: string;
        Sns: Record<string, unknown>;
      }[];
    };
    expect(event.Records).toHaveLength(1);
    expect(event.Records[0]!.EventSource).toBe('aws:sns');
    expect(event.Records[0]!.EventSubscriptionArn).toMatch(/^arn:aws:sns:us-east-1:\d+:alarms:/);
    expect(event.Records[0]!.Sns).toMatchObject({
      Type: 'Notification',
      MessageId,
      TopicArn: topicArn,
      Subject: '[lambda-stats] smart-alarms: 2 anomalies in 1 series',
      Message: 'meter-004 2026-11-24T08:30:00Z score 6.2',
      MessageAttributes: { analysis: { Type: 'String', Value: 'smart-alarms' } },
    });
    expect(Date.parse(event.Records[0]!.Sns.Timestamp as string)).not.toBeNaN();
    const notes = readOutbox().filter((m) => m.type === 'Notification');
    expect(notes.map((m) => m.to).sort()).toEqual(['machine@example.com', 'ops@example.com']);
    const email = notes.find((m) => m.protocol === 'email')!;
    expect(email.messageId).toBe(MessageId);
    expect(email.email.subject).toBe('[lambda-stats] smart-alarms: 2 anomalies in 1 series');
    expect(email.email.body.startsWith('meter-004 2026-11-24T08:30:00Z score 6.2\n\n--\n')).toBe(
      true,
    );
    const json = notes.find((m) => m.protocol === 'email-json')!;
    expect(JSON.parse(json.email.body)).toMatchObject({
      Type: 'Notification',
      MessageId,
      Message: 'meter-004 2026-11-24T08:30:00Z score 6.2',
    });
    // delivered once: the queues are empty now
    expect(await delivery.poll()).toBe(0);
    expect(delivery.delivered).toEqual({ email: 2, lambda: 1, failed: 0 });
  });

  it("honours the filter policy: another analysis's message skips the filtered email subscription", async () => {
    await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Message: 'other',
        MessageAttributes: { analysis: { DataType: 'String', StringValue: 'smart-targets' } },
      }),
    );
    expect(await delivery.poll()).toBe(2);
    const latest = readOutbox().filter((m) => m.message === 'other');
    expect(latest.map((m) => m.to)).toEqual(['machine@example.com']);
    // no Subject: the email gets AWS's default subject
    expect(latest[0]!.subject).toBeNull();
  });

  it('a re-read picks up a changed filter policy and an unsubscribe, as AWS applies them', async () => {
    const subs = await readSubscriptions({ endpoint: moto.endpoint, region });
    const email = subs.find((s) => s.protocol === 'email')!;
    const json = subs.find((s) => s.protocol === 'email-json')!;
    await sns.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn: email.arn,
        AttributeName: 'FilterPolicy',
        AttributeValue: JSON.stringify({ analysis: ['smart-targets'] }),
      }),
    );
    await sns.send(new UnsubscribeCommand({ SubscriptionArn: json.arn }));
    await delivery.sync();
    await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Message: 'after the change',
        MessageAttributes: { analysis: { DataType: 'String', StringValue: 'smart-targets' } },
      }),
    );
    await delivery.poll();
    expect(
      readOutbox()
        .filter((m) => m.message === 'after the change')
        .map((m) => m.to),
    ).toEqual(['ops@example.com']);
  });

  it('retries a failing Lambda subscriber twice, then reports the error', async () => {
    invoked.length = 0;
    failNext = 5;
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'x' }));
    reports.length = 0;
    await delivery.poll();
    expect(invoked).toHaveLength(3);
    const r = reports.find((x) => x.kind === 'lambda');
    expect(r).toMatchObject({ kind: 'lambda', attempts: 3, error: 'Error: boom' });
    failNext = 0;
    await delivery.stop();
  });
});
