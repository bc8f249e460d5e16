/**
 * (2) Throughput panel: every stats-core function against scipy/numpy on the
 * same values in the same run, on each data shape of harness.ts's SHAPES,
 * at each size, with plain arrays as `JSON.parse` returns them and with
 * Float64Array. The data are written as little-endian Float64 files that a
 * long-lived python3 subprocess (throughput.py) reads, so both sides see
 * identical numbers. Each side is timed by the same rule (warm-up, batches
 * of >= 1 ms, median) in interleaved rounds, and the ratio is the median of
 * the per-round ratios. Which precision lane answered is recorded per call
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
import {
  asJsonArray,
  type MeasureOptions,
  measure,
  median,
  SHAPES,
  type ShapeData,
  settleProcess,
} from './harness';
import type { PanelResult, PanelSample, Row } from './table';
import { fmtMs, inFreshProcess, log, panelCpu } from './util';

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
  /** The goal: our time / reference time at most this. */
  goal: number;
  js: (d: Input) => unknown;
  /** Reads Input.rows (built before the case is timed, not inside its first call). */
  rows?: boolean;
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
    rows: true,
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

/**
 * One shape's values in one input kind. The rows (ols's design matrix) are
 * built on first use: a million two-value rows are 100-300 MB of small
 * objects, which every other function's timing would share with the
 * garbage collector.
 */
export function input(d: ShapeData, kind: Kind): Input {
  const f64 = kind === 'f64';
  let rows: Vec[] | undefined;
  return {
    x: f64 ? d.x : asJsonArray(d.x),
    y: f64 ? d.y : asJsonArray(d.y),
    z: f64 ? d.z : asJsonArray(d.z),
    get rows() {
      rows ??= f64
        ? Array.from(d.x, (v, i) => Float64Array.of(v, d.z[i]!))
        : (JSON.parse(JSON.stringify(Array.from(d.x, (v, i) => [v, d.z[i]!]))) as number[][]);
      return rows;
    },
  };
}

export class Python {
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

/** "MALLOC_MMAP_THRESHOLD_=..., ..." of an environment. */
const mallocSettings = (env: NodeJS.ProcessEnv) =>
  Object.entries(env)
    .filter(([k]) => k.startsWith('MALLOC_'))
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/**
 * The reference side's environment: OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
 * are unset together (a pinned core type with a foreign cache size slows
 * numpy's BLAS here), and only for the reference process.
 *
 * glibc's malloc thresholds are fixed (64 MiB to mmap, 256 MiB to trim).
 * By default they move with what the process freed before: numpy's 8 MB
 * temporaries at n = 1e6 were fresh mmaps (page faults on every call)
 * until some earlier call had freed a larger block. scipy.stats.ttest_1samp
 * on 1e6 values read 6-10 ms in a fresh process and 3.2-3.8 ms after
 * other functions had run (2026-12-07), so the reference's time depended on
 * the panel's order. With the thresholds fixed it reads the faster figure
 * from its first call, in a shared panel and alone.
 */
export function referenceEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out = { ...env };
  delete out.OPENBLAS_CORETYPE;
  delete out.OPENBLAS_L2_SIZE;
  out.MALLOC_MMAP_THRESHOLD_ = String(64 * 2 ** 20);
  out.MALLOC_TRIM_THRESHOLD_ = String(256 * 2 ** 20);
  return out;
}

export interface ThroughputOptions extends MeasureOptions {
  /** Interleaved rounds per case (ours, then the reference), each with budgetMs / rounds. */
  rounds: number;
  /** A case whose call, scaled linearly to the next size, would take longer than this stops there. */
  capMs: number;
  functions: readonly string[];
  shapes: readonly string[];
  sizes: readonly number[];
  kinds: readonly Kind[];
  /**
   * 'shared': every function in this process, one after another (what a
   * library user calling many functions gets); 'isolated': each function in
   * its own process (what one Lambda serving one statistic gets).
   */
  isolate?: boolean;
  /**
   * After a shared panel of several functions, time each function's worst
   * case again in its own process, on the worst case's input kind only
   * (PanelResult.isolated), so the two are reported side by side.
   */
  isolatedWorst?: boolean;
  /**
   * Untimed calls of ours on each input kind before a case's rounds. A
   * fresh process runs its first large calls before V8 has optimised the
   * kernels (describe on 1e6 offset values: 38-57 ms for the first call,
   * 10 ms from about the third), and a call over the round's budget is
   * timed without warm-up; the shared panel's kernels are warm from the
   * smaller sizes before it. The isolated runs set it.
   */
  warmCalls?: number;
  /**
   * How many times each function's worst cases are timed (default 1): a
   * shared panel times its {@link RETIMED_PER_FUNCTION} worst cases per
   * function again at its end, and isolatedWorst runs the worst case in this
   * many fresh processes; the median of a case's timings counts
   * (mergeTimings).
   */
  timings?: number;
}

