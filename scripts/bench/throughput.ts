/**
 * (2) Throughput of the stats core against scipy/numpy on the same data in
 * the same run. The data (seeded LCG: x, z uniform on [0, 1), y = 1.6 x +
 * noise) is written as little-endian Float64 files that a long-lived python3
 * subprocess (throughput.py) reads, so both sides see identical numbers. For
 * each function and size the two sides are timed back to back (warm-up, then
 * batches of >= 1 ms, median), and a single pass summing the same
 * Float64Arrays gives the memory-bandwidth floor.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as core from '@lambda-stats/stats-core';
import { type Row, versusScipy } from './table';
import { fmtMs, log, median } from './util';

export const SIZES = [1e3, 1e4, 1e5, 1e6] as const;

interface Data {
  n: number;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  rows: Float64Array[];
}

interface Spec {
  /** scipy's name. */
  name: string;
  /** What the Python side calls. */
  reference: string;
  /** Which arrays the call reads (for the one-pass floor). */
  reads: ('x' | 'y' | 'z')[];
  js: (d: Data) => unknown;
}

export const SPECS: Spec[] = [
  {
    name: 'linregress',
    reference: 'scipy.stats.linregress',
    reads: ['x', 'y'],
    js: (d) => core.linregress(d.x, d.y),
  },
  {
    name: 'ols',
    reference: 'numpy.linalg.lstsq on [1, x, z] (coefficients only)',
    reads: ['x', 'z', 'y'],
    js: (d) => core.ols(d.rows, d.y),
  },
  {
    name: 'polyfit',
    reference: 'numpy.polyfit(x, y, 3) (coefficients only)',
    reads: ['x', 'y'],
    js: (d) => core.polyfit(d.x, d.y, 3),
  },
  {
    name: 'pearsonr',
    reference: 'scipy.stats.pearsonr',
    reads: ['x', 'y'],
    js: (d) => core.pearsonr(d.x, d.y),
  },
  {
    name: 'spearmanr',
    reference: 'scipy.stats.spearmanr',
    reads: ['x', 'y'],
    js: (d) => core.spearmanr(d.x, d.y),
  },
  {
    name: 'kendalltau',
    reference: 'scipy.stats.kendalltau',
    reads: ['x', 'y'],
    js: (d) => core.kendalltau(d.x, d.y),
  },
  {
    name: 'ttest_ind',
    reference: 'scipy.stats.ttest_ind',
    reads: ['x', 'y'],
    js: (d) => core.ttestInd(d.x, d.y),
  },
  {
    name: 'ttest_rel',
    reference: 'scipy.stats.ttest_rel',
    reads: ['x', 'y'],
    js: (d) => core.ttestRel(d.x, d.y),
  },
  {
    name: 'ttest_1samp',
    reference: 'scipy.stats.ttest_1samp',
    reads: ['x'],
    js: (d) => core.ttest1samp(d.x, 0.5),
  },
  {
    name: 'mannwhitneyu',
    reference: 'scipy.stats.mannwhitneyu',
    reads: ['x', 'y'],
    js: (d) => core.mannwhitneyu(d.x, d.y),
  },
  {
    name: 'ks_2samp',
    reference: 'scipy.stats.ks_2samp',
    reads: ['x', 'y'],
    js: (d) => core.ks2samp(d.x, d.y),
  },
  { name: 'shapiro', reference: 'scipy.stats.shapiro', reads: ['x'], js: (d) => core.shapiro(d.x) },
  {
    name: 'f_oneway',
    reference: 'scipy.stats.f_oneway',
    reads: ['x', 'y', 'z'],
    js: (d) => core.fOneway(d.x, d.y, d.z),
  },
  {
    name: 'describe',
    reference: 'scipy.stats.describe',
    reads: ['x'],
    js: (d) => core.describe(d.x),
  },
];

export const NOT_BENCHMARKED =
  'chi2_contingency takes a contingency table, not n points, so it has no row here; autocorrelationLag1 has no scipy.stats counterpart.';

function makeData(n: number): Data {
  let state = 12345678;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = uniform();
    z[i] = uniform();
    y[i] = 1.6 * x[i]! + 0.3 * z[i]! + uniform();
  }
  const rows = Array.from({ length: n }, (_, i) => Float64Array.of(x[i]!, z[i]!));
  return { n, x, y, z, rows };
}

export interface Timing {
  ms: number;
  runs: number;
  batch: number;
  firstMs: number;
  /** The last call's result. */
  last: unknown;
}

let sink = 0;
let last: unknown;
const touch = (r: unknown) => {
  last = r;
  sink ^= typeof r === 'object' && r !== null ? 1 : 0;
};

/** Warm-up, then `runs` batches of >= 1 ms each; the median per call (the same rule as throughput.py). */
export function measure(
  call: () => unknown,
  budgetMs: number,
  minRuns: number,
  maxRuns: number,
): Timing {
  let t = performance.now();
  touch(call());
  const firstMs = performance.now() - t;
  if (firstMs >= budgetMs) {
    // Slow call: JIT warm-up (done at the smaller sizes) is noise next to it,
    // so the first call counts as a run.
    const times: number[] = [firstMs];
    for (let r = 1; r < minRuns; r++) {
      t = performance.now();
      touch(call());
      times.push(performance.now() - t);
    }
    return { ms: median(times), runs: minRuns, batch: 1, firstMs, last };
  }
  const warmUntil = performance.now() + Math.min(0.2 * budgetMs, 200);
  while (performance.now() < warmUntil) touch(call());
  let batch = Math.max(1, Math.ceil(1 / Math.max(firstMs, 1e-6)));
  t = performance.now();
  for (let i = 0; i < batch; i++) touch(call());
  const per = (performance.now() - t) / batch;
  batch = Math.max(1, Math.ceil(1 / Math.max(per, 1e-6)));
  const runs = Math.min(
    maxRuns,
    Math.max(minRuns, Math.round(budgetMs / Math.max(per * batch, 1e-6))),
  );
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    t = performance.now();
    for (let i = 0; i < batch; i++) touch(call());
    times.push((performance.now() - t) / batch);
  }
  return { ms: median(times), runs, batch, firstMs, last };
}

