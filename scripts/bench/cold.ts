/**
 * (1) Cold start. Each function zip and the layer are laid out as Lambda does
 * (task root, layer under an /opt-like folder, NODE_PATH) by the handlers
 * package's own harness, and a NEW Node process loads the handler and serves
 * one API Gateway request. Baseline: a hello-world handler in the same layout
 * (layer included), run right before or after each function in every round
 * (the order alternates), so each function's ratio is taken per round
 * against a hello-world run of the same moment: the median of those ratios
 * is the figure, their middle half the spread. The unbundled variant imports the handler's TypeScript
 * source with every dependency resolved from the workspace's node_modules
 * (through tsx, the workspace's TS loader), which is what shipping
 * node_modules instead of bundle + layer would cost.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { endpoints } from '@lambda-stats/handlers/endpoints';
import { quartiles, writeHelloWorldZip } from '@lambda-stats/handlers/support/bench';
import { invoke, type Layout, layOut } from '@lambda-stats/handlers/support/lambda-layout';
import { generateEvent } from '../src/events';
import { REPO_ROOT } from '../src/local-config';
import { median } from './harness';
import { COLD_REASONS } from './reasons';
import type { Row } from './table';
import { fmtMs, fmtRatio, log } from './util';

const HANDLERS = path.join(REPO_ROOT, 'packages', 'handlers');
const FUNCTION_DIST = path.join(HANDLERS, 'dist');
const LAYER_ZIP = path.join(REPO_ROOT, 'layers', 'stats-runtime', 'dist', 'stats-runtime.zip');

/** The goal: a function's cold start at most this many times hello-world's. */
export const COLD_GOAL = 1.3;

/** The functions also measured unbundled. */
export const UNBUNDLED = ['linregress'];

export interface ColdResult {
  rows: Row[];
  /** Median init (module load) per function, ms: what Lambda bills as Init Duration. */
  initMs: Record<string, number>;
}

interface Subject {
  name: string;
  run: () => Promise<{ wallMs: number; initMs: number }>;
}

function layered(name: string, layout: Layout, event: unknown): Subject {
  return {
    name,
    run: async () => {
      const r = await invoke(layout, [event], { env: { POWERTOOLS_LOG_LEVEL: 'SILENT' } });
      const res = r.report.results?.[0]?.value as { statusCode?: number } | undefined;
      if (r.report.phase !== 'done' || res?.statusCode !== 200) {
        throw new Error(`${name} did not answer 200: ${JSON.stringify(r.report)} ${r.stderr}`);
      }
      return { wallMs: r.wallMs, initMs: r.report.initMs! };
    },
  };
}

/** An ESM child that imports the handler source through node_modules and serves one request. */
function unbundledScript(name: string | undefined): string {
  const load =
    name === undefined
      ? 'const handler = async () => ({ statusCode: 200, body: \'{"hello":"world"}\' });'
      : [
          `const { createHandler } = await import(${JSON.stringify(pathToFileURL(path.join(HANDLERS, 'src', 'handler.ts')).href)});`,
          `const mod = await import(${JSON.stringify(pathToFileURL(path.join(HANDLERS, 'src', 'endpoints', `${name}.ts`)).href)});`,
          `const handler = createHandler(mod[${JSON.stringify(name)}]);`,
        ].join('\n');
  return `import { readFileSync } from 'node:fs';
const t0 = performance.now();
${load}
const t1 = performance.now();
const event = JSON.parse(readFileSync(0, 'utf8'));
const res = await handler(event, { awsRequestId: 'bench', getRemainingTimeInMillis: () => 30000 });
process.stdout.write(JSON.stringify({ statusCode: res.statusCode, initMs: t1 - t0 }));
`;
}

function unbundled(name: string, script: string, event: unknown, tsx: string): Subject {
  return {
    name,
    run: () =>
      new Promise((resolve, reject) => {
        const started = performance.now();
        const child = spawn(process.execPath, ['--import', tsx, script], {
          cwd: HANDLERS,
          env: { PATH: process.env.PATH ?? '', TZ: 'UTC', POWERTOOLS_LOG_LEVEL: 'SILENT' },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d;
        });
        child.stderr.on('data', (d: Buffer) => {
          err += d;
        });
        child.stdin.end(JSON.stringify(event));
        child.on('error', reject);
        child.on('close', () => {
          const wallMs = performance.now() - started;
          try {
            const r = JSON.parse(out.trim().split('\n').at(-1) ?? '') as {
              statusCode: number;
              initMs: number;
            };
            if (r.statusCode !== 200) throw new Error(`status ${r.statusCode}`);
            resolve({ wallMs, initMs: r.initMs });
          } catch (e) {
            reject(new Error(`${name} failed: ${(e as Error).message}: ${out} ${err}`));
          }
        });
      }),
  };
}

