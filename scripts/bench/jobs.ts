/**
 * `pnpm --filter @lambda-stats/scripts bench:jobs [flags]`: the jobs engine's figures.
 *
 *  1. One worker's throughput, in process: reading a numeric CSV chunk
 *     through the worker's reader (`readItem`, @lambda-stats/tabular) from
 *     an in-memory byte source, then building the linregress and describe
 *     partial states, in MB/s of CSV; against JSON.parse of the same
 *     numbers as a synchronous request body, in the same run. Two data
 *     shapes: sensor-like decimals (3 and 4 places) and full-precision
 *     doubles (17 significant digits). `--baseline <checkout>` also times
 *     the worker of another checkout (its packages/handlers/src/jobs, run
 *     from its own sources and node_modules), interleaved run by run with
 *     this one, so before and after come from one run.
 *  2. Opt-in, `--size 300MB` (or 1GB): a local end-to-end run on the
 *     running `pnpm start` stack (jobs-e2e.ts): one CSV with the columns
 *     of every mergeable statistic, one job per statistic (`--statistics`,
 *     default all), each result compared field by field with the
 *     synchronous endpoint's response body on the same numbers in memory;
 *     the run fails (exit 1) when a field is over its tolerance.
 *  3. A model of time and cost for 100 GB at 1,000 concurrent workers,
 *     from the measured per-worker figure and the prices stated below.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type ByteSource, readItem, readState } from '@lambda-stats/handlers/jobs';
import { commandLine, FlagError, namesFlag } from '@lambda-stats/lambda-kit/cli';
import { lcg32 } from '@lambda-stats/lambda-kit/random';
import { localEndToEnd } from './jobs-e2e';
import { MERGEABLE_STATISTICS, type MergeableStatistic } from './jobs-e2e-data';
import type { Row } from './table';

const MB = 1024 * 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const out = (s = '') => process.stdout.write(`${s}\n`);

const USAGE = `usage: pnpm --filter @lambda-stats/scripts bench:jobs [--chunk-mb 32] [--runs 5]
         [--baseline <checkout>] [--size <n>MB|<n>GB] [--statistics <names>] [--job-chunk-mb 64]
         [--runtime-log <file>]
  --chunk-mb <n>        size of the in-process worker chunk (default 32)
  --runs <n>            timed runs per measurement, median reported (default 5)
  --baseline <dir>      also time the worker of another checkout (e.g. a worktree of main)
  --size <n>MB|<n>GB    opt-in end-to-end run of that size on the running local stack: one job
                        per statistic, each result compared with the synchronous endpoint's
  --statistics <names>  the end-to-end run's statistics, comma-separated (default: every
                        mergeable one: ${MERGEABLE_STATISTICS.join(', ')})
  --job-chunk-mb <n>    chunk_bytes of the end-to-end jobs in MiB (default 64)
  --runtime-log <file>  pnpm start's output, for the job_worker REPORT lines (duration, memory)`;

function fail(message: string): never {
  process.stderr.write(`bench:jobs: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new FlagError(`--${name} must be a positive number (got "${raw}")`);
  }
  return n;
}

/** "500MB", "1GB", "300" (MB) -> bytes. */
export function parseSize(raw: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(MB|MiB|GB|GiB)?$/i.exec(raw.trim());
  if (!m || Number(m[1]) <= 0) {
    throw new FlagError(`--size must look like 300MB or 1GB (got "${raw}")`);
  }
  const unit = (m[2] ?? 'MB').toUpperCase();
  return Math.round(Number(m[1]) * (unit.startsWith('G') ? 1024 * MB : MB));
}

/** The flags' values, as strings from parseArgs. */
export interface JobsFlagValues {
  'chunk-mb'?: string;
  runs?: string;
  size?: string;
  statistics?: string;
  'job-chunk-mb'?: string;
  'runtime-log'?: string;
}