/** Each function's worst cases a shared panel times again (ThroughputOptions.timings). */
export const RETIMED_PER_FUNCTION = 2;

export const sizeLabel = (n: number) => `1e${Math.round(Math.log10(n))}`;

export async function throughput(
  opts: ThroughputOptions,
): Promise<{ rows: Row[]; notes: string[]; panel: PanelResult }> {
  const cpu = panelCpu();
  const panel = opts.isolate
    ? await isolatedPanel(opts, cpu)
    : await inFreshProcess<PanelResult>(
        'throughput',
        { ...opts, isolate: false, isolatedWorst: false },
        cpu,
        true,
      );
  if (cpu !== undefined) panel.cpu = cpu;
  if (opts.isolatedWorst && !opts.isolate && panel.functions.length > 1) {
    panel.isolated = [];
    for (const w of worstShapes(panel)) {
      const timed: PanelSample[] = [];
      for (let t = 0; t < (opts.timings ?? 1); t++) {
        log(`  throughput alone: ${w.fn}, ${w.shape}, n = ${sizeLabel(w.n)} (${t + 1})`);
        // One input kind, the worst case's: what one Lambda (plain arrays
        // from JSON.parse) or one caller's process sees. Both kinds in one
        // fresh process pinned to one CPU could leave a kernel in V8's
        // cached on-stack code (describe, offset, n = 1e6: 15-26 ms a call
        // against 7.0-9.6 ms with one kind, 2026-12-08); the shared panel
        // still runs both.
        const alone = await inOwnProcess(
          { ...opts, functions: [w.fn], shapes: [w.shape], sizes: [w.n], kinds: [w.kind] },
          cpu,
        );
        timed.push(...alone.samples);
      }
      if (timed.length > 0) panel.isolated.push(mergeTimings(timed));
    }
  }
  return { rows: worstShapeRows(panel), notes: [NOT_BENCHMARKED, ...panel.skipped], panel };
}

/** The panel with each function timed in a process of its own (`pnpm bench --isolate`). */
async function isolatedPanel(opts: ThroughputOptions, cpu?: number): Promise<PanelResult> {
  const parts: PanelResult[] = [];
  for (const fn of SPECS.filter((s) => opts.functions.includes(s.name))) {
    log(`  throughput ${fn.name} in its own process`);
    parts.push(await inOwnProcess({ ...opts, functions: [fn.name] }, cpu));
  }
  const first = parts[0] ?? (await sharedPanel(opts));
  return {
    ...first,
    functions: parts.flatMap((p) => p.functions),
    samples: parts.flatMap((p) => p.samples),
    skipped: parts.flatMap((p) => p.skipped),
    process: 'isolated',
  };
}

/** The shared panel for `opts` in a fresh node process, warmed and timed once. */
const inOwnProcess = (opts: ThroughputOptions, cpu?: number): Promise<PanelResult> =>
  inFreshProcess(
    'throughput',
    { ...opts, isolate: false, isolatedWorst: false, warmCalls: 5, timings: 1 },
    cpu,
  );

