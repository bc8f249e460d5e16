/**
 * (5) Deploy and (3) warm latency through the local stack. Starts moto on a
 * free loopback port, deploys the `local` stack with the infra wrapper into
 * a temporary work dir, synth dir and state file (so nothing of the user's
 * is touched and `terraform init` is included), loads the deployment on the
 * local Lambda runtime behind the front door (free port), times requests,
 * runs a no-op plan and a destroy, and stops everything it started.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type MotoServer, startMoto } from '@lambda-stats/lambda-kit/moto-server';
import { stopProcessGroup } from '@lambda-stats/lambda-kit/processes';
import { lcg } from '@lambda-stats/lambda-kit/random';
import { REPO_ROOT, regionFromState } from '../src/local-config';
import { SEED_X, SEED_Y } from '../src/samples';
import { type LocalServe, serveDeployment } from '../src/serve-deployment';
import { median } from './harness';
import type { Row } from './table';
import { fmtMs, fmtRatio, log } from './util';

export const WARM_SIZES = [1e3, 1e4, 1e5] as const;

export interface StackResult {
  rows: Row[];
  /** Median function Duration (REPORT lines) per warm request size, ms. */
  warmDurationMs: Record<number, number>;
  /** Init Duration of the first (cold) linregress request, ms. */
  initMs: number | undefined;
  memoryMb: number | undefined;
}

/** pnpm as the one running us (npm_execpath), else from PATH. */
function pnpm(args: string[]): [string, string[]] {
  const exec = process.env.npm_execpath;
  if (exec && /pnpm/.test(exec) && /\.c?js$/.test(exec)) return [process.execPath, [exec, ...args]];
  return ['pnpm', args];
}

async function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; out: string }> {
  const started = performance.now();
  const child = spawn(cmd, args, {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d;
  });
  child.stderr.on('data', (d: Buffer) => {
    out += d;
  });
  const code = await new Promise<number | null>((resolve) => {
    child.on('error', () => resolve(127));
    child.on('exit', (c) => resolve(c));
  });
  await stopProcessGroup(child, 500);
  const ms = performance.now() - started;
  if (code === 127)
    throw new Error(`${cmd} was not found: run the benchmark through \`pnpm bench\``);
  if (code !== 0)
    throw new Error(`\`${cmd} ${args.join(' ')}\` failed (exit ${code}):\n${out.slice(-3000)}`);
  return { ms, out };
}

/** x: 2 decimals, y = 3 + 0.5 x + noise at 3 decimals (the handlers bench's data). */
export function body(n: number): string {
  const rand = lcg(12345);
  const x = Array.from({ length: n }, (_, i) => Number((((i * 37) % 10_000) / 100).toFixed(2)));
  const y = x.map((xi) => Number((3 + 0.5 * xi + (rand() - 0.5) * 40).toFixed(3)));
  return JSON.stringify({ x, y });
}

async function post(
  url: string,
  text: string,
): Promise<{ ms: number; status: number; json: unknown }> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: text,
  });
  const json = await res.json();
  return { ms: performance.now() - started, status: res.status, json };
}

