/**
 * Runs a statistic over a file through the datasets and jobs API:
 * `POST /datasets`, the file PUT to the presigned URL (with upload
 * progress), `POST /jobs`, then `GET /jobs/{id}` until it ends.
 */
import type { Body } from '../plots/types';
import { datasetFormat, formatBytes, JobRequestError, jobFailure, jobRequest } from './jobs';
import type { Mapping, StatisticSpec } from './statistics';

export type JobOutcome =
  | { kind: 'done'; jobId: string; result: Body; summary: string }
  | { kind: 'error'; message: string; details: string[] };

interface RunJobOptions {
  spec: StatisticSpec;
  file: File;
  header: string[];
  mapping: Mapping;
  options: Body;
  /** The page's address: the API routes are relative to it. */
  base: string;
  /** Progress: a sentence for the status line and the fraction done (undefined: unknown). */
  progress: (text: string, fraction?: number) => void;
  /** Milliseconds between polls (tests shorten it). */
  pollMs?: number;
}

const apiError = (what: string, status: number, body: Body): JobOutcome => {
  const err = (body.error ?? {}) as { message?: string; details?: Body };
  const issues = ((err.details?.issues ?? []) as { message: string }[]).map((i) => i.message);
  const columns = Array.isArray(err.details?.columns)
    ? [`the dataset's columns: ${(err.details.columns as string[]).join(', ')}`]
    : [];
  return {
    kind: 'error',
    message: `${what}: the API answered ${status}: ${err.message ?? 'no message'}`,
    details: [...issues, ...columns],
  };
};

async function json(
  url: URL,
  init?: RequestInit,
): Promise<{ ok: boolean; status: number; body: Body }> {
  const res = await fetch(url, init);
  const body = (await res.json().catch(() => ({}))) as Body;
  return { ok: res.ok, status: res.status, body };
}

/** PUT with upload progress (fetch has none): resolves with the status, rejects on a network error. */
function put(
  url: string,
  headers: Record<string, string>,
  file: Blob,
  onProgress: (loaded: number) => void,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = () =>
      reject(
        new Error(
          `the upload to ${new URL(url).origin} failed before an answer (a network error, or the bucket's CORS rules do not allow this page's origin ${location.origin})`,
        ),
      );
    xhr.send(file);
  });
}

export async function runJob(o: RunJobOptions): Promise<JobOutcome> {
  let request: Body;
  try {
    for (const [field, m] of Object.entries(o.mapping)) {
      const missing = (Array.isArray(m) ? m : m ? [m] : []).filter((c) => !o.header.includes(c));
      if (missing.length > 0)
        throw new JobRequestError(`${field}: the file has no column ${missing.join(', ')}.`);
    }
    request = jobRequest(o.spec, o.mapping, o.options);
  } catch (e) {
    return { kind: 'error', message: (e as Error).message, details: [] };
  }
  const api = (path: string) => new URL(path, o.base);
  const post = (path: string, body: Body) =>
    json(api(path), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  try {
    o.progress(`Creating a dataset for ${o.file.name}…`);
    const created = await post('datasets', {
      name: o.file.name.slice(0, 200) || 'upload',
      format: datasetFormat(o.file.name),
    });
    if (!created.ok) return apiError('Creating the dataset', created.status, created.body);
    const datasetId = String(created.body.dataset_id);
    const upload = created.body.upload as { url: string; headers?: Record<string, string> };
    const total = o.file.size;
    o.progress(`Uploading ${formatBytes(total)}…`, 0);
    const sent = await put(upload.url, upload.headers ?? {}, o.file, (loaded) =>
      o.progress(
        `Uploading: ${formatBytes(loaded)} of ${formatBytes(total)}…`,
        total > 0 ? (0.5 * loaded) / total : undefined,
      ),
    );
    if (sent.status < 200 || sent.status >= 300) {
      const code = /<Code>([^<]+)<\/Code>/.exec(sent.text)?.[1];
      return {
        kind: 'error',
        message: `The upload to the data bucket answered ${sent.status}${code ? ` (${code})` : ''}; create the dataset again (its URL may have expired).`,
        details: [],
      };
    }
    o.progress('Starting the job…', 0.5);
    const started = await post('jobs', { dataset: datasetId, ...request });
    if (!started.ok) return apiError('Starting the job', started.status, started.body);
    const jobId = String(started.body.job_id);
    const began = Date.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, o.pollMs ?? 1000));
      const polled = await json(api(`jobs/${encodeURIComponent(jobId)}`));
      if (!polled.ok) return apiError(`Polling job ${jobId}`, polled.status, polled.body);
      const record = polled.body;
      if (record.status === 'SUCCEEDED') {
        const stats = (record.stats ?? {}) as Body;
        o.progress('Done.', 1);
        return {
          kind: 'done',
          jobId,
          result: (record.result ?? {}) as Body,
          summary: `${stats.rows ?? '?'} rows, ${formatBytes(Number(stats.bytes ?? total))} in ${stats.chunks ?? '?'} chunk${stats.chunks === 1 ? '' : 's'}, ${Number(stats.duration_ms ?? Date.now() - began) / 1000} s`,
        };
      }
      if (record.status !== 'RUNNING') {
        const failure = jobFailure(record);
        return { kind: 'error', message: failure.message, details: failure.details };
      }
      const seconds = Math.round((Date.now() - began) / 1000);
      o.progress(`Job ${jobId} running (${seconds} s)…`, undefined);
    }
  } catch (e) {
    return {
      kind: 'error',
      message: `Could not run the job: ${(e as Error).message}`,
      details: [],
    };
  }
}
