/** The manifest schemas: what the builds write and infra, the local stack and the fixtures read. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkedZipPath,
  digest,
  type FunctionManifest,
  type LayerManifest,
  ManifestError,
  parseFunctionManifest,
  parseLayerManifest,
  readFunctionManifest,
  writeManifest,
} from '../src/manifest';
import { tempDir } from './support';

const bytes = Buffer.from('zip bytes');
const d = digest(bytes);
const entry = (over: Record<string, unknown> = {}) => ({
  name: 'linregress',
  routes: ['POST /linregress'],
  zip: 'linregress.zip',
  handler: 'index.handler',
  ...d,
  ...over,
});
const layer: LayerManifest = {
  name: 'stats-runtime',
  zip: 'stats-runtime.zip',
  ...d,
  compatibleRuntimes: ['nodejs22.x'],
  compatibleArchitectures: ['arm64', 'x86_64'],
};

describe('digest', () => {
  it('gives the hex and base64 SHA-256 and the size', () => {
    // printf 'zip bytes' | sha256sum
    expect(d.sha256).toBe('5b7a2754b389130e138d57ba83f1eae7f05a41c66becacfa2dd2060143ae66db');
    expect(Buffer.from(d.base64Sha256, 'base64').toString('hex')).toBe(d.sha256);
    expect(d.size).toBe(9);
  });
});

describe('the function manifest', () => {
  it('accepts HTTP endpoints, a function with no route, and a path parameter with another method', () => {
    const manifest = {
      functions: [
        entry(),
        entry({ name: 'jobs_worker', zip: 'jobs_worker.zip', routes: [] }),
        entry({
          name: 'jobs_api',
          zip: 'jobs_api.zip',
          routes: ['GET /jobs/{id}', 'POST /jobs', 'DELETE /jobs/{id}'],
        }),
        entry({
          name: 'proxy',
          zip: 'proxy.zip',
          routes: ['ANY /files/{proxy+}'],
          handler: 'src/app.lambda.main',
        }),
      ],
    };
    expect(parseFunctionManifest(manifest)).toEqual(manifest);
  });

  it.each([
    [{ routes: ['FETCH /x'] }, /field "functions.0.routes.0" must be a route key/],
    [{ routes: ['POST linregress'] }, /must be a route key/],
    [{ routes: ['GET /jobs/{id'] }, /must be a route key/],
    [{ name: 'Linregress' }, /field "functions.0.name" must be a lower-case name/],
    [{ zip: '../linregress.zip' }, /field "functions.0.zip" must be a zip file name/],
    [{ sha256: 'abc' }, /field "functions.0.sha256" must be a hex SHA-256/],
    [{ size: 0 }, /field "functions.0.size" must be a positive byte count/],
    [{ handler: 'index' }, /must be a handler string/],
    [{ route: 'POST /linregress' }, /field "functions.0.route": Invalid key/],
  ])('refuses %j with a message naming the field', (over, message) => {
    expect(() => parseFunctionManifest({ functions: [entry(over)] }, 'dist/manifest.json')).toThrow(
      message,
    );
    expect(() => parseFunctionManifest({ functions: [entry(over)] })).toThrow(ManifestError);
  });

  it('refuses duplicate names, a route claimed twice and an empty list', () => {
    expect(() => parseFunctionManifest({ functions: [entry(), entry()] })).toThrow(
      /functions\[1\]: duplicate function name "linregress"/,
    );
    expect(() =>
      parseFunctionManifest({ functions: [entry(), entry({ name: 'other', zip: 'other.zip' })] }),
    ).toThrow(/route "POST \/linregress" is claimed by both "linregress" and "other"/);
    expect(() => parseFunctionManifest({ functions: [] })).toThrow(/at least one function/);
  });
});

describe('the layer manifest', () => {
  it('accepts what the layer build writes and refuses a missing or unknown architecture', () => {
    expect(parseLayerManifest(layer)).toEqual(layer);
    const { compatibleArchitectures: _, ...without } = layer;
    expect(() => parseLayerManifest(without)).toThrow(/field "compatibleArchitectures"/);
    expect(() => parseLayerManifest({ ...layer, compatibleArchitectures: ['sparc'] })).toThrow(
      /must be "arm64" or "x86_64"/,
    );
  });
});

describe('writeManifest, readFunctionManifest and checkedZipPath', () => {
  const dir = tempDir('lambda-kit-manifest-');

  it('round-trip through the file and check the zip against the digests', () => {
    const manifest: FunctionManifest = { functions: [entry()] };
    writeFileSync(path.join(dir, 'linregress.zip'), bytes);
    writeManifest(dir, manifest);
    const read = readFunctionManifest(dir);
    expect(read).toEqual(manifest);
    expect(checkedZipPath(dir, read.functions[0]!, 'here')).toBe(path.join(dir, 'linregress.zip'));
    writeFileSync(path.join(dir, 'linregress.zip'), 'stale');
    expect(() => checkedZipPath(dir, read.functions[0]!, 'here')).toThrow(
      /here: linregress.zip does not match its manifest/,
    );
  });

  it('refuses to write an invalid manifest, and says to build when none exists', () => {
    expect(() => writeManifest(dir, { functions: [entry({ routes: ['nope'] })] } as never)).toThrow(
      ManifestError,
    );
    expect(() => readFunctionManifest(path.join(dir, 'missing'))).toThrow(
      /missing build artifact .*manifest\.json: run `pnpm build` first/,
    );
  });
});
