/**
 * Local SNS delivery: what AWS does after `Publish`, which moto does not do.
 *
 * moto stores topics and subscriptions and accepts `Publish`, but it never
 * invokes a Lambda subscriber (that needs Docker) and only records email.
 * It does deliver to SQS queues, after matching each subscription's filter
 * policy, with the notification document AWS builds (Type, MessageId,
 * TopicArn, Subject, Message, Timestamp, MessageAttributes, signature).
 *
 * So for every Lambda, email and email-json subscription read back from the
 * emulator, this module adds a *shadow* SQS queue and subscription in the
 * emulator only (never in Terraform: `pnpm run diff local` stays "no
 * changes"), with the same filter policy and scope, and polls those queues:
 *
 * - lambda: the subscribed function runs on the local runtime with the event
 *   AWS sends (`Records[].Sns`); a function error is retried twice, as
 *   Lambda's asynchronous invocation does;
 * - email / email-json: the message is written to the outbox
 *   (`.lambda-stats/outbox/`, one JSON file per delivered message, with the
 *   email as AWS would send it), and reported in one line.
 *
 * A subscription that is still pending confirmation gets nothing, as on AWS.
 * An email subscription is confirmed by its recipient on AWS; here the
 * outbox receives the confirmation request and the local stack confirms it
 * in the recipient's place (moto already reports it confirmed).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  SetSubscriptionAttributesCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { clientConfig, type EmulatorTarget } from './aws';
import type { Invoker } from './invoke-proxy';

/** A subscription as deployed (read back from the emulator). */
export interface SnsSubscription {
  readonly arn: string;
  readonly topicArn: string;
  readonly protocol: string;
  readonly endpoint: string;
  readonly filterPolicy?: string;
  readonly filterPolicyScope?: string;
  readonly pendingConfirmation: boolean;
}

/** The protocols this module delivers; moto itself delivers sqs and http(s). */
export const LOCALLY_DELIVERED = ['lambda', 'email', 'email-json'] as const;

/** Names of the emulator-only queues: never a name Terraform manages. */
export const SHADOW_QUEUE_PREFIX = 'lambda-stats-local-sns-';

export function shadowQueueName(subscriptionArn: string): string {
  return `${SHADOW_QUEUE_PREFIX}${createHash('sha256').update(subscriptionArn).digest('hex').slice(0, 40)}`;
}

/** The notification document SNS builds (the body moto puts on the shadow queue). */
export interface SnsNotification {
  Type: string;
  MessageId: string;
  TopicArn: string;
  Subject?: string;
  Message: string;
  Timestamp: string;
  SignatureVersion?: string;
  Signature?: string;
  SigningCertURL?: string;
  UnsubscribeURL?: string;
  MessageAttributes?: Record<string, { Type: string; Value: string }>;
}

/** The event a Lambda subscriber receives (AWS Lambda Developer Guide, "Using Lambda with Amazon SNS"). */
export function lambdaEvent(sub: SnsSubscription, n: SnsNotification) {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: sub.arn,
        Sns: {
          Type: n.Type,
          MessageId: n.MessageId,
          TopicArn: n.TopicArn,
          Subject: n.Subject ?? null,
          Message: n.Message,
          Timestamp: n.Timestamp,
          SignatureVersion: n.SignatureVersion ?? '1',
          Signature: n.Signature ?? '',
          SigningCertUrl: n.SigningCertURL ?? '',
          UnsubscribeUrl: unsubscribeUrl(sub),
          MessageAttributes: n.MessageAttributes ?? {},
        },
      },
    ],
  };
}

const unsubscribeUrl = (sub: SnsSubscription) =>
  `https://sns.${sub.arn.split(':')[3]}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${sub.arn}`;

/** One file of the outbox. */
export interface OutboxMessage {
  /** `Notification`, or `SubscriptionConfirmation` for the confirmation request. */
  readonly type: string;
  readonly deliveredAt: string;
  readonly protocol: string;
  readonly to: string;
  readonly subscriptionArn: string;
  readonly topicArn: string;
  readonly messageId: string;
  readonly subject: string | null;
  /** The published message, as given to Publish. */
  readonly message: string;
  readonly messageAttributes: Record<string, { Type: string; Value: string }>;
  readonly timestamp: string;
  /** The email as AWS sends it: email gets the message as text, email-json the notification document. */
  readonly email: { readonly from: string; readonly subject: string; readonly body: string };
}

const FROM = (region: string) => `no-reply@sns.${region}.amazonaws.com`;

