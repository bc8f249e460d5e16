/**
 * The state machine's steps: split -> (Distributed Map) work -> reduce,
 * plus the two failure steps. Each is a Lambda handler taking the state's
 * JSON and returning a small JSON value (the Map's items and results stay
 * far below Step Functions' 256 KiB state limit: rows never travel in state).
 */
import { planChunks } from '@lambda-stats/tabular';
import * as v from 'valibot';
import { jobsEnv } from '../env';
import { errorToResponse } from '../http/respond';
import { JsonLogger } from '../logger';
import {
  getJson,
  HeadObjectCommand,
  ListObjectsV2Command,
  objectBytes,
  putJson,
  s3Client,
} from './aws';
import { JobInputError } from './errors';
import { endpointOf, gatherRowLimit, jobForm } from './forms';
import { chunksKey, failureKey, failurePrefix, partialKey, recordKey } from './keys';
import { mergePairwise, type PartialForm, partialForms } from './partials';
import { type ByteSource, type ChunkColumns, datasetHeader, readItem, rowOfOffset } from './read';
import type { ChunkItem, JobInput, JobRecord, Partial, SplitOutput } from './spec';
import { readState } from './state';

/** The object's bytes from S3 as a ByteSource for the tabular reader. */
export const s3Source =
  (bucket: string, key: string, size: number): ByteSource =>
  (from, firstEnd) =>
    objectBytes(bucket, key, size, from, firstEnd);

export async function split(input: JobInput): Promise<SplitOutput> {
  const head = await s3Client().send(
    new HeadObjectCommand({ Bucket: input.bucket, Key: input.key }),
  );
  const size = head.ContentLength ?? 0;
  if (size === 0) throw new JobInputError('empty_dataset', 'the dataset is empty: upload it again');
  const header = await datasetHeader(s3Source(input.bucket, input.key, size), input.format, size);
  const fileColumns = header.columns;
  const missing = input.needs.filter((n) => !fileColumns.includes(n.name));
  if (missing.length > 0) {
    throw new JobInputError(
      'unknown_column',
      `column ${missing.map((m) => `"${m.name}"`).join(', ')} is not in the dataset; its columns are ${fileColumns.join(', ')}`,
      { columns: fileColumns },
    );
  }
  // Byte ranges over the whole object; the reader skips the header and aligns
  // each range to rows. A gzip object is one chunk.
  const ranges = planChunks(size, input.chunk_bytes, { gzip: header.gzip });
  const items: ChunkItem[] = ranges.map((r, index) => ({
    job_id: input.job_id,
    index,
    bucket: input.bucket,
    key: input.key,
    format: input.format,
    gzip: header.gzip,
    start: r.start,
    end: r.end,
    size,
    file_columns: fileColumns,
    needs: input.needs,
    nan_policy: input.nan_policy,
    statistic: input.statistic,
    options: input.options,
  }));
  await putJson(input.bucket, chunksKey(input.job_id), items);
  return {
    bucket: input.bucket,
    chunks_key: chunksKey(input.job_id),
    chunks: items.length,
    bytes: size,
  };
}

let workLogger: JsonLogger | undefined;
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return Math.round((u.user + u.system) / 1000);
};

export async function work(item: ChunkItem): Promise<{ index: number; rows: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const source = s3Source(item.bucket, item.key, item.size);
    const form = partialForms[item.statistic];
    let partial: Partial;
    let read: ChunkColumns;
    if (form) {
      // the state may be built while reading (state.ts): read_ms then includes it
      const built = await readState(item, source, form);
      read = built.read;
      partial = { index: item.index, rows: read.rows, omitted: read.omitted, state: built.state };
    } else {
      read = await readItem(item, source);
      const values = read.values.map((c) => (c instanceof Float64Array ? Array.from(c) : c));
      partial = { index: item.index, rows: read.rows, omitted: read.omitted, values };
    }
    const readMs = performance.now() - started;
    await putJson(item.bucket, partialKey(item.job_id, item.index), partial);
    // One line per chunk: what the jobs bench and an operator read a worker's speed from.
    workLogger ??= new JsonLogger({ serviceName: 'lambda-stats' });
    workLogger.info('chunk done', {
      job_id: item.job_id,
      chunk: item.index,
      bytes: read.bytes,
      rows: read.rows,
      read_ms: Math.round(readMs),
      duration_ms: Math.round(performance.now() - started),
      cpu_ms: cpuMs(cpu),
    });
    return { index: item.index, rows: read.rows };
  } catch (error) {
    if (error instanceof JobInputError) {
      await putJson(item.bucket, failureKey(item.job_id, item.index), {
        index: item.index,
        code: error.code,
        message: error.message,
        details: error.details,
      });
    }
    throw error;
  }
}

