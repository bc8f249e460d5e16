/**
 * GET /analyses/{name}/results?series=&from=&to=[&flagged=true] and
 * GET /analyses/{name}/runs, answered from the results and runs tables.
 */
import { DynamoDBClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { analyticsEnv, requireSetting } from '../env';
import { HttpError } from '../http/errors';
import { errorToResponse, toLambdaResult } from '../http/respond';
import { JsonLogger } from '../logger';
import { resultKey } from './analyse';
import { fromItem } from './dynamo';
import { checkAnalysis, parseResultsQuery } from './query';

let dynamo: DynamoDBClient | undefined;
const client = () => {
  dynamo ??= new DynamoDBClient({});
  return dynamo;
};

/** At most this many items in one answer (narrow from/to for more). */
const MAX_RESULTS = 5000;
const MAX_RUNS = 50;

async function queryAll(input: QueryCommandInput, max: number) {
  const items: Record<string, unknown>[] = [];
  let start: QueryCommandInput['ExclusiveStartKey'];
  let truncated = false;
  do {
    const res = await client().send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    for (const item of res.Items ?? []) items.push(fromItem(item, ['outcomes', 'counts']));
    start = res.LastEvaluatedKey;
    if (items.length >= max) {
      truncated = start !== undefined || items.length > max;
      break;
    }
  } while (start);
  return { items: items.slice(0, max), truncated };
}

async function results(name: string | undefined, query: Record<string, string | undefined>) {
  const env = analyticsEnv();
  const q = parseResultsQuery(name, query, env.analyses);
  const names: Record<string, string> = { '#pk': 'pk' };
  const values: Record<string, { S: string }> = { ':pk': { S: resultKey(q.analysis, q.series) } };
  let condition = '#pk = :pk';
  if (q.from !== undefined || q.to !== undefined) {
    names['#p'] = 'period';
    if (q.from !== undefined && q.to !== undefined) {
      condition += ' AND #p BETWEEN :from AND :to';
      values[':from'] = { S: q.from };
      values[':to'] = { S: q.to };
    } else if (q.from !== undefined) {
      condition += ' AND #p >= :from';
      values[':from'] = { S: q.from };
    } else {
      condition += ' AND #p < :to';
      values[':to'] = { S: q.to! };
    }
  }
  const { items, truncated } = await queryAll(
    {
      TableName: requireSetting(env.resultsTable, 'LAMBDA_STATS_RESULTS_TABLE'),
      KeyConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ...(q.flaggedOnly
        ? {
            FilterExpression: 'flag = :t',
            ExpressionAttributeValues: { ...values, ':t': { BOOL: true } },
          }
        : {}),
    } as QueryCommandInput,
    MAX_RESULTS,
  );
  const rows = items
    .filter((i) => q.to === undefined || (i.period as string) < q.to)
    .map(({ period, expected, low, high, actual, score, flag, runId }) => ({
      period,
      expected,
      low,
      high,
      actual,
      score,
      flag,
      runId,
    }));
  return {
    analysis: q.analysis,
    series: q.series,
    from: q.from ?? null,
    to: q.to ?? null,
    count: rows.length,
    truncated,
    results: rows,
  };
}

async function runs(name: string | undefined, query: Record<string, string | undefined>) {
  const env = analyticsEnv();
  const analysis = checkAnalysis(name, env.analyses);
  const extra = Object.keys(query);
  if (extra.length > 0)
    throw new HttpError(
      400,
      'invalid_request',
      `unknown query parameter ${extra.join(', ')}; /runs takes none`,
    );
  const { items } = await queryAll(
    {
      TableName: requireSetting(env.runsTable, 'LAMBDA_STATS_RUNS_TABLE'),
      KeyConditionExpression: '#a = :a AND begins_with(#sk, :run)',
      ExpressionAttributeNames: { '#a': 'analysis', '#sk': 'sk' },
      ExpressionAttributeValues: { ':a': { S: analysis }, ':run': { S: 'run#' } },
      ScanIndexForward: false,
      Limit: MAX_RUNS,
    },
    MAX_RUNS,
  );
  // The series the newest run analysed, sorted: what a caller can ask /results for.
  const newest = (items[0]?.outcomes ?? []) as { status: string; series: string }[];
  const series = [
    ...new Set(newest.filter((o) => o.status === 'analysed').map((o) => o.series)),
  ].sort();
  return {
    analysis,
    series,
    runs: items.map((r) => {
      const outcomes = (r.outcomes ?? []) as {
        status: string;
        series: string;
        reason?: string;
        message?: string;
      }[];
      return {
        runId: r.runId,
        status: r.status,
        startedAt: r.startedAt,
        endedAt: r.endedAt,
        durationMs: r.durationMs,
        counts: r.counts,
        ...(r.error ? { error: r.error } : {}),
        rejected: outcomes
          .filter((o) => o.status === 'rejected')
          .map(({ series, reason, message }) => ({ series, reason, message })),
      };
    }),
  };
}

const ROUTES: Record<
  string,
  (name: string | undefined, query: Record<string, string | undefined>) => Promise<unknown>
> = {
  'GET /analyses/{name}/results': results,
  'GET /analyses/{name}/runs': runs,
};

/** The analytics API function (payload 2.0 events); never throws: a fault of ours is a 500 with the request id. */
export async function analyticsApi(event: unknown, context?: Partial<Context>) {
  const logger = new JsonLogger({ serviceName: 'lambda-stats' });
  const requestId = context?.awsRequestId ?? 'local';
  const e = (typeof event === 'object' && event !== null ? event : {}) as {
    routeKey?: string;
    pathParameters?: Record<string, string>;
    queryStringParameters?: Record<string, string>;
  };
  let statusCode = 200;
  let body: unknown;
  let headers: Record<string, string> = {};
  try {
    const route = ROUTES[e.routeKey ?? ''];
    if (!route)
      throw new HttpError(404, 'not_found', `no route ${e.routeKey || '(none)'} in analytics`);
    body = await route(e.pathParameters?.name, { ...(e.queryStringParameters ?? {}) });
  } catch (error) {
    const mapped = errorToResponse(error, requestId, 'analytics');
    if (mapped.unexpected) {
      logger.error('request failed', {
        endpoint: 'analytics',
        error: error instanceof Error ? error : new Error(String(error)),
      });
    }
    statusCode = mapped.statusCode;
    body = mapped.body;
    headers = mapped.headers ?? {};
  }
  return toLambdaResult('http', statusCode, body, headers, requestId);
}
