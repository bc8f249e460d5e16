/**
 * Runs a built function the way Lambda's Node.js runtime does, in a child
 * process: the function zip unpacked into a task root, the layer zip
 * unpacked under an /opt-like folder, NODE_PATH=<opt>/nodejs/node_modules
 * (plain Node honours it for require, not for ESM import, as on Lambda),
 * and the handler string resolved against the task root with the runtime's
 * module rules (.js is CommonJS unless the nearest package.json says
 * "type": "module"; .mjs is ESM; .cjs is CommonJS). Used by the tests and
 * the cold-start benchmark.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractZip } from '@lambda-stats/lambda-kit/zip';

/** The loader the local runtime uses too: one implementation of the runtime's module rules. */
const HANDLER_LOADER = pathToFileURL(
  createRequire(import.meta.url).resolve('@lambda-stats/lambda-kit/handler-loader'),
).href;

export interface Layout {
  /** Like /var/task. */
  taskRoot: string;
  /** Like /opt (the layer's contents, or empty). */
  opt: string;
  /** Like /var/runtime: the bootstrap lives outside the task root. */
  runtime: string;
}

/** Lays out a function zip (and optionally the layer) in a fresh temporary folder. */
export async function layOut(functionZip: string, layerZip?: string): Promise<Layout> {
  const base = mkdtempSync(path.join(tmpdir(), 'lambda-layout-'));
  const layout = {
    taskRoot: path.join(base, 'var', 'task'),
    opt: path.join(base, 'opt'),
    runtime: path.join(base, 'var', 'runtime'),
  };
  for (const dir of Object.values(layout)) mkdirSync(dir, { recursive: true });
  await extractZip(functionZip, layout.taskRoot);
  if (layerZip !== undefined) await extractZip(layerZip, layout.opt);
  writeFileSync(path.join(layout.runtime, 'bootstrap.mjs'), BOOTSTRAP);
  return layout;
}

/** A hand-written task root (e.g. the benchmark's hello-world). */
export function writeTaskRoot(layout: Layout, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(layout.taskRoot, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/**
 * The runtime's part: load `_HANDLER` from LAMBDA_TASK_ROOT with the shared
 * handler loader (require for CommonJS, import() for ESM, the runtime's
 * error types), invoke it once per event and report JSON on fd 3 so the
 * function's own logs on stdout stay separate.
 */
const BOOTSTRAP = String.raw`import { readFileSync, writeSync } from 'node:fs';
import { callHandler, loadHandler } from ${JSON.stringify(HANDLER_LOADER)};
const t0 = process.hrtime.bigint();
const out = (o) => writeSync(3, JSON.stringify(o) + '\n');
const events = JSON.parse(readFileSync(0, 'utf8'));
let handler;
try {
  handler = await loadHandler(process.env.LAMBDA_TASK_ROOT, process.env._HANDLER);
} catch (e) {
  out({ phase: 'init', errorType: e.name, errorMessage: String(e.message).split('\n')[0] });
  process.exit(1);
}
const t1 = process.hrtime.bigint();
const c1 = process.cpuUsage();
const results = [];
for (const [i, event] of events.entries()) {
  const context = { awsRequestId: 'req-' + i, functionName: 'fn', functionVersion: '$LATEST', memoryLimitInMB: '1024', invokedFunctionArn: 'arn:aws:lambda:local:0:function:fn', getRemainingTimeInMillis: () => 30000 };
  try {
    results.push({ ok: true, value: await callHandler(handler, event, context) });
  } catch (e) {
    results.push({ ok: false, errorType: e.name, errorMessage: e.message });
  }
}
const t2 = process.hrtime.bigint();
const cpu = process.cpuUsage();
const invokeCpu = process.cpuUsage(c1);
out({ phase: 'done', initMs: Number(t1 - t0) / 1e6, invokeMs: Number(t2 - t1) / 1e6, cpuMs: (cpu.user + cpu.system) / 1e3, invokeCpuMs: (invokeCpu.user + invokeCpu.system) / 1e3, results });
`;

export interface RunOutcome {
  /** Whole-process wall time, spawn to exit, in milliseconds. */
  wallMs: number;
  report: {
    phase: 'init' | 'done';
    errorType?: string;
    errorMessage?: string;
    initMs?: number;
    invokeMs?: number;
    /** CPU time (user + system) of the whole process, from its start to the end of the invocations. */
    cpuMs?: number;
    /** CPU time of the invocations alone. */
    invokeCpuMs?: number;
    results?: { ok: boolean; value?: unknown; errorType?: string; errorMessage?: string }[];
  };
  stdout: string;
  stderr: string;
}

/** Starts a fresh Node process as the runtime would and sends it `events`. */
export function invoke(
  layout: Layout,
  events: unknown[],
  options: {
    handler?: string;
    env?: Record<string, string>;
    node?: string;
    /** Another script in the layout's runtime folder to run instead of the bootstrap (the warm bench's). */
    bootstrap?: string;
  } = {},
): Promise<RunOutcome> {
  const started = performance.now();
  const child = spawn(
    options.node ?? process.execPath,
    [path.join(layout.runtime, options.bootstrap ?? 'bootstrap.mjs')],
    {
      cwd: layout.taskRoot,
      env: {
        PATH: process.env.PATH ?? '',
        TZ: 'UTC',
        LAMBDA_TASK_ROOT: layout.taskRoot,
        _HANDLER: options.handler ?? 'index.handler',
        NODE_PATH: path.join(layout.opt, 'nodejs', 'node_modules'),
        AWS_LAMBDA_FUNCTION_NAME: 'fn',
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    },
  );
  const collect = (s: NodeJS.ReadableStream | null) => {
    const chunks: Buffer[] = [];
    s?.on('data', (c: Buffer) => chunks.push(c));
    return () => Buffer.concat(chunks).toString('utf8');
  };
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  const fd3 = collect(child.stdio[3] as NodeJS.ReadableStream);
  child.stdin?.end(JSON.stringify(events));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => {
      const wallMs = performance.now() - started;
      const line = fd3().trim();
      if (line === '') {
        reject(new Error(`bootstrap reported nothing; stderr: ${stderr()}`));
        return;
      }
      resolve({ wallMs, report: JSON.parse(line), stdout: stdout(), stderr: stderr() });
    });
  });
}
