import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { collectOutput } from '@lambda-stats/lambda-kit/processes';
import type { Machine } from './table';

/**
 * Runs one bench section in a fresh node process (child.ts) and returns its
 * result: what one Lambda serving one function, or one job worker, gets,
 * with no other section's heap or compiled code in the process. With `cpu`
 * the process is pinned to that CPU (`taskset -c`, see panelCpu); with
 * `progress` its log lines are shown as they come.
 */
export async function inFreshProcess<T>(
  section: 'throughput' | 'jobs',
  options: unknown,
  cpu?: number,
  progress = false,
): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lambda-stats-bench-alone-'));
  const out = path.join(dir, 'result.json');
  try {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
    const node = [
      process.execPath,
      '--import',
      tsx,
      path.join(path.dirname(fileURLToPath(import.meta.url)), 'child.ts'),
      section,
      JSON.stringify(options),
      out,
    ];
    const [command, ...args] = cpu === undefined ? node : ['taskset', '-c', String(cpu), ...node];
    const child = spawn(command as string, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    // The child's log lines (stderr) pass through as they come when asked.
    if (progress) child.stderr?.on('data', (b: Buffer) => process.stderr.write(b));
    const { code, stderr } = await collectOutput(child);
    if (code !== 0) throw new Error(`bench child for ${section} failed:\n${stderr}`);
    return JSON.parse(readFileSync(out, 'utf8')) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The CPU a benchmark process and its reference process are pinned to
 * together (`taskset -c`): the highest-numbered one this process may run on, or
 * undefined where there is nothing to choose or no taskset (the panel then
 * runs unpinned and its results say so). Six panels of the same five
 * functions (2026-12-07 23:30 - 2026-12-08 00:25 UTC, load 0.4-1.8): the
 * five unpinned had stretches of consecutive cases in which every function
 * ran 1.4-2x slower on our side only, in wall time as in CPU time, and
 * 8-61 of their 194 rows read over 1.3x the row's median ratio across the
 * six; the one pinned had 1 such row.
 */
export function panelCpu(): number | undefined {
  let allowed: string;
  try {
    allowed =
      /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '';
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return highestOfSeveralCpus(allowed);
}

/** The highest-numbered CPU of a kernel CPU list ("0-1", "0,2-3"), when it names more than one. */
export function highestOfSeveralCpus(list: string): number | undefined {
  const ranges = list
    .split(',')
    .map((part) => part.split('-').map((v) => (/^\d+$/.test(v) ? Number(v) : Number.NaN)));
  if (ranges.some((r) => r.length > 2 || r.some(Number.isNaN))) return undefined;
  const count = ranges.reduce(
    (sum, r) => sum + (r.length === 2 ? (r[1] as number) - (r[0] as number) + 1 : 1),
    0,
  );
  return count > 1 ? Math.max(...ranges.flat()) : undefined;
}

/** Milliseconds with sensible precision. */
export function fmtMs(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  if (x >= 1000) return `${(x / 1000).toFixed(2)} s`;
  if (x >= 100) return `${x.toFixed(0)} ms`;
  if (x >= 10) return `${x.toFixed(1)} ms`;
  if (x >= 0.1) return `${x.toFixed(2)} ms`;
  return `${(x * 1000).toFixed(1)} µs`;
}

export const fmtRatio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)}x` : '');

export function fmtBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(2)} MiB`
    : `${(bytes / 1024).toFixed(1)} KiB`;
}

export function machine(): Machine {
  let python = 'python3 not found';
  try {
    python = execFileSync(
      'python3',
      [
        '-c',
        'import sys, numpy, scipy; print(f"python {sys.version.split()[0]}, numpy {numpy.__version__}, scipy {scipy.__version__}")',
      ],
      { encoding: 'utf8' },
    ).trim();
  } catch {
    // reported as missing
  }
  const [l1, l5, l15] = os.loadavg();
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: os.cpus().length,
    node: process.version,
    python,
    platform: `${os.platform()} ${os.arch()}`,
    loadAverage: [l1 ?? 0, l5 ?? 0, l15 ?? 0],
  };
}

export const log = (line: string) => process.stderr.write(`${line}\n`);
