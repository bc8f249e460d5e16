/**
 * Reproducible artifacts: the working tree is copied into two clones in
 * different folders (different depths, so any absolute or cwd-relative path
 * leaking into a bundle would show), each installed from the lockfile
 * offline, then the layer and the functions are built under different TZ
 * and umask. Every zip, manifest and source map must be byte-identical.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const outputs = [
  'layers/stats-runtime/dist',
  'packages/handlers/dist',
  'packages/handlers/dist/sourcemaps',
];
const temps: string[] = [];

function clone(into: string): void {
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  )
    .split('\0')
    .filter((f) => f !== '');
  for (const f of files) {
    const from = path.join(repoRoot, f);
    try {
      cpSync(from, path.join(into, f));
    } catch (e) {
      // a tracked file deleted in the working tree is simply not part of this build
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

function run(cwd: string, script: string, env: Record<string, string>): void {
  const r = spawnSync('sh', ['-c', script], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${script} failed in ${cwd}:\n${r.stdout}\n${r.stderr}`);
}

/** pnpm from PATH, else the pinned one `make install` puts under .tools/. */
function pnpm(): string {
  for (const dir of [
    ...(process.env.PATH ?? '').split(path.delimiter),
    path.join(repoRoot, '.tools/node_modules/.bin'),
  ]) {
    if (dir !== '' && existsSync(path.join(dir, 'pnpm'))) return path.join(dir, 'pnpm');
  }
  throw new Error(
    'pnpm not found: put pnpm 12.4.2 on PATH (`make install` puts it in .tools/node_modules/.bin)',
  );
}

function buildClone(dir: string, tz: string, umask: string): void {
  clone(dir);
  run(
    dir,
    `'${pnpm()}' install --offline --frozen-lockfile --filter '@lambda-stats/handlers...'`,
    {},
  );
  run(
    dir,
    [
      `umask ${umask}`,
      'cd layers/stats-runtime && node_modules/.bin/tsx build.ts',
      'cd ../../packages/handlers && node_modules/.bin/tsx build.ts',
    ].join(' && '),
    { TZ: tz },
  );
}

const a = path.join(mkdtempSync(path.join(tmpdir(), 'repro-a-')), 'lambda-stats');
const b = path.join(mkdtempSync(path.join(tmpdir(), 'repro-b-')), 'some', 'deeper', 'checkout');
temps.push(path.dirname(a), path.dirname(path.dirname(path.dirname(b))));

beforeAll(() => {
  mkdirSync(b, { recursive: true });
  buildClone(a, 'UTC', '022');
  buildClone(b, 'Pacific/Kiritimati', '077');
});
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

describe('two clones, two folders, two TZ, two umasks', () => {
  it.each(outputs)('build identical bytes in %s', (dir) => {
    const files = readdirSync(path.join(a, dir), { withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => d.name)
      .sort();
    expect(files.length).toBeGreaterThan(0);
    expect(
      readdirSync(path.join(b, dir), { withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => d.name)
        .sort(),
    ).toEqual(files);
    for (const f of files) {
      const one = readFileSync(path.join(a, dir, f));
      const two = readFileSync(path.join(b, dir, f));
      expect(one.equals(two), `${dir}/${f} differs between the clones`).toBe(true);
      expect(one.includes(Buffer.from(a)) || two.includes(Buffer.from(b)), `${f} has a path`).toBe(
        false,
      );
    }
  });
});
