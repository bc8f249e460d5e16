// The README's main-job command end to end: `pnpm start`'s program (moto,
// the real `local` deploy through the infra wrapper, the local runtime and
// front door) on free ports, then the real handlers answer over HTTP and are
// compared with scipy. The build itself is turbo's job before this test
// (turbo.json: scripts#test depends on the handler and layer builds), so the
// start's build phase is skipped here.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertPortFree } from '@lambda-stats/lambda-kit/ports';
import {
  type CollectedOutput,
  collectOutput,
  descendantPids,
  processAlive,
} from '@lambda-stats/lambda-kit/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LocalStack,
  localStackEnv,
  makeWorkDir,
  SCRIPTS_DIR,
  START,
  START_HOOK_TIMEOUT_MS,
  startLocalStack,
  TSX,
} from './support/local-stack';

/**
 * A blocking child (spawnSync) cannot be stopped by vitest's test timeout, so
 * each one carries its own: a hung child fails its test instead of hanging
 * the whole run (seen once under heavy load: `pnpm invoke` for 22 minutes).
 */
const CHILD_TIMEOUT_MS = 180_000;

interface Case {
  request: Record<string, unknown>;
  expected: Record<string, number | number[]>;
}
const golden = JSON.parse(
  readFileSync(new URL('./fixtures/golden/local-stack.json', import.meta.url), 'utf8'),
) as Record<'linregress' | 'ols' | 'polyfit', Case[]>;

/** The stats core's linregress goldens: mpmath-exact values from the decimal inputs (null = NaN). */
const coreGolden = JSON.parse(
  readFileSync(
    new URL('../../packages/stats-core/tests/fixtures/golden/linregress.json', import.meta.url),
    'utf8',
  ),
) as {
  cases: {
    name: string;
    x: number[];
    y: number[];
    alternative: string;
    expected: Record<string, number | null>;
  }[];
};

/**
 * |actual - expected| <= rel * |expected| + abs, field by field (null = NaN on
 * both sides). Against scipy's float64 values: rel 1e-9, abs 1e-12, far below
 * any statistical meaning and far above the rounding noise seen (about 1e-15
 * relative for the seed). Against the core's exact goldens: rel 1e-9 alone,
 * so a p-value near 1e-290 is still checked to 9 digits.
 */
function expectClose(
  actual: unknown,
  expected: number | null | (number | null)[],
  field: string,
  tol = { rel: 1e-9, abs: 1e-12 },
) {
  const a = Array.isArray(expected) ? (actual as (number | null)[]) : [actual as number | null];
  const e = Array.isArray(expected) ? expected : [expected];
  expect(a, field).toHaveLength(e.length);
  for (const [i, v] of e.entries()) {
    if (v === null) {
      expect(a[i], `${field}[${i}]`).toBeNull();
      continue;
    }
    const diff = Math.abs((a[i] as number) - v);
    expect(diff, `${field}[${i}]: got ${a[i]}, reference ${v}`).toBeLessThanOrEqual(
      tol.rel * Math.abs(v) + tol.abs,
    );
  }
}

/** expectClose through nested arrays and objects (the scipy.stats endpoints' results). */
function expectCloseDeep(actual: unknown, expected: unknown, field: string) {
  if (typeof expected === 'number' || expected === null) {
    expectClose(actual, expected, field);
  } else if (Array.isArray(expected)) {
    expect(actual, field).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expectCloseDeep((actual as unknown[])[i], e, `${field}[${i}]`);
    });
  } else if (typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), field).toEqual(Object.keys(expected).sort());
    for (const [k, e] of Object.entries(expected)) {
      expectCloseDeep((actual as Record<string, unknown>)[k], e, `${field}.${k}`);
    }
  } else expect(actual, field).toEqual(expected);
}

let work: string;
let local: LocalStack;
let routes: string[] = [];
const output = () => local.output();

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field below.
type Json = Record<string, any>;

