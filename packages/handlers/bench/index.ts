/**
 * Benchmark of the built artifacts (run `turbo run build` first, or
 * `pnpm --filter @lambda-stats/handlers bench`, which depends on it).
 * It prints; nothing is asserted.
 *
 * Cold start: each function zip is laid out as Lambda does (task root, the
 * layer under an /opt-like folder, NODE_PATH) and a NEW Node process loads
 * it through the runtime's handler resolution and serves one API Gateway
 * request; a hello-world handler in the same layout (layer included) is the
 * baseline. Runs are interleaved so machine noise hits all alike; medians of
 * BENCH_RUNS (default 21). Goal: function / hello-world <= 1.5.
 *
 * Warm: in one process, a 10,000-point linregress request through the
 * handler versus JSON.parse of the same body alone. Goal: <= 1.5.
 *
 * BENCH_NODE=/path/to/node runs the children on another Node (e.g. 22, as
 * the nodejs22.x runtime). BENCH_BASELINE=/path/to/another/checkout (built)
 * adds that checkout's zips and layer as "<name> (base)" rows, run
 * interleaved with these: an A/B of a change's cold start. BENCH_ONLY=a,b
 * limits the functions.
 *
 * BENCH_EMF=silent|info is the EMF metric line's A/B in the same run: each
 * function also runs as "<name> (EMF off)", the same zip with
 * LAMBDA_STATS_METRICS=off, interleaved, at that log level (silent: the
 * line is a write of its own; info: the deployed level, where the metric
 * fields ride on the request's log line). Besides the medians it prints the
 * median of the paired differences (on minus off, one pair per round), which
 * cancels the machine's drift between rounds.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildZip } from '@lambda-stats/stats-runtime/artifact';
import { endpoints } from '../src/endpoints/index';
import { invoke, type Layout, layOut } from '../support/lambda-layout';
import { benchOptions } from './options';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', 'dist');
const layerZip = path.join(here, '../../../layers/stats-runtime/dist/stats-runtime.zip');
let options: ReturnType<typeof benchOptions>;
try {
  options = benchOptions(
    process.argv.slice(2),
    process.env,
    endpoints.map((e) => e.name),
    process.execPath,
  );
} catch (err) {
  console.error(`bench: ${(err as Error).message}`);
  process.exit(2);
}
const { runs, node, baseline, only, emf } = options;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

function apiEvent(body: unknown) {
  const event = JSON.parse(
    readFileSync(path.join(here, '../tests/events/http-api-v2.json'), 'utf8'),
  );
  event.body = JSON.stringify(body);
  return event;
}

async function coldStart(): Promise<void> {
  const helloZip = path.join(dist, 'bench-hello.zip');
  writeFileSync(
    helloZip,
    await buildZip([
      {
        path: 'index.js',
        data: Buffer.from(
          "exports.handler = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{\"hello\":\"world\"}' });\n",
        ),
      },
    ]),
  );
  // BENCH_EMF: every subject at that log level (the metric line's A/B); else logs silenced
  const logEnv: Record<string, string> =
    emf === 'info' ? { POWERTOOLS_LOG_LEVEL: 'INFO' } : { POWERTOOLS_LOG_LEVEL: 'SILENT' };
  const subjects: {
    name: string;
    layout: Layout;
    event: unknown;
    env?: Record<string, string>;
    /** For an "(EMF off)" row: the row it pairs with. */
    pairs?: string;
  }[] = [
    {
      name: 'hello-world',
      layout: await layOut(helloZip, layerZip),
      event: apiEvent({}),
      env: logEnv,
    },
  ];
  for (const e of endpoints) {
    if (only && !only.includes(e.name)) continue;
    const layout = await layOut(path.join(dist, `${e.name}.zip`), layerZip);
    subjects.push({ name: e.name, layout, event: apiEvent(e.example.request), env: logEnv });
    if (emf !== undefined) {
      subjects.push({
        name: `${e.name} (EMF off)`,
        layout,
        event: apiEvent(e.example.request),
        env: { ...logEnv, LAMBDA_STATS_METRICS: 'off' },
        pairs: e.name,
      });
    }
    if (baseline !== undefined) {
      subjects.push({
        name: `${e.name} (base)`,
        layout: await layOut(
          path.join(baseline, 'packages/handlers/dist', `${e.name}.zip`),
          path.join(baseline, 'layers/stats-runtime/dist/stats-runtime.zip'),
        ),
        event: apiEvent(e.example.request),
      });
    }
  }
  const wall = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
  const init = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
  // CPU time: steadier than wall time on a loaded machine (the EMF A/B prints it)
  const cpu = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
  const invokeCpu = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
  const envOf = (s: (typeof subjects)[number]) => (s.env ? { env: s.env } : {});
  const stdoutBytes = new Map<string, number>();
  for (const s of subjects) await invoke(s.layout, [s.event], { node, ...envOf(s) }); // page cache warm-up
  for (let i = 0; i < runs; i++) {
    // the A/B pairs alternate which goes first, so neither always follows the other
    const order =
      emf !== undefined && i % 2 === 1
        ? subjects.flatMap((s, k) =>
            s.pairs ? [] : subjects[k + 1]?.pairs === s.name ? [subjects[k + 1]!, s] : [s],
          )
        : subjects;
    for (const s of order) {
      const r = await invoke(s.layout, [s.event], { node, ...envOf(s) });
      stdoutBytes.set(s.name, Buffer.byteLength(r.stdout));
      const res = r.report.results?.[0]?.value as { statusCode?: number } | undefined;
      if (r.report.phase !== 'done' || res?.statusCode !== 200) {
        throw new Error(`${s.name} did not answer 200: ${JSON.stringify(r.report)} ${r.stderr}`);
      }
      wall.get(s.name)!.push(r.wallMs);
      init.get(s.name)!.push(r.report.initMs! + r.report.invokeMs!);
      cpu.get(s.name)!.push(r.report.cpuMs!);
      invokeCpu.get(s.name)!.push(r.report.invokeCpuMs!);
    }
  }
  const baseWall = median(wall.get('hello-world')!);
  const baseInit = median(init.get('hello-world')!);
  console.log(
    `\nCold start: new process, one API Gateway request, median of ${runs} (${nodeVersion()})`,
  );
  console.log(
    'function      whole process        ratio   load+first request   (hello-world baseline)',
  );
  for (const s of subjects) {
    const w = median(wall.get(s.name)!);
    const n = median(init.get(s.name)!);
    console.log(
      `${s.name.padEnd(baseline || emf ? 24 : 13)} ${ms(w).padStart(10)} ${`${(w / baseWall).toFixed(2)}x`.padStart(16)} ${ms(n).padStart(14)} (+${ms(n - baseInit)})`,
    );
  }
  console.log('goal: whole process <= 1.5x hello-world');
  if (emf !== undefined) {
    console.log(
      `\nEMF metric line A/B (logs ${emf === 'info' ? 'at INFO: the metric fields ride on the request line' : 'silenced: the metric line is its own write'}), paired: on minus off, one pair per round, median of ${runs}`,
    );
    console.log(
      'function       whole process   load+first request   process CPU   first request CPU   stdout on / off',
    );
    for (const off of subjects.filter((s) => s.pairs !== undefined)) {
      const on = off.pairs!;
      const diff = (m: Map<string, number[]>) =>
        median(m.get(on)!.map((x, k) => x - m.get(off.name)![k]!));
      const sign = (x: number) => `${x >= 0 ? '+' : '-'}${ms(Math.abs(x))}`;
      console.log(
        `${on.padEnd(13)} ${sign(diff(wall)).padStart(14)} ${sign(diff(init)).padStart(20)} ${sign(diff(cpu)).padStart(13)} ${sign(diff(invokeCpu)).padStart(19)}   ${stdoutBytes.get(on)} B / ${stdoutBytes.get(off.name)} B`,
      );
    }
    // the spread of the paired CPU differences: a difference inside it is not measurable
    const quartiles = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return [s[Math.floor((s.length - 1) / 4)]!, s[Math.ceil((3 * (s.length - 1)) / 4)]!];
    };
    console.log('CPU medians, on / off, and the middle half of the paired differences:');
    for (const off of subjects.filter((s) => s.pairs !== undefined)) {
      const on = off.pairs!;
      const spread = (m: Map<string, number[]>) => {
        const [lo, hi] = quartiles(m.get(on)!.map((x, k) => x - m.get(off.name)![k]!));
        return `${lo! >= 0 ? '+' : ''}${lo!.toFixed(2)} to ${hi! >= 0 ? '+' : ''}${hi!.toFixed(2)} ms`;
      };
      console.log(
        `${on.padEnd(13)} process ${ms(median(cpu.get(on)!))} / ${ms(median(cpu.get(off.name)!))} (${spread(cpu)}), first request ${ms(median(invokeCpu.get(on)!))} / ${ms(median(invokeCpu.get(off.name)!))} (${spread(invokeCpu)})`,
      );
    }
  }
  for (const s of subjects)
    rmSync(path.dirname(path.dirname(s.layout.taskRoot)), { recursive: true, force: true });
  rmSync(helloZip);
}

