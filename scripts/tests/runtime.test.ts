// End to end through HTTP: fixture functions deployed to a real moto server
// (through the AWS SDK, code in an artifact bucket), read back and served by
// the local runtime and front door, both on free loopback ports.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { type MotoServer, startMoto } from '@lambda-stats/lambda-kit/moto-server';
import { assertPortFree } from '@lambda-stats/lambda-kit/ports';
import { processAlive } from '@lambda-stats/lambda-kit/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeFetcher } from '../src/deployment';
import { COMMITTED_OPENAPI, type LocalServe, serveDeployment } from '../src/serve-deployment';
import {
  ARTIFACT_BUCKET,
  deployFixtures,
  type FixtureDeployment,
} from './fixtures/deploy-fixtures';

const region = 'eu-west-1';
let moto: MotoServer;
let stack: LocalServe;
let fixtures: FixtureDeployment;
const logs: { fn: string; line: string }[] = [];
const linesOf = (fn: string) => logs.filter((l) => l.fn === fn).map((l) => l.line);

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

interface HelloOutput {
  event: Record<string, unknown> & { headers: Record<string, string> };
  pid: number;
  node: string;
  cwd: string;
  execArgv: string[];
  remainingMs: number;
  context: Record<string, string>;
  env: Record<string, string>;
}
const hello = async (r: Response) => (await r.json()) as HelloOutput;

beforeAll(async () => {
  moto = await startMoto();
  fixtures = await deployFixtures({ endpoint: moto.endpoint, region });
  stack = await serveDeployment({
    target: { endpoint: moto.endpoint, region },
    maxConcurrency: 60,
    log: (fn, line) => logs.push({ fn, line }),
  });
});

afterAll(async () => {
  await stack?.stop();
  await moto?.stop();
});

describe('reading the deployment back from the emulator', () => {
  it('reports each function as deployed: handler, memory, timeout, layers in order, routes', () => {
    const byName = new Map(stack.deployment.functions.map((f) => [f.name, f]));
    expect([...byName.keys()]).toEqual([
      'boom',
      'busy',
      'crash',
      'hello',
      'nolayer',
      'plain',
      'sleepy',
      'withlayer',
    ]);
    expect(byName.get('plain')?.handler).toBe('app/handler.api.main');
    expect(byName.get('sleepy')).toMatchObject({ timeoutSeconds: 1, memoryMb: 256 });
    expect(byName.get('sleepy')?.reservedConcurrency).toBeUndefined();
    expect(byName.get('busy')).toMatchObject({ timeoutSeconds: 30, reservedConcurrency: 2 });
    expect(byName.get('withlayer')?.layers).toEqual(fixtures.layerArns);
    expect(stack.deployment.apis[0]?.routes.map((r) => r.routeKey).sort()).toContain(
      'ANY /hello/{id}',
    );
  });
  it('refuses code whose sha256 differs from the CodeSha256 the emulator reports', async () => {
    const hello = stack.deployment.functions.find((f) => f.name === 'hello')!;
    const boom = stack.deployment.functions.find((f) => f.name === 'boom')!;
    const boomKey = `functions/boom/${Buffer.from(boom.codeSha256, 'base64').toString('hex')}.zip`;
    // A state that points hello at boom's object, as a stale or wrong deploy would.
    const fetcher = new CodeFetcher(
      { endpoint: moto.endpoint, region },
      {
        functions: new Map([['hello', { bucket: ARTIFACT_BUCKET, key: boomKey }]]),
        layers: new Map(),
      },
    );
    await expect(
      fetcher.fetch({ kind: 'function', id: 'hello', codeSha256: hello.codeSha256 }),
    ).rejects.toThrow(
      /from Terraform state\) has sha256 .* but the emulator reports CodeSha256 .*redeploy/,
    );
    const found = await fetcher.fetch({
      kind: 'function',
      id: 'boom',
      codeSha256: boom.codeSha256,
    });
    expect(found.source).toBe(`s3://${ARTIFACT_BUCKET}/${boomKey}`);
    fetcher.close();
  });
});

