/**
 * The multi-step jobs calls, built on the generated functions:
 *
 *  - `uploadDataset(client, { name, format, data })`: POST /datasets, then
 *    the PUT of the file to the presigned S3 URL it returns (with the signed
 *    Content-Type), retried on 5xx like any call; resolves to the dataset id.
 *  - `waitForJob(client, jobId, { timeoutMs })`: polls GET /jobs/{id} with a
 *    growing interval until the job has ended (SUCCEEDED or FAILED).
 *  - `runJob(client, request, options)`: POST /jobs, then waitForJob; resolves
 *    to the result (the synchronous endpoint's response body) or rejects
 *    with a JobFailedError carrying the job's `error`.
 *
 * The PUT goes to S3, not to the API: it is not SigV4-signed by the client
 * (the URL carries its own signature) and S3's error bodies are XML, so a
 * failed upload is an UploadError with S3's status and message.
 */
import type { LambdaStatsClient, RequestBody, ResponseBody } from './client';
import { LambdaStatsError } from './errors';
import { backoffDelay, type RetryOptions, resolveRetry, sleep } from './retry';

export type Job = ResponseBody<'getJob'>;
export type JobRequest = RequestBody<'createJob'>;
export type JobResult = NonNullable<Job['result']>;

/** The file's bytes: anything fetch sends with a Content-Length (S3 refuses chunked PUTs). */
export type UploadData = string | Uint8Array<ArrayBuffer> | ArrayBuffer | Blob;

export interface UploadOptions {
  /** A name for your own reference. */
  name: string;
  format: 'csv' | 'jsonl';
  /** The whole file (in Node, a file on disk without reading it: `await fs.openAsBlob(path)`). */
  data: UploadData;
  /** Retries of the PUT (default: 429 and 5xx, 4 attempts, as the client's calls). */
  retry?: RetryOptions;
  signal?: AbortSignal;
  /** A fetch implementation for the PUT (default: the global fetch). */
  fetch?: typeof fetch;
}

/** The PUT to the presigned URL failed (S3's status and message). */
export class UploadError extends LambdaStatsError {
  override name = 'UploadError';
  readonly status: number;
  readonly datasetId: string;
  constructor(message: string, status: number, datasetId: string) {
    super(message);
    this.status = status;
    this.datasetId = datasetId;
  }
}

/** The job ended FAILED; `job.error` says why (a bad cell's row, column and value...). */
export class JobFailedError extends LambdaStatsError {
  override name = 'JobFailedError';
  readonly job: Job;
  readonly code: string;
  constructor(job: Job) {
    const error = job.error ?? { code: 'job_failed', message: 'the job failed' };
    super(`job ${job.job_id} failed: ${error.code}: ${error.message}`);
    this.job = job;
    this.code = error.code;
  }
}

/** waitForJob's timeout passed with the job still running. */
export class JobTimeoutError extends LambdaStatsError {
  override name = 'JobTimeoutError';
  readonly job: Job;
  constructor(job: Job, timeoutMs: number) {
    super(
      `job ${job.job_id} is still ${job.status} after ${timeoutMs} ms: call waitForJob again, or raise timeoutMs`,
    );
    this.job = job;
  }
}

/** S3's `<Code>` and `<Message>` from an XML error body, else the text's start. */
function s3Message(text: string): string {
  const code = text.match(/<Code>([^<]*)<\/Code>/)?.[1];
  const message = text.match(/<Message>([^<]*)<\/Message>/)?.[1];
  if (code || message) return [code, message].filter(Boolean).join(': ');
  return text.slice(0, 300);
}

/**
 * Creates a dataset and uploads its file; resolves to the dataset id, ready
 * for `runJob`. One PUT of the whole file: up to 5 GB (S3's limit of a
 * single PUT; see docs/jobs.md for larger files).
 */
export async function uploadDataset(
  client: LambdaStatsClient,
  options: UploadOptions,
): Promise<string> {
  const created = await client.createDataset(
    { name: options.name, format: options.format },
    { signal: options.signal },
  );
  const { url, method, headers } = created.upload;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const retry = resolveRetry(options.retry);
  for (let attempt = 1; ; attempt += 1) {
    let response: Response | undefined;
    let failure: string;
    try {
      response = await doFetch(url, {
        method,
        headers,
        body: options.data,
        signal: options.signal,
      });
      if (response.ok) {
        await response.arrayBuffer();
        return created.dataset_id;
      }
      failure = `${response.status} ${s3Message(await response.text())}`;
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      failure = cause instanceof Error ? cause.message : String(cause);
    }
    const status = response?.status ?? 0;
    const retryable = response === undefined || retry.retryOn(status);
    if (!retryable || attempt >= retry.maxAttempts) {
      throw new UploadError(
        `uploading dataset ${created.dataset_id} to its presigned URL failed after ${attempt} attempt${attempt > 1 ? 's' : ''}: ${failure}${status === 403 ? ' (an expired URL, or a Content-Type other than the signed one)' : ''}`,
        status,
        created.dataset_id,
      );
    }
    await sleep(backoffDelay(attempt - 1, retry), options.signal);
  }
}

export interface WaitOptions {
  /** Give up after this long (default 15 minutes): a JobTimeoutError carrying the last status. */
  timeoutMs?: number;
  /** The first wait between polls (default 250 ms); each next one is 1.5 times longer... */
  intervalMs?: number;
  /** ...up to this (default 5000 ms). */
  maxIntervalMs?: number;
  signal?: AbortSignal;
}

/** Polls GET /jobs/{id} until the job has ended; resolves to the job, SUCCEEDED or FAILED. */
export async function waitForJob(
  client: LambdaStatsClient,
  jobId: string,
  options: WaitOptions = {},
): Promise<Job> {
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const maxIntervalMs = options.maxIntervalMs ?? 5000;
  let interval = options.intervalMs ?? 250;
  for (const [k, value] of Object.entries({ timeoutMs, maxIntervalMs, intervalMs: interval })) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`${k} must be a non-negative number of milliseconds (got ${value})`);
    }
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await client.getJob({ id: jobId }, { signal: options.signal });
    if (job.status !== 'RUNNING') return job;
    const left = deadline - Date.now();
    if (left <= 0) throw new JobTimeoutError(job, timeoutMs);
    await sleep(Math.min(interval, left), options.signal);
    interval = Math.min(maxIntervalMs, interval * 1.5);
  }
}

/**
 * Starts a job and waits for it: resolves to its result (the synchronous
 * endpoint's response body for the same data), or rejects with a
 * JobFailedError (the job's error), a JobTimeoutError or an ApiError (the
 * request itself was refused: an unknown column, a dataset not uploaded...).
 */
export async function runJob(
  client: LambdaStatsClient,
  request: JobRequest,
  options: WaitOptions = {},
): Promise<JobResult> {
  const started = await client.createJob(request, { signal: options.signal });
  const job = await waitForJob(client, started.job_id, options);
  if (job.status === 'SUCCEEDED' && job.result !== undefined) return job.result;
  throw new JobFailedError(job);
}
