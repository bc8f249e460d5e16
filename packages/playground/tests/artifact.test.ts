/**
 * The built function (dist/playground.zip, which turbo builds before the
 * tests) run as Lambda runs it, and the build's reproducibility: two builds
 * into fresh directories give identical bytes.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractZip } from '@lambda-stats/lambda-kit/zip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const work = mkdtempSync(path.join(tmpdir(), 'playground-artifact-'));

interface Result {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}
let handler: (event: unknown) => Promise<Result>;

const event = (method: string, rawPath: string) => ({
  version: '2.0',
  rawPath,
  rawQueryString: '',
  headers: {},
  requestContext: { http: { method, path: rawPath } },
  isBase64Encoded: false,
});

beforeAll(async () => {
  await extractZip(path.join(root, 'dist', 'playground.zip'), path.join(work, 'task'));
  handler = require(path.join(work, 'task', 'index.js')).handler;
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the playground function', () => {
  it('GET /playground: the page, self-contained, with a CSP that allows only its own inline script', async () => {
    const res = await handler(event('GET', '/playground'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    expect(html).toContain('data-testid="run"');
    // nothing loaded from elsewhere: no script or stylesheet by URL
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+stylesheet/i);
    const script = html.match(/<script>([\s\S]*)<\/script>/)![1]!;
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    expect(res.headers['content-security-policy']).toContain(`script-src 'sha256-${hash}'`);
    expect(res.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(html).toContain('@observablehq/plot@0.6.17'); // the licences of what is bundled
  });

  it('GET /openapi.json: the committed API document, byte for byte', async () => {
    const res = await handler(event('GET', '/openapi.json'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(
      readFileSync(require.resolve('@lambda-stats/handlers/openapi.gen.json'), 'utf8'),
    );
  });

  it('answers other methods with 405 and other paths with 404, saying where the page is', async () => {
    const post = await handler(event('POST', '/playground'));
    expect(post.statusCode).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    const other = await handler(event('GET', '/elsewhere'));
    expect(other.statusCode).toBe(404);
    expect(JSON.parse(other.body).error.message).toMatch(/the playground is at \/playground/);
  });

  it('lists its routes and zip digest in the manifest infra reads', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'dist', 'manifest.json'), 'utf8'));
    const zip = readFileSync(path.join(root, 'dist', 'playground.zip'));
    expect(manifest.functions).toEqual([
      expect.objectContaining({
        name: 'playground',
        routes: ['GET /playground', 'GET /openapi.json'],
        handler: 'index.handler',
        sha256: createHash('sha256').update(zip).digest('hex'),
        size: zip.length,
      }),
    ]);
  });
});

describe('reproducible build', () => {
  it('two builds into fresh directories (different TZ and umask) give identical bytes', () => {
    const outs = ['a', 'b'].map((name, i) => {
      const out = path.join(work, name);
      const run = spawnSync(
        'sh',
        [
          '-c',
          `umask ${i ? '077' : '022'} && "${path.join(root, 'node_modules', '.bin', 'tsx')}" build.ts --out "${out}"`,
        ],
        {
          cwd: root,
          env: { ...process.env, TZ: i ? 'Asia/Kolkata' : 'UTC' },
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      expect(run.status, run.stderr).toBe(0);
      return out;
    });
    for (const file of ['playground.zip', 'playground.html', 'manifest.json']) {
      const [a, b] = outs.map((o) => readFileSync(path.join(o, file)));
      expect(a!.equals(b!), file).toBe(true);
    }
    // and the same as the dist/ that turbo built
    expect(
      readFileSync(path.join(outs[0]!, 'playground.zip')).equals(
        readFileSync(path.join(root, 'dist', 'playground.zip')),
      ),
    ).toBe(true);
    // two full builds (each allowed 120 s above): 10 s on a quiet machine, 90 s at load 30
  }, 300_000);
});