function nodeVersion(): string {
  return `node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}`;
}

/**
 * Runs inside a child laid out like Lambda, so the real bundle and layer are
 * measured. It reports the handler median as initMs and JSON.parse as invokeMs.
 */
const WARM = String.raw`'use strict';
const fs = require('node:fs');
const { handler } = require(process.env.LAMBDA_TASK_ROOT + '/index.js');
const event = JSON.parse(fs.readFileSync(0, 'utf8'))[0];
const ctx = { awsRequestId: 'bench' };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
(async () => {
  const h = [], p = [];
  let last;
  for (let i = 0; i < 30; i++) { await handler(event, ctx); JSON.parse(event.body); } // JIT warm-up
  for (let i = 0; i < 200; i++) {
    let t = process.hrtime.bigint(); JSON.parse(event.body); p.push(Number(process.hrtime.bigint() - t) / 1e6);
    t = process.hrtime.bigint(); last = await handler(event, ctx); h.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (last.statusCode !== 200) throw new Error(last.body);
  }
  fs.writeSync(3, JSON.stringify({ phase: 'done', initMs: median(h), invokeMs: median(p), results: [{ ok: true, value: last }] }) + '\n');
})();
`;

/** 10,000 points of y = 3 + 0.5 x + uniform noise of the given width, as 2- and 3-decimal values. */
function dataset(noise: number): { x: number[]; y: number[] } {
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const x = Array.from({ length: 10_000 }, (_, i) =>
    Number((((i * 37) % 10_000) / 100).toFixed(2)),
  );
  const y = x.map((xi) => Number((3 + 0.5 * xi + (rand() - 0.5) * noise).toFixed(3)));
  return { x, y };
}

