/**
 * The playground (packages/playground): its own function and GET routes in
 * the stacks whose typed config turns it on (local, dev), none of it in
 * prod, and a clear error when a stack needs it and it was not built.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArtifacts } from '../src/artifacts';
import { environmentConfig } from '../src/config';
import { writeFixtureArtifacts } from './helpers/fixtures';
import { type Json, resources, synthStack } from './helpers/synth';

let root: string;
let unbuilt: string;

beforeAll(async () => {
  root = await writeFixtureArtifacts();
  unbuilt = await writeFixtureArtifacts({ playground: false });
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
    });
  }

  it('prod: no playground function, route or output, even when it was built', () => {
    const { tf } = synthStack('prod', root);
    expect(routeKeys(tf).filter((k: string) => k.startsWith('GET '))).toEqual([]);
    expect(functionNamed(tf, '-playground')).toBeUndefined();
    expect(tf.output.playground_url).toBeUndefined();
  });

  it('says to build it when a stack serves it and it was not built; prod does not need it', () => {
    expect(() => synthStack('dev', unbuilt)).toThrow(
      'the dev stack serves the playground (playground: true in infra/src/config.ts) but packages/playground/dist/manifest.json is missing: run `pnpm build`',
    );
    expect(() => synthStack('prod', unbuilt)).not.toThrow();
  });
});
