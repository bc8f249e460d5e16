/**
 * Builds dist/stats-runtime.zip (the Lambda layer) and dist/manifest.json.
 *
 * Each module of the allowlist (src/allowlist.ts) becomes ONE minified
 * CommonJS file at nodejs/node_modules/<name>/index.js, the path Lambda's
 * Node.js runtime puts on NODE_PATH (/opt/nodejs/node_modules). Run with
 * `pnpm --filter @lambda-stats/stats-runtime build`.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LayerManifest, writeManifest } from '@lambda-stats/lambda-kit/manifest';
import { build, type Plugin } from 'esbuild';
import { type LayerModule, type LazyImport, layerModules, matchesPackage } from './src/allowlist';
import {
  buildZip,
  checkLimits,
  digest,
  formatSize,
  makePackageOf,
  unzippedSize,
  type ZipEntry,
} from './src/artifact';
import { lazyImports } from './src/lazy';

const root = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(root, 'dist');
const repoRoot = path.resolve(root, '../..');
const packageOf = makePackageOf(root);

async function bundleModule(m: LayerModule): Promise<Buffer> {
  // An ESM re-export, not `module.exports = require(...)`: esbuild keeps
  // tree-shaking the ESM graph behind an `export *`, but a require() of it
  // kept all of mathjs (1.5 MB, every factory instantiated at load: a 1.2 s
  // cold start instead of 16 ms).
  return bundle(m, `export * from ${JSON.stringify(m.name)};`, [lazyImports(m.lazy ?? [])]);
}

/** The split-off file of a lazy import: only its named exports, tree-shaken. */
function bundleLazy(m: LayerModule, l: LazyImport): Promise<Buffer> {
  return bundle(m, `export { ${l.names.join(', ')} } from ${JSON.stringify(l.specifier)};`, []);
}

async function bundle(m: LayerModule, contents: string, plugins: Plugin[]): Promise<Buffer> {
  const { name, bundles } = m;
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    plugins,
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: root,
  });
  const foreign = new Set<string>();
  for (const input of Object.keys(result.metafile.inputs)) {
    if (input.startsWith('lazy:')) continue; // the getters module, made above
    const pkg = packageOf(input);
    if (pkg !== undefined && pkg !== name && !matchesPackage(pkg, bundles)) foreign.add(pkg);
  }
  if (foreign.size > 0) {
    throw new Error(
      `${name} pulls in ${[...foreign].sort().join(', ')}, not in its allowlist: ` +
        `add it to "bundles" in layers/stats-runtime/src/allowlist.ts (with a reason) or drop the dependency`,
    );
  }
  const text = result.outputFiles[0]!.contents;
  const buf = Buffer.from(text);
  if (buf.includes(Buffer.from(repoRoot))) {
    // a cheap guard; the reproducibility test compares bytes across clones
    throw new Error(`${name}: bundle contains the absolute path ${repoRoot}`);
  }
  return buf;
}

async function main(): Promise<void> {
  const entries: ZipEntry[] = [];
  for (const m of layerModules) {
    const dir = `nodejs/node_modules/${m.name}`;
    entries.push({ path: `${dir}/index.js`, data: await bundleModule(m) });
    for (const l of m.lazy ?? []) {
      entries.push({ path: `${dir}/${l.file}`, data: await bundleLazy(m, l) });
    }
    const pkg = { name: m.name, private: true, type: 'commonjs', main: 'index.js' };
    entries.push({ path: `${dir}/package.json`, data: Buffer.from(`${JSON.stringify(pkg)}\n`) });
  }
  const zip = await buildZip(entries);
  const d = digest(zip);
  const unzipped = unzippedSize(entries);
  checkLimits('stats-runtime layer', d.size, unzipped);

  mkdirSync(dist, { recursive: true });
  writeFileSync(path.join(dist, 'stats-runtime.zip'), zip);
  const manifest: LayerManifest = {
    name: 'stats-runtime',
    zip: 'stats-runtime.zip',
    sha256: d.sha256,
    base64Sha256: d.base64Sha256,
    size: d.size,
    compatibleRuntimes: ['nodejs22.x'],
    compatibleArchitectures: ['arm64', 'x86_64'],
  };
  writeManifest(dist, manifest);
  console.log(
    `stats-runtime.zip  sha256 ${d.sha256}  ${formatSize(d.size)} zipped (${d.size} B), ${formatSize(unzipped)} unzipped`,
  );
  for (const e of entries) console.log(`  ${e.path}  ${formatSize(e.data.length)}`);
}

await main();