export function outboxMessage(
  sub: SnsSubscription,
  n: SnsNotification,
  deliveredAt: Date,
): OutboxMessage {
  const region = sub.arn.split(':')[3] ?? 'us-east-1';
  const document = { ...n, UnsubscribeURL: unsubscribeUrl(sub) };
  const body =
    sub.protocol === 'email-json'
      ? JSON.stringify(document, null, 2)
      : `${n.Message}\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:\n${unsubscribeUrl(sub)}\n\nPlease do not reply directly to this email. If you have any questions or comments regarding this email, please contact us at https://aws.amazon.com/support`;
  return {
    type: n.Type,
    deliveredAt: deliveredAt.toISOString(),
    protocol: sub.protocol,
    to: sub.endpoint,
    subscriptionArn: sub.arn,
    topicArn: n.TopicArn,
    messageId: n.MessageId,
    subject: n.Subject ?? null,
    message: n.Message,
    messageAttributes: n.MessageAttributes ?? {},
    timestamp: n.Timestamp,
    email: { from: FROM(region), subject: n.Subject ?? 'AWS Notification Message', body },
  };
}

/** What AWS emails when an email subscription is created (the recipient must confirm). */
export function confirmationMessage(sub: SnsSubscription, at: Date): OutboxMessage {
  const region = sub.arn.split(':')[3] ?? 'us-east-1';
  const topic = sub.topicArn.split(':').pop() ?? sub.topicArn;
  const message = `You have chosen to subscribe to the topic:\n${sub.topicArn}\n\nTo confirm this subscription, click or visit the link below (If this was in error no action is necessary):\nConfirm subscription\n\n(Local stack: there is no link to follow. The local stack confirmed the subscription in the recipient's place, so the topic's messages follow in this outbox.)`;
  return {
    type: 'SubscriptionConfirmation',
    deliveredAt: at.toISOString(),
    protocol: sub.protocol,
    to: sub.endpoint,
    subscriptionArn: sub.arn,
    topicArn: sub.topicArn,
    messageId: createHash('sha256').update(`confirm\n${sub.arn}`).digest('hex').slice(0, 32),
    subject: 'AWS Notification - Subscription Confirmation',
    message,
    messageAttributes: {},
    timestamp: at.toISOString(),
    email: {
      from: FROM(region),
      subject: `AWS Notification - Subscription Confirmation (${topic})`,
      body: message,
    },
  };
}

/** Writes one outbox file (atomically: readers never see half a file); returns its path. */
export async function writeOutbox(dir: string, m: OutboxMessage): Promise<string> {
  await mkdir(dir, { recursive: true });
  const stamp = m.deliveredAt.replace(/[:.]/g, '-');
  const file = path.join(dir, `${stamp}-${m.protocol}-${m.messageId.slice(0, 8)}.json`);
  const tmp = `${file}.tmp`;
  await writeFile(tmp, `${JSON.stringify(m, null, 2)}\n`);
  await rename(tmp, file);
  return file;
}

/** The outbox's messages, oldest first (file names start with the delivery time). */
export function listOutbox(dir: string): { file: string; message: OutboxMessage }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      file: path.join(dir, f),
      message: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as OutboxMessage,
    }));
}

/** Reads every topic's subscriptions back from the emulator (the shadow ones left out). */
export async function readSubscriptions(target: EmulatorTarget): Promise<SnsSubscription[]> {
  const sns = new SNSClient(clientConfig(target));
  try {
    const topics: string[] = [];
    let token: string | undefined;
    do {
      const page = await sns.send(new ListTopicsCommand({ NextToken: token }));
      for (const t of page.Topics ?? []) if (t.TopicArn) topics.push(t.TopicArn);
      token = page.NextToken;
    } while (token);
    const subs: SnsSubscription[] = [];
    for (const topicArn of topics) {
      let next: string | undefined;
      do {
        const page = await sns.send(
          new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken: next }),
        );
        for (const s of page.Subscriptions ?? []) {
          if (!s.SubscriptionArn || !s.Protocol || !s.Endpoint) continue;
          if (s.Protocol === 'sqs' && s.Endpoint.split(':').pop()?.startsWith(SHADOW_QUEUE_PREFIX))
            continue;
          // PendingConfirmation shows as the ARN itself on AWS; moto confirms at once.
          if (!s.SubscriptionArn.startsWith('arn:')) {
            subs.push({
              arn: s.SubscriptionArn,
              topicArn,
              protocol: s.Protocol,
              endpoint: s.Endpoint,
              pendingConfirmation: true,
            });
            continue;
          }
          const attrs =
            (
              await sns.send(
                new GetSubscriptionAttributesCommand({ SubscriptionArn: s.SubscriptionArn }),
              )
            ).Attributes ?? {};
          subs.push({
            arn: s.SubscriptionArn,
            topicArn,
            protocol: s.Protocol,
            endpoint: s.Endpoint,
            ...(attrs.FilterPolicy ? { filterPolicy: attrs.FilterPolicy } : {}),
            ...(attrs.FilterPolicyScope ? { filterPolicyScope: attrs.FilterPolicyScope } : {}),
            pendingConfirmation: String(attrs.PendingConfirmation).toLowerCase() === 'true',
          });
        }
        next = page.NextToken;
      } while (next);
    }
    return subs;
  } finally {
    sns.destroy();
  }
}

