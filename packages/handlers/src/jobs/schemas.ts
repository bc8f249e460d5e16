/**
 * The datasets and jobs API's response bodies as valibot schemas: the API
 * document's (src/openapi.ts) response schemas, and what the client's
 * end-to-end test checks the deployed functions' answers against. The
 * request schemas are the ones the routes validate with (api.ts). Not
 * bundled into any function: the routes build their bodies in api.ts.
 */
import * as v from 'valibot';
import { documented } from '../schema';

const format = documented(v.picklist(['csv', 'jsonl']), 'The format given at creation.');
const datasetId = documented(
  v.pipe(v.string(), v.regex(/^ds-[0-9a-f]{32}$/)),
  'The dataset id: ds-<32 hex digits>.',
);
const jobId = documented(
  v.pipe(v.string(), v.regex(/^job-[0-9a-f]{32}$/)),
  'The job id: job-<32 hex digits> (derived from client_token when one is sent).',
);

/** 201 of POST /datasets. */
export const datasetCreated = v.object({
  dataset_id: datasetId,
  name: documented(v.string(), 'The name given at creation.'),
  format,
  upload: documented(
    v.object({
      url: documented(v.string(), 'A presigned S3 URL; it expires after expires_in_seconds.'),
      method: documented(v.literal('PUT'), 'Upload with PUT.'),
      headers: documented(
        v.object({
          'content-type': documented(
            v.picklist(['text/csv', 'application/x-ndjson']),
            'Signed into the URL: the PUT must send exactly this Content-Type.',
          ),
        }),
        'Headers the PUT must send.',
      ),
      expires_in_seconds: documented(
        v.number(),
        "The URL's lifetime (the stack's LAMBDA_STATS_UPLOAD_URL_SECONDS, default 3600).",
      ),
    }),
    'Where and how to upload the file: one PUT of the whole file (up to 5 GB; S3 multipart upload beyond, see docs/jobs.md).',
  ),
});

const datasetBase = {
  dataset_id: datasetId,
  name: documented(v.string(), 'The name given at creation.'),
  format,
};

/** 200 of GET /datasets/{id}: awaiting its upload, or uploaded with its size and header columns. */
export const dataset = v.variant('status', [
  v.object({
    ...datasetBase,
    status: documented(
      v.literal('AWAITING_UPLOAD'),
      'Nothing uploaded yet: PUT the file to the upload URL.',
    ),
  }),
  v.object({
    ...datasetBase,
    status: documented(v.literal('UPLOADED'), 'The file is in S3; jobs can run on it.'),
    size: documented(v.number(), 'Bytes stored (compressed size when gzip).'),
    gzip: documented(v.boolean(), 'Whether the file is gzip-compressed.'),
    columns: documented(
      v.array(v.string()),
      "The header row's column names (empty when the first line cannot be read as a header).",
    ),
  }),
]);

/** 202 of POST /jobs. */
export const jobAccepted = v.object({
  job_id: jobId,
  status: documented(v.literal('RUNNING'), 'The job has started: poll GET /jobs/{id}.'),
});

/** The `result` of a job: the synchronous endpoint's response body; the API document names the endpoint schemas. */
export const JOB_RESULT_DESCRIPTION =
  "SUCCEEDED only: exactly the synchronous endpoint's response body for the same data (POST /<statistic>).";

/** 200 of GET /jobs/{id}. */
export const job = v.object({
  job_id: jobId,
  dataset: documented(v.string(), 'The dataset the job reads.'),
  statistic: documented(v.string(), 'The scipy name of the statistic.'),
  status: documented(
    v.picklist(['RUNNING', 'SUCCEEDED', 'FAILED']),
    'RUNNING until the execution ends; then SUCCEEDED (result) or FAILED (error).',
  ),
  result: documented(v.optional(v.unknown()), JOB_RESULT_DESCRIPTION),
  error: documented(
    v.optional(
      v.object({
        code: documented(
          v.string(),
          'Why the job failed: bad_cell (a cell that is not a finite number: row, column and value in details), bad_record (a JSON Lines record that is not an object), unknown_column, empty_dataset, row_limit (a rank statistic over the rows one worker may hold), unprocessable_input (the statistic cannot be computed from these numbers), invalid_request (bad options), worker_failed (a chunk kept failing), invalid_dataset or job_failed (the execution itself failed).',
        ),
        message: documented(v.string(), 'What went wrong and how to fix it.'),
        details: documented(
          v.optional(v.record(v.string(), v.unknown())),
          'Specifics: row, column and value of a bad cell; the row limit.',
        ),
      }),
    ),
    'FAILED only: why.',
  ),
  stats: documented(
    v.optional(
      v.object({
        rows: documented(v.optional(v.number()), 'Data rows read.'),
        bytes: documented(v.optional(v.number()), 'Bytes of the object read.'),
        chunks: documented(v.optional(v.number()), 'Byte-range chunks (one worker each).'),
        omitted_rows: documented(v.optional(v.number()), 'Rows skipped under nan_policy omit.'),
        duration_ms: documented(v.optional(v.number()), "The execution's wall time."),
      }),
    ),
    'Once the job has ended: what it read and how long it took.',
  ),
});