/** Every requested function, shape and size in this process, in SPECS order within each (size, shape). */
export async function sharedPanel(opts: ThroughputOptions): Promise<PanelResult> {
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
        const { data, prefix } = shapeFiles(shape, n, dir);
        log(`  throughput n = ${sizeLabel(n)}, ${shape.name}`);
        const inputs = opts.kinds.map((kind) => ({ kind, d: input(data, kind) }));
        for (const spec of specs) {
          const live = inputs.filter(
            ({ kind }) => !capped.has(`${spec.name}/${shape.name}/${kind}`),
          );
          if (live.length === 0) continue;
          if (spec.rows) for (const { d } of live) d.rows.at(0);
          const sample = await interleaved(spec, live, prefix, python, opts);
          for (const { kind } of live) {
            const t = sample.ours[kind]!;
            if (t.ms * 10 > opts.capMs && n < Math.max(...opts.sizes)) {
              capped.add(`${spec.name}/${shape.name}/${kind}`);
              skipped.push(
                `${spec.name} on ${shape.name} (${kind}) stops at n = ${sizeLabel(n)}: one call took ${fmtMs(t.ms)}, so the next size would take about ${fmtMs(10 * t.ms)}, over the ${fmtMs(opts.capMs)} cap`,
              );
            }
          }
          samples.push({ fn: spec.name, shape: shape.name, n, ...sample });
        }
      }
    }
    await retimeWorst(samples, specs, opts, dir, python);
  } finally {
    await python.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    sizes: [...opts.sizes],
    kinds: [...opts.kinds],
    shapes: shapes.map(({ name, description }) => ({ name, description })),
    functions: specs.map(({ name, reference, goal }) => ({ name, reference, goal })),
    samples,
    skipped,
    process: 'shared',
    settled: true,
    referenceMalloc: mallocSettings(referenceEnv()),
  };
}

type Measured = Omit<PanelSample, 'fn' | 'shape' | 'n'>;

/** A shape's data at n, written as the Float64 files the reference reads (`<prefix>.{x,y,z}.f64`). */
function shapeFiles(
  shape: (typeof SHAPES)[number],
  n: number,
  dir: string,
): { data: ShapeData; prefix: string } {
  const data = shape.make(n);
  const prefix = path.join(dir, `${shape.name}.${n}`);
  for (const c of ['x', 'y', 'z'] as const) {
    writeFileSync(`${prefix}.${c}.f64`, new Uint8Array(data[c].buffer));
  }
  return { data, prefix };
}

/**
 * Times each function's {@link RETIMED_PER_FUNCTION} worst cases
 * `opts.timings - 1` more times, in rounds over all of them after the panel
 * (same process, values and rule), and replaces each with the median of its
 * timings. One timing of a case can land in a stretch of machine noise that
 * the interleaved rounds do not cancel: in three panels of 2026-12-07
 * (23:30-23:56 UTC, load about 1, five functions) the same case read, for
 * example, ttest_rel none 1e4 19.2 / 38.3 / 20.0 µs and kendalltau offset 1e6
 * 124 / 126 / 190 ms, and the worst case of each function moved between
 * runs. A function's worst case alone is a maximum over 56 noisy timings.
 */
async function retimeWorst(
  samples: PanelSample[],
  specs: readonly (typeof SPECS)[number][],
  opts: ThroughputOptions,
  dir: string,
  python: Python,
): Promise<void> {
  const again = (opts.timings ?? 1) - 1;
  if (again < 1) return;
  const cases = specs.flatMap((spec) =>
    worstCases(
      samples.filter((s) => s.fn === spec.name),
      RETIMED_PER_FUNCTION,
    ).map((sample) => ({ spec, sample })),
  );
  const timed = new Map(cases.map(({ sample }) => [sample, [sample]]));
  for (let t = 0; t < again; t++) {
    for (const { spec, sample } of cases) {
      const shape = SHAPES.find((s) => s.name === sample.shape) as (typeof SHAPES)[number];
      const { data, prefix } = shapeFiles(shape, sample.n, dir);
      log(`  throughput again: ${spec.name}, ${shape.name}, n = ${sizeLabel(sample.n)} (${t + 2})`);
      const kinds = KINDS.filter((k) => sample.ours[k] !== undefined);
      const live = kinds.map((kind) => ({ kind, d: input(data, kind) }));
      if (spec.rows) for (const { d } of live) d.rows.at(0);
      const m = await interleaved(spec, live, prefix, python, opts);
      timed.get(sample)?.push({ fn: sample.fn, shape: sample.shape, n: sample.n, ...m });
    }
  }
  for (const [sample, all] of timed) samples[samples.indexOf(sample)] = mergeTimings(all);
}

/** The `count` cases with the highest ratio (over input kinds) at n >= GOAL_MIN_N, or any n when none is that big. */
export function worstCases(samples: readonly PanelSample[], count: number): PanelSample[] {
  const timed = samples.filter((s) => s.referenceMs !== null);
  const big = timed.filter((s) => s.n >= GOAL_MIN_N);
  const worstRatio = (s: PanelSample) =>
    Math.max(...KINDS.map((k) => (s.ours[k] ? (sampleRatio(s, k) as number) : 0)));
  return [...(big.length > 0 ? big : timed)]
    .sort((a, b) => worstRatio(b) - worstRatio(a))
    .slice(0, count);
}

