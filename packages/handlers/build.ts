/**
 * Builds one Lambda function zip per endpoint (src/endpoints/index.ts) into
 * dist/<name>.zip, and dist/manifest.json for infra and the local stack.
 *
 * Each zip holds a single minified CommonJS file, `index.js`, exporting
 * `handler` (handler string `index.handler`): the endpoint, the HTTP
 * framework, valibot and the JSON logger, bundled. What the stats-runtime
 * layer provides is left as `require(...)`, from the layer's own allowlist,
 * so function and layer cannot drift. Source maps are written to
 * dist/sourcemaps/ for debugging but not shipped: Node would need
 * --enable-source-maps to use them, which slows every start and every stack.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  assertNoAbsolutePath,
  LAMBDA_BUNDLE_OPTIONS,
} from '@lambda-stats/lambda-kit/lambda-bundle';
import { type FunctionEntry, writeManifest } from '@lambda-stats/lambda-kit/manifest';
import {
  type LazyImport,
  layerExternals,
  layerModules,
  layerOnlyPackages,
  matchesPackage,
} from '@lambda-stats/stats-runtime/allowlist';
import {
  buildZip,
  checkLimits,
  digest,
  formatSize,
  makePackageOf,
  zipUnzippedSize,
} from '@lambda-stats/stats-runtime/artifact';
import { lazyImports } from '@lambda-stats/stats-runtime/lazy';
import { type BuildOptions, build } from 'esbuild';
import { routeOf } from './src/endpoint';
import { endpoints } from './src/endpoints/index';

const root = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(root, '../..');
const dist = path.join(root, 'dist');
const packageOf = makePackageOf(root);

/**
 * Calls esbuild may drop when their result is unused. It cannot know that a
 * typed array's or an array's `from` has no side effect, so a module-level
 * table such as `const TENS = Float64Array.from({ length: 633 }, ...)` was
 * kept, and BUILT AT LOAD, in every function that imports anything from its
 * module: describe carried the decimal readers' four tables (633 and 3 x
 * 2048 entries, about 1.5 ms of CPU per cold start on Node 22) without ever
 * reading them. Each of these builds a fresh array from its arguments and
 * nothing else, and no call of them in the core or the handlers is made
 * for a side effect of its callback (tests/lambda-layout.test.ts checks
 * that no endpoint bundle keeps a table it does not read).
 */
export const PURE_CALLS = [
  'Array.from',
  'Float64Array.from',
  'Int32Array.from',
  'Uint32Array.from',
] as const;

/** esbuild options shared with the tests and the benchmark's hello-world. */
export const bundleOptions: BuildOptions = {
  ...LAMBDA_BUNDLE_OPTIONS,
  external: [...layerExternals],
  pure: [...PURE_CALLS],
};

/**
 * The jobs functions (src/jobs/, docs/jobs.md): the datasets and jobs API,
 * and the job state machine's steps (no route). They use the AWS SDK v3 as
 * the managed nodejs22.x runtime provides it (never bundled), so only these
 * functions load it. Infra finds them by these names.
 */
export const jobFunctions = [
  {
    name: 'datasets',
    module: 'api',
    exportName: 'datasetsHandler',
    routes: ['POST /datasets', 'GET /datasets/{id}'],
  },
  {
    name: 'jobs',
    module: 'api',
    exportName: 'jobsHandler',
    routes: ['POST /jobs', 'GET /jobs/{id}'],
  },
  { name: 'job_split', module: 'engine', exportName: 'split', routes: [] },
  { name: 'job_worker', module: 'engine', exportName: 'work', routes: [] },
  { name: 'job_reduce', module: 'engine', exportName: 'reduce', routes: [] },
  { name: 'job_failure', module: 'engine', exportName: 'failure', routes: [] },
] as const;

/**
 * The analytics functions (src/analytics/, docs/analytics-runs.md): the
 * analyses API and the steps of each analysis's state machine. Like the
 * jobs functions they use the runtime's AWS SDK. Infra finds them by name.
 */
export const analyticsFunctions = [
  {
    name: 'analytics',
    module: 'api',
    exportName: 'analyticsApi',
    routes: ['GET /analyses/{name}/results', 'GET /analyses/{name}/runs'],
  },
  { name: 'analytics_list', module: 'functions', exportName: 'listSeries', routes: [] },
  { name: 'analytics_series', module: 'functions', exportName: 'analyseSeriesStep', routes: [] },
  { name: 'analytics_finish', module: 'functions', exportName: 'finishRun', routes: [] },
] as const;

const CORE = '@lambda-stats/stats-core';

/**
 * The endpoint functions bundle the stats core into their own index.js,
 * tree-shaken to what that endpoint calls, instead of requiring the
 * layer's whole core (100 KB) at load: Node's cold start is dominated by
 * compiling the modules it loads, and one endpoint uses a third to a half
 * of the core (measured A/B in docs/building.md, "The stats core in each
 * function"). What stays in the layer and is loaded only when needed: the
 * core's lazy imports (mathjs's BigNumber for the high-precision path, the
 * partial forms), which a function requires from the layer's split-off
 * files (`@lambda-stats/stats-core/mathjs.js`) on first use through
 * getters, exactly as the layer's own core does; and the CSV reader
 * (`@lambda-stats/tabular`). Packages the core bundles besides mathjs
 * (quickselect) come along with it.
 */
const coreModule = layerModules.find((m) => m.name === CORE)!;
const coreLazy: readonly LazyImport[] = coreModule.lazy ?? [];
/** What an endpoint bundle may hold although the layer has it too. */
const inlinedWithCore = new Set([CORE, ...coreModule.bundles.filter((p) => p === 'quickselect')]);

