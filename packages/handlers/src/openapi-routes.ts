/**
 * The API document's operations beyond the statistics endpoints: the
 * datasets and jobs routes (src/jobs/api.ts) and the analyses' results and
 * runs (src/analytics/api.ts). Request schemas are the ones the routes
 * validate with; response schemas are src/jobs/schemas.ts and
 * src/analytics/schemas.ts.
 *
 * Error examples: each one a route can give without storage (a bad body, a
 * malformed id, a statistic with no job form, an unknown analysis) is the
 * real handler's answer to the request shown. Those that need a dataset or
 * a job in storage (404 of a well-formed unknown id, 409, 422 unknown_column)
 * are written out here with fixed ids; the client's end-to-end test against
 * the local stack (scripts/tests/client-local-stack.test.ts) provokes each
 * one and checks the deployed function answers exactly that body, ids aside.
 */
import * as v from 'valibot';
import { analyticsApi } from './analytics/api';
import { analysisResults, analysisRuns, resultsQuery } from './analytics/schemas';
import { linregress } from './endpoints/linregress';
import { DEFAULT_MAX_BODY_BYTES, withVariables } from './env';
import { errorToResponse } from './http/respond';
import { createDataset, createJob, createRouter, datasetRoutes, jobRoutes } from './jobs/api';
import { jobForms } from './jobs/forms';
import { dataset, datasetCreated, JOB_RESULT_DESCRIPTION, job, jobAccepted } from './jobs/schemas';

type JsonObject = Record<string, unknown>;

/** The fixed ids of the examples (the e2e test maps the real ids onto them). */
export const EXAMPLE_DATASET_ID = 'ds-6f1c2a3b4d5e4f60718293a4b5c6d7e8';
export const EXAMPLE_JOB_ID = 'job-0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f';
export const EXAMPLE_ANALYSES = ['meters-hourly', 'meters-weekly'] as const;
const EXAMPLE_REQUEST_ID = '3f2c1a9e-5b7d-4e0f-8a6b-1c2d3e4f5a6b';

/** The linregress example's numbers as the CSV dataset the jobs examples run on. */
export const EXAMPLE_CSV = (() => {
  const { x, y } = linregress.example.request as { x: number[]; y: number[] };
  return `x,y\n${x.map((xi, i) => `${xi},${y[i]}`).join('\n')}\n`;
})();

/** One error example: the real handler's answer to `request`, or a fixed `body` (see above). */
export interface ErrorCase {
  status: number;
  name: string;
  summary: string;
  request?: {
    pathParameters?: Record<string, string>;
    query?: Record<string, string>;
    body?: string | (() => string);
  };
  body?: { error: { code: string; message: string; details: Record<string, unknown> } };
}

/** 404 for a well-formed id nothing answers to: a fixed body, provoked and compared by the e2e tests. */
const notFound = (what: 'dataset' | 'job', id: string, hint: string): ErrorCase => ({
  status: 404,
  name: 'not_found',
  summary: `No such ${what}`,
  body: {
    error: {
      code: 'not_found',
      message: `no ${what} ${id}: ${hint}`,
      details: { [`${what}_id`]: id },
    },
  },
});

/** The two 404s of a lookup by id: no such one (fixed body), and an id of the wrong form (the handler's own answer). */
const lookupErrors = (
  what: 'dataset' | 'job',
  id: string,
  hint: string,
  malformed: string,
): ErrorCase[] => [
  notFound(what, id, hint),
  {
    status: 404,
    name: 'malformed_id',
    summary: `Not a ${what} id`,
    request: { pathParameters: { id: malformed } },
  },
];

export interface RouteDoc {
  operationId: string;
  method: 'GET' | 'POST';
  path: string;
  /** The function serving it (the manifest's name), for its 500 example. */
  fn: 'datasets' | 'jobs' | 'analytics';
  summary: string;
  description: string;
  parameters: JsonObject[];
  request?: { name: string; schema: v.GenericSchema; example: unknown };
  success: {
    status: number;
    description: string;
    name: string;
    schema: v.GenericSchema;
    examples: Record<string, { summary: string; value: unknown }>;
    location?: string;
  };
  errors: ErrorCase[];
}

