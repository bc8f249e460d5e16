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
import { statsRuntimeManifest } from '@lambda-stats/lambda-kit/manifest';
import { extractZip, listZip } from '@lambda-stats/lambda-kit/zip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layerModules } from '../src/allowlist';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const zipPath = path.join(dist, 'stats-runtime.zip');
const tmp = mkdtempSync(path.join(tmpdir(), 'layer-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Unpacked once, as Lambda unpacks a layer under /opt.
beforeAll(async () => {
  await extractZip(zipPath, tmp);
});

/** Runs a CommonJS script in a fresh node that finds modules only in the unpacked layer, as /opt/nodejs/node_modules. */
function runInLayer(script: string) {
  const r = spawnSync(process.execPath, ['-e', script], {
    cwd: tmp,
    env: { PATH: process.env.PATH, NODE_PATH: path.join(tmp, 'nodejs', 'node_modules') },
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('stats-runtime.zip', () => {
  it('holds exactly index.js, package.json and the lazy files of each allowlisted module, under nodejs/node_modules', async () => {
    const expected = layerModules
      .flatMap((m) => [
        `nodejs/node_modules/${m.name}/index.js`,
        `nodejs/node_modules/${m.name}/package.json`,
        ...(m.lazy ?? []).map((l) => `nodejs/node_modules/${m.name}/${l.file}`),
      ])
      .sort();
    expect((await listZip(zipPath)).map((e) => e.name)).toEqual(expected);
  });

  it('is described by manifest.json in the shape infra reads', () => {
    const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
    expect(manifest).toEqual(statsRuntimeManifest(readFileSync(zipPath)));
  });

  it('keeps mathjs tree-shaken and out of the core file: only the factories the core uses, in mathjs.js', () => {
    // mathjs names each factory with a string; a bundle of all of mathjs
    // (what a require() of the ESM core produced) instantiates every one of
    // them at load, ~1.2 s of cold start
    const dir = path.join(tmp, 'nodejs/node_modules/@lambda-stats/stats-core');
    const core = readFileSync(path.join(dir, 'index.js'), 'utf8');
    const lazy = readFileSync(path.join(dir, 'mathjs.js'), 'utf8');
    expect(lazy).toContain('"BigNumber"'); // the factory's name
    expect(lazy).toContain('[DecimalError] '); // decimal.js's error prefix
    expect(core).not.toContain('[DecimalError] ');
    expect(core).toContain('require("./mathjs.js")');
    for (const unused of ['"sylvester"', '"derivative"', '"parse"', '"simplify"', '"lusolve"']) {
      expect(lazy, unused).not.toContain(unused);
    }
  });

  it('loads mathjs.js only when the high-precision path first runs', () => {
    // An exact quartic has zero residuals, which the float64 bound never
    // accepts, and five coefficients, past the exact rational solve's four:
    // the BigNumber path answers, with the exact coefficients.
    const script = [
      "const c = require('@lambda-stats/stats-core');",
      "const lazy = () => Object.keys(require.cache).some((f) => f.endsWith('mathjs.js'));",
      'const before = lazy();',
      'const line = c.linregress([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]).slope;',
      'const afterFloat = lazy();',
      'const x = [0, 1, 2, 3, 4, 5, 6, 7];',
      'const fit = c.polyfit(x, x.map((v) => 1 + 2 * v + 3 * v ** 2 + v ** 3 + 2 * v ** 4), 4);',
      'console.log(JSON.stringify({ before, line, afterFloat, after: lazy(), method: fit.method, b: fit.coefficients }));',
    ].join('\n');
    expect(runInLayer(script)).toEqual({
      before: false,
      line: 0.6, // the exact slope, 3/5 (scipy 1.17: 0.6000000000000001)
      afterFloat: false,
      after: true,
      method: 'bignumber',
      b: [1, 2, 3, 1, 2],
    });
  });

  it('serves the partial forms as their own file, not loaded by the core', async () => {
    // The endpoints' core file stays as light as before; a job worker
    // requires '@lambda-stats/stats-core/partial' and gets every export of
    // the core's ./partial entry (the allowlist's names list is checked here).
    const entry = await import('@lambda-stats/stats-core/partial');
    const script = [
      "const c = require('@lambda-stats/stats-core');",
      "const loaded = () => Object.keys(require.cache).some((f) => f.endsWith('partial.js'));",
      'c.linregress([1, 2, 3], [1, 2, 4]);',
      'const before = loaded();',
      "const p = require('@lambda-stats/stats-core/partial');",
      'const s = p.linregressMerge(p.linregressPartial([1, 2], [5, 7]), p.linregressPartial([3], [9.5]));',
      'console.log(JSON.stringify({ before, names: Object.keys(p).sort(), slope: p.linregressFinalize(s).slope }));',
    ].join('\n');
    const out = runInLayer(script);
    expect(out.before).toBe(false);
    expect(out.names).toEqual(Object.keys(entry).sort());
    expect(out.slope).toBe(2.25); // the exact slope of (1, 5), (2, 7), (3, 9.5)
  });

  it('provides a working stats core to require() through NODE_PATH, as /opt/nodejs/node_modules', () => {
    // scipy 1.17: stats.linregress([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]).slope == 0.6000000000000001
    const fit = runInLayer(
      "const c = require('@lambda-stats/stats-core'); console.log(JSON.stringify(c.linregress([1,2,3,4,5],[2,4,5,4,5])))",
    );
    expect(fit.slope).toBeCloseTo(0.6, 12);
  });
});