export async function coldStart(opts: {
  runs: number;
  unbundledRuns: number;
}): Promise<ColdResult> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'lambda-stats-bench-cold-'));
  const layouts: Layout[] = [];
  try {
    const helloZip = path.join(tmp, 'hello.zip');
    await writeHelloWorldZip(helloZip);
    const helloEvent = generateEvent(undefined, 'hello', {});
    const hello = await layOut(helloZip, LAYER_ZIP);
    layouts.push(hello);
    const subjects: Subject[] = [layered('hello-world', hello, helloEvent)];
    const events = new Map<string, unknown>();
    for (const e of endpoints) {
      const layout = await layOut(path.join(FUNCTION_DIST, `${e.name}.zip`), LAYER_ZIP);
      layouts.push(layout);
      const event = generateEvent(undefined, e.name, e.example.request);
      events.set(e.name, event);
      subjects.push(layered(e.name, layout, event));
    }
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
    const slow: Subject[] = [];
    const helloScript = path.join(tmp, 'hello-unbundled.mjs');
    writeFileSync(helloScript, unbundledScript(undefined));
    slow.push(unbundled('hello-world (tsx)', helloScript, helloEvent, tsx));
    // One function is enough to show what the layer design saves; each run costs seconds.
    for (const name of UNBUNDLED) {
      const script = path.join(tmp, `${name}-unbundled.mjs`);
      writeFileSync(script, unbundledScript(name));
      slow.push(unbundled(`${name} (unbundled)`, script, events.get(name), tsx));
    }

    const wall = new Map<string, number[]>();
    const init = new Map<string, number[]>();
    const record = async (s: Subject) => {
      const r = await s.run();
      wall.set(s.name, [...(wall.get(s.name) ?? []), r.wallMs]);
      init.set(s.name, [...(init.get(s.name) ?? []), r.initMs]);
    };
    // One untimed round fills the page cache (and tsx's transform cache).
    for (const s of [...subjects, ...slow]) await s.run();
    // each function paired with a hello-world run beside it (alternating which goes first)
    const [helloSubject, ...functions] = subjects;
    const ratios = new Map<string, number[]>();
    for (let i = 0; i < opts.runs; i++) {
      log(`  cold start round ${i + 1}/${opts.runs}`);
      for (const s of functions) {
        const pair = i % 2 === 0 ? [helloSubject!, s] : [s, helloSubject!];
        for (const x of pair) await record(x);
        const hello = wall.get('hello-world')!.at(-1)!;
        ratios.set(s.name, [...(ratios.get(s.name) ?? []), wall.get(s.name)!.at(-1)! / hello]);
      }
      if (i < opts.unbundledRuns) for (const s of slow) await record(s);
    }

    const m = (name: string) => median(wall.get(name) ?? []);
    const mi = (name: string) => median(init.get(name) ?? []);
    const base = m('hello-world');
    const rows: Row[] = [
      {
        section: 'cold start',
        item: 'hello-world (baseline)',
        result: fmtMs(base),
        baseline: '',
        ratio: '',
        how: `new node process, Lambda layout (task root + layer + NODE_PATH), spawn to exit through 1 API Gateway v2 request; median of ${opts.runs * functions.length} runs, one beside each function run`,
        data: { wallMs: base, initMs: mi('hello-world'), runs: opts.runs * functions.length },
      },
    ];
    const initMs: Record<string, number> = {};
    for (const e of endpoints) {
      const w = m(e.name);
      initMs[e.name] = mi(e.name);
      const r = ratios.get(e.name) ?? [];
      const ratio = median(r);
      const [lo, hi] = quartiles(r);
      rows.push({
        section: 'cold start',
        item: `${e.name} (bundle + layer)`,
        result: fmtMs(w),
        baseline: `hello-world ${fmtMs(base)}`,
        ratio: fmtRatio(ratio),
        how: `same layout and request as hello-world; median of ${opts.runs} per-round ratios to the hello-world run beside it (middle half ${lo.toFixed(2)}-${hi.toFixed(2)}x); handler load ${fmtMs(mi(e.name))} (hello-world ${fmtMs(mi('hello-world'))}); goal <= ${COLD_GOAL}x${ratio > COLD_GOAL && COLD_REASONS[e.name] !== undefined ? `; over it: ${COLD_REASONS[e.name]}` : ''}`,
        data: {
          wallMs: w,
          initMs: mi(e.name),
          baselineMs: base,
          ratio,
          ratioQ1: lo,
          ratioQ3: hi,
          runs: opts.runs,
        },
      });
    }
    const tsxBase = m('hello-world (tsx)');
    for (const name of UNBUNDLED) {
      const e = { name };
      const w = m(`${e.name} (unbundled)`);
      rows.push({
        section: 'cold start',
        item: `${e.name} unbundled (node_modules)`,
        result: fmtMs(w),
        baseline: `bundle + layer ${fmtMs(m(e.name))}`,
        ratio: fmtRatio(w / m(e.name)),
        how: `new node process importing the handler source and its dependencies from the workspace's node_modules via tsx (tsx hello-world ${fmtMs(tsxBase)}, so ${fmtMs(w - tsxBase)} is module loading); median of ${opts.unbundledRuns}; vs hello-world ${fmtRatio(w / base)}`,
        data: {
          wallMs: w,
          initMs: mi(`${e.name} (unbundled)`),
          tsxHelloMs: tsxBase,
          layeredMs: m(e.name),
          runs: opts.unbundledRuns,
        },
      });
    }
    return { rows, initMs };
  } finally {
    for (const l of layouts)
      rmSync(path.dirname(path.dirname(l.taskRoot)), { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  }
}