/** Checks the flags; a bad value throws a FlagError naming the flag and what it takes. */
export function jobsFlags(values: JobsFlagValues) {
  const e2eBytes = values.size === undefined ? undefined : parseSize(values.size);
  const statistics: readonly MergeableStatistic[] =
    values.statistics === undefined
      ? MERGEABLE_STATISTICS
      : namesFlag('statistics', values.statistics, MERGEABLE_STATISTICS);
  if (values.statistics !== undefined && e2eBytes === undefined) {
    throw new FlagError('--statistics chooses the end-to-end jobs: give --size too');
  }
  const log = values['runtime-log'];
  if (log !== undefined && !existsSync(log)) {
    throw new FlagError(`--runtime-log ${log}: no such file (redirect pnpm start's output there)`);
  }
  return {
    chunkMb: positive('chunk-mb', values['chunk-mb'], 32),
    runs: Math.round(positive('runs', values.runs, 5)),
    e2eBytes,
    statistics,
    jobChunkMb: positive('job-chunk-mb', values['job-chunk-mb'], 64),
    log,
  };
}

/** A deterministic generator of rows: x with 3 places, y = 3x + noise with 4 (sensor-like), or full doubles. */
function rows(shape: 'decimals' | 'full') {
  const r = lcg32(12345);
  const r53 = () => (r() * 2 ** 21 + (r() * 2 ** 32) / 2 ** 32) / 2 ** 21;
  return shape === 'decimals'
    ? () => {
        const a = Math.round(r() * 100000) / 1000;
        return [a, Math.round((3 * a + r() * 10) * 10000) / 10000] as const;
      }
    : () => {
        const a = 1 + r53() * 999;
        return [a, 3 * a + r53() * 10] as const;
      };
}

function csvInMemory(bytes: number, shape: 'decimals' | 'full') {
  const next = rows(shape);
  const lines: string[] = ['x,y'];
  const x: number[] = [];
  const y: number[] = [];
  let size = 4;
  while (size < bytes) {
    const [a, b] = next();
    x.push(a);
    y.push(b);
    const line = `${a},${b}`;
    lines.push(line);
    size += line.length + 1;
  }
  return { bytes: Buffer.from(`${lines.join('\n')}\n`), x, y };
}

const memorySource = (bytes: Uint8Array) =>
  async function* (from: number) {
    for (let i = from; i < bytes.length; i += MB) yield bytes.subarray(i, i + MB);
  };

type Baseline = {
  readItem: typeof readItem;
  /** read + state as that checkout's worker builds it (its readState, else readItem then partial). */
  state: (item: WorkerItem, source: ByteSource, statistic: string) => Promise<unknown>;
};

type WorkerItem = Parameters<typeof readState>[0];

/** The worker of another checkout (its packages/handlers/src/jobs, run from its own sources). */
async function loadBaseline(dir: string): Promise<Baseline> {
  const jobs = path.resolve(dir, 'packages/handlers/src/jobs/index.ts');
  try {
    const worker = await import(pathToFileURL(jobs).href);
    if (typeof worker.readItem !== 'function' || typeof worker.partialForms !== 'object') {
      throw new Error('it exports no readItem and partialForms');
    }
    const state =
      typeof worker.readState === 'function'
        ? (item: WorkerItem, source: ByteSource, statistic: string) =>
            worker.readState({ ...item, statistic }, source)
        : async (item: WorkerItem, source: ByteSource, statistic: string) =>
            worker.partialForms[statistic].partial(
              (await worker.readItem(item, source)).values,
              {},
            );
    return { readItem: worker.readItem, state };
  } catch (error) {
    fail(
      `--baseline ${dir}: no job worker there (packages/handlers/src/jobs/index.ts, with its node_modules installed): ${(error as Error).message}`,
    );
  }
}

/**
 * CPU milliseconds of this process (user + system): on a machine shared with
 * other work, wall time measures the neighbours; CPU time measures the code.
 */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function time(fn: () => unknown, runs: number): number {
  fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = cpuMs();
    fn();
    ts.push(cpuMs() - t);
  }
  return median(ts);
}

