/**
 * The playground (packages/playground): its own function and GET routes in
 * the stacks whose typed config turns it on (local, dev), none of it in
 * prod, and a notice when a stack that serves it is synthesized without
 * its build (it then deploys without it).
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playgroundNotice, readArtifacts } from '../src/artifacts';
import { environmentConfig } from '../src/config';
import { writeFixtureArtifacts } from './helpers/fixtures';
import { type Json, resources, synthStack } from './helpers/synth';

let root: string;
let unbuilt: string;

beforeAll(async () => {
  root = await writeFixtureArtifacts({ playground: true });
  unbuilt = await writeFixtureArtifacts();
});

afterAll(() => {
  for (const dir of [root, unbuilt]) rmSync(dir, { recursive: true, force: true });
});

const routeKeys = (tf: Json) => resources(tf, 'aws_apigatewayv2_route').map(([, r]) => r.route_key);
const functionNamed = (tf: Json, suffix: string) =>
  resources(tf, 'aws_lambda_function').find(([, f]) => f.function_name.endsWith(suffix))?.[1];

describe('the playground in the typed config', () => {
  it('is on in local and dev and off in prod', () => {
    expect(environmentConfig('local').playground).toBe(true);
    expect(environmentConfig('dev').playground).toBe(true);
    expect(environmentConfig('prod').playground).toBe(false);
  });

  for (const name of ['local', 'dev'] as const) {
    it(`${name}: one function without a layer, GET /playground and GET /openapi.json routed to it`, () => {
      const { tf } = synthStack(name, root);
      expect(routeKeys(tf)).toEqual(
        expect.arrayContaining(['GET /playground', 'GET /openapi.json']),
      );
      const fn = functionNamed(tf, '-playground');
      expect(fn).toMatchObject({ handler: 'index.handler', memory_size: 128, layers: [] });
      expect(fn.source_code_hash).toBe(readArtifacts(root).playground!.base64Sha256);
      // each GET route may invoke it, and only those
      const sources = resources(tf, 'aws_lambda_permission')
        .map(([, p]) => p)
        .filter((p) => String(p.function_name).includes('playground'))
        .map((p) => String(p.source_arn).replace(/^.*\/\*\//, ''));
      expect(sources.sort()).toEqual(['GET/openapi.json', 'GET/playground']);
      expect(tf.output.playground_url.value).toMatch(/invoke_url\}playground$/);
      // the page learns the stack's analyses, and its CSP the data bucket it uploads large files to
      const env = fn.environment[0]?.variables ?? fn.environment.variables;
      const analyses = environmentConfig(name).analyses.map((a) => a.name);
      if (analyses.length > 0) expect(env.LAMBDA_STATS_ANALYSES).toBe(analyses.join(','));
      else expect(env.LAMBDA_STATS_ANALYSES).toBeUndefined();
      expect(env.LAMBDA_STATS_DATA_BUCKET).toMatch(/aws_s3_bucket\.data_.*\.bucket\}$/);
    });
  }

  it('prod: no playground function, route or output, even when it was built', () => {
    const { tf } = synthStack('prod', root);
    expect(routeKeys(tf).filter((k: string) => /^GET \/(playground|openapi)/.test(k))).toEqual([]);
    expect(functionNamed(tf, '-playground')).toBeUndefined();
    expect(tf.output.playground_url).toBeUndefined();
  });

  it('deploys without it when it was not built, and says so for the stacks that serve it', () => {
    const { tf } = synthStack('dev', unbuilt);
    expect(functionNamed(tf, '-playground')).toBeUndefined();
    expect(routeKeys(tf).filter((k: string) => /^GET \/(playground|openapi)/.test(k))).toEqual([]);
    const missing = readArtifacts(unbuilt);
    expect(playgroundNotice(missing, [environmentConfig('local'), environmentConfig('dev')])).toBe(
      'packages/playground/dist/manifest.json is missing, so the local and dev stacks will deploy without the playground page: run `pnpm build` to include it',
    );
    expect(playgroundNotice(missing, [environmentConfig('prod')])).toBeUndefined();
    expect(playgroundNotice(readArtifacts(root), [environmentConfig('dev')])).toBeUndefined();
  });
});