/** One pass reading every element of the arrays once: the memory-bandwidth floor. */
function onePass(arrays: Float64Array[]): () => unknown {
  const [a, b, c] = arrays as [Float64Array, Float64Array?, Float64Array?];
  if (c !== undefined && b !== undefined) {
    return () => {
      let s = 0;
      for (let i = 0; i < a.length; i++) s += a[i]! + b[i]! + c[i]!;
      return { s };
    };
  }
  if (b !== undefined) {
    return () => {
      let s = 0;
      for (let i = 0; i < a.length; i++) s += a[i]! + b[i]!;
      return { s };
    };
  }
  return () => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i]!;
    return { s };
  };
}

class Python {
  private readonly child = spawn(
    'python3',
    [path.join(path.dirname(fileURLToPath(import.meta.url)), 'throughput.py')],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  private readonly lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  async run(
    cmd: Record<string, unknown>,
  ): Promise<{ ms?: number; runs?: number; batch?: number; error?: string }> {
    this.child.stdin.write(`${JSON.stringify(cmd)}\n`);
    const next = await this.lines.next();
    if (next.done) throw new Error('python3 (throughput.py) exited early; is scipy installed?');
    return JSON.parse(next.value);
  }
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.stdin.end();
    });
  }
}

export interface ThroughputOptions {
  budgetMs: number;
  minRuns: number;
  maxRuns: number;
  /** A method whose call, scaled linearly to the next size, would take longer than this is not run there. */
  capMs: number;
}

const label = (n: number) => `1e${Math.round(Math.log10(n))}`;

export async function throughput(
  opts: ThroughputOptions,
): Promise<{ rows: Row[]; notes: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lambda-stats-bench-data-'));
  const python = new Python();
  const rows: Row[] = [];
  const notes: string[] = [];
  const capped = new Map<string, string>();
  try {
    for (const n of SIZES) {
      const d = makeData(n);
      for (const c of ['x', 'y', 'z'] as const) {
        writeFileSync(path.join(dir, `${n}.${c}.f64`), new Uint8Array(d[c].buffer));
      }
      log(`  throughput n = ${label(n)}`);
      for (const spec of SPECS) {
        if (capped.has(spec.name)) continue;
        const js = measure(() => spec.js(d), opts.budgetMs, opts.minRuns, opts.maxRuns);
        const method = (js.last as { method?: string }).method;
        const py = await python.run({
          dir,
          n,
          fn: spec.name,
          budget_ms: opts.budgetMs,
          min_runs: opts.minRuns,
          max_runs: opts.maxRuns,
        });
        const arrays = spec.reads.map((k) => d[k]);
        const floor = measure(onePass(arrays), opts.budgetMs / 3, opts.minRuns, opts.maxRuns);
        const speedup = py.ms !== undefined ? py.ms / js.ms : Number.NaN;
        rows.push({
          section: 'throughput',
          item: `${spec.name} n=${label(n)}`,
          result: fmtMs(js.ms),
          baseline: `${py.ms !== undefined ? `scipy ${fmtMs(py.ms)}` : `scipy failed (${py.error})`}; one pass ${fmtMs(floor.ms)}`,
          ratio: `${versusScipy(speedup)}; ${(js.ms / floor.ms).toFixed(1)}x one pass`,
          how: `${method ? `core took its ${method} path; ` : ''}median per call of ${js.runs} runs x ${js.batch} calls (scipy: ${py.runs ?? 0} x ${py.batch ?? 0}), Float64Array in, vs ${spec.reference} on the same Float64 data; one pass = summing ${spec.reads.join(', ')} once`,
          data: {
            n,
            jsMs: js.ms,
            scipyMs: py.ms ?? null,
            onePassMs: floor.ms,
            speedupVsScipy: Number.isFinite(speedup) ? speedup : null,
            ratioToOnePass: js.ms / floor.ms,
            jsRuns: js.runs,
            jsBatch: js.batch,
            scipyRuns: py.runs ?? null,
            method: method ?? null,
          },
        });
        const projected = js.ms * 10;
        if (projected > opts.capMs && n < SIZES[SIZES.length - 1]!) {
          capped.set(
            spec.name,
            `${spec.name} stops at n = ${label(n)}: one call took ${fmtMs(js.ms)}, so n = ${label(n * 10)} would take about ${fmtMs(projected)} per call, over the ${fmtMs(opts.capMs)} cap per call`,
          );
        }
      }
    }
  } finally {
    await python.close();
    rmSync(dir, { recursive: true, force: true });
  }
  notes.push(NOT_BENCHMARKED, ...capped.values());
  if (sink < 0) notes.push(String(sink));
  return { rows, notes };
}
