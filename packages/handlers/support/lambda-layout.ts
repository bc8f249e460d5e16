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
import { tmpdir } from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';

export async function unzip(zipPath: string, into: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on('entry', (entry: yauzl.Entry) => {
        const target = path.join(into, entry.fileName);
        if (entry.fileName.endsWith('/')) {
          mkdirSync(target, { recursive: true });
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            mkdirSync(path.dirname(target), { recursive: true });
            writeFileSync(target, Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', resolve);
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

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
  await unzip(functionZip, layout.taskRoot);
  if (layerZip !== undefined) await unzip(layerZip, layout.opt);
  writeFileSync(path.join(layout.runtime, 'bootstrap.cjs'), BOOTSTRAP);
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
 * The runtime's part: resolve `_HANDLER` against LAMBDA_TASK_ROOT as
 * Lambda's UserFunction loader does, load it (require for CommonJS, import()
 * for ESM), invoke it once per event and report JSON on fd 3 so the
 * function's own logs on stdout stay separate.
 */
const BOOTSTRAP = String.raw`'use strict';
const t0 = process.hrtime.bigint();
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const out = (o) => fs.writeSync(3, JSON.stringify(o) + '\n');
function typeModule(dir) {
  for (;;) {
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj)) {
      try { return JSON.parse(fs.readFileSync(pj, 'utf8')).type === 'module'; } catch { return false; }
    }
    const up = path.dirname(dir);
    if (up === dir) return false;
    dir = up;
  }
}
async function load(taskRoot, handlerString) {
  const dot = handlerString.lastIndexOf('.');
  const modulePath = handlerString.slice(0, dot);
  const exportName = handlerString.slice(dot + 1);
  const base = path.resolve(taskRoot, modulePath);
  for (const ext of ['.js', '.mjs', '.cjs']) {
    const file = base + ext;
    if (!fs.existsSync(file)) continue;
    const esm = ext === '.mjs' || (ext === '.js' && typeModule(path.dirname(file)));
    const mod = esm ? await import(pathToFileURL(file).href) : require(file);
    const fn = mod[exportName];
    if (typeof fn !== 'function') {
      throw Object.assign(new Error(modulePath + '.' + exportName + ' is undefined or not exported'), { name: 'Runtime.HandlerNotFound' });
    }
    return fn;
  }
  throw Object.assign(new Error("Cannot find module '" + modulePath + "'"), { name: 'Runtime.ImportModuleError' });
}
(async () => {
  const events = JSON.parse(fs.readFileSync(0, 'utf8'));
  let handler;
  try {
    handler = await load(process.env.LAMBDA_TASK_ROOT, process.env._HANDLER);
  } catch (e) {
    const errorType = e.code === 'MODULE_NOT_FOUND' ? 'Runtime.ImportModuleError' : e.name;
    out({ phase: 'init', errorType, errorMessage: String(e.message).split('\n')[0] });
    process.exitCode = 1;
    return;
  }
  const t1 = process.hrtime.bigint();
  const results = [];
  for (const [i, event] of events.entries()) {
    const context = { awsRequestId: 'req-' + i, functionName: 'fn', functionVersion: '$LATEST', memoryLimitInMB: '1024', invokedFunctionArn: 'arn:aws:lambda:local:0:function:fn', getRemainingTimeInMillis: () => 30000 };
    try {
      results.push({ ok: true, value: await handler(event, context) });
    } catch (e) {
      results.push({ ok: false, errorType: e.name, errorMessage: e.message });
    }
  }
  const t2 = process.hrtime.bigint();
  out({ phase: 'done', initMs: Number(t1 - t0) / 1e6, invokeMs: Number(t2 - t1) / 1e6, results });
})();
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
    results?: { ok: boolean; value?: unknown; errorType?: string; errorMessage?: string }[];
  };
  stdout: string;
  stderr: string;
}

/** Starts a fresh Node process as the runtime would and sends it `events`. */
export function invoke(
  layout: Layout,
  events: unknown[],
  options: { handler?: string; env?: Record<string, string>; node?: string } = {},
): Promise<RunOutcome> {
  const started = performance.now();
  const child = spawn(
    options.node ?? process.execPath,
    [path.join(layout.runtime, 'bootstrap.cjs')],
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
