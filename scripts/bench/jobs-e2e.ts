/**
 * `bench:jobs --size 300MB`: the local end-to-end run on the running
 * `pnpm start` stack (read from .lambda-stats/local.json). It writes the
 * deterministic CSV of jobs-e2e-data.ts to a temporary file, uploads it
 * through the presigned URL, runs one job per chosen mergeable statistic on
 * the deployed state machine (moto's Step Functions, the local Lambda
 * runtime), and compares each result field by field (jobs-compare.ts) with
 * the synchronous endpoint's response body on the same numbers in memory:
 * the endpoint's own request schema and `handle` (the stats-core one-shot
 * function and the endpoint's response mapping), as its Lambda runs them.
 * With `--runtime-log <file>` (pnpm start's output) it reads the job_worker
 * REPORT lines and the workers' "chunk done" lines: per-worker duration,
 * MB/s and peak memory.
 */
import { createReadStream, createWriteStream, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { endpoints } from '@lambda-stats/handlers/endpoints';
import * as v from 'valibot';
import { readLocalJson } from '../src/local-config';
import { type Comparison, compareBodies, toleranceOf } from './jobs-compare';
import {
  E2E_JOBS,
  type E2eColumns,
  type E2eJob,
  type MergeableStatistic,
  syncRequest,
  writeE2eCsv,
} from './jobs-e2e-data';

const MB = 1024 * 1024;
/** A line on stderr as each step ends: a long run shows where it is. */
const progress = (line: string) => process.stderr.write(`bench:jobs: ${line}\n`);
// biome-ignore lint/suspicious/noExplicitAny: API answers are read field by field.
type Json = Record<string, any>;

/** Writes the run's CSV to `file` and returns its columns and size. */
async function csvFile(file: string, bytes: number) {
  const stream = createWriteStream(file);
  const columns = await writeE2eCsv(bytes, (piece) =>
    stream.write(piece) ? undefined : new Promise<void>((r) => stream.once('drain', () => r())),
  );
  await new Promise<void>((resolve, reject) =>
    stream.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
  return { columns, size: statSync(file).size };
}

function upload(url: string, headers: Record<string, string>, file: string, size: number) {
  return new Promise<void>((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers: { ...headers, 'content-length': size } });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode && res.statusCode < 300
          ? resolve()
          : reject(new Error(`upload failed: HTTP ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    createReadStream(file).on('error', reject).pipe(req);
  });
}

export interface WorkerReport {
  /** The invocation's duration (REPORT line). */
  ms: number;
  memoryMb: number;
}

export interface ChunkLine {
  bytes: number;
  rows: number;
  read_ms: number;
  duration_ms: number;
  cpu_ms: number;
}

/**
 * What the runtime log holds after byte `from`: job_worker REPORT lines
 * (duration, peak memory) and the worker's own "chunk done" lines (bytes,
 * rows, time reading, CPU time).
 */
function workerLog(log: string | undefined, from: number) {
  const reports: WorkerReport[] = [];
  const chunks: ChunkLine[] = [];
  if (!log) return { reports, chunks };
  const text = readFileSync(log).subarray(from).toString('utf8');
  for (const line of text.split('\n')) {
    if (!line.includes('job_worker')) continue;
    const m = /REPORT .*Duration: ([\d.]+) ms.*Max Memory Used: (\d+) MB/.exec(line);
    if (m) reports.push({ ms: Number(m[1]), memoryMb: Number(m[2]) });
    const brace = line.indexOf('{"');
    if (brace >= 0 && line.includes('"chunk done"')) {
      try {
        chunks.push(JSON.parse(line.slice(brace)) as ChunkLine);
      } catch {
        // a line cut by the runtime's prefixing: skip it
      }
    }
  }
  return { reports, chunks };
}

/**
 * The synchronous endpoint's response body for `job` on the columns in
 * memory: its request schema (defaults and checks), its `handle`, and
 * the JSON the Lambda would send.
 */
export function syncBody(job: E2eJob, columns: E2eColumns): unknown {
  const endpoint = endpoints.find((e) => e.name === job.statistic);
  if (!endpoint) throw new Error(`no synchronous endpoint named ${job.statistic}`);
  const input = v.parse(endpoint.request, syncRequest(job, columns));
  return JSON.parse(JSON.stringify(endpoint.handle(input)));
}

export interface EndToEndRun {
  statistic: MergeableStatistic;
  jobMs: number;
  /** The synchronous answer in memory: schema, one-shot function, response mapping. */
  syncMs: number;
  comparison: Comparison;
  stats: Json;
  reports: WorkerReport[];
  chunks: ChunkLine[];
}

export async function localEndToEnd(
  bytes: number,
  jobChunkMb: number,
  log: string | undefined,
  statistics: readonly MergeableStatistic[],
) {
  const local = readLocalJson();
  if (!local) {
    throw new Error(
      '--size needs the local stack: run `pnpm start` first (it writes .lambda-stats/local.json)',
    );
  }
  const call = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${local.apiUrl}${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as Json;
  };
  const file = path.join(tmpdir(), `lambda-stats-bench-jobs-${process.pid}.csv`);
  try {
    let t = performance.now();
    const data = await csvFile(file, bytes);
    const genMs = performance.now() - t;
    const created = await call('POST', '/datasets', { name: 'bench', format: 'csv' });
    t = performance.now();
    await upload(created.upload.url, created.upload.headers, file, data.size);
    const uploadMs = performance.now() - t;
    progress(
      `${data.columns.rows} rows, ${(data.size / MB).toFixed(0)} MiB: generated in ${(genMs / 1000).toFixed(1)} s, uploaded in ${(uploadMs / 1000).toFixed(1)} s`,
    );
    const runs: EndToEndRun[] = [];
    for (const job of E2E_JOBS.filter((j) => statistics.includes(j.statistic))) {
      const logFrom = log ? statSync(log).size : 0;
      t = performance.now();
      const started = await call('POST', '/jobs', {
        dataset: created.dataset_id,
        statistic: job.statistic,
        columns: job.columns,
        options: job.options,
        chunk_bytes: jobChunkMb * MB,
      });
      if (!started.job_id) throw new Error(`POST /jobs refused: ${JSON.stringify(started)}`);
      let got: Json;
      for (;;) {
        got = await call('GET', `/jobs/${started.job_id}`);
        if (got.status !== 'RUNNING') break;
        await new Promise((r) => setTimeout(r, 1000));
      }
      const jobMs = performance.now() - t;
      if (got.status !== 'SUCCEEDED') {
        throw new Error(`${job.statistic} job: ${JSON.stringify(got)}`);
      }
      t = performance.now();
      const sync = syncBody(job, data.columns);
      const syncMs = performance.now() - t;
      const run = {
        statistic: job.statistic,
        jobMs,
        syncMs,
        comparison: compareBodies(got.result, sync, toleranceOf(job.statistic)),
        stats: got.stats,
        ...workerLog(log, logFrom),
      };
      runs.push(run);
      progress(
        `${job.statistic}: ${got.stats.chunks} chunks, ${(jobMs / 1000).toFixed(1)} s, largest relative difference ${run.comparison.worst?.relative.toExponential(1) ?? '-'}`,
      );
    }
    return { size: data.size, rows: data.columns.rows, genMs, uploadMs, runs };
  } finally {
    rmSync(file, { force: true });
  }
}
