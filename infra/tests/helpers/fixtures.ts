/**
 * Small stand-ins for the build artifacts (handler zips, layer zip and their
 * manifests, written with the manifest schema's own writer), below a temp root with
 * the repository's layout, so infra can be tested before the handler and
 * layer builds exist. Deterministic: fixed mtimes and modes.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  digest,
  type FunctionEntry,
  statsRuntimeManifest,
  writeManifest,
} from '@lambda-stats/lambda-kit/manifest';
import { buildZip } from '@lambda-stats/lambda-kit/zip';
import { HANDLERS_DIST, LAYER_DIST, PLAYGROUND_DIST } from '../../src/artifacts';

/** A reproducible zip of the given files, written as the builds write theirs. */
const zip = (entries: Record<string, string>) =>
  buildZip(
    Object.entries(entries).map(([name, text]) => ({ path: name, data: Buffer.from(text) })),
  );

export const FIXTURE_FUNCTIONS = ['linregress', 'ols'];

/** The jobs functions every handlers build has (packages/handlers/build.ts, jobFunctions). */
export const JOB_FIXTURE_FUNCTIONS = [
  { name: 'datasets', routes: ['POST /datasets', 'GET /datasets/{id}'] },
  { name: 'jobs', routes: ['POST /jobs', 'GET /jobs/{id}'] },
  { name: 'job_split', routes: [] },
  { name: 'job_worker', routes: [] },
  { name: 'job_reduce', routes: [] },
  { name: 'job_failure', routes: [] },
  // the analytics functions (packages/handlers/build.ts, analyticsFunctions)
  { name: 'analytics', routes: ['GET /analyses/{name}/results', 'GET /analyses/{name}/runs'] },
  { name: 'analytics_list', routes: [] },
  { name: 'analytics_series', routes: [] },
  { name: 'analytics_finish', routes: [] },
];

/** Writes fixture artifacts below a new temp dir (or `root`) and returns that root. */
export async function writeFixtureArtifacts(
  options: {
    root?: string;
    functions?: string[];
    handlerBody?: string;
    jobs?: boolean;
    /** Also write the playground's artifacts (default false: the stats functions alone). */
    playground?: boolean;
  } = {},
): Promise<string> {
  const root = options.root ?? mkdtempSync(path.join(tmpdir(), 'lambda-stats-artifacts-'));
  const handlersDir = path.join(root, HANDLERS_DIST);
  const layerDir = path.join(root, LAYER_DIST);
  mkdirSync(handlersDir, { recursive: true });
  mkdirSync(layerDir, { recursive: true });

  const functions: FunctionEntry[] = [];
  for (const name of [...(options.functions ?? FIXTURE_FUNCTIONS)].sort()) {
    const bytes = await zip({
      'index.js': `exports.handler = async () => ({ statusCode: 200, body: ${JSON.stringify(JSON.stringify({ fixture: name }))}${options.handlerBody ?? ''} });\n`,
    });
    writeFileSync(path.join(handlersDir, `${name}.zip`), bytes);
    functions.push({
      name,
      routes: [`POST /${name}`],
      zip: `${name}.zip`,
      handler: 'index.handler',
      ...digest(bytes),
    });
  }
  for (const job of options.jobs === false ? [] : JOB_FIXTURE_FUNCTIONS) {
    const bytes = await zip({
      'index.js': `exports.handler = async () => ({ fixture: '${job.name}' });\n`,
    });
    writeFileSync(path.join(handlersDir, `${job.name}.zip`), bytes);
    functions.push({
      name: job.name,
      routes: [...job.routes],
      zip: `${job.name}.zip`,
      handler: 'index.handler',
      ...digest(bytes),
    });
  }
  writeManifest(handlersDir, { functions });

  const layerBytes = await zip({
    'nodejs/node_modules/stats-fixture/index.js': 'module.exports = { fixture: true };\n',
    'nodejs/node_modules/stats-fixture/package.json':
      '{"name":"stats-fixture","main":"index.js"}\n',
  });
  writeFileSync(path.join(layerDir, 'stats-runtime.zip'), layerBytes);
  writeManifest(layerDir, statsRuntimeManifest(layerBytes));

  if (options.playground ?? false) {
    const playgroundDir = path.join(root, PLAYGROUND_DIST);
    mkdirSync(playgroundDir, { recursive: true });
    const bytes = await zip({
      'index.js': 'exports.handler = async () => ({ statusCode: 200, body: "<!doctype html>" });\n',
    });
    writeFileSync(path.join(playgroundDir, 'playground.zip'), bytes);
    writeManifest(playgroundDir, {
      functions: [
        {
          name: 'playground',
          routes: ['GET /playground', 'GET /openapi.json'],
          zip: 'playground.zip',
          handler: 'index.handler',
          ...digest(bytes),
        },
      ],
    });
  }
  return root;
}
