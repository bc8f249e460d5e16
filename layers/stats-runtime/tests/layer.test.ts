/**
 * The built layer (dist/, made by `turbo run build` before this test): the
 * Node.js runtime layout, exactly the allowlisted modules, a manifest that
 * matches the zip, and a bundled core that works when required from it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { layerModules } from '../src/allowlist';
import { digest } from '../src/artifact';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const zipPath = path.join(dist, 'stats-runtime.zip');
const tmp = mkdtempSync(path.join(tmpdir(), 'layer-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function entries(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const names: string[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        names.push(e.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.readEntry();
    });
  });
}

describe('stats-runtime.zip', () => {
  it('holds exactly one index.js and package.json per allowlisted module, under nodejs/node_modules', async () => {
    const expected = layerModules
      .flatMap((m) => [
        `nodejs/node_modules/${m.name}/index.js`,
        `nodejs/node_modules/${m.name}/package.json`,
      ])
      .sort();
    expect(await entries(zipPath)).toEqual(expected);
  });

  it('is described by manifest.json in the shape infra reads', () => {
    const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
    const d = digest(readFileSync(zipPath));
    expect(manifest).toEqual({
      name: 'stats-runtime',
      zip: 'stats-runtime.zip',
      sha256: d.sha256,
      base64Sha256: d.base64Sha256,
      size: d.size,
      compatibleRuntimes: ['nodejs22.x'],
      compatibleArchitectures: ['arm64', 'x86_64'],
    });
  });

  it('keeps mathjs tree-shaken: only the factories the core uses, nothing built at load', () => {
    // mathjs names each factory with a string; a bundle of all of mathjs
    // (what a require() of the ESM core produced) instantiates every one of
    // them at load, ~1.2 s of cold start
    const unzip = spawnSync('python3', ['-m', 'zipfile', '-e', zipPath, tmp]);
    expect(unzip.status, String(unzip.stderr)).toBe(0);
    const code = readFileSync(
      path.join(tmp, 'nodejs/node_modules/@lambda-stats/stats-core/index.js'),
      'utf8',
    );
    expect(code).toContain('"bignumber"');
    for (const unused of ['"sylvester"', '"derivative"', '"parse"', '"simplify"', '"lusolve"']) {
      expect(code, unused).not.toContain(unused);
    }
  });

  it('provides a working stats core to require() through NODE_PATH, as /opt/nodejs/node_modules', () => {
    const unzip = spawnSync('python3', ['-m', 'zipfile', '-e', zipPath, tmp]);
    expect(unzip.status, String(unzip.stderr)).toBe(0);
    // scipy 1.17: stats.linregress([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]).slope == 0.6000000000000001
    const r = spawnSync(
      process.execPath,
      [
        '-e',
        "const c = require('@lambda-stats/stats-core'); console.log(JSON.stringify(c.linregress([1,2,3,4,5],[2,4,5,4,5])))",
      ],
      {
        cwd: tmp,
        env: { PATH: process.env.PATH, NODE_PATH: path.join(tmp, 'nodejs', 'node_modules') },
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).slope).toBeCloseTo(0.6, 12);
  });
});
