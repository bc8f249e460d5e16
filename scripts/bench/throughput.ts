/**
 * (2) Throughput panel: every stats-core function against scipy/numpy on the
 * same values in the same run, on each data shape of harness.ts's SHAPES,
 * at each size, with plain arrays as `JSON.parse` returns them and with
 * Float64Array. The data are written as little-endian Float64 files that a
 * long-lived python3 subprocess (throughput.py) reads, so both sides see
 * identical numbers. Each side is timed by the same rule (warm-up, batches
 * of >= 1 ms, median). Which precision lane answered is recorded per call
 * (stats-core's lane listener).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as core from '@lambda-stats/stats-core';
import { type Lane, withLane } from '@lambda-stats/stats-core/lanes';
import { KINDS } from './args';
import { asJsonArray, type MeasureOptions, measure, SHAPES, type ShapeData } from './harness';
import type { PanelResult, PanelSample, Row } from './table';
import { fmtMs, log } from './util';

export type Kind = (typeof KINDS)[number];

type Vec = number[] | Float64Array;
interface Input {
  x: Vec;
  y: Vec;
  z: Vec;
  rows: Vec[];
}

export interface Spec {
  /** scipy's name. */
  name: string;
  /** What the Python side calls. */
  reference: string;
  /** The goal: our time / reference time at most this (issue 15). */
  goal: number;
  js: (d: Input) => unknown;
}

/** A panel entry whose reference is scipy.stats' function of the same name, called with `args`. */
const scipy = (name: string, args: string, js: Spec['js'], goal = 1): Spec => ({
  name,
  reference: `scipy.stats.${name}(${args})`,
  goal,
  js,
});

export const SPECS: Spec[] = [
  scipy('linregress', 'x, y', (d) => core.linregress(d.x, d.y), 0.5),
  {
    name: 'ols',
    reference: 'numpy.linalg.lstsq on [1, x, z] (coefficients only)',
    goal: 1,
    js: (d) => core.ols(d.rows, d.y),
  },
  {
    name: 'polyfit',
    reference: 'numpy.polyfit(x, y, 3) (coefficients only)',
    goal: 1,
    js: (d) => core.polyfit(d.x, d.y, 3),
  },
  scipy('pearsonr', 'x, y', (d) => core.pearsonr(d.x, d.y)),
  scipy('spearmanr', 'x, y', (d) => core.spearmanr(d.x, d.y)),
  scipy('kendalltau', 'x, y', (d) => core.kendalltau(d.x, d.y)),
  scipy('ttest_ind', 'x, y', (d) => core.ttestInd(d.x, d.y)),
  scipy('ttest_rel', 'x, y', (d) => core.ttestRel(d.x, d.y)),
  scipy('ttest_1samp', 'x, x[0]', (d) => core.ttest1samp(d.x, d.x[0] as number)),
  scipy('mannwhitneyu', 'x, y', (d) => core.mannwhitneyu(d.x, d.y)),
  scipy('ks_2samp', 'x, y', (d) => core.ks2samp(d.x, d.y)),
  scipy('shapiro', 'x', (d) => core.shapiro(d.x)),
  scipy('f_oneway', 'x, y, z', (d) => core.fOneway(d.x, d.y, d.z)),
  scipy('describe', 'x', (d) => core.describe(d.x)),
];

export const NOT_BENCHMARKED =
  'chi2_contingency takes a contingency table, not n points, so it is not in the panel; autocorrelationLag1 has no scipy.stats counterpart.';

function input(d: ShapeData, kind: Kind): Input {
  if (kind === 'f64') {
    return {
      x: d.x,
      y: d.y,
      z: d.z,
      rows: Array.from(d.x, (v, i) => Float64Array.of(v, d.z[i]!)),
    };
  }
  return {
    x: asJsonArray(d.x),
    y: asJsonArray(d.y),
    z: asJsonArray(d.z),
    rows: JSON.parse(JSON.stringify(Array.from(d.x, (v, i) => [v, d.z[i]!]))) as number[][],
  };
}

