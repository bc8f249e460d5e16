/**
 * The one home of the benchmarks' scaffolding: timing (warm-up, batches of
 * at least 1 ms, median; the same rule as throughput.py), medians, a seeded
 * random source and the panel of data shapes. `pnpm bench`'s sections and
 * the handlers' cold/warm bench use these, so every figure is taken the same
 * way.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import { lcg32 } from '@lambda-stats/lambda-kit/random';
import { median } from '@lambda-stats/stats-core';

export { median };

export interface Timing {
  /** Median milliseconds per call. */
  ms: number;
  runs: number;
  batch: number;
  firstMs: number;
  /** The last call's result. */
  last: unknown;
}

export interface MeasureOptions {
  /** Rough time to spend on the timed runs. */
  budgetMs: number;
  minRuns: number;
  maxRuns: number;
}

let sink = 0;
/** Keeps results observable so the JIT cannot drop a call. */
export const blackhole = () => sink;

/**
 * CPU milliseconds this process has used (user + system, every thread).
 * The panel times CPU, not wall time, on both sides: on a shared 2-core
 * machine wall time mostly measures the other processes, while CPU time
 * is what the call costs (and, on a Lambda's own vCPU, about its duration).
 */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** A settle's slice: the process is idle when a slice costs under IDLE_CPU_MS of CPU. */
const SETTLE_SLICE_MS = 25;
const IDLE_CPU_MS = 1;

/**
 * Waits until this process's background threads are idle (a
 * {@link SETTLE_SLICE_MS} sleep costing under {@link IDLE_CPU_MS} of CPU; at
 * most `maxMs`), letting V8 finish a collection the previous cases started
 * (its foreground tasks run on the event loop, its sweeping and freeing on
 * background threads). Called before a case is timed: {@link cpuMs} counts
 * every thread, and freeing the previous case's arrays also slows the main
 * thread beside it. Measured 2026-12-07 (ttestRel, n = 1e6, 8 fresh copies
 * of the same values in one process, each timed right after the previous
 * copy became garbage, load 0-1.7, 3 processes each way): 1-3 copies a
 * process read 4.5-6.5 ms of process CPU against 2.0-3.2 ms of wall and
 * main-thread time; after 100 ms of idling every copy's CPU time read
 * within 0.3 ms of its wall time (1.9-2.5 ms; one copy 3.6 ms on all three
 * clocks: the machine). A panel with a forced gc() before the idling read
 * ttest_rel at n = 1e4 1.8x slower on every shape (not traced further), so
 * nothing is forced: the calls' own garbage is still collected, and
 * counted, while they are timed.
 */
export async function settleProcess(maxMs = 1000): Promise<void> {
  const deadline = performance.now() + maxMs;
  while (performance.now() < deadline) {
    const before = cpuMs();
    await sleep(SETTLE_SLICE_MS);
    if (cpuMs() - before < IDLE_CPU_MS) return;
  }
}

/**
 * A same-process A/B's rounds: each round times `ours`, then `theirs`, once
 * (CPU ms, {@link cpuMs}). Returns both sides' times per round and the
 * per-round ratios theirs / ours, sorted (their median is the A/B's figure:
 * a stretch of machine noise lands on both sides of a round).
 */
export function pairedRounds(
  ours: () => unknown,
  theirs: () => unknown,
  rounds: number,
): { ours: number[]; theirs: number[]; ratios: number[] } {
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let t = cpuMs();
    ours();
    a.push(cpuMs() - t);
    t = cpuMs();
    theirs();
    b.push(cpuMs() - t);
  }
  const ratios = a.map((v, i) => (b[i] as number) / v).sort((p, q) => p - q);
  return { ours: a, theirs: b, ratios };
}

/**
 * Warm-up, then `runs` batches of >= 1 ms each; the median per call. A call
 * slower than the whole budget counts its first run (JIT warm-up is noise
 * next to it) and runs `minRuns` times. `clock` is CPU time by default
 * ({@link cpuMs}); pass `() => performance.now()` for wall time.
 */
export function measure(
  call: () => unknown,
  opts: MeasureOptions,
  clock: () => number = cpuMs,
): Timing {
  const { budgetMs, minRuns, maxRuns } = opts;
  let last: unknown;
  const touch = (r: unknown) => {
    last = r;
    sink ^= typeof r === 'object' && r !== null ? 1 : 0;
  };
  let t = clock();
  touch(call());
  const firstMs = clock() - t;
  if (firstMs >= budgetMs) {
    const times: number[] = [firstMs];
    for (let r = 1; r < minRuns; r++) {
      t = clock();
      touch(call());
      times.push(clock() - t);
    }
    return { ms: median(times), runs: minRuns, batch: 1, firstMs, last };
  }
  const warmUntil = clock() + Math.min(0.2 * budgetMs, 200);
  while (clock() < warmUntil) touch(call());
  let batch = Math.max(1, Math.ceil(1 / Math.max(firstMs, 1e-6)));
  t = clock();
  for (let i = 0; i < batch; i++) touch(call());
  const per = (clock() - t) / batch;
  batch = Math.max(1, Math.ceil(1 / Math.max(per, 1e-6)));
  const runs = Math.min(
    maxRuns,
    Math.max(minRuns, Math.round(budgetMs / Math.max(per * batch, 1e-6))),
  );
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    t = clock();
    for (let i = 0; i < batch; i++) touch(call());
    times.push((clock() - t) / batch);
  }
  return { ms: median(times), runs, batch, firstMs, last };
}

