/**
 * "Notifies once" on a real moto server: Finish publishes each
 * flagged reading (analysis, series, period) once, whichever run finds it.
 * A re-run with the same anomalies records its run but publishes nothing;
 * a run that finds one more anomaly publishes only that one; a publish that
 * fails gives its claims back, so the next run notifies them. What was
 * published is read from moto's record of the topic's notifications
 * (`/moto-api/data.json`, `sent_notifications`).
 */
import { CreateTableCommand, DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, DeleteTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { type MotoServer, startMoto } from '@lambda-stats/lambda-kit/moto-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { finishRun } from '../../src/analytics/functions';
import type { SeriesOutcome } from '../../src/analytics/index';
import type { AnalysisSpec } from '../../src/analytics/spec';

const region = 'us-east-1';
const table = 'runs';
let moto: MotoServer;
let topicArn: string;
const saved = { ...process.env };

const spec = { name: 'smart-alarms', resultTtlDays: 30 } as AnalysisSpec;
const analysed = (series: string, periods: string[]): SeriesOutcome => ({
  series,
  status: 'analysed',
  readings: 1344,
  scored: 336,
  from: '2026-11-02T00:00:00.000Z',
  to: '2026-11-29T23:30:00.000Z',
  anomalies: periods.map((period) => ({ period, actual: 9, expected: 3, score: 6.2 })),
});
const spike1 = analysed('meter-004', ['2026-11-24T08:30:00.000Z']);
const spike2 = analysed('meter-011', ['2026-11-25T19:00:00.000Z']);

const client = () => ({
  region,
  endpoint: moto.endpoint,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

/** The messages moto recorded for the topic: [id, message, subject, attributes, group]. */
async function published(): Promise<{ message: string; subject: string }[]> {
  const data = (await (await fetch(`${moto.endpoint}/moto-api/data.json`)).json()) as {
    sns: { Topic: { arn: string; sent_notifications: [string, string, string][] }[] };
  };
  // a deleted topic stays in moto's list: the newest one with this ARN is the live one
  const topic = data.sns.Topic.filter((t) => t.arn === topicArn).pop()!;
  return topic.sent_notifications.map(([, message, subject]) => ({ message, subject }));
}

let runs = 0;
const finish = (outcomes: SeriesOutcome[]) =>
  finishRun({
    analysis: spec,
    runId: `exec-${++runs}`,
    startedAt: new Date().toISOString(),
    state: { outcomes },
  });

beforeAll(async () => {
  // Finish prints its EMF line with console.log: not wanted in the test output
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  moto = await startMoto();
  const dynamo = new DynamoDBClient(client());
  await dynamo.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'analysis', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'analysis', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  dynamo.destroy();
  const sns = new SNSClient(client());
  topicArn = (await sns.send(new CreateTopicCommand({ Name: 'alarms' }))).TopicArn!;
  sns.destroy();
  // what the deployed function gets: the emulator through AWS_ENDPOINT_URL, the table and topic by name
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    LAMBDA_STATS_RUNS_TABLE: table,
    LAMBDA_STATS_ALARM_TOPIC_ARN: topicArn,
  });
});

afterAll(async () => {
  vi.restoreAllMocks();
  process.env = saved;
  await moto?.stop();
});

describe('Finish notifies each anomaly once', () => {
  it('publishes the first run’s anomaly', async () => {
    const r = await finish([spike1, analysed('meter-001', [])]);
    expect(r).toEqual({ status: 'SUCCEEDED', notified: 1, alreadyNotified: 0 });
    const sent = await published();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toBe('[lambda-stats] smart-alarms: 1 anomaly in 1 series');
    expect(sent[0]!.message).toContain('meter-004  2026-11-24T08:30:00.000Z');
  });

  it('a re-run over the same period records its run and publishes nothing', async () => {
    const r = await finish([spike1, analysed('meter-001', [])]);
    expect(r).toEqual({ status: 'SUCCEEDED', notified: 0, alreadyNotified: 1 });
    expect(await published()).toHaveLength(1);
    const dynamo = new DynamoDBClient(client());
    const items = await dynamo.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'analysis = :a AND begins_with(sk, :run)',
        ExpressionAttributeValues: { ':a': { S: 'smart-alarms' }, ':run': { S: 'run#' } },
      }),
    );
    dynamo.destroy();
    expect(items.Items).toHaveLength(2);
  });

  it('a run that finds one more anomaly publishes only the new one', async () => {
    const r = await finish([spike1, spike2]);
    expect(r).toEqual({ status: 'SUCCEEDED', notified: 1, alreadyNotified: 1 });
    const sent = await published();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.subject).toBe('[lambda-stats] smart-alarms: 1 new anomaly in 1 series');
    expect(sent[1]!.message).toContain('meter-011');
    expect(sent[1]!.message).not.toContain('meter-004  2026');
    expect(sent[1]!.message).toContain('1 already notified by an earlier run');
  });

  it('a failed run notifies nothing', async () => {
    const r = await finishRun({
      analysis: spec,
      runId: 'exec-failed',
      startedAt: new Date().toISOString(),
      state: {
        outcomes: [analysed('meter-020', ['2026-11-26T00:00:00.000Z'])],
        failure: { Error: 'x' },
      },
    });
    expect(r).toMatchObject({ status: 'FAILED', notified: 0 });
    expect(await published()).toHaveLength(2);
  });

  it('when the publish fails, the claims are given back and the next run notifies them', async () => {
    const spike3 = analysed('meter-027', ['2026-11-27T03:00:00.000Z']);
    const sns = new SNSClient(client());
    await sns.send(new DeleteTopicCommand({ TopicArn: topicArn }));
    await expect(finish([spike3])).rejects.toThrow();
    await sns.send(new CreateTopicCommand({ Name: 'alarms' }));
    sns.destroy();
    const r = await finish([spike1, spike2, spike3]);
    expect(r).toEqual({ status: 'SUCCEEDED', notified: 1, alreadyNotified: 2 });
    const sent = await published();
    expect(sent).toHaveLength(1); // the topic is new: only this run's message
    expect(sent[0]!.message).toContain('meter-027');
  });
});