const pathParameter = (name: string, description: string, example: string, pattern?: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', ...(pattern ? { pattern } : {}) },
  example,
});

const DATASET_PARAM = pathParameter(
  'id',
  'The dataset_id POST /datasets returned.',
  EXAMPLE_DATASET_ID,
  '^ds-[0-9a-f]{32}$',
);
const JOB_PARAM = pathParameter(
  'id',
  'The job_id POST /jobs returned.',
  EXAMPLE_JOB_ID,
  '^job-[0-9a-f]{32}$',
);
const ANALYSIS_PARAM = pathParameter(
  'name',
  "An analysis declared in the stack's typed config (infra), e.g. the demo's meters-hourly.",
  EXAMPLE_ANALYSES[0],
);

const jsonBody = (value: unknown) => JSON.stringify(value);
/** A body over the limit, built only when the examples are answered. */
const oversized = () => `{"name": "${'x'.repeat(DEFAULT_MAX_BODY_BYTES)}", "format": "csv"}`;

const upload = {
  url: `https://lambda-stats-prod-data-123456789012.s3.us-east-1.amazonaws.com/datasets/${EXAMPLE_DATASET_ID}/data?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIA...%2F20261206%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261206T120000Z&X-Amz-Expires=3600&X-Amz-Signature=...&X-Amz-SignedHeaders=content-type%3Bhost`,
  method: 'PUT',
  headers: { 'content-type': 'text/csv' },
  expires_in_seconds: 3600,
};

/** Sizes of the example dataset: the CSV above. */
const exampleSize = Buffer.byteLength(EXAMPLE_CSV);