/**
 * CPU ms of each function in every run, the functions timed in turn within
 * each run (A, B, A, B...), so a pair sees the same neighbours.
 */
async function samplesInterleaved(
  fns: (() => Promise<unknown>)[],
  runs: number,
): Promise<number[][]> {
  for (const fn of fns) await fn();
  const ts = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i += 1) {
    for (let k = 0; k < fns.length; k += 1) {
      const t = cpuMs();
      await fns[k]!();
      ts[k]!.push(cpuMs() - t);
    }
  }
  return ts;
}

/** Median CPU ms of each function, timed in interleaved runs (samplesInterleaved). */
async function timeInterleaved(fns: (() => Promise<unknown>)[], runs: number): Promise<number[]> {
  return (await samplesInterleaved(fns, runs)).map(median);
}

async function workerThroughput(
  chunkMb: number,
  runs: number,
  shape: 'decimals' | 'full',
  baseline?: Baseline,
) {
  const { bytes, x, y } = csvInMemory(chunkMb * MB, shape);
  const item = {
    format: 'csv' as const,
    start: 0,
    end: bytes.length,
    size: bytes.length,
    gzip: false,
    file_columns: ['x', 'y'],
    needs: [
      { name: 'x', kind: 'number' as const },
      { name: 'y', kind: 'number' as const },
    ],
    nan_policy: 'raise' as const,
    statistic: 'linregress',
  };
  const source = memorySource(bytes);
  const json = JSON.stringify({ x, y });
  const rate = (ms: number, n = bytes.length) => n / MB / (ms / 1000);
  const read = () => readItem(item, source);
  // read + state as the worker builds it (readState: block by block where the state allows)
  const lin = () => readState({ ...item, statistic: 'linregress' }, source);
  const desc = () => readState({ ...item, statistic: 'describe' }, source);
  let before: { parse: number; linregress: number; describe: number } | undefined;
  let parseMs: number;
  let linMs: number;
  let descMs: number;
  let jsonMs: number | undefined;
  let ratios: { parse: number; linregress: number; describe: number } | undefined;
  if (baseline) {
    const readBefore = () => baseline.readItem(item, source);
    const pair = (after: () => Promise<unknown>, name?: string) =>
      timeInterleaved([after, name ? () => baseline.state(item, source, name) : readBefore], runs);
    const [p, pb] = await pair(read);
    const [l, lb] = await pair(lin, 'linregress');
    const [d, db] = await pair(desc, 'describe');
    [parseMs, linMs, descMs] = [p!, l!, d!];
    before = { parse: rate(pb!), linregress: rate(lb!), describe: rate(db!) };
  } else {
    // JSON.parse in the same rounds: each round's ratio sees the same neighbours
    const jsonBytes = Buffer.byteLength(json);
    const [p, l, d, j] = await samplesInterleaved(
      [read, lin, desc, async () => JSON.parse(json)],
      runs,
    );
    [parseMs, linMs, descMs] = [median(p!), median(l!), median(d!)];
    const jsonRate = (k: number) => rate(j![k]!, jsonBytes);
    const ratio = (xs: number[]) => median(xs.map((ms, k) => rate(ms) / jsonRate(k)));
    ratios = { parse: ratio(p!), linregress: ratio(l!), describe: ratio(d!) };
    jsonMs = median(j!);
  }
  jsonMs ??= time(() => JSON.parse(json), runs);
  return {
    shape,
    rows: x.length,
    bytes: bytes.length,
    parse: rate(parseMs),
    linregress: rate(linMs),
    describe: rate(descMs),
    jsonParse: rate(jsonMs, Buffer.byteLength(json)),
    /** Median over the rounds of each round's rate over JSON.parse's (without --baseline). */
    ratios,
    before,
  };
}

