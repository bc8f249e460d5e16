/** The artifact manifests are checked before anything is synthesized. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HANDLERS_DIST, LAYER_DIST, readArtifacts } from '../src/artifacts';
import { writeFixtureArtifacts } from './helpers/fixtures';
import type { Json } from './helpers/synth';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

async function fixture() {
  const root = await writeFixtureArtifacts();
  roots.push(root);
  return root;
}

function editManifest(file: string, edit: (m: Json) => void) {
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  edit(manifest);
  writeFileSync(file, JSON.stringify(manifest));
}

describe('readArtifacts', () => {
  it('reads both manifests and resolves the zips beside them', async () => {
    const root = await fixture();
    const artifacts = readArtifacts(root);
    expect(
      artifacts.functions
        .filter((f) => f.routes.length === 1 && f.routes[0] === `POST /${f.name}`)
        .map((f) => f.name),
    ).toEqual(['linregress', 'ols']);
    expect(artifacts.functions.find((f) => f.name === 'jobs')?.routes).toEqual([
      'POST /jobs',
      'GET /jobs/{id}',
    ]);
    expect(artifacts.functions[0]!.zipPath).toBe(path.join(root, HANDLERS_DIST, 'linregress.zip'));
    expect(artifacts.layer.zipPath).toBe(path.join(root, LAYER_DIST, 'stats-runtime.zip'));
  });

  it('says to run `pnpm build` when the build output is missing', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'lambda-stats-artifacts-'));
    roots.push(empty);
    expect(() => readArtifacts(empty)).toThrow(
      /missing build artifact .*packages\/handlers\/dist\/manifest\.json: run `pnpm build` first/,
    );
  });

  it('refuses a zip whose bytes do not match the manifest (a stale build)', async () => {
    const root = await fixture();
    writeFileSync(path.join(root, HANDLERS_DIST, 'ols.zip'), 'not the built zip');
    expect(() => readArtifacts(root)).toThrow(/ols\.zip does not match its manifest/);
  });

  it('refuses a route key API Gateway would not take, and accepts functions without a route', async () => {
    const root = await fixture();
    const file = path.join(root, HANDLERS_DIST, 'manifest.json');
    editManifest(file, (m) => {
      m.functions[0].routes = ['FETCH /linregress'];
    });
    expect(() => readArtifacts(root)).toThrow(/field "functions.0.routes.0" must be a route key/);
    editManifest(file, (m) => {
      m.functions[0].routes = [];
      m.functions[1].routes = ['GET /things/{id}', 'POST /things'];
    });
    expect(
      readArtifacts(root)
        .functions.slice(0, 2)
        .map((f) => f.routes),
    ).toEqual([[], ['GET /things/{id}', 'POST /things']]);
  });

  it('refuses duplicate function names and zip paths outside the dist dir', async () => {
    const root = await fixture();
    const file = path.join(root, HANDLERS_DIST, 'manifest.json');
    editManifest(file, (m) => {
      m.functions[1] = { ...m.functions[0] };
    });
    expect(() => readArtifacts(root)).toThrow(/duplicate function name "linregress"/);
    editManifest(file, (m) => {
      m.functions = [{ ...m.functions[0], zip: '../linregress.zip' }];
    });
    expect(() => readArtifacts(root)).toThrow(/field "functions.0.zip" must be a zip file name/);
  });

  it('refuses a layer manifest without architectures', async () => {
    const root = await fixture();
    editManifest(path.join(root, LAYER_DIST, 'manifest.json'), (m) => {
      delete m.compatibleArchitectures;
    });
    expect(() => readArtifacts(root)).toThrow(/field "compatibleArchitectures"/);
  });
});
