/**
 * Each built function (dist/, made by `turbo run build` before this test),
 * laid out as Lambda does: the zip in a task root, the layer under an
 * /opt-like folder, NODE_PATH=<opt>/nodejs/node_modules, the handler string
 * `index.handler` resolved by the runtime's rules, in a fresh Node process.
 * With the layer it answers; without it, it cannot even load: the seed's
 * "it doesn't know what scipy is".
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { digest, readFunctionManifest } from '@lambda-stats/lambda-kit/manifest';
import { afterAll, describe, expect, it } from 'vitest';
import { analyticsFunctions, jobFunctions } from '../build';
import { endpoints } from '../src/endpoints/index';
import { csvForm } from '../src/http/csvExample';
import { invoke, type Layout, layOut, writeTaskRoot } from '../support/lambda-layout';
import { fixture } from './support/events';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const layerZip = fileURLToPath(
  new URL('../../../layers/stats-runtime/dist/stats-runtime.zip', import.meta.url),
);
const layouts: Layout[] = [];
afterAll(() => {
  for (const l of layouts)
    rmSync(path.dirname(path.dirname(l.taskRoot)), { recursive: true, force: true });
});
async function laidOut(name: string, withLayer: boolean) {
  const l = await layOut(path.join(dist, `${name}.zip`), withLayer ? layerZip : undefined);
  layouts.push(l);
  return l;
}

// Read with the schema infra reads it with: a manifest infra would refuse fails here.
const manifest = readFunctionManifest(dist);
const sdkFunctions = [...jobFunctions, ...analyticsFunctions];
const isJob = (name: string) => sdkFunctions.some((j) => j.name === name);

describe('dist/manifest.json', () => {
  it('lists every endpoint, sorted by name, with its route and the digest of its zip', () => {
    const names = endpoints.map((e) => e.name).sort();
    const stats = manifest.functions.filter((f) => !isJob(f.name));
    expect(stats.map((f) => f.name)).toEqual(names);
    // the jobs and analytics functions follow, with their routes (build.ts)
    expect(manifest.functions.filter((f) => isJob(f.name)).map((f) => [f.name, f.routes])).toEqual(
      sdkFunctions.map((j) => [j.name, [...j.routes]]),
    );
    for (const f of stats) {
      const d = digest(readFileSync(path.join(dist, `${f.name}.zip`)));
      expect(f).toEqual({
        name: f.name,
        routes: [`POST /${f.name}`],
        zip: `${f.name}.zip`,
        handler: 'index.handler',
        sha256: d.sha256,
        base64Sha256: d.base64Sha256,
        size: d.size,
      });
    }
  });
});

describe.each(endpoints.map((e) => [e.name, e] as const))(
  '%s.zip as Lambda runs it',
  (name, endpoint) => {
    it('answers an API Gateway request through the layer, logging JSON with the request id', async () => {
      const event = fixture('http-api-v2');
      event.body = JSON.stringify(endpoint.example.request);
      const run = await invoke(await laidOut(name, true), [event, { bogus: true }], {
        env: { POWERTOOLS_LOG_LEVEL: 'INFO' },
      });
      expect(run.report.phase, run.stderr).toBe('done');
      const [ok, bad] = run.report.results!;
      const res = ok!.value as { statusCode: number; body: string };
      expect(res.statusCode).toBe(200);
      const body = JSON.parse(res.body) as Record<string, unknown>;
      for (const [k, want] of Object.entries(
        endpoint.example.response as Record<string, unknown>,
      )) {
        if (typeof want === 'number') expect(body[k], k).toBeCloseTo(want, 8);
        else expect(body[k], k).toBeDefined();
      }
      expect((bad!.value as { error: { code: string } }).error.code).toBe('invalid_request');

      const lines = run.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      // at INFO, each invocation's EMF metric fields ride on its log line (tests/metrics.test.ts)
      expect(lines.map((l) => [l.endpoint, l.status_code, l.cold_starts, '_aws' in l])).toEqual([
        [name, 200, 1, true],
        [name, 400, 0, true],
      ]);
      const logs = lines;
      expect(logs.map((l) => [l.level, l.message, l.function_request_id])).toEqual([
        ['INFO', 'request handled', 'req-0'],
        ['INFO', 'request rejected', 'req-1'],
      ]);
      expect(logs[0]).toMatchObject({
        endpoint: name,
        statusCode: 200,
        api_request_id: 'JKJaXmPLvHcESHA=',
      });
    });

    it("answers the CSV form of its example as the JSON form, through the layer's tabular module", async () => {
      const { csv, query } = csvForm(endpoint, endpoint.example.request as Record<string, unknown>);
      const jsonEvent = fixture('http-api-v2');
      jsonEvent.body = JSON.stringify(endpoint.example.request);
      const csvEvent = fixture('http-api-v2');
      csvEvent.body = csv;
      csvEvent.headers = { 'content-type': 'text/csv' };
      csvEvent.queryStringParameters = query;
      const run = await invoke(await laidOut(name, true), [jsonEvent, csvEvent]);
      expect(run.report.phase, run.stderr).toBe('done');
      const [json, fromCsv] = run.report.results!.map(
        (r) => r.value as { statusCode: number; body: string },
      );
      expect(fromCsv!.statusCode, fromCsv!.body).toBe(200);
      expect(JSON.parse(fromCsv!.body)).toEqual(JSON.parse(json!.body));
    });

    it("fails to load without the layer: Runtime.ImportModuleError for the layer's core file", async () => {
      // the core is bundled into the function, but its BigNumber path and the
      // CSV reader come from the layer: the function checks for it at init
      const run = await invoke(await laidOut(name, false), [endpoint.example.request]);
      expect(run.report).toEqual({
        phase: 'init',
        errorType: 'Runtime.ImportModuleError',
        // the managed runtime prefixes the error's name: "Error: Cannot find module ..."
        errorMessage: "Error: Cannot find module '@lambda-stats/stats-core/mathjs.js'",
      });
    });
  },
);

describe("the runtime's module rules, which the artifacts rely on", () => {
  const linregressZip = () => path.join(dist, 'linregress.zip');

  it("a fit on the BigNumber path loads the layer's mathjs.js on demand, from /opt", async () => {
    // An exact quadratic: zero residuals, which the float64 bound never
    // accepts, so the core requires stats-core/mathjs.js (beside its
    // index.js in the layer) on this first high-precision call.
    const event = fixture('http-api-v2');
    const x = [0, 1, 2, 3, 4, 5];
    event.body = JSON.stringify({ x, y: x.map((v) => 1 + 2 * v + 3 * v * v), degree: 2 });
    const run = await invoke(await laidOut('polyfit', true), [event]);
    expect(run.report.phase, run.stderr).toBe('done');
    const res = run.report.results![0]!.value as { statusCode: number; body: string };
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ coefficients: [1, 2, 3], method: 'bignumber' });
  });

  it('a package.json saying "type": "module" would make index.js ESM and break the CommonJS bundle', async () => {
    const l = await layOut(linregressZip(), layerZip);
    layouts.push(l);
    writeTaskRoot(l, { 'package.json': '{"type":"module"}' });
    const run = await invoke(l, [{}]);
    expect(run.report.phase).toBe('init');
    expect(run.report.errorMessage).toMatch(/(module|exports|require) is not defined/);
  });

  it('NODE_PATH serves require() but not ESM import, so the functions are CommonJS', async () => {
    const l = await layOut(linregressZip(), layerZip);
    layouts.push(l);
    writeTaskRoot(l, {
      'esm.mjs':
        "import { linregress } from '@lambda-stats/stats-core';\nexport const handler = async () => linregress([1, 2, 3], [1, 2, 4]);\n",
      'cjs.js':
        "const { linregress } = require('@lambda-stats/stats-core');\nexports.handler = async () => linregress([1, 2, 3], [1, 2, 4]);\n",
    });
    const esm = await invoke(l, [{}], { handler: 'esm.handler' });
    expect(esm.report).toMatchObject({ phase: 'init' });
    expect(esm.report.errorMessage).toMatch(
      /Cannot find (package|module) '@lambda-stats\/stats-core'/,
    );
    const cjs = await invoke(l, [{}], { handler: 'cjs.handler' });
    expect(cjs.report.phase).toBe('done');
    // numpy: np.polyfit([1, 2, 3], [1, 2, 4], 1)[0] == 1.5
    expect((cjs.report.results![0]!.value as { slope: number }).slope).toBeCloseTo(1.5, 12);
  });
});

describe('the bundles', () => {
  const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

  it('are one CommonJS index.js that requires the layer and carries no absolute path', async () => {
    for (const f of manifest.functions) {
      const l = await laidOut(String(f.name), false);
      const files = readdirSync(l.taskRoot);
      expect(files).toEqual(['index.js']);
      const code = readFileSync(path.join(l.taskRoot, 'index.js'), 'utf8');
      if (isJob(String(f.name))) {
        expect(code).toContain('require("@lambda-stats/stats-core")');
      } else {
        // the endpoints carry their part of the core and require only its lazy files from the layer
        expect(code).not.toContain('require("@lambda-stats/stats-core")');
        expect(code).toContain('require("@lambda-stats/stats-core/mathjs.js")');
      }
      expect(code).not.toMatch(/^\s*import\s|\bimport\.meta\b/m);
      expect(code).not.toContain(repoRoot);
      expect(code).not.toContain('sourceMappingURL');
      // the AWS SDK comes from the runtime, and only the jobs and analytics functions load it
      if (isJob(String(f.name)))
        expect(code).toMatch(/require\("@aws-sdk\/client-(s3|dynamodb)"\)/);
      else expect(code).not.toContain('@aws-sdk');
    }
  });

  it("build at load only the decimal readers' tables they read (build.ts, PURE_CALLS)", async () => {
    // The fits read float64 values as the decimals written, through tables of
    // powers of ten and ulps (2048 entries each; the core builds them on first
    // use, and the other tables of their modules at load). A function that
    // never reads them must not carry them just because it imports something
    // else from their module.
    const readers = ['linregress', 'ols', 'polyfit'];
    for (const e of endpoints) {
      const l = await laidOut(e.name, false);
      const code = readFileSync(path.join(l.taskRoot, 'index.js'), 'utf8');
      expect(code.includes('length:2048'), e.name).toBe(readers.includes(e.name));
    }
  });

  it('have source maps (kept in dist/, not shipped) with relative sources', () => {
    for (const f of manifest.functions) {
      const map = readFileSync(path.join(dist, 'sourcemaps', `${f.name}.js.map`), 'utf8');
      expect(map).not.toContain(repoRoot);
      const sources = (JSON.parse(map) as { sources: string[] }).sources;
      expect(sources.every((s) => !path.isAbsolute(s))).toBe(true);
    }
  });
});