export const routeDocs: RouteDoc[] = [
  {
    operationId: 'createDataset',
    method: 'POST',
    path: '/datasets',
    fn: 'datasets',
    summary: 'Create a dataset and get a presigned URL to upload its file',
    description:
      "Then PUT the file to `upload.url` with `upload.headers` (e.g. `curl -T data.csv -H 'content-type: text/csv' \"$url\"`). The client's `uploadDataset` does both steps.",
    parameters: [],
    request: {
      name: 'createDataset_request',
      schema: createDataset,
      example: { name: 'meters-2026-03', format: 'csv' },
    },
    success: {
      status: 201,
      description:
        'Created: the dataset id and where to upload its file. Location: /datasets/{id}.',
      name: 'createDataset_response',
      schema: datasetCreated,
      examples: {
        created: {
          summary: 'A CSV dataset',
          value: { dataset_id: EXAMPLE_DATASET_ID, name: 'meters-2026-03', format: 'csv', upload },
        },
      },
      location: `/datasets/${EXAMPLE_DATASET_ID}`,
    },
    errors: [
      {
        status: 400,
        name: 'invalid_request',
        summary: 'An unknown format',
        request: { body: jsonBody({ name: 'meters', format: 'xlsx' }) },
      },
      {
        status: 400,
        name: 'malformed_json',
        summary: 'A body that is not JSON',
        request: { body: '{"name": "meters",' },
      },
      { status: 400, name: 'missing_body', summary: 'No body', request: { body: '' } },
      {
        status: 413,
        name: 'payload_too_large',
        summary: 'A body over the limit',
        request: { body: oversized },
      },
    ],
  },
  {
    operationId: 'getDataset',
    method: 'GET',
    path: '/datasets/{id}',
    fn: 'datasets',
    summary: "A dataset's status; once uploaded, its size and header columns",
    description: 'status is AWAITING_UPLOAD until the PUT has stored a non-empty object.',
    parameters: [DATASET_PARAM],
    success: {
      status: 200,
      description: 'The dataset.',
      name: 'getDataset_response',
      schema: dataset,
      examples: {
        uploaded: {
          summary: 'Uploaded (the linregress example as a CSV)',
          value: {
            dataset_id: EXAMPLE_DATASET_ID,
            name: 'meters-2026-03',
            format: 'csv',
            status: 'UPLOADED',
            size: exampleSize,
            gzip: false,
            columns: ['x', 'y'],
          },
        },
        awaiting: {
          summary: 'Created, not uploaded yet',
          value: {
            dataset_id: EXAMPLE_DATASET_ID,
            name: 'meters-2026-03',
            format: 'csv',
            status: 'AWAITING_UPLOAD',
          },
        },
      },
    },
    errors: [
      ...lookupErrors(
        'dataset',
        EXAMPLE_DATASET_ID,
        'create one with POST /datasets',
        'meters.csv',
      ),
    ],
  },
  {
    operationId: 'createJob',
    method: 'POST',
    path: '/jobs',
    fn: 'jobs',
    summary: 'Start a job: a statistic over an uploaded dataset, on Step Functions',
    description: `Answers at once with the job id; poll GET /jobs/{id} (the client's \`waitForJob\`) until status is SUCCEEDED or FAILED. Statistics with a job form: ${jobForms.map((f) => f.statistic).join(', ')}. The rank statistics (spearmanr, kendalltau...) gather every row in one worker, up to a row limit the worker's memory sets.`,
    parameters: [],
    request: {
      name: 'createJob_request',
      schema: createJob,
      example: {
        dataset: EXAMPLE_DATASET_ID,
        statistic: 'linregress',
        columns: { x: 'x', y: 'y' },
        options: { alternative: 'two-sided' },
        client_token: 'nightly-2026-03-07',
      },
    },
    success: {
      status: 202,
      description: 'Accepted: the job runs. Location: /jobs/{id}.',
      name: 'createJob_response',
      schema: jobAccepted,
      examples: {
        accepted: { summary: 'Started', value: { job_id: EXAMPLE_JOB_ID, status: 'RUNNING' } },
      },
      location: `/jobs/${EXAMPLE_JOB_ID}`,
    },
    errors: [
      {
        status: 400,
        name: 'invalid_request',
        summary: 'A field of the wrong type',
        request: {
          body: jsonBody({
            dataset: EXAMPLE_DATASET_ID,
            statistic: 'linregress',
            columns: { x: 'x', y: 'y' },
            chunk_bytes: 10,
          }),
        },
      },
      {
        status: 400,
        name: 'invalid_columns',
        summary: 'columns of the wrong shape (details.example shows the right one)',
        request: {
          body: jsonBody({
            dataset: EXAMPLE_DATASET_ID,
            statistic: 'linregress',
            columns: { x: 'x' },
          }),
        },
      },
      {
        status: 400,
        name: 'unsupported_statistic',
        summary: 'A statistic with no job form',
        request: {
          body: jsonBody({ dataset: EXAMPLE_DATASET_ID, statistic: 'zscore', columns: { a: 'x' } }),
        },
      },
      notFound('dataset', EXAMPLE_DATASET_ID, 'create one with POST /datasets'),
      {
        status: 409,
        name: 'dataset_not_uploaded',
        summary: 'The dataset has no data yet',
        body: {
          error: {
            code: 'dataset_not_uploaded',
            message: `dataset ${EXAMPLE_DATASET_ID} has no data yet: PUT the file to the upload URL POST /datasets returned, then retry`,
            details: { dataset_id: EXAMPLE_DATASET_ID },
          },
        },
      },
      {
        status: 409,
        name: 'conflict',
        summary: 'A client_token reused for a different request',
        body: {
          error: {
            code: 'conflict',
            message:
              'client_token was already used for a different job request: send a new token for a new job',
            details: { job_id: EXAMPLE_JOB_ID },
          },
        },
      },
      {
        status: 413,
        name: 'payload_too_large',
        summary: 'A body over the limit',
        request: { body: oversized },
      },
      {
        status: 422,
        name: 'unknown_column',
        summary: 'A column the dataset does not have (details.columns lists its columns)',
        body: {
          error: {
            code: 'unknown_column',
            message: `column "temp" is not in dataset ${EXAMPLE_DATASET_ID}; its columns are x, y`,
            details: { unknown: ['temp'], columns: ['x', 'y'] },
          },
        },
      },
    ],
  },
  {
    operationId: 'getJob',
    method: 'GET',
    path: '/jobs/{id}',
    fn: 'jobs',
    summary: "A job's status; once ended, its result (or error) and what it read",
    description:
      "`result` is exactly the synchronous endpoint's response body on the same data (schema: the endpoint's `<statistic>_response`). A job that failed on its data (a bad cell, a row limit) is status FAILED with an `error`; the request itself still answers 200.",
    parameters: [JOB_PARAM],
    success: {
      status: 200,
      description: 'The job.',
      name: 'getJob_response',
      schema: job,
      examples: {
        succeeded: {
          summary: 'linregress over the example dataset: the linregress example response',
          value: {
            job_id: EXAMPLE_JOB_ID,
            dataset: EXAMPLE_DATASET_ID,
            statistic: 'linregress',
            status: 'SUCCEEDED',
            result: linregress.example.response,
            stats: { rows: 5, bytes: exampleSize, chunks: 1, omitted_rows: 0, duration_ms: 1840 },
          },
        },
        running: {
          summary: 'Still running',
          value: {
            job_id: EXAMPLE_JOB_ID,
            dataset: EXAMPLE_DATASET_ID,
            statistic: 'linregress',
            status: 'RUNNING',
          },
        },
        failed: {
          summary: 'Failed on a bad cell',
          value: {
            job_id: EXAMPLE_JOB_ID,
            dataset: EXAMPLE_DATASET_ID,
            statistic: 'linregress',
            status: 'FAILED',
            error: {
              code: 'bad_cell',
              message:
                'row 3: column "y" holds "n/a", which is not a finite number: fix the cell, or send "nan_policy": "omit" to skip such rows',
              details: { row: 3, column: 'y', value: 'n/a', reason: 'missing_value' },
            },
            stats: { rows: 0, bytes: 0, chunks: 0, duration_ms: 1210 },
          },
        },
      },
    },
    errors: [...lookupErrors('job', EXAMPLE_JOB_ID, 'start one with POST /jobs', 'latest')],
  },
  {
    operationId: 'getAnalysisResults',
    method: 'GET',
    path: '/analyses/{name}/results',
    fn: 'analytics',
    summary: "A scheduled analysis's results for one series: expected band, score, flag per period",
    description:
      "At most 5000 results per answer (truncated says when there were more): narrow from/to. Results expire after the stack's retention (DynamoDB TTL).",
    parameters: [
      ANALYSIS_PARAM,
      ...resultsQuery.map((q) => ({
        name: q.name,
        in: 'query',
        required: q.required,
        description: q.description,
        schema: { type: 'string', ...('enum' in q ? { enum: [...q.enum] } : {}) },
        example: q.example,
      })),
    ],
    success: {
      status: 200,
      description: 'The results, in time order.',
      name: 'getAnalysisResults_response',
      schema: analysisResults,
      examples: {
        flagged: {
          summary: 'The flagged periods of one meter in a week',
          value: {
            analysis: 'meters-hourly',
            series: 'meter-01',
            from: '2026-03-01T00:00:00.000Z',
            to: '2026-03-08T00:00:00.000Z',
            count: 1,
            truncated: false,
            results: [
              {
                period: '2026-03-04T13:00:00.000Z',
                expected: 4.21,
                low: 3.02,
                high: 5.4,
                actual: 9.87,
                score: 7.8,
                flag: true,
                runId: 'run-20260305T000000Z-4b1f',
              },
            ],
          },
        },
      },
    },
    errors: [
      {
        status: 400,
        name: 'invalid_request',
        summary: 'series missing',
        request: { pathParameters: { name: EXAMPLE_ANALYSES[0] }, query: { from: '2026-03-01' } },
      },
      {
        status: 400,
        name: 'bad_date',
        summary: 'A bound that is not a date',
        request: {
          pathParameters: { name: EXAMPLE_ANALYSES[0] },
          query: { series: 'meter-01', from: 'yesterday' },
        },
      },
      {
        status: 404,
        name: 'not_found',
        summary: 'An analysis the stack does not declare',
        request: { pathParameters: { name: 'nosuch' }, query: { series: 'meter-01' } },
      },
    ],
  },
  {
    operationId: 'getAnalysisRuns',
    method: 'GET',
    path: '/analyses/{name}/runs',
    fn: 'analytics',
    summary: "A scheduled analysis's latest runs (50, newest first)",
    description: 'Each run with its counts and the series it rejected, with the reason.',
    parameters: [ANALYSIS_PARAM],
    success: {
      status: 200,
      description: 'The runs, newest first.',
      name: 'getAnalysisRuns_response',
      schema: analysisRuns,
      examples: {
        runs: {
          summary: 'One run, one series rejected',
          value: {
            analysis: 'meters-hourly',
            series: ['meter-01', 'meter-02', 'meter-03'],
            runs: [
              {
                runId: 'run-20260305T000000Z-4b1f',
                status: 'SUCCEEDED',
                startedAt: '2026-03-05T00:00:00.412Z',
                endedAt: '2026-03-05T00:00:03.871Z',
                durationMs: 3459,
                counts: { series: 30, analysed: 29, rejected: 1, anomalies: 3 },
                rejected: [
                  {
                    series: 'meter-17',
                    reason: 'too-short',
                    message: 'meter-17 has 40 readings; the method needs at least 48',
                  },
                ],
              },
            ],
          },
        },
      },
    },
    errors: [
      {
        status: 400,
        name: 'invalid_request',
        summary: 'A query parameter (runs takes none)',
        request: { pathParameters: { name: EXAMPLE_ANALYSES[0] }, query: { limit: '10' } },
      },
      {
        status: 404,
        name: 'not_found',
        summary: 'An analysis the stack does not declare',
        request: { pathParameters: { name: 'nosuch' } },
      },
    ],
  },
];

