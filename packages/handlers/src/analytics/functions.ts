/**
 * The analytics functions: the steps of an analysis's state
 * machine (ListSeries, AnalyseSeries, Finish; infra/src/constructs/analytics.ts)
 * and the API (api.ts). The AWS SDK is the managed runtime's (never bundled).
 */
import {
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { analyticsEnv, requireSetting } from '../env';
import { getBytes, ListObjectsV2Command, putJson, s3Client } from '../jobs/aws';
import { analyseSeries, type ResultItem, type SeriesOutcome } from './analyse';
import { groupSeries, type RawReading } from './csv';
import { toItem } from './dynamo';
import {
  alarmMessage,
  type FlaggedReading,
  flaggedReadings,
  metricsLine,
  noticeKey,
  type RunRecord,
  summariseRun,
} from './run';
import { AnalysisInputError, type AnalysisSpec } from './spec';

let dynamo: DynamoDBClient | undefined;
let sns: SNSClient | undefined;
const dynamoClient = () => {
  dynamo ??= new DynamoDBClient({});
  return dynamo;
};
const snsClient = () => {
  sns ??= new SNSClient({});
  return sns;
};

/** What ListSeries hands the Map: where the item list is. */
export interface ListedRun {
  readonly bucket: string;
  readonly itemsKey: string;
  readonly series: number;
  readonly files: readonly string[];
}

/** One item of the Map: one series, stored as its own object. */
export interface SeriesItem {
  readonly series: string;
  readonly key: string;
}

const MAX_INPUT_BYTES = 512 * 1024 * 1024;

/**
 * ListSeries: reads every .csv object under the analysis's input prefix,
 * groups the rows by series, writes each series to the run's scratch
 * prefix and the list of them (the Map's JSON ItemReader input). No input
 * or a file without the configured columns fails the run (not retried).
 */
export async function listSeries(event: {
  analysis: AnalysisSpec;
  runId: string;
}): Promise<ListedRun> {
  const { analysis: spec, runId } = event;
  const s3 = s3Client();
  const keys: string[] = [];
  let token: string | undefined;
  let total = 0;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: spec.bucket,
        Prefix: spec.inputPrefix,
        ContinuationToken: token,
      }),
    );
    for (const o of page.Contents ?? []) {
      if (!o.Key?.toLowerCase().endsWith('.csv')) continue;
      keys.push(o.Key);
      total += o.Size ?? 0;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  if (keys.length === 0) {
    throw new AnalysisInputError(
      `no .csv files under s3://${spec.bucket}/${spec.inputPrefix}: upload one with columns ${spec.columns.series},${spec.columns.timestamp},${spec.columns.value}`,
    );
  }
  if (total > MAX_INPUT_BYTES) {
    throw new AnalysisInputError(
      `the input under ${spec.inputPrefix} is ${total} bytes; one run reads at most ${MAX_INPUT_BYTES}`,
    );
  }
  keys.sort();
  const groups = new Map<string, RawReading[]>();
  for (const key of keys) {
    const text = (await getBytes(spec.bucket, key)).toString('utf8');
    groupSeries(text, key.slice(spec.inputPrefix.length), spec.columns, groups);
  }
  const base = `${spec.scratchPrefix}${runId}/`;
  const items: SeriesItem[] = [];
  let index = 0;
  const writes: Promise<void>[] = [];
  for (const [series, readings] of groups) {
    const key = `${base}series/${index++}.json`;
    items.push({ series, key });
    writes.push(putJson(spec.bucket, key, { series, readings }));
    if (writes.length >= 16) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  const itemsKey = `${base}items.json`;
  await putJson(spec.bucket, itemsKey, items);
  return { bucket: spec.bucket, itemsKey, series: items.length, files: keys };
}

/** Writes result items 25 at a time (BatchWriteItem's limit), retrying what DynamoDB leaves unprocessed. */
async function writeResults(table: string, items: readonly ResultItem[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let requests: WriteRequest[] = items
      .slice(i, i + 25)
      .map((item) => ({ PutRequest: { Item: toItem({ ...item }) } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 8)
        throw new Error(
          `DynamoDB left ${requests.length} result items unprocessed after 8 retries`,
        );
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const res = await dynamoClient().send(
        new BatchWriteItemCommand({ RequestItems: { [table]: requests } }),
      );
      requests = res.UnprocessedItems?.[table] ?? [];
    }
  }
}

/**
 * AnalyseSeries (the Map's worker): one series checked and scored, its
 * results written (same analysis, series and period: the same item, so a
 * re-run replaces), and its outcome returned for the run record.
 */
export async function analyseSeriesStep(event: {
  analysis: AnalysisSpec;
  run: ListedRun;
  item: SeriesItem;
}): Promise<SeriesOutcome> {
  const { analysis: spec, item } = event;
  const stored = JSON.parse((await getBytes(spec.bucket, item.key)).toString('utf8')) as {
    series: string;
    readings: RawReading[];
  };
  const runId = item.key.slice(spec.scratchPrefix.length).split('/')[0]!;
  const { outcome, items } = analyseSeries(spec, stored.series, stored.readings, runId, new Date());
  await writeResults(
    requireSetting(analyticsEnv().resultsTable, 'LAMBDA_STATS_RESULTS_TABLE'),
    items,
  );
  return outcome;
}

/**
 * Claims the notice key of each flagged reading with a conditional put on
 * the runs table (16 at a time); returns the readings this run claimed,
 * i.e. those no earlier run has notified.
 */
async function claimNotices(
  table: string,
  run: RunRecord,
  flagged: readonly FlaggedReading[],
): Promise<FlaggedReading[]> {
  const fresh: FlaggedReading[] = [];
  for (let i = 0; i < flagged.length; i += 16) {
    const batch = flagged.slice(i, i + 16);
    const claimed = await Promise.all(
      batch.map(async (f) => {
        try {
          await dynamoClient().send(
            new PutItemCommand({
              TableName: table,
              Item: toItem({
                analysis: run.analysis,
                sk: noticeKey(f.series, f.period),
                series: f.series,
                period: f.period,
                runId: run.runId,
                at: run.endedAt,
                expiresAt: run.expiresAt,
              }),
              // free, or given back by a run whose publish failed
              ConditionExpression: 'attribute_not_exists(sk) OR #released = :released',
              ExpressionAttributeNames: { '#released': 'released' },
              ExpressionAttributeValues: { ':released': { BOOL: true } },
            }),
          );
          return true;
        } catch (error) {
          if (
            error instanceof ConditionalCheckFailedException ||
            (error as Error).name === 'ConditionalCheckFailedException'
          ) {
            return false;
          }
          throw error;
        }
      }),
    );
    batch.forEach((f, j) => {
      if (claimed[j]) fresh.push(f);
    });
  }
  return fresh;
}

/**
 * Gives claimed notice keys back (the publish failed), so a retry or re-run
 * notifies them: marked released (Finish may update, not delete, items).
 */
async function releaseNotices(
  table: string,
  run: RunRecord,
  claimed: readonly FlaggedReading[],
): Promise<void> {
  for (let i = 0; i < claimed.length; i += 16) {
    await Promise.all(
      claimed.slice(i, i + 16).map((f) =>
        dynamoClient()
          .send(
            new UpdateItemCommand({
              TableName: table,
              Key: toItem({ analysis: run.analysis, sk: noticeKey(f.series, f.period) }),
              UpdateExpression: 'SET #released = :released',
              ConditionExpression: 'runId = :run',
              ExpressionAttributeNames: { '#released': 'released' },
              ExpressionAttributeValues: { ':run': { S: run.runId }, ':released': { BOOL: true } },
            }),
          )
          .catch(() => undefined),
      ),
    );
  }
}

/**
 * Finish: the run record, the EMF metrics line, and the alarm. Each flagged
 * reading (analysis, series, period) is notified once, whichever run finds
 * it: Finish claims a notice key per reading with a conditional put on the
 * runs table and publishes only the readings it claimed. A re-run over the
 * same period therefore publishes nothing; one that finds a new anomaly
 * publishes just that one. If the publish fails, the claims are given back
 * and the error is raised, so the anomalies are not lost.
 */
export async function finishRun(event: {
  analysis: AnalysisSpec;
  runId: string;
  startedAt: string;
  state: { outcomes?: SeriesOutcome[]; failure?: { Error?: string; Cause?: string } };
}): Promise<{ status: string; notified: number; alreadyNotified: number }> {
  const env = analyticsEnv();
  const run = summariseRun({
    analysis: event.analysis.name,
    runId: event.runId,
    startedAt: event.startedAt,
    endedAt: new Date(),
    outcomes: event.state.outcomes,
    failure: event.state.failure,
    ttlDays: event.analysis.resultTtlDays,
  });
  const table = requireSetting(env.runsTable, 'LAMBDA_STATS_RUNS_TABLE');
  await dynamoClient().send(new PutItemCommand({ TableName: table, Item: toItem({ ...run }) }));
  console.log(metricsLine(run, new Date()));
  const flagged = run.status === 'SUCCEEDED' ? flaggedReadings(run) : [];
  if (flagged.length === 0) return { status: run.status, notified: 0, alreadyNotified: 0 };
  const fresh = await claimNotices(table, run, flagged);
  const alarm = alarmMessage(run, fresh, flagged.length - fresh.length);
  if (alarm) {
    try {
      await snsClient().send(
        new PublishCommand({
          TopicArn: requireSetting(env.alarmTopicArn, 'LAMBDA_STATS_ALARM_TOPIC_ARN'),
          Subject: alarm.subject,
          Message: alarm.body,
          MessageAttributes: {
            analysis: { DataType: 'String', StringValue: alarm.attributes.analysis },
          },
        }),
      );
    } catch (error) {
      await releaseNotices(table, run, fresh);
      throw error;
    }
  }
  return {
    status: run.status,
    notified: fresh.length,
    alreadyNotified: flagged.length - fresh.length,
  };
}
