/**
 * What the two cold/warm benchmarks share (packages/handlers/bench and
 * `pnpm bench`'s cold and warm sections, scripts/bench): the hello-world
 * baseline zip, the 10,000-point request bodies, the in-process warm
 * measurement, and a sample's spread (its median is stats-core's `median`).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildZip } from '@lambda-stats/stats-runtime/artifact';
import { invoke, type Layout } from './lambda-layout';

/** The baseline function: answers every request with a constant JSON body. */
const HELLO_WORLD =
  "exports.handler = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{\"hello\":\"world\"}' });\n";

/** Writes the hello-world function zip (handler `index.handler`) to `file`. */
export async function writeHelloWorldZip(file: string): Promise<void> {
  writeFileSync(file, await buildZip([{ path: 'index.js', data: Buffer.from(HELLO_WORLD) }]));
}

/** The first and third quartiles (nearest rank): the middle half of the sample. */
export function quartiles(xs: readonly number[]): [number, number] {
  const s = [...xs].sort((a, b) => a - b);
  return [s[Math.floor((s.length - 1) / 4)]!, s[Math.ceil((3 * (s.length - 1)) / 4)]!];
}

/**
 * The functions the warm measurement covers: the sample statistics whose
 * requests are arrays of numbers (the O(n^2) robust slopes and the grouped
 * inputs of f_oneway and chi2_contingency are left out; exponential
 * smoothing's request is one series with its own options).
 */
export const WARM_FUNCTIONS = [
  'linregress',
  'pearsonr',
  'spearmanr',
  'kendalltau',
  'ttest_1samp',
  'ttest_ind',
  'ttest_rel',
  'mannwhitneyu',
  'ks_2samp',
  'describe',
  'shapiro',
  'median_abs_deviation',
  'zscore',
  'modified_zscore',
  'iqr',
  'ols',
  'polyfit',
] as const;

/** Points per request in the warm measurement (the goal names 10,000). */
export const WARM_POINTS = 10_000;

/**
 * The request of a warm measurement: the endpoint's documented example with
 * every sample (array of numbers) replaced by 10,000 points of realistic
 * decimals (a meter reading with 2 decimals, a correlated response with 3)
 * and a matrix of rows (ols's X) by 10,000 rows of the example's width.
 * Seeded: the same body every run.
 */
export function warmRequest(example: Record<string, unknown>): Record<string, unknown> {
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const n = WARM_POINTS;
  const base = Array.from({ length: n }, () => Number((rand() * 100).toFixed(2)));
  const series = (k: number) =>
    k === 0 ? base : base.map((x) => Number((3 * k + 0.5 * x + (rand() - 0.5) * 40).toFixed(3)));
  const out: Record<string, unknown> = {};
  let k = 0;
  for (const [field, value] of Object.entries(example)) {
    if (Array.isArray(value) && value.every((x) => typeof x === 'number')) {
      out[field] = series(k++);
    } else if (Array.isArray(value) && value.every((r) => Array.isArray(r))) {
      const width = (value[0] as unknown[]).length;
      const cols = Array.from({ length: width }, () => series(k++));
      out[field] = base.map((_, i) => cols.map((c) => c[i]!));
    } else {
      out[field] = value;
    }
  }
  return out;
}

/** What one in-process warm measurement gives, in milliseconds per request. */
export interface WarmTimes {
  /** JSON.parse of the body alone, per round. */
  parse: number[];
  /** The whole handler on the API Gateway event (body read, validation, statistic, response, log/metric line), per round. */
  handler: number[];
  /** The handler invoked directly with the already-parsed object: no body to read. */
  direct: number[];
  /** The handler's last answer (to check it is a 200). */
  last: { statusCode?: number; body?: string };
}

/**
 * The child's script: loads the bundled handler once, warms it up, then in
 * each round times JSON.parse of the body, the handler on the API Gateway
 * event, and the handler on the parsed object, in a rotating order, until
 * `rounds` rounds or `budgetMs` have passed (at least `minRounds`).
 * Reports on fd 3 as the layout's bootstrap does.
 */
const WARM = String.raw`'use strict';
const fs = require('node:fs');
const { handler } = require(process.env.LAMBDA_TASK_ROOT + '/index.js');
const event = JSON.parse(fs.readFileSync(0, 'utf8'))[0];
const { rounds, minRounds, budgetMs, warmup } = JSON.parse(process.env.WARM_OPTIONS);
const ctx = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 30000 };
const now = () => Number(process.hrtime.bigint()) / 1e6;
(async () => {
  const parse = [], whole = [], direct = [];
  let last;
  for (let i = 0; i < warmup; i++) { last = await handler(event, ctx); JSON.parse(event.body); await handler(JSON.parse(event.body), ctx); }
  const started = now();
  for (let i = 0; i < rounds && (i < minRounds || now() - started < budgetMs); i++) {
    for (let k = 0; k < 3; k++) {
      const which = (i + k) % 3;
      if (which === 0) { const t = now(); JSON.parse(event.body); parse.push(now() - t); }
      else if (which === 1) { const t = now(); last = await handler(event, ctx); whole.push(now() - t); }
      else { const obj = JSON.parse(event.body); const t = now(); await handler(obj, ctx); direct.push(now() - t); }
    }
    if (last.statusCode !== 200) break;
  }
  fs.writeSync(3, JSON.stringify({ phase: 'done', results: [{ ok: true, value: { parse, handler: whole, direct, last } }] }) + '\n');
})();
`;

/**
 * Runs the warm measurement of one function laid out at `layout` (its
 * stdout, the log and metric lines, is collected and dropped as Lambda's
 * log pipe would take it).
 */
export async function warmInProcess(
  layout: Layout,
  event: unknown,
  options: {
    node?: string;
    rounds?: number;
    minRounds?: number;
    budgetMs?: number;
    warmup?: number;
    env?: Record<string, string>;
  } = {},
): Promise<WarmTimes> {
  writeFileSync(path.join(layout.runtime, 'warm.cjs'), WARM);
  const warmOptions = {
    rounds: options.rounds ?? 200,
    minRounds: options.minRounds ?? 15,
    budgetMs: options.budgetMs ?? 4000,
    warmup: options.warmup ?? 30,
  };
  const r = await invoke(layout, [event], {
    bootstrap: 'warm.cjs',
    ...(options.node !== undefined ? { node: options.node } : {}),
    env: { ...options.env, WARM_OPTIONS: JSON.stringify(warmOptions) },
  });
  const times = r.report.results?.[0]?.value as WarmTimes | undefined;
  if (r.report.phase !== 'done' || times === undefined) {
    throw new Error(`warm run failed: ${JSON.stringify(r.report)} ${r.stderr}`);
  }
  if (times.last.statusCode !== 200) {
    throw new Error(`warm run did not answer 200: ${JSON.stringify(times.last).slice(0, 400)}`);
  }
  return times;
}