const ERROR_STATUS_TEXT: Record<number, string> = {
  400: 'The request is wrong; the message says what to send instead.',
  404: 'Not found.',
  409: 'Conflict with the state of the dataset or of an earlier request.',
  413: `payload_too_large: the body is over the limit (LAMBDA_STATS_MAX_BODY_BYTES, default ${DEFAULT_MAX_BODY_BYTES} bytes).`,
  422: 'The request is well-formed but does not fit the dataset.',
  500: 'internal_error: a bug. The message and details carry the request id.',
};

/** The API Gateway payload 2.0 event of an example request. */
function routeEvent(r: RouteDoc, req: NonNullable<ErrorCase['request']>) {
  let rawPath = r.path;
  for (const [k, value] of Object.entries(req.pathParameters ?? {})) {
    rawPath = rawPath.replace(`{${k}}`, value);
  }
  return {
    version: '2.0',
    routeKey: `${r.method} ${r.path}`,
    rawPath,
    rawQueryString: new URLSearchParams(req.query ?? {}).toString(),
    headers: { 'content-type': 'application/json' },
    requestContext: { http: { method: r.method }, requestId: 'example' },
    ...(req.pathParameters ? { pathParameters: req.pathParameters } : {}),
    ...(req.query ? { queryStringParameters: req.query } : {}),
    ...(r.method === 'POST'
      ? {
          body: typeof req.body === 'function' ? req.body() : (req.body ?? ''),
          isBase64Encoded: false,
        }
      : {}),
  };
}