interface ReduceState extends JobInput {
  split: { plan: SplitOutput };
}

async function writeRecord(input: JobInput, record: JobRecord): Promise<JobRecord> {
  await putJson(input.bucket, recordKey(input.job_id), record);
  return record;
}

/** Merges the partial states in chunk order and finalizes into the synchronous response body. */
export async function reduce(state: ReduceState): Promise<{ status: JobRecord['status'] }> {
  const plan = state.split.plan;
  const form = jobForm(state.statistic);
  if (!form) throw new Error(`statistic ${state.statistic} has no job form`);
  const mergeable = partialForms[state.statistic];
  if (mergeable) return reduceStates(state, mergeable);
  const limit = gatherRowLimit(jobsEnv().workerMemoryMb, state.needs.length);
  const values: (number | string)[][] = state.needs.map(() => []);
  let rows = 0;
  let omitted = 0;
  const stats = () => ({ rows, bytes: plan.bytes, chunks: plan.chunks, omitted_rows: omitted });
  for (let i = 0; i < plan.chunks; i += 1) {
    const partial = await getJson<Partial>(state.bucket, partialKey(state.job_id, i));
    if (!partial) throw new Error(`the partial state of chunk ${i} is missing`);
    rows += partial.rows;
    omitted += partial.omitted;
    if (rows > limit) {
      const { status } = await writeRecord(state, {
        status: 'FAILED',
        error: {
          code: 'row_limit',
          message: `${state.statistic} gathers every row in one worker, and this dataset has more than its limit of ${limit} rows for ${state.needs.length} column(s) at ${jobsEnv().workerMemoryMb} MB: sample the data, or run it on fewer rows`,
          details: { limit, memory_mb: jobsEnv().workerMemoryMb },
        },
        stats: stats(),
      });
      return { status };
    }
    (partial.values ?? []).forEach((col, k) => {
      const into = values[k]!;
      for (const x of col) into.push(x);
    });
  }
  const endpoint = endpointOf(state.statistic);
  const request = { ...state.options, ...form.request(values as (number[] | string[])[]) };
  const parsed = v.safeParse(endpoint.request, request);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const { status } = await writeRecord(state, {
      status: 'FAILED',
      error: {
        code: 'invalid_request',
        message: `the dataset's columns do not make a valid ${state.statistic} request: ${issue?.message ?? 'invalid'}`,
      },
      stats: stats(),
    });
    return { status };
  }
  return settle(state, () => endpoint.handle(parsed.output), stats());
}

/**
 * Records the job's outcome: SUCCEEDED with the result, or FAILED with the
 * API's error code and message when computing it throws an input error
 * (the same mapping as the synchronous endpoint); anything else is thrown
 * to the state machine (a retry, then the failure step).
 */
async function settle(
  state: ReduceState,
  compute: () => unknown,
  stats: NonNullable<JobRecord['stats']>,
): Promise<{ status: JobRecord['status'] }> {
  try {
    const result = compute();
    const { status } = await writeRecord(state, { status: 'SUCCEEDED', result, stats });
    return { status };
  } catch (error) {
    const mapped = errorToResponse(error, state.job_id, state.statistic);
    if (mapped.unexpected) throw error;
    const { status } = await writeRecord(state, {
      status: 'FAILED',
      error: { code: mapped.body.error.code, message: mapped.body.error.message },
      stats,
    });
    return { status };
  }
}

