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
 * with no other section's heap or compiled code in the process.
 */
export async function inFreshProcess<T>(
  section: 'throughput' | 'jobs',
  options: unknown,
): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lambda-stats-bench-alone-'));
  const out = path.join(dir, 'result.json');
  try {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
    const child = spawn(
      process.execPath,
      [
        '--import',
        tsx,
        path.join(path.dirname(fileURLToPath(import.meta.url)), 'child.ts'),
        section,
        JSON.stringify(options),
        out,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const { code, stderr } = await collectOutput(child);
    if (code !== 0) throw new Error(`bench child for ${section} failed:\n${stderr}`);
    return JSON.parse(readFileSync(out, 'utf8')) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