/**
 * One case's timings as one sample: per input kind the median time and the
 * median ratio, the reference's median time; `timings` records how many.
 */
export function mergeTimings(timed: readonly PanelSample[]): PanelSample {
  const first = timed[0];
  if (first === undefined) throw new Error('mergeTimings needs at least one timing');
  if (timed.length === 1) return first;
  const ours: PanelSample['ours'] = {};
  for (const kind of KINDS) {
    const all = timed.flatMap((s) => (s.ours[kind] ? [s.ours[kind]] : []));
    const last = all.at(-1);
    if (last === undefined) continue;
    const ratios = all.flatMap((o) => (o.ratio === undefined ? [] : [o.ratio]));
    ours[kind] = {
      ms: median(all.map((o) => o.ms)),
      runs: all.reduce((sum, o) => sum + o.runs, 0),
      batch: last.batch,
      lane: last.lane,
      ...(ratios.length === all.length ? { ratio: median(ratios) } : {}),
    };
  }
  const references = timed.flatMap((s) => (s.referenceMs === null ? [] : [s.referenceMs]));
  const failed = timed.find((s) => s.referenceError !== null);
  return {
    fn: first.fn,
    shape: first.shape,
    n: first.n,
    ours,
    referenceMs: failed ? null : median(references),
    referenceError: failed ? failed.referenceError : null,
    timings: timed.length,
  };
}

/**
 * One (function, shape, size) case, timed in `opts.rounds` interleaved
 * rounds: each round times our call on every input kind, then the
 * reference on the same values, each with a share of the budget. A kind's
 * ratio is the median of its per-round ratios to the reference's round,
 * so a stretch of machine noise lands on both sides of a pair instead of
 * on one side of the comparison; times are the medians of the rounds.
 * Before the rounds the process is left to idle (settleProcess), so the
 * previous cases' garbage is not freed on this case's clock.
 */
async function interleaved(
  spec: (typeof SPECS)[number],
  inputs: readonly { kind: Kind; d: Input }[],
  prefix: string,
  python: Python,
  opts: ThroughputOptions,
): Promise<Measured> {
  const round: MeasureOptions = {
    budgetMs: opts.budgetMs / opts.rounds,
    minRuns: 1,
    maxRuns: Math.max(3, Math.ceil(opts.maxRuns / opts.rounds)),
  };
  const ours = new Map<Kind, { ms: number[]; runs: number; batch: number; lane: Lane }>();
  const reference: number[] = [];
  let referenceError: string | null = null;
  for (let w = 0; w < (opts.warmCalls ?? 0); w++) for (const { d } of inputs) spec.js(d);
  await settleProcess();
  for (let r = 0; r < opts.rounds; r++) {
    for (const { kind, d } of inputs) {
      let lane: Lane = 'float64';
      const t = measure(() => {
        const out = withLane(() => spec.js(d));
        lane = out.lane;
        return out.result;
      }, round);
      const o = ours.get(kind) ?? { ms: [], runs: 0, batch: t.batch, lane };
      o.ms.push(t.ms);
      o.runs += t.runs;
      o.lane = lane;
      ours.set(kind, o);
    }
    if (referenceError !== null) continue;
    const py = await python.run({
      prefix,
      fn: spec.name,
      budget_ms: round.budgetMs,
      min_runs: round.minRuns,
      max_runs: round.maxRuns,
    });
    if (py.error !== undefined || py.ms === undefined) referenceError = py.error ?? 'no time';
    else reference.push(py.ms);
  }
  const out: Measured = {
    ours: {},
    referenceMs: referenceError === null ? median(reference) : null,
    referenceError,
  };
  for (const [kind, o] of ours) {
    out.ours[kind] = {
      ms: median(o.ms),
      runs: o.runs,
      batch: o.batch,
      lane: o.lane,
      ...(referenceError === null
        ? { ratio: median(o.ms.map((ms, i) => ms / reference[i]!)) }
        : {}),
    };
  }
  return out;
}

/** Our time over the reference's for one kind: the median of the paired per-round ratios. */
export function sampleRatio(s: PanelSample, kind: Kind): number | null {
  const o = s.ours[kind];
  if (!o || s.referenceMs === null) return null;
  return o.ratio ?? o.ms / s.referenceMs;
}