/**
 * Runs `f` with the functions' logs silenced and the analyses the examples
 * name declared (the analytics function reads them).
 */
function quietly<T>(f: () => Promise<T>): Promise<T> {
  return withVariables(
    { AWS_LAMBDA_LOG_LEVEL: 'SILENT', LAMBDA_STATS_ANALYSES: EXAMPLE_ANALYSES.join(',') },
    f,
  );
}

/** Each error case's body: the real handler's answer (checked to have the stated status), or the fixed body. */
export async function routeErrorExamples(r: RouteDoc): Promise<Map<ErrorCase, unknown>> {
  return quietly(async () => {
    const handler =
      r.fn === 'analytics'
        ? analyticsApi
        : createRouter(r.fn, r.fn === 'datasets' ? datasetRoutes : jobRoutes);
    const out = new Map<ErrorCase, unknown>();
    for (const c of r.errors) {
      if (c.body !== undefined) {
        out.set(c, c.body);
        continue;
      }
      const res = (await handler(routeEvent(r, c.request ?? {}), {
        awsRequestId: EXAMPLE_REQUEST_ID,
      })) as { statusCode: number; body: string };
      if (res.statusCode !== c.status) {
        throw new Error(
          `${r.method} ${r.path}: the ${c.name} example answered ${res.statusCode} (${res.body}), not ${c.status}`,
        );
      }
      out.set(c, JSON.parse(res.body));
    }
    return out;
  });
}