/**
 * Prices, us-east-1, checked 2026-12 on aws.amazon.com/{lambda,step-functions,s3}/pricing:
 * Lambda arm64 $0.0000133334 per GB-second (first 7.5 billion GB-s a month)
 * and $0.20 per million requests; Step Functions Standard $0.025 per 1,000
 * state transitions (a Distributed Map child execution of STANDARD type
 * with one Task state: about 2 transitions; the parent about 10); S3 GET
 * $0.0004 and PUT $0.005 per 1,000 requests (S3 Standard).
 */
export const PRICES = {
  lambdaGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  transition: 0.025 / 1000,
  s3Get: 0.0004 / 1000,
  s3Put: 0.005 / 1000,
};

/**
 * 100 GB of CSV in chunks of `chunkMb`, `concurrency` workers at once:
 * per chunk, t = chunkMb / min(worker MB/s, S3 MB/s per connection) + 0.1 s
 * (invocation and PUT of the state); wall = ceil(chunks / concurrency) t +
 * split and reduce; cost = Lambda GB-s + requests + transitions + S3
 * requests (per chunk: 1 GET of the range, 1 PUT of the state, 1 GET by
 * the reduce).
 */
export function model(
  workerMBps: number,
  o: { totalGb: number; chunkMb: number; concurrency: number; memoryGb: number; s3MBps: number },
) {
  const chunks = Math.ceil((o.totalGb * 1024) / o.chunkMb);
  const perChunkS = o.chunkMb / Math.min(workerMBps, o.s3MBps) + 0.1;
  const waves = Math.ceil(chunks / o.concurrency);
  const wallS = waves * perChunkS + 5;
  const gbSeconds = chunks * perChunkS * o.memoryGb;
  const parts = {
    lambda: gbSeconds * PRICES.lambdaGbSecond + (chunks + 4) * PRICES.lambdaRequest,
    stepFunctions: (chunks * 2 + 10) * PRICES.transition,
    s3: chunks * 2 * PRICES.s3Get + chunks * PRICES.s3Put,
  };
  return {
    chunks,
    perChunkS,
    waves,
    wallS,
    gbSeconds,
    parts,
    cost: parts.lambda + parts.stepFunctions + parts.s3,
  };
}

/** The modelled job: 100 GB in 64 MiB chunks, 1,000 workers of 1,769 MB (one vCPU), S3 at 90 MB/s a connection. */
const MODEL_100GB = { totalGb: 100, chunkMb: 64, concurrency: 1000, memoryGb: 1.769, s3MBps: 90 };