/** What happened to one message or subscription, for the terminal. */
export type DeliveryReport =
  | {
      kind: 'email';
      subscription: SnsSubscription;
      message: OutboxMessage;
      file: string;
    }
  | {
      kind: 'lambda';
      subscription: SnsSubscription;
      messageId: string;
      function: string;
      attempts: number;
      error?: string;
    }
  | { kind: 'skipped'; subscription: SnsSubscription; reason: string };

export interface SnsDeliveryOptions {
  /** Where email and email-json messages are written (the outbox). */
  outboxDir: string;
  /** The local runtime, for Lambda subscribers. */
  invoker?: Invoker;
  report: (r: DeliveryReport) => void;
  /** How often the shadow queues are polled (ms). */
  pollMs?: number;
  /** How often subscriptions are read back again, for ones added later (ms). */
  resyncMs?: number;
  now?: () => Date;
}

interface Shadow {
  subscription: SnsSubscription;
  readonly queueUrl: string;
  /** The emulator-only sqs subscription that feeds the queue. */
  readonly shadowArn: string;
}

/** Lambda's asynchronous invocation: the first attempt and two retries. */
const LAMBDA_ATTEMPTS = 3;

export class LocalSnsDelivery {
  private readonly sns: SNSClient;
  private readonly sqs: SQSClient;
  private readonly shadows = new Map<string, Shadow>();
  private readonly skipped = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** Passes run one at a time (the timer's and flush()'s). */
  private chain: Promise<unknown> = Promise.resolve();
  private lastSync = 0;
  private stopped = false;
  /** Deliveries so far, by kind. */
  readonly delivered = { email: 0, lambda: 0, failed: 0 };

  constructor(
    private readonly target: EmulatorTarget,
    private readonly options: SnsDeliveryOptions,
  ) {
    this.sns = new SNSClient(clientConfig(target));
    this.sqs = new SQSClient(clientConfig(target));
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /**
   * Reads the subscriptions back and gives each new deliverable one its
   * shadow queue and subscription (same filter policy and scope). Returns
   * the subscriptions being delivered.
   */
  async sync(): Promise<SnsSubscription[]> {
    this.lastSync = Date.now();
    const subs = await readSubscriptions(this.target);
    const current = new Map(subs.map((s) => [s.arn, s]));
    for (const [arn, shadow] of this.shadows) {
      const sub = current.get(arn);
      if (!sub || sub.pendingConfirmation) {
        // unsubscribed (or no longer confirmed): AWS stops delivering, so does the shadow
        await this.sns
          .send(new UnsubscribeCommand({ SubscriptionArn: shadow.shadowArn }))
          .catch(() => undefined);
        this.shadows.delete(arn);
        continue;
      }
      // a changed filter policy or scope applies to the next message, as on AWS
      for (const [name, before, after] of [
        ['FilterPolicy', shadow.subscription.filterPolicy, sub.filterPolicy],
        ['FilterPolicyScope', shadow.subscription.filterPolicyScope, sub.filterPolicyScope],
      ] as const) {
        if (before === after) continue;
        await this.sns.send(
          new SetSubscriptionAttributesCommand({
            SubscriptionArn: shadow.shadowArn,
            AttributeName: name,
            AttributeValue: after ?? (name === 'FilterPolicy' ? '' : 'MessageAttributes'),
          }),
        );
      }
      shadow.subscription = sub;
    }
    for (const sub of subs) {
      if (this.shadows.has(sub.arn) || this.skipped.has(sub.arn)) continue;
      const skip = (reason: string) => {
        this.skipped.add(sub.arn);
        this.options.report({ kind: 'skipped', subscription: sub, reason });
      };
      if (!(LOCALLY_DELIVERED as readonly string[]).includes(sub.protocol)) {
        if (!['sqs', 'http', 'https'].includes(sub.protocol))
          skip(`the local stack does not deliver ${sub.protocol} messages`);
        continue; // sqs and http(s): moto delivers these itself
      }
      if (sub.pendingConfirmation) {
        skip('pending confirmation: AWS delivers nothing until the endpoint confirms');
        continue;
      }
      if (sub.protocol === 'lambda' && !this.options.invoker) {
        skip('no local runtime to invoke the function on');
        continue;
      }
      const name = shadowQueueName(sub.arn);
      const { QueueUrl } = await this.sqs.send(new CreateQueueCommand({ QueueName: name }));
      const { Attributes } = await this.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
      );
      const { SubscriptionArn } = await this.sns.send(
        new SubscribeCommand({
          TopicArn: sub.topicArn,
          Protocol: 'sqs',
          Endpoint: Attributes!.QueueArn!,
          ReturnSubscriptionArn: true,
          Attributes: {
            ...(sub.filterPolicy ? { FilterPolicy: sub.filterPolicy } : {}),
            ...(sub.filterPolicyScope ? { FilterPolicyScope: sub.filterPolicyScope } : {}),
          },
        }),
      );
      // moto's Subscribe drops the scope given with FilterPolicy in one call on some versions: set it again.
      if (sub.filterPolicyScope && SubscriptionArn) {
        await this.sns.send(
          new SetSubscriptionAttributesCommand({
            SubscriptionArn,
            AttributeName: 'FilterPolicyScope',
            AttributeValue: sub.filterPolicyScope,
          }),
        );
      }
      this.shadows.set(sub.arn, {
        subscription: sub,
        queueUrl: QueueUrl!,
        shadowArn: SubscriptionArn!,
      });
      if (sub.protocol.startsWith('email')) {
        const confirm = confirmationMessage(sub, this.now());
        const file = await writeOutbox(this.options.outboxDir, confirm);
        this.options.report({ kind: 'email', subscription: sub, message: confirm, file });
      }
    }
    return [...this.shadows.values()].map((s) => s.subscription);
  }