/** The mergeable statistics: merge the chunks' states pairwise in chunk order, finalize. */
async function reduceStates(
  state: ReduceState,
  form: PartialForm,
): Promise<{ status: JobRecord['status'] }> {
  const plan = state.split.plan;
  const states: unknown[] = [];
  let rows = 0;
  let omitted = 0;
  for (let i = 0; i < plan.chunks; i += 1) {
    const partial = await getJson<Partial>(state.bucket, partialKey(state.job_id, i));
    if (!partial) throw new Error(`the partial state of chunk ${i} is missing`);
    rows += partial.rows;
    omitted += partial.omitted;
    states.push(partial.state);
  }
  const stats = { rows, bytes: plan.bytes, chunks: plan.chunks, omitted_rows: omitted };
  return settle(
    state,
    () => form.finalize(mergePairwise(states, form.merge), state.options),
    stats,
  );
}

interface StepFailure {
  Error?: string;
  Cause?: string;
}

/** The Lambda error payload inside a Step Functions Cause, when it is one. */
function causeMessage(failure: StepFailure | undefined): { type: string; message: string } {
  const type = failure?.Error ?? 'Error';
  try {
    const parsed = JSON.parse(failure?.Cause ?? '') as {
      errorType?: string;
      errorMessage?: string;
    };
    if (parsed.errorMessage)
      return { type: parsed.errorType ?? type, message: parsed.errorMessage };
  } catch {
    // not JSON: the cause is the message
  }
  return { type, message: failure?.Cause ?? type };
}

/** Inside the Map: a chunk failed for good (after its retries); remember why, then fail the item. */
export async function chunkFailed(state: { item: ChunkItem; error: StepFailure }): Promise<void> {
  const { item } = state;
  const known = await getJson(item.bucket, failureKey(item.job_id, item.index));
  if (known) return;
  const { type, message } = causeMessage(state.error);
  await putJson(item.bucket, failureKey(item.job_id, item.index), {
    index: item.index,
    code: 'worker_failed',
    message: `chunk ${item.index} (bytes ${item.start}-${item.end}) failed after its retries: ${type}: ${message}`,
    details: { chunk: item.index, error_type: type },
  });
}

/** After the Catch: write the FAILED record with the first failing chunk's reason. */
export async function recordFailure(
  state: JobInput & { failure?: StepFailure },
): Promise<JobRecord> {
  const listed = await s3Client().send(
    new ListObjectsV2Command({ Bucket: state.bucket, Prefix: failurePrefix(state.job_id) }),
  );
  const first = (listed.Contents ?? []).map((o) => o.Key!).sort()[0];
  let error: NonNullable<JobRecord['error']>;
  if (first) {
    const f = (await getJson<{ code: string; message: string; details?: Record<string, unknown> }>(
      state.bucket,
      first,
    ))!;
    const { line_offset: offset, row: knownRow, ...rest } = f.details ?? {};
    let row = typeof knownRow === 'number' ? knownRow : undefined;
    if (row === undefined && typeof offset === 'number' && offset >= 0) {
      const head = await s3Client().send(
        new HeadObjectCommand({ Bucket: state.bucket, Key: state.key }),
      );
      const source = s3Source(state.bucket, state.key, head.ContentLength ?? 0);
      row = await rowOfOffset(source, offset, state.format);
      rest.byte_offset = offset;
    }
    error =
      row === undefined
        ? { code: f.code, message: f.message, details: rest }
        : { code: f.code, message: `row ${row}: ${f.message}`, details: { row, ...rest } };
  } else {
    const { type, message } = causeMessage(state.failure);
    error =
      type === 'JobInputError'
        ? { code: 'invalid_dataset', message }
        : { code: 'job_failed', message: `${type}: ${message}` };
  }
  return writeRecord(state, { status: 'FAILED', error, stats: { rows: 0, bytes: 0, chunks: 0 } });
}

/** The job_failure function: inside the Map (an item failed) or after the Catch (the job failed). */
export async function failure(
  event: { item: ChunkItem; error: StepFailure } | (JobInput & { failure?: StepFailure }),
): Promise<unknown> {
  if ('item' in event) return chunkFailed(event);
  return recordFailure(event);
}
