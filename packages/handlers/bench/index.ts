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
 * --runs (default 21). Goal: function / hello-world <= 1.3 (the
 * cold-start budget docs/performance.md reports against).
 * Besides the medians it prints the median of the per-round ratios and
 * their middle half, so the noise is visible.
 *
 * Warm: in one process per function, a 10,000-point request (realistic
 * decimals) through the bundled handler versus JSON.parse of the same body
 * alone, interleaved, the median of the per-round ratios (support/bench.ts).
 * Goal: <= 1.2.
 *
 * --node /path/to/node runs the children on another Node (e.g. 22, as
 * the nodejs22.x runtime). --baseline /path/to/another/checkout (built)
 * adds that checkout's zips and layer as "<name> (base)" rows, run
 * interleaved with these: an A/B of a change's cold start (and of its warm
 * request: three children of each, alternating, each ratio taken against
 * JSON.parse in its own process). --only a,b limits the functions.
 *
 * --emf silent|info is the EMF metric line's A/B in the same run: each
 * function also runs as "<name> (EMF off)", the same zip with
 * LAMBDA_STATS_METRICS=off, interleaved, at that log level (silent: the
 * line is a write of its own; info: the deployed level, where the metric
 * fields ride on the request's log line). Besides the medians it prints the
 * median of the paired differences (on minus off, one pair per round), which
 * cancels the machine's drift between rounds.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '@lambda-stats/stats-core';
import { endpoints } from '../src/endpoints/index';
import {
  quartiles,
  WARM_FUNCTIONS,
  warmInProcess,
  warmRequest,
  writeHelloWorldZip,
} from '../support/bench';
import { invoke, type Layout, layOut } from '../support/lambda-layout';
import { BENCH_USAGE, type BenchOptions, benchOptions } from './options';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', 'dist');
const layerZip = path.join(here, '../../../layers/stats-runtime/dist/stats-runtime.zip');
let options: BenchOptions;
try {
  const parsed = benchOptions(
    process.argv.slice(2).filter((a) => a !== '--'),
    endpoints.map((e) => e.name),
    process.execPath,
  );
  if (parsed === 'help') {
    console.log(BENCH_USAGE);
    process.exit(0);
  }
  options = parsed;
} catch (err) {
  console.error(`bench: ${(err as Error).message}`);
  process.exit(2);
}
const { runs, node, baseline, only, emf } = options;

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
  await writeHelloWorldZip(helloZip);
  // --emf: every subject at that log level (the metric line's A/B); else logs silenced
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
    'function      whole process        ratio   load+first request   (hello-world baseline)   process CPU',
  );
  for (const s of subjects) {
    const w = median(wall.get(s.name)!);
    const n = median(init.get(s.name)!);
    console.log(
      `${s.name.padEnd(baseline || emf ? 24 : 13)} ${ms(w).padStart(10)} ${`${(w / baseWall).toFixed(2)}x`.padStart(16)} ${ms(n).padStart(14)} (+${ms(n - baseInit)})   ${ms(median(cpu.get(s.name)!)).padStart(10)}`,
    );
  }
  console.log('goal: whole process <= 1.3x hello-world');
  // per-round ratios against the hello-world run of the same round: the spread shows the noise
  console.log('\nPer-round ratio to hello-world: median (middle half)');
  for (const s of subjects.slice(1)) {
    const hello = wall.get('hello-world')!;
    const ratios = wall.get(s.name)!.map((x, k) => x / hello[k]!);
    const [lo, hi] = quartiles(ratios);
    console.log(
      `${s.name.padEnd(24)} ${median(ratios).toFixed(2)}x (${lo.toFixed(2)}-${hi.toFixed(2)}x)`,
    );
  }
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

async function warm(): Promise<void> {
  console.log(
    `\nWarm: a 10,000-point request in one process, interleaved with JSON.parse of the same body; medians (${nodeVersion()})`,
  );
  console.log(
    'function              body    JSON.parse   handler   ratio (goal <= 1.2x)   handler without the body read',
  );
  for (const e of endpoints) {
    if (!(WARM_FUNCTIONS as readonly string[]).includes(e.name)) continue;
    if (only && !only.includes(e.name)) continue;
    const event = apiEvent(warmRequest(e.example.request as Record<string, unknown>));
    const layout = await layOut(path.join(dist, `${e.name}.zip`), layerZip);
    // with a baseline, its zip runs beside this one's, alternating, three children each
    const base =
      baseline === undefined
        ? undefined
        : await layOut(
            path.join(baseline, 'packages/handlers/dist', `${e.name}.zip`),
            path.join(baseline, 'layers/stats-runtime/dist/stats-runtime.zip'),
          );
    const rows = base === undefined ? [[e.name, layout] as const] : [];
    for (let k = 0; base !== undefined && k < 3; k++) {
      const pair = [
        [e.name, layout],
        [`${e.name} (base)`, base],
      ] as const;
      rows.push(...(k % 2 === 0 ? pair : [pair[1], pair[0]]));
    }
    for (const [name, l] of rows) {
      const t = await warmInProcess(l, event, { node });
      const parse = median(t.parse);
      const handle = median(t.handler);
      const ratio = median(t.handler.map((x, k) => x / t.parse[k]!));
      console.log(
        `${name.padEnd(20)} ${`${(event.body.length / 1024).toFixed(0)} KiB`.padStart(8)} ${ms(parse).padStart(11)} ${ms(handle).padStart(9)} ${`${ratio.toFixed(2)}x`.padStart(7)} ${''.padStart(15)}${ms(median(t.direct))}`,
      );
    }
    for (const l of base === undefined ? [layout] : [layout, base])
      rmSync(path.dirname(path.dirname(l.taskRoot)), { recursive: true, force: true });
  }
}

if (options.sections.includes('cold')) await coldStart();
if (options.sections.includes('warm')) await warm();