/** A seeded random source (32-bit LCG), so every run and both languages see the same data. */
export function rng(seed: number) {
  const uniform = lcg32(seed, { open: true });
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

/** Three columns of one shape: x, y (paired with x) and z (a third sample / second predictor). */
export interface ShapeData {
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
}

export interface Shape {
  name: string;
  /** What the data look like, for the docs. */
  description: string;
  make: (n: number) => ShapeData;
}

const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;

function columns(
  n: number,
  seed: number,
  point: (r: ReturnType<typeof rng>) => [number, number, number],
): ShapeData {
  const r = rng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [a, b, c] = point(r);
    x[i] = a;
    y[i] = b;
    z[i] = c;
  }
  return { x, y, z };
}

/**
 * The panel: ordinary data a user sends, including the shapes that used to
 * push the fast lanes' error bounds over (heavy tails, large offsets,
 * moderate correlation). Full-precision doubles unless said otherwise.
 */
export const SHAPES: readonly Shape[] = [
  {
    name: 'strong',
    description: 'x uniform on [0, 1), y = 1.6 x + 0.3 z + 0.05 N(0, 1): r about 0.99',
    make: (n) =>
      columns(n, 1, (r) => {
        const x = r.uniform();
        const z = r.uniform();
        return [x, 1.6 * x + 0.3 * z + 0.05 * r.normal(), z];
      }),
  },
  {
    name: 'weak',
    description: 'x, z standard normal, y = 0.58 x + N(0, 1): r about 0.5',
    make: (n) =>
      columns(n, 2, (r) => {
        const x = r.normal();
        return [x, 0.58 * x + r.normal(), r.normal()];
      }),
  },
  {
    name: 'none',
    description: 'x, y, z independent standard normal: r about 0',
    make: (n) => columns(n, 3, (r) => [r.normal(), r.normal(), r.normal()]),
  },
  {
    name: 'offset',
    description:
      'values near 1e9 with 3 decimals, differing in the last digits (1e9 + N(0, 1000) rounded to 0.001); y correlated with x (r about 0.8)',
    make: (n) =>
      columns(n, 4, (r) => {
        const dx = r.normal();
        const dy = 0.8 * dx + 0.6 * r.normal();
        return [
          round(1e9 + 1000 * dx, 3),
          round(1e9 + 1000 * dy, 3),
          round(1e9 + 1000 * r.normal(), 3),
        ];
      }),
  },
  {
    name: 'small-int',
    description:
      'integers: x uniform on 0..100, y = round(x / 2 + 10 N(0, 1)), z uniform on 0..100',
    make: (n) =>
      columns(n, 5, (r) => {
        const x = Math.floor(101 * r.uniform());
        return [x, Math.round(x / 2 + 10 * r.normal()), Math.floor(101 * r.uniform())];
      }),
  },
  {
    name: 'two-decimal',
    description:
      'money: x uniform on 0.00..1000.00, y = 1.1 x + 50 N(0, 1), both rounded to cents; z likewise',
    make: (n) =>
      columns(n, 6, (r) => {
        const x = round(1000 * r.uniform(), 2);
        return [x, round(1.1 * x + 50 * r.normal(), 2), round(1000 * r.uniform(), 2)];
      }),
  },
  {
    name: 'heavy-tails',
    description: 'x standard normal, y = x + Cauchy noise (Student t, 1 df); z Cauchy',
    make: (n) =>
      columns(n, 7, (r) => {
        const x = r.normal();
        const cauchy = () => Math.tan(Math.PI * (r.uniform() - 0.5));
        return [x, x + cauchy(), cauchy()];
      }),
  },
  {
    name: 'ties',
    description:
      'many ties: x on a grid of 41 values (0, 0.5, ..., 20), y = x + N(0, 2) rounded to 0.5; z on the grid',
    make: (n) =>
      columns(n, 8, (r) => {
        const x = Math.floor(41 * r.uniform()) / 2;
        return [x, Math.round(2 * (x + 2 * r.normal())) / 2, Math.floor(41 * r.uniform()) / 2];
      }),
  },
];

/** The values as `JSON.parse` hands them to a handler (packed SMI or double arrays). */
export function asJsonArray(a: Float64Array): number[] {
  return JSON.parse(JSON.stringify(Array.from(a))) as number[];
}