async function main() {
  const { values } = commandLine(
    {
      'chunk-mb': { type: 'string' },
      runs: { type: 'string' },
      baseline: { type: 'string' },
      size: { type: 'string' },
      statistics: { type: 'string' },
      'job-chunk-mb': { type: 'string' },
      'runtime-log': { type: 'string' },
    },
    USAGE,
  );
  let flags: ReturnType<typeof jobsFlags>;
  try {
    flags = jobsFlags(values);
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    fail(error.message);
  }
  const { chunkMb, runs, e2eBytes, statistics, jobChunkMb, log } = flags;
  const baseline = values.baseline ? await loadBaseline(values.baseline) : undefined;

  out(`## Jobs (node ${process.version}, ${new Date().toISOString().slice(0, 16)} UTC)`);
  out();
  out(
    `One worker, in process: a ${chunkMb} MiB CSV chunk of two numeric columns, median of ${runs} interleaved runs, MB/s of CSV per CPU second:`,
  );
  out();
  out(
    '| data | rows | read (tabular) | read + linregress state | read + describe state | JSON.parse of the same numbers | before: read | before: read + linregress | before: read + describe |',
  );
  out('|---|---|---|---|---|---|---|---|---|');
  const throughputs = [];
  for (const shape of ['decimals', 'full'] as const) {
    const t = await workerThroughput(chunkMb, runs, shape, baseline);
    throughputs.push(t);
    const f = (n: number | undefined) => (n === undefined ? '-' : n.toFixed(0));
    out(
      `| ${shape === 'decimals' ? '3-4 decimal places' : '17 significant digits'} | ${t.rows} | ${f(t.parse)} | ${f(t.linregress)} | ${f(t.describe)} | ${f(t.jsonParse)} | ${f(t.before?.parse)} | ${f(t.before?.linregress)} | ${f(t.before?.describe)} |`,
    );
  }
  out();
  for (const t of throughputs) {
    if (!t.ratios) continue;
    out(
      `${t.shape === 'decimals' ? '3-4 decimal places' : '17 significant digits'}, against JSON.parse in the same rounds (median of the per-round ratios): read ${t.ratios.parse.toFixed(2)}x, read + linregress ${t.ratios.linregress.toFixed(2)}x, read + describe ${t.ratios.describe.toFixed(2)}x`,
    );
  }
  out();
  let measured = throughputs[0]!.linregress;
  if (e2eBytes !== undefined) {
    let e: Awaited<ReturnType<typeof localEndToEnd>>;
    try {
      e = await localEndToEnd(e2eBytes, jobChunkMb, log, statistics);
    } catch (error) {
      process.stderr.write(`bench:jobs: ${(error as Error).message}\n`);
      process.exit(1);
    }
    out(
      `Local end to end: ${(e.size / MB).toFixed(0)} MiB CSV, ${e.rows} rows (generated in ${(e.genMs / 1000).toFixed(1)} s, uploaded in ${(e.uploadMs / 1000).toFixed(1)} s), chunks of ${jobChunkMb} MiB, \`uptime\` load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}:`,
    );
    out();
    out(
      `| job | chunks | job wall time | worker wall time (median, max) | MB/s per worker, wall (median) | MB/s per worker, CPU (median) | peak memory per worker (max) | synchronous answer in memory | largest relative difference from the synchronous answer (field) |`,
    );
    out('|---|---|---|---|---|---|---|---|---|');
    for (const r of e.runs) {
      const ms = r.reports.map((w) => w.ms);
      const mem = r.reports.map((w) => w.memoryMb);
      const wall = r.chunks.map((c) => c.bytes / MB / (c.duration_ms / 1000));
      const cpu = r.chunks.map((c) => c.bytes / MB / (c.cpu_ms / 1000));
      if (r.statistic === 'linregress' && cpu.length) measured = median(cpu);
      const f = (xs: number[]) => (xs.length ? median(xs).toFixed(0) : '-');
      const worst = r.comparison.worst;
      out(
        `| ${r.statistic} | ${r.stats.chunks} | ${(r.jobMs / 1000).toFixed(1)} s | ${ms.length ? `${(median(ms) / 1000).toFixed(1)} s, ${(Math.max(...ms) / 1000).toFixed(1)} s` : '- (no --runtime-log)'} | ${f(wall)} | ${f(cpu)} | ${mem.length ? `${Math.max(...mem)} MB` : '-'} | ${(r.syncMs / 1000).toFixed(2)} s | ${worst ? `${worst.relative.toExponential(1)} (${worst.path.replace(/^result\./, '')})` : '-'} |`,
      );
    }
    out();
    out(
      "Tolerance, the partial-results property tests': |job - sync| <= 1e-12 |sync| (1e-11 for f_oneway; 1e-10 on p-values) + 1e-14 for describe and the t-tests (scripts/bench/jobs-compare.ts).",
    );
    const wrong = e.runs.filter((r) => r.comparison.over.length || r.comparison.mismatches.length);
    if (wrong.length) {
      for (const r of wrong) {
        for (const d of r.comparison.over) {
          process.stderr.write(
            `bench:jobs: ${r.statistic} ${d.path}: job ${d.job}, synchronous ${d.sync}, relative difference ${d.relative.toExponential(2)}, over the ${d.allowed.toExponential(2)} allowed\n`,
          );
        }
        for (const m of r.comparison.mismatches) {
          process.stderr.write(`bench:jobs: ${r.statistic} ${m}\n`);
        }
      }
      process.stderr.write(
        `bench:jobs: ${wrong.length} job(s) differ from the synchronous endpoint: ${wrong.map((r) => r.statistic).join(', ')}\n`,
      );
      process.exitCode = 1;
    }
    out();
  } else {
    out('Local end to end: not run (opt in with --size 300MB on a running `pnpm start`).');
    out();
  }
  const m = model(measured, MODEL_100GB);
  out(
    `Model: 100 GB, 64 MiB chunks, 1,000 workers at once at 1,769 MB, worker at ${measured.toFixed(0)} MB/s, S3 at 90 MB/s per connection:`,
  );
  out(
    `- ${m.chunks} chunks in ${m.waves} waves of ${m.perChunkS.toFixed(2)} s: about ${m.wallS.toFixed(0)} s wall time`,
  );
  out(
    `- ${m.gbSeconds.toFixed(0)} GB-s; $${m.cost.toFixed(2)} per run: Lambda $${m.parts.lambda.toFixed(2)}, Step Functions $${m.parts.stepFunctions.toFixed(2)}, S3 $${m.parts.s3.toFixed(3)}`,
  );
}