const post = (route: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${local.apiUrl}/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const startEnv = (extra: Record<string, string>) => localStackEnv(work, extra);

function runStart(env: NodeJS.ProcessEnv): Promise<CollectedOutput> {
  const child = spawn(TSX, [START], { cwd: SCRIPTS_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return collectOutput(child, 'exit');
}

describe('pnpm start: clear messages before anything starts', () => {
  beforeAll(() => {
    work = makeWorkDir();
  });

  it('says which port is taken and how to choose another', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const { code, stderr } = await runStart(startEnv({ LAMBDA_STATS_API_PORT: String(port) }));
    blocker.close();
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `lambda-stats start: Port ${port} on 127.0.0.1 (the API front door) is already in use. Stop what uses it, or set LAMBDA_STATS_API_PORT to another port (0 picks a free one).`,
    );
  });

  it('names a missing tool and how to install it', async () => {
    const emptyBin = mkdtempSync(path.join(tmpdir(), 'lambda-stats-nobin-'));
    const child = spawnSync(
      process.execPath,
      [path.join(SCRIPTS_DIR, 'node_modules', 'tsx', 'dist', 'cli.mjs'), START],
      {
        cwd: SCRIPTS_DIR,
        env: startEnv({ PATH: emptyBin }),
        encoding: 'utf8',
        timeout: CHILD_TIMEOUT_MS,
      },
    );
    rmSync(emptyBin, { recursive: true });
    expect(child.status).toBe(1);
    expect(child.stderr.trim()).toBe(
      'lambda-stats start: python3 was not found on PATH. Install Python 3.11+ (moto runs on it).',
    );
  });
});

describe('pnpm start: the deployed stack answers over HTTP', () => {
  beforeAll(async () => {
    local = await startLocalStack({ work });
    routes = [...output().matchAll(/^Routes: (.*)$/gm)].flatMap((m) => m[1]!.split(', '));
  }, START_HOOK_TIMEOUT_MS);

  // Only if a test failed before the SIGTERM test: stop it the normal way, then by force.
  afterAll(() => local?.stop() ?? rmSync(work, { recursive: true, force: true }));

  it("prints the API URL and a curl for the seed example that returns scipy's regression", async () => {
    expect(local).toMatchObject({ region: 'us-east-1' });
    expect(local.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const curl = output().match(/^ {2}(curl .*)$/m)?.[1];
    expect(curl).toContain(`${local.apiUrl}/linregress`);
    const run = spawnSync('sh', ['-c', curl!], { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS });
    const seed = golden.linregress[0]!;
    const body = JSON.parse(run.stdout);
    for (const [field, value] of Object.entries(seed.expected))
      expectClose(body[field], value, field);
  });

  for (const endpoint of ['linregress', 'ols', 'polyfit'] as const) {
    it(`POST /${endpoint}: the seed and random cases match scipy`, async () => {
      expect(routes).toContain(`POST /${endpoint}`);
      for (const c of golden[endpoint]) {
        const res = await post(endpoint, c.request);
        const body = (await res.json()) as Json;
        expect(res.status, JSON.stringify(body)).toBe(200);
        for (const [field, value] of Object.entries(c.expected))
          expectClose(body[field], value, `${endpoint}.${field}`);
      }
    });
  }

  it('POST /linregress: every stats-core golden case (mpmath-exact, scipy 1.17 edge cases) over HTTP', async () => {
    for (const c of coreGolden.cases) {
      const res = await post('linregress', { x: c.x, y: c.y, alternative: c.alternative });
      const body = (await res.json()) as Json;
      expect(res.status, `${c.name}: ${JSON.stringify(body)}`).toBe(200);
      for (const [field, value] of Object.entries(c.expected)) {
        expectClose(body[field], value, `${c.name}: ${field}`, { rel: 1e-9, abs: 0 });
      }
    }
  });

  it('serves the API document at GET /openapi.json, and every route in it answers its scipy example', async () => {
    const res = await fetch(`${local.apiUrl}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Json;
    expect(doc.openapi).toBe('3.1.0');
    expect(output()).toContain(`API document (OpenAPI 3.1): ${local.apiUrl}/openapi.json`);
    // the document's operations are exactly the deployed routes (the statistics, datasets,
    // jobs and analyses routes), but for the playground's own GET routes
    // (scripts/tests/playground.test.ts)
    const documented = Object.entries(doc.paths as Record<string, Json>).flatMap(([p, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`),
    );
    const playground = ['GET /openapi.json', 'GET /playground'];
    expect(documented.sort()).toEqual(routes.filter((r) => !playground.includes(r)).sort());
    expect(routes.filter((r) => !documented.includes(r)).sort()).toEqual(playground);
    // each example response is scipy 1.17's (packages/handlers/golden/examples.py)
    for (const [route, item] of Object.entries(doc.paths) as [string, Json][]) {
      // the statistics endpoints (a 200 example); the datasets, jobs and analyses routes'
      // examples are checked through the client (scripts/tests/client-local-stack.test.ts)
      if (item.post?.responses['200']?.content['application/json'].example === undefined) continue;
      const request = item.post.requestBody.content['application/json'].example;
      const want = item.post.responses['200'].content['application/json'].example;
      const got = await post(route.slice(1), request);
      const body = (await got.json()) as Json;
      expect(got.status, `${route}: ${JSON.stringify(body)}`).toBe(200);
      expectCloseDeep(body, want, route);
    }
  });

  it("runs a fit on the BigNumber path, which loads the layer's mathjs.js on demand", async () => {
    // An exact quartic: zero residuals, which the float64 bound never accepts,
    // and five coefficients, past the exact rational solve's four (a quadratic
    // is now solved in rationals without mathjs).
    const x = [0, 1, 2, 3, 4, 5, 6, 7];
    const y = x.map((v) => 1 + 2 * v + 3 * v ** 2 + v ** 3 + 2 * v ** 4);
    const res = await post('polyfit', { x, y, degree: 4 });
    const body = (await res.json()) as Json;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ coefficients: [1, 2, 3, 1, 2], method: 'bignumber' });
  });

  it('answers malformed requests with their 4xx and a useful error body', async () => {
    const bad = [
      { res: await post('linregress', '{"x": [1, 2'), status: 400 },
      { res: await post('linregress', { x: [1, 2, 3], y: [1, 2] }), status: 400 },
      { res: await post('linregress', { x: [1, 2, 3], y: [1, 2, 3], extra: 1 }), status: 400 },
      { res: await post('linregress', 'x=1', { 'content-type': 'text/plain' }), status: 415 },
    ];
    for (const { res, status } of bad) {
      const body = (await res.json()) as Json;
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(body.error.code).toEqual(expect.any(String));
      expect(body.error.message).toEqual(expect.any(String));
    }
    // No route for GET: API Gateway's own 404, before any function runs.
    const get = await fetch(`${local.apiUrl}/linregress`);
    expect(get.status).toBe(404);
  });

  it('answers 50 concurrent requests, each with its own correct result', async () => {
    const requests = Array.from({ length: 50 }, (_, i) => {
      const x = [1, 2, 3, 4, 5];
      const y = x.map((v) => (i + 1) * v + 3);
      return post('linregress', { x, y }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Json,
        i,
      }));
    });
    for (const { status, body, i } of await Promise.all(requests)) {
      expect(status).toBe(200);
      expectClose(body.slope, i + 1, 'slope');
      expectClose(body.intercept, 3, 'intercept');
    }
  });

  it('pnpm invoke runs one invocation of a deployed function from a generated sample event', () => {
    const tsxCli = (args: string[]) =>
      spawnSync(TSX, [path.join(SCRIPTS_DIR, 'src', 'cli', 'invoke.ts'), ...args], {
        cwd: SCRIPTS_DIR,
        env: startEnv({}),
        encoding: 'utf8',
        timeout: CHILD_TIMEOUT_MS,
      });
    // a name the stack does not know is said first, in one line, with the usage exit status
    const unknown = tsxCli(['nosuch']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(
      /lambda-stats invoke: function nosuch is not deployed \(deployed: .*\blinregress\b.*\)/,
    );
    const generated = tsxCli(['linregress', '--generate-event']);
    expect(generated.status, generated.stderr).toBe(0);
    const event = JSON.parse(generated.stdout);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /linregress',
      rawPath: '/linregress',
    });
    const eventFile = path.join(work, 'event.json');
    writeFileSync(eventFile, generated.stdout);
    const invoked = tsxCli(['linregress', '--event', eventFile]);
    expect(invoked.status, invoked.stderr).toBe(0);
    expect(invoked.stderr).toMatch(
      /REPORT RequestId: \S+ Duration: [\d.]+ ms .* Init Duration: [\d.]+ ms/,
    );
    const result = JSON.parse(invoked.stdout);
    expect(result.statusCode).toBe(200);
    const seed = golden.linregress[0]!;
    const body = JSON.parse(result.body);
    for (const [field, value] of Object.entries(seed.expected))
      expectClose(body[field], value, field);
  });

  it("answers a CORS preflight from the local config's dev-server origin, and no other", async () => {
    expect(output()).toContain('CORS allows: http://localhost:5173, http://127.0.0.1:5173');
    const preflight = (origin: string) =>
      fetch(`${local.apiUrl}/linregress`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const allowed = await preflight('http://localhost:5173');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    // Terraform and the emulator keep the methods as a set: compare them as one
    const methods = allowed.headers.get('access-control-allow-methods')?.split(',').sort();
    expect(methods).toEqual(['GET', 'OPTIONS', 'POST']);
    const other = await preflight('https://elsewhere.example.com');
    expect(other.status).toBe(204);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("pnpm logs prints the deployed function's log lines from the emulator's CloudWatch Logs", async () => {
    // the runtime ships lines every 200 ms: on a loaded machine they can lag, so ask again
    const logs = () =>
      collectOutput(
        spawn(TSX, [path.join(SCRIPTS_DIR, 'src', 'cli', 'logs.ts'), 'linregress'], {
          cwd: SCRIPTS_DIR,
          env: startEnv({}),
        }),
        'exit',
      );
    const deadline = Date.now() + 60_000;
    let run = await logs();
    while (!run.stdout.includes('"message":"request handled"') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      run = await logs();
    }
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\[\$LATEST\][0-9a-f]{32} \S+ START RequestId: /);
    expect(run.stdout).toContain('"message":"request handled"');
  });

  it('stops everything it started on SIGTERM: no process, no port left', async () => {
    const pids = descendantPids(local.child.pid!);
    expect(pids.length).toBeGreaterThan(1);
    const exited = new Promise<number | null>((r) => local.child.once('exit', (code) => r(code)));
    local.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // each child exits on its own signal handling: give a loaded machine time
    const deadline = Date.now() + 15_000;
    while (pids.some(processAlive) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const left = pids.filter(processAlive);
    const described = left.map(
      (pid) =>
        spawnSync('ps', ['-o', 'pid=,ppid=,stat=,args=', '-p', String(pid)], { encoding: 'utf8' })
          .stdout,
    );
    expect(described, 'processes still running after pnpm start exited').toEqual([]);
    for (const url of [local.apiUrl, local.awsEndpoint]) {
      await expect(assertPortFree(Number(new URL(url).port), url, '-')).resolves.toBeUndefined();
    }
    expect(existsSync(path.join(work, 'work', 'local.json'))).toBe(false);
    // and says, per function, what its EMF metric lines recorded
    expect(output()).toContain('Invocations by function (from their EMF metric lines):');
    // calls and cold starts: 50 concurrent requests above start more than one worker
    const row = output().match(/^ {2}lambda-stats-local-linregress +(\d+) +(\d+) /m);
    expect(Number(row?.[1])).toBeGreaterThanOrEqual(50);
    expect(Number(row?.[2])).toBeGreaterThanOrEqual(1);
    // the log lines the metrics ride on are still printed
    expect(output()).toMatch(
      /^\[lambda-stats-local-linregress\] \{"level":"INFO","message":"request handled"/m,
    );
  });
});