async function warm(): Promise<void> {
  const cases = [
    { label: 'noisy data (float64 path)', data: dataset(40) },
    { label: "near-perfect fit (the core's exact fallback)", data: dataset(0.1) },
  ];
  const layout = await layOut(path.join(dist, 'linregress.zip'), layerZip);
  writeFileSync(path.join(layout.runtime, 'bootstrap.cjs'), WARM);
  console.log(`\nWarm: linregress, 10,000 points, median of 200 after warm-up (${nodeVersion()})`);
  for (const { label, data } of cases) {
    const event = apiEvent(data);
    const r = await invoke(layout, [event], { node });
    if (r.report.phase !== 'done') throw new Error(`${JSON.stringify(r.report)} ${r.stderr}`);
    const handle = r.report.initMs!;
    const parse = r.report.invokeMs!;
    const last = r.report.results?.[0]?.value as { body: string };
    const rvalue = (JSON.parse(last.body) as { rvalue: number }).rvalue;
    console.log(
      `${label}, rvalue ${rvalue.toPrecision(8)}, ${(event.body.length / 1024).toFixed(0)} KiB body`,
    );
    console.log(`  JSON.parse of the body alone  ${ms(parse)}`);
    console.log(
      `  whole handler                 ${ms(handle)}   ratio ${(handle / parse).toFixed(2)}x (goal <= 1.5x)`,
    );
  }
  rmSync(path.dirname(path.dirname(layout.taskRoot)), { recursive: true, force: true });
}

if (options.sections.includes('cold')) await coldStart();
if (options.sections.includes('warm')) await warm();
