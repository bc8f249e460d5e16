/**
 * `pnpm --filter @lambda-stats/scripts bench:jobs`: the jobs engine's figures.
 *
 *  1. One worker's throughput: parsing a numeric CSV chunk and building the
 *     linregress partial state (what job_worker does after its GET), in MB/s,
 *     against JSON.parse of the same numbers as a synchronous request body.
 *  2. Local end to end (only with a running `pnpm start`, read from
 *     .lambda-stats/local.json): upload a CSV of BENCH_JOBS_MB megabytes
 *     (default 200) through the presigned URL and time the linregress job.
 *  3. A model of time and cost for 100 GB at 1,000 concurrent workers, from
 *     the measured per-worker figure and the prices stated below.
 *
 * Self-contained: it shares nothing with the main bench (owned elsewhere).
 */
import { partialForms, readLines } from '@lambda-stats/handlers/jobs';
import { readLocalJson } from '../src/local-config';

const MB = 1024 * 1024;
// biome-ignore lint/suspicious/noExplicitAny: API answers are read field by field.
type Json = Record<string, any>;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** x,y rows like sensor data: 3 and 4 decimals. Deterministic. */
function csv(bytes: number): { text: string; x: number[]; y: number[] } {
  let s = 12345;
  const r = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const lines: string[] = ['x,y'];
  const x: number[] = [];
  const y: number[] = [];
  let size = 4;
  while (size < bytes) {
    const a = Number((r() * 100).toFixed(3));
    const b = Number((3 * a + r() * 10).toFixed(4));
    x.push(a);
    y.push(b);
    const line = `${a},${b}`;
    lines.push(line);
    size += line.length + 1;
  }
  return { text: `${lines.join('\n')}\n`, x, y };
}

function workerThroughput(chunkMb: number, runs: number) {
  const { text, x, y } = csv(chunkMb * MB);
  const body = text.slice(text.indexOf('\n') + 1);
  const bytes = Buffer.byteLength(body);
  const form = partialForms.linregress!;
  const worker: number[] = [];
  const parseOnly: number[] = [];
  const json = JSON.stringify({ x, y });
  const jsonTimes: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    let t = performance.now();
    const read = readLines(body, {
      format: 'csv',
      fileColumns: ['x', 'y'],
      needs: [
        { name: 'x', kind: 'number' },
        { name: 'y', kind: 'number' },
      ],
      nanPolicy: 'raise',
      baseOffset: 0,
    });
    parseOnly.push(performance.now() - t);
    form.partial(read.values, {});
    worker.push(performance.now() - t);
    t = performance.now();
    JSON.parse(json);
    jsonTimes.push(performance.now() - t);
  }
  const mbps = (ms: number, n: number) => n / MB / (ms / 1000);
  return {
    rows: x.length,
    bytes,
    workerMBps: mbps(median(worker), bytes),
    parseMBps: mbps(median(parseOnly), bytes),
    jsonParseMBps: mbps(median(jsonTimes), Buffer.byteLength(json)),
  };
}