/**
 * `pnpm bench --only jobs`: one worker in process on both data shapes
 * (MB/s of CSV per CPU second against `JSON.parse` of the same numbers) and
 * the 100 GB model from that figure. The local end-to-end run stays opt-in
 * here (`bench:jobs --size`): it needs a running `pnpm start`.
 */
export async function jobsBench(options: {
  chunkMb: number;
  runs: number;
}): Promise<{ rows: Row[] }> {
  const rows: Row[] = [];
  const how = `one ${options.chunkMb} MiB CSV chunk of two numeric columns read through packages/tabular as the worker does, in a node process doing nothing else (as a job worker); ${options.runs} rounds, each timing the worker and JSON.parse of the same numbers in turn; MB of CSV per CPU second (median), ratio the median of the per-round ratios`;
  let measured = 0;
  for (const shape of ['decimals', 'full'] as const) {
    const t = await workerThroughput(options.chunkMb, options.runs, shape);
    const label = shape === 'decimals' ? '3-4 decimal places' : '17 significant digits';
    if (shape === 'decimals') measured = t.linregress;
    for (const [what, rate, ratio] of [
      ['read', t.parse, t.ratios?.parse],
      ['read + linregress state', t.linregress, t.ratios?.linregress],
      ['read + describe state', t.describe, t.ratios?.describe],
    ] as const) {
      rows.push({
        section: 'jobs',
        item: `worker, ${label}: ${what}`,
        result: `${rate.toFixed(0)} MB/s`,
        baseline: `JSON.parse ${t.jsonParse.toFixed(0)} MB/s`,
        ratio: `${(ratio ?? rate / t.jsonParse).toFixed(2)}x`,
        how: `${how}; goal: at least JSON.parse's rate on the same numbers`,
        data: { rows: t.rows, bytes: t.bytes, mbPerS: rate, jsonParseMbPerS: t.jsonParse },
      });
    }
  }
  const m = model(measured, MODEL_100GB);
  rows.push({
    section: 'jobs',
    item: 'model: linregress over 100 GB',
    result: `about ${m.wallS.toFixed(0)} s, $${m.cost.toFixed(2)} per run`,
    baseline: '',
    ratio: '',
    how: `${m.chunks} chunks of 64 MiB in ${m.waves} waves at 1,000 workers of 1,769 MB, worker at ${measured.toFixed(0)} MB/s (3-4 decimal places), S3 at 90 MB/s per connection; Lambda $${m.parts.lambda.toFixed(2)}, Step Functions $${m.parts.stepFunctions.toFixed(2)}, S3 $${m.parts.s3.toFixed(3)} (docs/jobs.md)`,
    data: { wallSeconds: m.wallS, cost: m.cost, gbSeconds: m.gbSeconds },
  });
  return { rows };
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  await main();
}
