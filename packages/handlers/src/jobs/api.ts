/**
 * The datasets and jobs API: POST /datasets, GET /datasets/{id} (function
 * `datasets`) and POST /jobs, GET /jobs/{id} (function `jobs`). Each route
 * parses at the edge, answers with the API's usual JSON and error bodies,
 * and never throws (a fault of ours is a 500 carrying the request id).
 */
import { createHash, randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Context } from 'aws-lambda';
import * as v from 'valibot';
import { handlerEnv, jobsEnv, requireSetting } from '../env';
import { HttpError } from '../http/errors';
import { NAN_POLICIES } from '../http/fields';
import { readRequest } from '../http/request';
import { errorToResponse, invalidRequest, toLambdaResult } from '../http/respond';
import { JsonLogger } from '../logger';
import { documented } from '../schema';
import { getJson, HeadObjectCommand, isNotFound, putJson, s3Client } from './aws';

let sfn: SFNClient | undefined;
const sfnClient = () => {
  sfn ??= new SFNClient({});
  return sfn;
};

import { s3Source } from './engine';
import { JobInputError } from './errors';
import { jobForm, jobForms, optionsSchema } from './forms';
import { DATASET_ID, datasetDataKey, datasetMetaKey, JOB_ID, recordKey } from './keys';
import { datasetHeader } from './read';
import type { Format, JobInput, JobRecord } from './spec';