export async function localStack(opts: {
  warmRuns: number;
  deploy: boolean;
  warm: boolean;
}): Promise<StackResult> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'lambda-stats-bench-stack-'));
  const statePath = path.join(tmp, 'terraform.local.tfstate');
  let moto: MotoServer | undefined;
  let serve: LocalServe | undefined;
  const durations: number[] = [];
  const inits: number[] = [];
  let memoryMb: number | undefined;
  const rows: Row[] = [];
  const warmDurationMs: Record<number, number> = {};
  try {
    const t0 = performance.now();
    moto = await startMoto();
    const tMoto = performance.now() - t0;
    const env = {
      ...process.env,
      LAMBDA_STATS_AWS_ENDPOINT: moto.endpoint,
      LAMBDA_STATS_WORK_DIR: path.join(tmp, 'work'),
      LAMBDA_STATS_CDKTF_OUT: path.join(tmp, 'cdktf.out'),
      LAMBDA_STATS_LOCAL_STATE: statePath,
      FORCE_COLOR: '0',
      CI: '1',
    };
    log('  deploying the local stack');
    const deploy = await run(...pnpm(['run', 'deploy', 'local']), env);
    const tServeStart = performance.now();
    serve = await serveDeployment({
      target: { endpoint: moto.endpoint, region: regionFromState(statePath) ?? 'us-east-1' },
      port: 0,
      statePath,
      log: (_fn, line) => {
        const d = /\bREPORT .*?Duration: ([\d.]+) ms/.exec(line);
        if (d) durations.push(Number(d[1]));
        const i = /Init Duration: ([\d.]+) ms/.exec(line);
        if (i) inits.push(Number(i[1]));
        const m = /Memory Size: (\d+) MB/.exec(line);
        if (m) memoryMb = Number(m[1]);
      },
    });
    const first = await post(`${serve.url}/linregress`, JSON.stringify({ x: SEED_X, y: SEED_Y }));
    if (first.status !== 200)
      throw new Error(`first request answered ${first.status}: ${JSON.stringify(first.json)}`);
    const tServing = performance.now() - t0;
    const tServe = performance.now() - tServeStart;

    if (opts.deploy) {
      rows.push({
        section: 'deploy',
        item: 'local stack: nothing to serving',
        result: `${(tServing / 1000).toFixed(1)} s`,
        baseline: '',
        ratio: '',
        how: `1 run: moto start ${(tMoto / 1000).toFixed(1)} s + \`pnpm run deploy local\` (synth, terraform init from the provider mirror, apply) ${(deploy.ms / 1000).toFixed(1)} s + runtime load and first 200 from /linregress ${(tServe / 1000).toFixed(1)} s; fresh state and synth dir`,
        data: { totalMs: tServing, motoMs: tMoto, deployMs: deploy.ms, serveMs: tServe },
      });
    }

    if (opts.warm) {
      for (const n of WARM_SIZES) {
        const text = body(n);
        const url = `${serve.url}/linregress`;
        for (let i = 0; i < 5; i++) await post(url, text);
        durations.length = 0;
        const lat: number[] = [];
        const parse: number[] = [];
        for (let i = 0; i < opts.warmRuns; i++) {
          const t = performance.now();
          JSON.parse(text);
          parse.push(performance.now() - t);
          const r = await post(url, text);
          if (r.status !== 200) throw new Error(`linregress n=${n} answered ${r.status}`);
          lat.push(r.ms);
        }
        const l = median(lat);
        const p = median(parse);
        const d = median(durations);
        warmDurationMs[n] = d;
        rows.push({
          section: 'warm',
          item: `linregress ${n.toExponential(0).replace('+', '')} points via HTTP`,
          result: fmtMs(l),
          baseline: `JSON.parse of the body ${fmtMs(p)}`,
          ratio: fmtRatio(l / p),
          how: `local stack (front door + warm worker), ${(text.length / 1024).toFixed(0)} KiB body, median of ${opts.warmRuns} sequential requests after 5 warm-up; function Duration (REPORT) ${fmtMs(d)} = ${fmtRatio(d / p)} JSON.parse`,
          data: {
            n,
            latencyMs: l,
            jsonParseMs: p,
            functionDurationMs: d,
            bodyBytes: text.length,
            runs: opts.warmRuns,
          },
        });
      }
    }

    await serve.stop();
    serve = undefined;
    if (opts.deploy) {
      log('  no-op plan and destroy');
      const diff = await run(...pnpm(['run', 'diff', 'local']), env);
      const noChanges = /No changes/i.test(diff.out);
      rows.push({
        section: 'deploy',
        item: 'no-op plan',
        result: `${(diff.ms / 1000).toFixed(1)} s`,
        baseline: '',
        ratio: '',
        how: `1 run: \`pnpm run diff local\` right after the deploy (synth + terraform plan); ${noChanges ? 'reported no changes' : 'DID NOT report "No changes"'}`,
        data: { ms: diff.ms, noChanges: noChanges ? 1 : 0 },
      });
      const destroy = await run(...pnpm(['run', 'destroy', 'local']), env);
      rows.push({
        section: 'deploy',
        item: 'destroy',
        result: `${(destroy.ms / 1000).toFixed(1)} s`,
        baseline: '',
        ratio: '',
        how: '1 run: `pnpm run destroy local` (synth + terraform destroy)',
        data: { ms: destroy.ms },
      });
    }
  } finally {
    await serve?.stop().catch(() => undefined);
    await moto?.stop().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  }
  return { rows, warmDurationMs, initMs: inits[0], memoryMb };
}