  /** Polls every shadow queue once and delivers what it finds; returns the number of messages. */
  async poll(): Promise<number> {
    let count = 0;
    for (const shadow of this.shadows.values()) {
      for (;;) {
        const { Messages } = await this.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: shadow.queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 0,
          }),
        );
        if (!Messages?.length) break;
        for (const m of Messages) {
          await this.deliver(shadow.subscription, JSON.parse(m.Body ?? '{}') as SnsNotification);
          count++;
        }
        await this.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: shadow.queueUrl,
            Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
      }
    }
    return count;
  }

  private async deliver(sub: SnsSubscription, n: SnsNotification): Promise<void> {
    if (sub.protocol === 'lambda') {
      const fn = sub.endpoint.split(':')[6] ?? sub.endpoint;
      let error: string | undefined;
      let attempts = 0;
      while (attempts < LAMBDA_ATTEMPTS) {
        // AWS waits a minute, then two, between the attempts; locally a moment
        if (attempts > 0) await new Promise((r) => setTimeout(r, 100 * attempts));
        attempts++;
        const outcome = await this.options.invoker!.invoke(fn, lambdaEvent(sub, n));
        if (outcome.kind === 'success') {
          error = undefined;
          break;
        }
        error =
          outcome.kind === 'functionError'
            ? `${outcome.error.errorType}: ${outcome.error.errorMessage}`
            : `throttled: ${outcome.message}`;
      }
      if (error) this.delivered.failed++;
      else this.delivered.lambda++;
      this.options.report({
        kind: 'lambda',
        subscription: sub,
        messageId: n.MessageId,
        function: fn,
        attempts,
        ...(error ? { error } : {}),
      });
      return;
    }
    const message = outboxMessage(sub, n, this.now());
    const file = await writeOutbox(this.options.outboxDir, message);
    this.delivered.email++;
    this.options.report({ kind: 'email', subscription: sub, message, file });
  }

  /** Syncs, then polls on a timer (re-reading subscriptions every `resyncMs`) until stopped. */
  start(onError: (error: Error) => void): void {
    const pollMs = this.options.pollMs ?? 500;
    const resyncMs = this.options.resyncMs ?? 15_000;
    const loop = async () => {
      if (this.stopped) return;
      await this.exclusive(async () => {
        if (Date.now() - this.lastSync >= resyncMs) await this.sync();
        await this.poll();
      }).catch((error: Error) => {
        if (!this.stopped) onError(error);
      });
      if (!this.stopped) this.timer = setTimeout(() => void loop(), pollMs);
    };
    void loop();
  }

  private exclusive<T>(run: () => Promise<T>): Promise<T> {
    const next = this.chain.catch(() => undefined).then(run);
    this.chain = next;
    return next;
  }

  /** Delivers what is waiting now (after the pass in progress); returns the number of messages. */
  flush(): Promise<number> {
    return this.exclusive(() => this.poll());
  }

  /** Stops polling; waits for the pass in progress, so nothing is half delivered. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.chain.catch(() => undefined);
    this.sns.destroy();
    this.sqs.destroy();
  }
}