class Python {
  private readonly child = spawn(
    'python3',
    [path.join(path.dirname(fileURLToPath(import.meta.url)), 'throughput.py')],
    { stdio: ['pipe', 'pipe', 'inherit'], env: referenceEnv() },
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

/**
 * The reference side's environment: OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
 * are unset together (a pinned core type with a foreign cache size slows
 * numpy's BLAS here), and only for the reference process.
 */
export function referenceEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out = { ...env };
  delete out.OPENBLAS_CORETYPE;
  delete out.OPENBLAS_L2_SIZE;
  return out;
}

export interface ThroughputOptions extends MeasureOptions {
  /** A case whose call, scaled linearly to the next size, would take longer than this stops there. */
  capMs: number;
  functions: readonly string[];
  shapes: readonly string[];
  sizes: readonly number[];
  kinds: readonly Kind[];
}

export const sizeLabel = (n: number) => `1e${Math.round(Math.log10(n))}`;

export async function throughput(
  opts: ThroughputOptions,
): Promise<{ rows: Row[]; notes: string[]; panel: PanelResult }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lambda-stats-bench-data-'));
  const python = new Python();
  const samples: PanelSample[] = [];
  const skipped: string[] = [];
  const capped = new Set<string>();
  const specs = SPECS.filter((s) => opts.functions.includes(s.name));
  const shapes = SHAPES.filter((s) => opts.shapes.includes(s.name));
  try {
    for (const n of [...opts.sizes].sort((a, b) => a - b)) {
      for (const shape of shapes) {
        const data = shape.make(n);
        const prefix = path.join(dir, `${shape.name}.${n}`);
        for (const c of ['x', 'y', 'z'] as const) {
          writeFileSync(`${prefix}.${c}.f64`, new Uint8Array(data[c].buffer));
        }
        log(`  throughput n = ${sizeLabel(n)}, ${shape.name}`);
        const inputs = opts.kinds.map((kind) => ({ kind, d: input(data, kind) }));
        for (const spec of specs) {
          const ours: PanelSample['ours'] = {};
          for (const { kind, d } of inputs) {
            const key = `${spec.name}/${shape.name}/${kind}`;
            if (capped.has(key)) continue;
            let lane: Lane = 'float64';
            const t = measure(() => {
              const r = withLane(() => spec.js(d));
              lane = r.lane;
              return r.result;
            }, opts);
            ours[kind] = { ms: t.ms, runs: t.runs, batch: t.batch, lane };
            if (t.ms * 10 > opts.capMs && n < Math.max(...opts.sizes)) {
              capped.add(key);
              skipped.push(
                `${spec.name} on ${shape.name} (${kind}) stops at n = ${sizeLabel(n)}: one call took ${fmtMs(t.ms)}, so the next size would take about ${fmtMs(10 * t.ms)}, over the ${fmtMs(opts.capMs)} cap`,
              );
            }
          }
          if (Object.keys(ours).length === 0) continue;
          const py = await python.run({
            prefix,
            fn: spec.name,
            budget_ms: opts.budgetMs,
            min_runs: opts.minRuns,
            max_runs: opts.maxRuns,
          });
          samples.push({
            fn: spec.name,
            shape: shape.name,
            n,
            ours,
            referenceMs: py.ms ?? null,
            referenceError: py.error ?? null,
          });
        }
      }
    }
  } finally {
    await python.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const panel: PanelResult = {
    sizes: [...opts.sizes],
    kinds: [...opts.kinds],
    shapes: shapes.map(({ name, description }) => ({ name, description })),
    functions: specs.map(({ name, reference, goal }) => ({ name, reference, goal })),
    samples,
    skipped,
  };
  return { rows: worstShapeRows(panel), notes: [NOT_BENCHMARKED, ...skipped], panel };
}

/** Sizes the goals speak about (issue 15: n = 1e4 to 1e6). */
export const GOAL_MIN_N = 1e4;

export interface Worst {
  fn: string;
  goal: number;
  reference: string;
  /** The sample with the highest ours / reference ratio at n >= 1e4 (or at any n when none is that big). */
  shape: string;
  n: number;
  kind: Kind;
  oursMs: number;
  referenceMs: number;
  ratio: number;
}

/** Per function, the worst (shape, size, kind) by our time over the reference's. */
export function worstShapes(panel: PanelResult): Worst[] {
  const out: Worst[] = [];
  for (const f of panel.functions) {
    const all = panel.samples.filter((s) => s.fn === f.name && s.referenceMs !== null);
    const big = all.filter((s) => s.n >= GOAL_MIN_N);
    let worst: Worst | undefined;
    for (const s of big.length > 0 ? big : all) {
      for (const kind of KINDS) {
        const o = s.ours[kind];
        if (!o) continue;
        const ratio = o.ms / (s.referenceMs as number);
        if (!worst || ratio > worst.ratio) {
          worst = {
            fn: f.name,
            goal: f.goal,
            reference: f.reference,
            shape: s.shape,
            n: s.n,
            kind,
            oursMs: o.ms,
            referenceMs: s.referenceMs as number,
            ratio,
          };
        }
      }
    }
    if (worst) out.push(worst);
  }
  return out;
}

/** "0.42x (2.4x faster)" style: time over the reference's. */
export function fmtTimeRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a';
  const r = ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1);
  return ratio <= 1 ? `${r}x (${(1 / ratio).toFixed(1)}x faster)` : `${r}x (slower)`;
}

function worstShapeRows(panel: PanelResult): Row[] {
  return worstShapes(panel).map((w) => ({
    section: 'throughput',
    item: `${w.fn}, worst shape`,
    result: fmtMs(w.oursMs),
    baseline: `${w.reference.split('(')[0]!.trim()} ${fmtMs(w.referenceMs)}`,
    ratio: fmtTimeRatio(w.ratio),
    how: `${w.shape}, n = ${sizeLabel(w.n)}, ${w.kind === 'array' ? 'plain array' : 'Float64Array'}; the highest time ratio over ${panel.shapes.length} shapes, sizes >= 1e4 and both input kinds; goal <= ${w.goal}x`,
    data: {
      shape: w.shape,
      n: w.n,
      kind: w.kind,
      oursMs: w.oursMs,
      referenceMs: w.referenceMs,
      ratio: w.ratio,
      goal: w.goal,
    },
  }));
}