/**
 * The first line of an endpoint's index.js: resolves (without loading) the
 * layer's split-off core file, so a function deployed without the layer
 * still fails at init with Runtime.ImportModuleError, as it did when it
 * required the layer's core at load, rather than on its first BigNumber
 * or CSV request.
 */
const LAYER_CHECK = `require.resolve(${JSON.stringify(`${CORE}/${coreLazy.find((l) => l.specifier === 'mathjs')!.file}`)});`;

/** What the managed runtime provides (never bundled into a jobs function). */
const RUNTIME_SDK = '@aws-sdk/*';

function endpointEntry(name: string): string {
  const file = `./src/endpoints/${name}.ts`;
  if (!existsSync(path.join(root, file))) {
    throw new Error(`endpoint "${name}" must live in src/endpoints/${name}.ts and export ${name}`);
  }
  return [
    LAYER_CHECK,
    `import { createHandler } from './src/handler';`,
    `import { ${name} as endpoint } from ${JSON.stringify(file)};`,
    'export const handler = createHandler(endpoint);',
  ].join('\n');
}

async function bundleEndpoint(
  name: string,
  contents = endpointEntry(name),
  external: string[] = [],
  inlineCore = true,
): Promise<{ code: Buffer; map: Buffer }> {
  const layerExternal = (bundleOptions.external ?? []).filter((e) => !inlineCore || e !== CORE);
  const result = await build({
    ...bundleOptions,
    // the layer's split-off core files, required (and resolved) at run time
    external: [
      ...layerExternal,
      ...(inlineCore ? coreLazy.map((l) => `${CORE}/${l.file}`) : []),
      ...external,
    ],
    plugins: inlineCore ? [lazyImports(coreLazy, (l) => `${CORE}/${l.file}`)] : [],
    stdin: {
      contents,
      resolveDir: root,
      sourcefile: `${name}-entry.ts`,
      loader: 'ts',
    },
    outfile: path.join(dist, 'sourcemaps', `${name}.js`),
    sourcemap: 'external',
    sourcesContent: false,
    write: false,
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: root,
  });
  const layerOnly = new Set<string>();
  for (const input of Object.keys(result.metafile.inputs)) {
    const pkg = packageOf(input);
    if (pkg === undefined || (inlineCore && inlinedWithCore.has(pkg))) continue;
    if (matchesPackage(pkg, layerOnlyPackages)) layerOnly.add(pkg);
  }
  if (layerOnly.size > 0) {
    throw new Error(
      `${name}.zip would bundle ${[...layerOnly].sort().join(', ')}, which the stats-runtime layer provides: import it through ${layerExternals.join(', ')}`,
    );
  }
  const code = result.outputFiles.find((f) => f.path.endsWith('.js'))!;
  const map = result.outputFiles.find((f) => f.path.endsWith('.js.map'))!;
  for (const f of [code, map]) {
    assertNoAbsolutePath(path.basename(f.path), f.contents, repoRoot);
  }
  return { code: Buffer.from(code.contents), map: Buffer.from(map.contents) };
}

/** Writes dist/<name>.zip (index.js alone) and its source map; returns its manifest entry. */
async function writeFunction(
  name: string,
  routes: string[],
  code: Buffer,
  map: Buffer,
  layerUnzipped: number,
): Promise<FunctionEntry> {
  const zip = await buildZip([{ path: 'index.js', data: code }]);
  const d = digest(zip);
  checkLimits(`${name}.zip`, d.size, code.length + layerUnzipped);
  writeFileSync(path.join(dist, `${name}.zip`), zip);
  writeFileSync(path.join(dist, 'sourcemaps', `${name}.js.map`), map);
  console.log(
    `${name}.zip  sha256 ${d.sha256}  ${formatSize(d.size)} zipped (${d.size} B), ` +
      `index.js ${formatSize(code.length)}, ${formatSize(code.length + layerUnzipped)} unzipped with the layer`,
  );
  return {
    name,
    routes,
    zip: `${name}.zip`,
    handler: 'index.handler',
    sha256: d.sha256,
    base64Sha256: d.base64Sha256,
    size: d.size,
  };
}

async function main(): Promise<void> {
  const require = createRequire(import.meta.url);
  const layerZip = require.resolve('@lambda-stats/stats-runtime/dist/stats-runtime.zip');
  const layerUnzipped = await zipUnzippedSize(layerZip);

  rmSync(dist, { recursive: true, force: true });
  mkdirSync(path.join(dist, 'sourcemaps'), { recursive: true });
  const names = endpoints.map((e) => e.name);
  const dupes = names.filter((n, i) => names.indexOf(n) !== i);
  if (dupes.length > 0) throw new Error(`endpoint names must be unique: ${dupes.join(', ')}`);

  const functions: FunctionEntry[] = [];
  for (const endpoint of [...endpoints].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const { code, map } = await bundleEndpoint(endpoint.name);
    functions.push(
      await writeFunction(endpoint.name, [routeOf(endpoint)], code, map, layerUnzipped),
    );
  }
  const sdkFunctions = [
    ...jobFunctions.map((fn) => ({ ...fn, entries: `./src/jobs/${fn.module}` })),
    ...analyticsFunctions.map((fn) => ({ ...fn, entries: `./src/analytics/${fn.module}` })),
  ];
  for (const fn of sdkFunctions) {
    const { code, map } = await bundleEndpoint(
      fn.name,
      `export { ${fn.exportName} as handler } from '${fn.entries}';`,
      [RUNTIME_SDK],
      false, // the jobs and analytics functions use the layer's core (and its partial forms)
    );
    functions.push(await writeFunction(fn.name, [...fn.routes], code, map, layerUnzipped));
  }
  writeManifest(dist, { functions });
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  await main();
}