interface Reply {
  statusCode: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface RouteRequest {
  pathParameters: Record<string, string>;
  /** The JSON body (POST only), not yet validated. */
  payload: unknown;
}

type Route = (req: RouteRequest) => Promise<Reply>;

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** One Lambda handler serving several routes of the HTTP API (payload 2.0 events). */
export function createRouter(name: string, routes: Record<string, Route>) {
  const logger = new JsonLogger({ serviceName: 'lambda-stats' });
  const env = handlerEnv();
  return async function handler(event: unknown, context?: Partial<Context>) {
    const requestId = context?.awsRequestId ?? 'local';
    const e = isRecord(event) ? event : {};
    const routeKey = typeof e.routeKey === 'string' ? e.routeKey : '';
    const method = routeKey.split(' ')[0] ?? '';
    let reply: Reply;
    try {
      const route = routes[routeKey];
      if (!route) {
        throw new HttpError(404, 'not_found', `no route ${routeKey || '(none)'} in ${name}`);
      }
      const payload = method === 'POST' ? readRequest(event, env.maxBodyBytes).payload : undefined;
      const params = isRecord(e.pathParameters) ? (e.pathParameters as Record<string, string>) : {};
      reply = await route({ pathParameters: params, payload });
    } catch (error) {
      const mapped = errorToResponse(error, requestId, name);
      if (mapped.unexpected) {
        logger.error('request failed', {
          endpoint: name,
          error: error instanceof Error ? error : new Error(String(error)),
        });
      }
      reply = { statusCode: mapped.statusCode, body: mapped.body, headers: mapped.headers };
    }
    logger.info('request handled', {
      endpoint: name,
      route: routeKey,
      statusCode: reply.statusCode,
    });
    return toLambdaResult('http', reply.statusCode, reply.body, reply.headers ?? {}, requestId);
  };
}

function parse<T extends v.GenericSchema>(schema: T, payload: unknown): v.InferOutput<T> {
  const entries = (schema as unknown as { entries: v.ObjectEntries }).entries;
  const parsed = v.safeParse(schema, payload);
  if (!parsed.success) throw invalidRequest(parsed.issues, entries);
  return parsed.output;
}

const CONTENT_TYPES: Record<Format, string> = { csv: 'text/csv', jsonl: 'application/x-ndjson' };

/** POST /datasets's body (exported for the API document, src/openapi.ts). */
export const createDataset = v.strictObject({
  name: documented(
    v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    'A name for your own reference (1 to 200 characters); ids, not names, identify datasets.',
  ),
  format: documented(
    v.picklist(['csv', 'jsonl']),
    'csv: RFC 4180 with a header row naming the columns; jsonl: one JSON object per line. Either may be gzip-compressed.',
  ),
});

interface DatasetMeta {
  dataset_id: string;
  name: string;
  format: Format;
}

const bucket = () => requireSetting(jobsEnv().dataBucket, 'LAMBDA_STATS_DATA_BUCKET');

function datasetId(raw: string | undefined): string {
  if (raw === undefined || !DATASET_ID.test(raw)) {
    throw new HttpError(
      404,
      'not_found',
      `no dataset ${JSON.stringify(raw ?? '')}: dataset ids look like ds-<32 hex digits>, as POST /datasets returns them`,
    );
  }
  return raw;
}

async function readDataset(id: string): Promise<DatasetMeta> {
  const meta = await getJson<DatasetMeta>(bucket(), datasetMetaKey(id));
  if (!meta) {
    throw new HttpError(404, 'not_found', `no dataset ${id}: create one with POST /datasets`, {
      dataset_id: id,
    });
  }
  return meta;
}

/** The uploaded object's size and header columns, or undefined before the upload. */
async function uploaded(
  meta: DatasetMeta,
): Promise<{ size: number; columns: string[]; gzip: boolean } | undefined> {
  try {
    const head = await s3Client().send(
      new HeadObjectCommand({ Bucket: bucket(), Key: datasetDataKey(meta.dataset_id) }),
    );
    const size = head.ContentLength ?? 0;
    if (size === 0) return undefined;
    const key = datasetDataKey(meta.dataset_id);
    let columns: string[] = [];
    let gzip = false;
    try {
      ({ columns, gzip } = await datasetHeader(s3Source(bucket(), key, size), meta.format, size));
    } catch (error) {
      if (!(error instanceof JobInputError)) throw error;
      // not readable as the declared format: no columns (a job on it fails naming why)
    }
    return { size, columns, gzip };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export const datasetRoutes: Record<string, Route> = {
  async 'POST /datasets'({ payload }) {
    const body = parse(createDataset, payload);
    const id = `ds-${randomUUID().replaceAll('-', '')}`;
    const meta: DatasetMeta = { dataset_id: id, name: body.name, format: body.format };
    await putJson(bucket(), datasetMetaKey(id), meta);
    const contentType = CONTENT_TYPES[body.format];
    // Content-Type is signed: the upload must send exactly this header, so the
    // object arrives with it (a form-encoded PUT would otherwise be mangled).
    const url = await getSignedUrl(
      s3Client(),
      new PutObjectCommand({ Bucket: bucket(), Key: datasetDataKey(id), ContentType: contentType }),
      { expiresIn: jobsEnv().uploadUrlSeconds, signableHeaders: new Set(['content-type']) },
    );
    return {
      statusCode: 201,
      headers: { location: `/datasets/${id}` },
      body: {
        dataset_id: id,
        name: body.name,
        format: body.format,
        upload: {
          url,
          method: 'PUT',
          headers: { 'content-type': contentType },
          expires_in_seconds: jobsEnv().uploadUrlSeconds,
        },
      },
    };
  },

  async 'GET /datasets/{id}'({ pathParameters }) {
    const meta = await readDataset(datasetId(pathParameters.id));
    const up = await uploaded(meta);
    return {
      statusCode: 200,
      body: up
        ? { ...meta, status: 'UPLOADED', size: up.size, gzip: up.gzip, columns: up.columns }
        : { ...meta, status: 'AWAITING_UPLOAD' },
    };
  },
};

/** POST /jobs's body (exported for the API document, src/openapi.ts). */
export const createJob = v.strictObject({
  dataset: documented(
    v.pipe(v.string(), v.minLength(1)),
    'The dataset_id POST /datasets returned.',
  ),
  statistic: documented(
    v.pipe(v.string(), v.minLength(1)),
    `The scipy name of the statistic: ${jobForms.map((f) => f.statistic).join(', ')}.`,
  ),
  columns: documented(
    v.unknown(),
    `Maps each array field of the synchronous request to column names (a list of columns for a matrix; f_oneway groups one value column by a label column; chi2_contingency cross-tabulates two label columns). A wrong shape is a 400 whose details.example shows the right one. ${jobForms.map((f) => `${f.statistic}: ${JSON.stringify(f.columnsExample)}`).join('; ')}.`,
  ),
  options: documented(
    v.optional(v.record(v.string(), v.unknown()), {}),
    "The synchronous endpoint's other fields (alternative, degree, equal_var...), validated as that endpoint validates them.",
  ),
  nan_policy: documented(
    v.optional(v.picklist(NAN_POLICIES), 'raise'),
    "A missing value (an empty cell, NaN, NA, n/a, null and the other markers in docs/data-input.md): raise fails the job naming its row, column and value; omit skips the row (as scipy's nan_policy does); propagate is read as raise. A cell that is neither a number nor missing (text such as abc) fails the job under every policy, as the synchronous endpoints answer 400.",
  ),
  client_token: documented(
    v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(128))),
    'Makes POST /jobs idempotent: the same token with the same request answers the same job_id; with a different request, 409 conflict.',
  ),
  /** Nominal chunk size in bytes (default: the stack's); smaller means more workers. */
  chunk_bytes: documented(
    v.optional(v.pipe(v.number(), v.integer(), v.minValue(1024), v.maxValue(1024 ** 3))),
    "Nominal chunk size in bytes (default: the stack's LAMBDA_STATS_CHUNK_BYTES); smaller means more workers.",
  ),
});

const executionArn = (job: string) =>
  `${requireSetting(jobsEnv().stateMachineArn, 'LAMBDA_STATS_STATE_MACHINE_ARN').replace(':stateMachine:', ':execution:')}:${job}`;

export const jobRoutes: Record<string, Route> = {
  async 'POST /jobs'({ payload }) {
    const body = parse(createJob, payload);
    const form = jobForm(body.statistic);
    if (!form) {
      throw new HttpError(
        400,
        'unsupported_statistic',
        `statistic "${body.statistic}" has no job form; jobs run ${jobForms.map((f) => f.statistic).join(', ')}`,
        { statistics: jobForms.map((f) => f.statistic) },
      );
    }
    const needs = form.needs(body.columns);
    if (typeof needs === 'string') {
      throw new HttpError(400, 'invalid_request', `Invalid request: ${needs}`, {
        example: form.columnsExample,
      });
    }
    const { nan_policy: optionPolicy, ...rest } = body.options as Record<string, unknown>;
    const options = parse(optionsSchema(form), rest) as Record<string, unknown>;
    const nanPolicy = v.parse(v.optional(v.picklist(NAN_POLICIES), body.nan_policy), optionPolicy);
    const id = datasetId(body.dataset);
    const meta = await readDataset(id);
    const up = await uploaded(meta);
    if (!up) {
      throw new HttpError(
        409,
        'dataset_not_uploaded',
        `dataset ${id} has no data yet: PUT the file to the upload URL POST /datasets returned, then retry`,
        { dataset_id: id },
      );
    }
    const unknown = needs.filter((n) => !up.columns.includes(n.name)).map((n) => n.name);
    if (unknown.length > 0) {
      throw new HttpError(
        422,
        'unknown_column',
        `column ${unknown.map((c) => JSON.stringify(c)).join(', ')} is not in dataset ${id}; its columns are ${up.columns.join(', ')}`,
        { unknown, columns: up.columns },
      );
    }
    const job = body.client_token
      ? `job-${createHash('sha256').update(body.client_token).digest('hex').slice(0, 32)}`
      : `job-${randomUUID().replaceAll('-', '')}`;
    const input: JobInput = {
      job_id: job,
      dataset_id: id,
      bucket: bucket(),
      key: datasetDataKey(id),
      format: meta.format,
      statistic: form.statistic,
      columns: body.columns,
      needs,
      options,
      nan_policy: nanPolicy === 'propagate' ? 'raise' : nanPolicy,
      chunk_bytes: body.chunk_bytes ?? jobsEnv().chunkBytes,
    };
    const text = JSON.stringify(input);
    try {
      await sfnClient().send(
        new StartExecutionCommand({
          stateMachineArn: requireSetting(
            jobsEnv().stateMachineArn,
            'LAMBDA_STATS_STATE_MACHINE_ARN',
          ),
          name: job,
          input: text,
        }),
      );
    } catch (error) {
      if (
        !(
          error instanceof ExecutionAlreadyExists ||
          (error as Error).name === 'ExecutionAlreadyExists'
        )
      ) {
        throw error;
      }
      const existing = await sfnClient().send(
        new DescribeExecutionCommand({ executionArn: executionArn(job) }),
      );
      if (existing.input !== text) {
        throw new HttpError(
          409,
          'conflict',
          'client_token was already used for a different job request: send a new token for a new job',
          { job_id: job },
        );
      }
    }
    return {
      statusCode: 202,
      headers: { location: `/jobs/${job}` },
      body: { job_id: job, status: 'RUNNING' },
    };
  },

  async 'GET /jobs/{id}'({ pathParameters }) {
    const job = pathParameters.id;
    if (job === undefined || !JOB_ID.test(job)) {
      throw new HttpError(
        404,
        'not_found',
        `no job ${JSON.stringify(job ?? '')}: job ids look like job-<32 hex digits>`,
      );
    }
    let execution: DescribeExecutionCommandOutput;
    try {
      execution = await sfnClient().send(
        new DescribeExecutionCommand({ executionArn: executionArn(job) }),
      );
    } catch (error) {
      if (
        error instanceof ExecutionDoesNotExist ||
        (error as Error).name === 'ExecutionDoesNotExist'
      ) {
        throw new HttpError(404, 'not_found', `no job ${job}: start one with POST /jobs`, {
          job_id: job,
        });
      }
      throw error;
    }
    const input = JSON.parse(execution.input ?? '{}') as JobInput;
    const started = execution.startDate?.getTime();
    const stopped = execution.stopDate?.getTime();
    const base = { job_id: job, dataset: input.dataset_id, statistic: input.statistic };
    if (execution.status === 'RUNNING' || execution.status === 'PENDING_REDRIVE') {
      return { statusCode: 200, body: { ...base, status: 'RUNNING' } };
    }
    const record = await getJson<JobRecord>(bucket(), recordKey(job));
    const duration =
      started !== undefined && stopped !== undefined ? { duration_ms: stopped - started } : {};
    if (record) {
      return {
        statusCode: 200,
        body: {
          ...base,
          status: record.status,
          ...(record.result !== undefined ? { result: record.result } : {}),
          ...(record.error ? { error: record.error } : {}),
          stats: { ...record.stats, ...duration },
        },
      };
    }
    return {
      statusCode: 200,
      body: {
        ...base,
        status: 'FAILED',
        error: {
          code: 'job_failed',
          message: `the job's execution ended ${execution.status}${execution.cause ? `: ${execution.cause}` : ''}`,
        },
        stats: { ...duration },
      },
    };
  },
};

export const datasetsHandler = createRouter('datasets', datasetRoutes);
export const jobsHandler = createRouter('jobs', jobRoutes);