/** Sizes the goals speak about: n = 1e4 to 1e6 (below, fixed costs dominate). */
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
  /**
   * The figure the goal is judged by: the worse of the shared-process ratio
   * and, when the case was also timed in a process of its own, that ratio.
   */
  ratio: number;
  /** The case in the panel's process (after the functions before it). */
  shared: Timed;
  /**
   * The same shape and size timed alone in a fresh process
   * (PanelResult.isolated), its worse input kind; when that is the worse
   * figure, `kind` is its kind.
   */
  isolated?: Timed;
}

/** Our time, the reference's, and the ratio of one case. */
export interface Timed {
  oursMs: number;
  referenceMs: number;
  ratio: number;
}

/** Per function, the worst (shape, size, kind) by our time over the reference's. */
export function worstShapes(panel: PanelResult): Worst[] {
  const out: Worst[] = [];
  for (const f of panel.functions) {
    let worst: Worst | undefined;
    for (const s of worstCases(
      panel.samples.filter((s) => s.fn === f.name),
      1,
    )) {
      for (const kind of KINDS) {
        const o = s.ours[kind];
        if (!o) continue;
        const ratio = sampleRatio(s, kind) as number;
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
            shared: { oursMs: o.ms, referenceMs: s.referenceMs as number, ratio },
          };
        }
      }
    }
    if (worst) out.push(besideIsolated(worst, panel.isolated ?? []));
  }
  return out;
}

/**
 * The worst case with its isolated timing beside it; the figures counted
 * (ratio, oursMs, referenceMs) are the worse of the two.
 */
function besideIsolated(w: Worst, isolated: readonly PanelSample[]): Worst {
  const s = isolated.find((i) => i.fn === w.fn && i.shape === w.shape && i.n === w.n);
  if (!s || s.referenceMs === null) return w;
  let alone: (Timed & { kind: Kind }) | undefined;
  for (const kind of KINDS) {
    const o = s.ours[kind];
    const ratio = sampleRatio(s, kind);
    if (!o || ratio === null || (alone && alone.ratio >= ratio)) continue;
    alone = { kind, oursMs: o.ms, referenceMs: s.referenceMs, ratio };
  }
  if (!alone) return w;
  const { kind, ...timed } = alone;
  return alone.ratio > w.shared.ratio
    ? { ...w, ...timed, kind, isolated: timed }
    : { ...w, isolated: timed };
}

/** "0.42x (2.4x faster)" style: time over the reference's. */
export function fmtTimeRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a';
  const r = ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1);
  return ratio <= 1 ? `${r}x (${(1 / ratio).toFixed(1)}x faster)` : `${r}x (slower)`;
}

/** How the panel's process was shared, for a row's "how measured". */
function processNote(panel: PanelResult, w: Worst): string {
  if (panel.process === 'isolated') return '; each function in its own process';
  if (!w.isolated) return '';
  const { shared, isolated } = w;
  return `; ${fmtTimeRatio(shared.ratio)} (${fmtMs(shared.oursMs)} against ${fmtMs(shared.referenceMs)}) with every function in one process, ${fmtTimeRatio(isolated.ratio)} (${fmtMs(isolated.oursMs)} against ${fmtMs(isolated.referenceMs)}) alone in a fresh process; the worse of the two counted`;
}

function worstShapeRows(panel: PanelResult): Row[] {
  return worstShapes(panel).map((w) => ({
    section: 'throughput',
    item: `${w.fn}, worst shape`,
    result: fmtMs(w.oursMs),
    baseline: `${w.reference.split('(')[0]!.trim()} ${fmtMs(w.referenceMs)}`,
    ratio: fmtTimeRatio(w.ratio),
    how: `${w.shape}, n = ${sizeLabel(w.n)}, ${w.kind === 'array' ? 'plain array' : 'Float64Array'}; the highest time ratio over ${panel.shapes.length} shapes, sizes >= 1e4 and both input kinds${processNote(panel, w)}; goal <= ${w.goal}x`,
    data: {
      shape: w.shape,
      n: w.n,
      kind: w.kind,
      oursMs: w.oursMs,
      referenceMs: w.referenceMs,
      ratio: w.ratio,
      goal: w.goal,
      ...(w.isolated
        ? {
            sharedRatio: w.shared.ratio,
            sharedOursMs: w.shared.oursMs,
            sharedReferenceMs: w.shared.referenceMs,
            isolatedRatio: w.isolated.ratio,
            isolatedOursMs: w.isolated.oursMs,
            isolatedReferenceMs: w.isolated.referenceMs,
          }
        : {}),
    },
  }));
}