/** The OpenAPI operation of a route, and the component schemas it names. */
export async function routeOperation(
  r: RouteDoc,
  jsonSchema: (s: v.GenericSchema, io: 'input' | 'output') => JsonObject,
): Promise<{ operation: JsonObject; schemas: Record<string, JsonObject> }> {
  const examples = await routeErrorExamples(r);
  const schemas: Record<string, JsonObject> = {};
  if (r.request) schemas[r.request.name] = jsonSchema(r.request.schema, 'input');
  const success = jsonSchema(r.success.schema, 'output');
  if (r.operationId === 'getJob') {
    // result: one of the job statistics' endpoint response schemas
    const props = success.properties as Record<string, JsonObject>;
    props.result = {
      description: JOB_RESULT_DESCRIPTION,
      anyOf: jobForms.map((f) => ({ $ref: `#/components/schemas/${f.statistic}_response` })),
    };
  }
  schemas[r.success.name] = success;
  const errors = [
    ...r.errors,
    { status: 500, name: 'internal_error', summary: 'A bug' } as ErrorCase,
  ];
  examples.set(
    errors.at(-1)!,
    errorToResponse(new Error('example'), EXAMPLE_REQUEST_ID, r.fn).body,
  );
  const byStatus = new Map<number, ErrorCase[]>();
  for (const c of errors) byStatus.set(c.status, [...(byStatus.get(c.status) ?? []), c]);
  const location = r.success.location
    ? {
        headers: {
          Location: {
            description: 'The new resource.',
            schema: { type: 'string' },
            example: r.success.location,
          },
        },
      }
    : {};
  const operation: JsonObject = {
    operationId: r.operationId,
    summary: r.summary,
    description: r.description,
    parameters: r.parameters,
    ...(r.request
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { $ref: `#/components/schemas/${r.request.name}` },
                example: r.request.example,
              },
            },
          },
        }
      : {}),
    responses: {
      [String(r.success.status)]: {
        description: r.success.description,
        ...location,
        content: {
          'application/json': {
            schema: { $ref: `#/components/schemas/${r.success.name}` },
            examples: r.success.examples,
          },
        },
      },
      ...Object.fromEntries(
        [...byStatus].map(([status, cases]) => [
          String(status),
          {
            // 413 and 500 say it all in their status text; the others list their cases
            description:
              status === 413 || status === 500
                ? ERROR_STATUS_TEXT[status]
                : `${ERROR_STATUS_TEXT[status] ?? ''} ${cases.map((c) => `${c.name}: ${c.summary}.`).join(' ')}`.trim(),
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Error' },
                examples: Object.fromEntries(
                  cases.map((c) => [c.name, { summary: c.summary, value: examples.get(c) }]),
                ),
              },
            },
          },
        ]),
      ),
    },
  };
  return { operation, schemas };
}

/** Why `body` is not a valid success answer of the operation (empty when it is). */
export function responseIssues(operationId: string, body: unknown): string[] {
  const r = routeDocs.find((d) => d.operationId === operationId);
  if (!r) throw new Error(`no route ${operationId}`);
  const parsed = v.safeParse(r.success.schema, body);
  return parsed.success
    ? []
    : parsed.issues.map((i) => `${v.getDotPath(i) ?? '(body)'}: ${i.message}`);
}