async function localEndToEnd(megabytes: number) {
  const local = readLocalJson();
  if (!local) return undefined;
  const api = local.apiUrl;
  const post = async (route: string, body: unknown) =>
    (await (
      await fetch(`${api}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as Json;
  const { text } = csv(megabytes * MB);
  const created = await post('/datasets', { name: 'bench', format: 'csv' });
  let t = performance.now();
  const put = await fetch(created.upload.url, {
    method: 'PUT',
    headers: created.upload.headers,
    body: text,
  });
  if (!put.ok) throw new Error(`upload failed: HTTP ${put.status}`);
  const uploadMs = performance.now() - t;
  t = performance.now();
  const job = await post('/jobs', {
    dataset: created.dataset_id,
    statistic: 'linregress',
    columns: { x: 'x', y: 'y' },
  });
  for (;;) {
    const got = (await (await fetch(`${api}/jobs/${job.job_id}`)).json()) as Json;
    if (got.status !== 'RUNNING') {
      return { megabytes, uploadMs, jobMs: performance.now() - t, job: got };
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Prices (us-east-1, arm64, checked 2026-12): Lambda $0.0000133334 per
 * GB-second and $0.20 per million requests; Step Functions Standard $0.025
 * per 1,000 state transitions (a Distributed Map child execution: about 3
 * per item); S3 GET $0.0004 per 1,000 and PUT $0.005 per 1,000.
 */
const PRICES = {
  lambdaGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  transition: 0.025 / 1000,
  s3Get: 0.0004 / 1000,
  s3Put: 0.005 / 1000,
};

function model(
  workerMBps: number,
  options: {
    totalGb: number;
    chunkMb: number;
    concurrency: number;
    memoryGb: number;
    s3MBps: number;
  },
) {
  const chunks = Math.ceil((options.totalGb * 1024) / options.chunkMb);
  // each worker reads at S3's per-connection rate and parses at its own: the slower bounds it
  const perChunkS = options.chunkMb / Math.min(workerMBps, options.s3MBps) + 0.1;
  const waves = Math.ceil(chunks / options.concurrency);
  const wallS = waves * perChunkS + 2 /* split and reduce */;
  const gbSeconds = chunks * perChunkS * options.memoryGb;
  const cost =
    gbSeconds * PRICES.lambdaGbSecond +
    (chunks + 3) * PRICES.lambdaRequest +
    (chunks * 3 + 10) * PRICES.transition +
    chunks * 2 * PRICES.s3Get +
    chunks * 2 * PRICES.s3Put;
  return { chunks, perChunkS, waves, wallS, gbSeconds, cost };
}

async function main() {
  const chunkMb = Number(process.env.BENCH_JOBS_CHUNK_MB ?? 32);
  const t = workerThroughput(chunkMb, Number(process.env.BENCH_JOBS_RUNS ?? 5));
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`## Jobs (node ${process.version}, ${new Date().toISOString().slice(0, 16)} UTC)`);
  out('');
  out(`One worker, ${chunkMb} MiB numeric CSV chunk (${t.rows} rows), median of runs:`);
  out(
    `- parse + linregress partial state: ${t.workerMBps.toFixed(0)} MB/s (parse alone ${t.parseMBps.toFixed(0)} MB/s)`,
  );
  out(`- JSON.parse of the same numbers as a request body: ${t.jsonParseMBps.toFixed(0)} MB/s`);
  out('');
  const e2eMb = Number(process.env.BENCH_JOBS_MB ?? 200);
  const e2e = await localEndToEnd(e2eMb).catch((error: unknown) => {
    out(`local end to end: failed (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  });
  if (e2e) {
    out(
      `Local end to end, ${e2e.megabytes} MiB CSV (${e2e.job.stats?.chunks} chunks): upload ${(e2e.uploadMs / 1000).toFixed(1)} s, job ${(e2e.jobMs / 1000).toFixed(1)} s, status ${e2e.job.status}, rows ${e2e.job.stats?.rows}`,
    );
  } else if (!readLocalJson()) {
    out('Local end to end: skipped (start the stack with `pnpm start` first).');
  }
  out('');
  const m = model(t.workerMBps, {
    totalGb: 100,
    chunkMb: 64,
    concurrency: 1000,
    memoryGb: 1.769,
    s3MBps: 90,
  });
  out(
    'Model: 100 GB, 64 MiB chunks, 1,000 concurrent workers at 1,769 MB, S3 at 90 MB/s per connection:',
  );
  out(
    `- ${m.chunks} chunks in ${m.waves} waves of ${m.perChunkS.toFixed(2)} s: about ${m.wallS.toFixed(0)} s wall time`,
  );
  out(
    `- ${m.gbSeconds.toFixed(0)} GB-s of Lambda; about $${m.cost.toFixed(2)} per run (Lambda, requests, Step Functions transitions, S3 requests)`,
  );
}

await main();