describe('the front door and the runtime', () => {
  it('turns a request into a payload 2.0 event and the response back, in a Lambda-like environment', async () => {
    const res = await fetch(`${stack.url}/hello/42?q=1&q=2&z=x`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: 'c1=v1; c2=v2' },
      body: '{"n":1}',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-fixture')).toBe('hello');
    expect(res.headers.get('set-cookie')).toBe('a=1; Path=/');
    expect(res.headers.get('apigw-requestid')).toBeTruthy();
    const out = await hello(res);
    expect(out.event).toMatchObject({
      version: '2.0',
      routeKey: 'ANY /hello/{id}',
      rawPath: '/hello/42',
      rawQueryString: 'q=1&q=2&z=x',
      cookies: ['c1=v1', 'c2=v2'],
      queryStringParameters: { q: '1,2', z: 'x' },
      pathParameters: { id: '42' },
      body: '{"n":1}',
      isBase64Encoded: false,
      requestContext: { http: { method: 'PUT', path: '/hello/42' }, stage: '$default' },
    });
    expect(out.event.headers.cookie).toBeUndefined();
    // Reserved variables come from the deployed configuration; the function's own AWS_REGION cannot override them.
    expect(out.env).toMatchObject({
      _HANDLER: 'index.handler',
      AWS_LAMBDA_FUNCTION_NAME: 'hello',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_REGION: region,
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/hello',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      GREETING: 'hi from hello',
      TZ: ':UTC',
      // the AWS SDK's notice about the machine's Node version is the local machine's, not the function's
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    expect(out.env.LAMBDA_TASK_ROOT).toBe(out.cwd);
    expect(String(out.env.NODE_PATH).split(':')).toContain(
      `${String(out.env.LAMBDA_TASK_ROOT).replace(/task$/, 'opt')}/nodejs/node_modules`,
    );
    expect(out.execArgv).toContain('--max-old-space-size=231');
    // Workers run on LAMBDA_STATS_WORKER_NODE when set (e.g. a Node 22 for nodejs22.x), else this Node.
    const workerNode = process.env.LAMBDA_STATS_WORKER_NODE || process.execPath;
    expect(out.node).toBe(spawnSync(workerNode, ['--version'], { encoding: 'utf8' }).stdout.trim());
    expect(out.remainingMs).toBeGreaterThan(4000);
    expect(out.remainingMs).toBeLessThanOrEqual(5000);
    expect(out.context).toMatchObject({ functionName: 'hello', memoryLimitInMB: '256' });
  });

  it('starts a worker cold, then reuses it warm, logging START/END/REPORT with init duration once', async () => {
    const first = await hello(await fetch(`${stack.url}/hello/1`));
    const second = await hello(await fetch(`${stack.url}/hello/2`));
    expect(second.pid).toBe(first.pid);
    const reports = linesOf('hello').filter((l) => l.startsWith('REPORT RequestId:'));
    expect(reports.length).toBeGreaterThanOrEqual(2);
    expect(reports[0]).toMatch(
      /Duration: [\d.]+ ms Billed Duration: \d+ ms Memory Size: 256 MB Max Memory Used: \d+ MB Init Duration: [\d.]+ ms$/,
    );
    expect(reports.at(-1)).not.toMatch(/Init Duration/);
    // console.log inside the handler carries the request id, as the runtime writes it.
    expect(
      linesOf('hello').some((l) =>
        /^\S+Z\t[0-9a-f-]{36}\tINFO\thello handling \/hello\/1$/.test(l),
      ),
    ).toBe(true);
  });

  it('loads an ES module handler from a subfolder and applies the plain-object shortcut', async () => {
    const res = await post('/plain', { a: 2, b: 3 });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ sum: 5, module: 'undefined' });
  });

  it('turns an uncaught error into the runtime error shape and a 502', async () => {
    const res = await post('/boom', {});
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({ message: 'Internal Server Error' });
    const direct = await stack.runtime.invoke('boom', {});
    expect(direct.kind).toBe('functionError');
    if (direct.kind !== 'functionError') return;
    expect(direct.error).toMatchObject({ errorType: 'ValidationFailed', errorMessage: 'kaboom' });
    expect(direct.error.trace?.[0]).toBe('ValidationFailed: kaboom');
    expect(
      linesOf('boom').some((l) =>
        l.includes('\tERROR\tInvoke Error \t{"errorType":"ValidationFailed"'),
      ),
    ).toBe(true);
  });

  it('kills a worker that runs past its timeout, answers 502, and serves the next request from a fresh worker', async () => {
    const fast = (await (await post('/sleepy?ms=0', {})).json()) as { pid: number };
    const started = performance.now();
    // asks for 30 s: the 1 s timeout must cut it short (with room for a loaded machine)
    const res = await post('/sleepy?ms=30000', {});
    const elapsed = performance.now() - started;
    expect(res.status).toBe(502);
    expect(elapsed).toBeGreaterThan(900);
    expect(elapsed).toBeLessThan(20_000);
    expect(linesOf('sleepy').some((l) => /Task timed out after 1\.00 seconds/.test(l))).toBe(true);
    expect(linesOf('sleepy').some((l) => /Status: timeout$/.test(l))).toBe(true);
    const after = await post('/sleepy?ms=0', {});
    expect(after.status).toBe(200);
    expect(processAlive(fast.pid)).toBe(false);
  });

  it('answers 429 once every worker allowed by the reserved concurrency is busy', async () => {
    const statuses = await Promise.all(
      // each holds its worker 3 s, so the third arrives while both are busy even on a loaded machine
      [0, 1, 2].map(() => post('/busy?ms=3000', {}).then((r) => r.status)),
    );
    expect(statuses.sort()).toEqual([200, 200, 429]);
    expect(stack.runtime.pool('busy')?.maxConcurrency).toBe(2);
  });

  it("attaches layers in order under the function's /opt (the later layer wins)", async () => {
    const res = await post('/withlayer', {});
    expect(await res.json()).toEqual({ greeting: 'hello local from the layer' });
  });

  it("fails to load a function whose layer is missing, with the runtime's import error", async () => {
    const res = await post('/nolayer', {});
    expect(res.status).toBe(502);
    const direct = await stack.runtime.invoke('nolayer', {});
    expect(direct.kind === 'functionError' && direct.error.errorType).toBe(
      'Runtime.ImportModuleError',
    );
    expect(direct.kind === 'functionError' && direct.error.errorMessage).toMatch(
      /Cannot find module 'greeter'/,
    );
    expect(
      linesOf('nolayer').some(
        (l) => l.includes('INIT_REPORT') && l.includes('Runtime.ImportModuleError'),
      ),
    ).toBe(true);
  });

  it('reports a worker that dies mid-invocation, or an unhandled rejection, as the runtime does', async () => {
    const exited = await stack.runtime.invoke('crash', { mode: 'exit' });
    expect(exited.kind === 'functionError' && exited.error.errorType).toBe('Runtime.ExitError');
    expect(exited.kind === 'functionError' && exited.error.errorMessage).toMatch(
      /Runtime exited with error: exit status 3$/,
    );
    const rejected = await stack.runtime.invoke('crash', {});
    expect(rejected.kind === 'functionError' && rejected.error).toMatchObject({
      errorType: 'Runtime.UnhandledPromiseRejection',
      errorMessage: 'Error: late failure',
    });
    expect(stack.runtime.pool('crash')?.size).toBe(0);
  });

  it('answers 50 concurrent requests, each with its own result', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post('/plain', { a: i, b: 1000 }).then(async (r) => [r.status, await r.json()]),
      ),
    );
    results.forEach(([status, body], i) => {
      expect(status).toBe(200);
      expect(body).toEqual({ sum: i + 1000, module: 'undefined' });
    });
    // Cold starts are capped at the CPU count: warm workers serve most of the burst.
    expect(stack.runtime.pool('plain')!.size).toBeLessThan(50);
  });

  it('serves the committed OpenAPI document at GET /openapi.json, byte for byte', async () => {
    const res = await fetch(`${stack.url}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const served = Buffer.from(await res.arrayBuffer());
    expect(served.equals(readFileSync(COMMITTED_OPENAPI))).toBe(true);
    expect(JSON.parse(served.toString('utf8')).openapi).toBe('3.1.0');
    // only GET: other methods on that path are routed (and find no route) as before
    expect((await post('/openapi.json', {})).status).toBe(404);
  });

  it('answers 404 for a path no route matches', async () => {
    const res = await fetch(`${stack.url}/nowhere`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: 'Not Found' });
  });
});

describe('shutdown', () => {
  it('leaves no worker, emulator process or port behind', async () => {
    const pids = [...stack.runtime.pids(), moto.pid];
    expect(pids.length).toBeGreaterThan(1);
    await stack.stop();
    await moto.stop();
    for (const pid of pids) expect(processAlive(pid)).toBe(false);
    await expect(assertPortFree(stack.port, 'front door', 'x')).resolves.toBeUndefined();
    await expect(assertPortFree(moto.port, 'moto', 'x')).resolves.toBeUndefined();
  });
});
