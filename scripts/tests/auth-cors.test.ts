// The front door's AWS_IAM authorization and CORS, through HTTP, as API
// Gateway's HTTP APIs do them: APIs deployed to a real moto server (routes
// with their authorization types, the API's CORS configuration), read back
// and served by the local runtime and front door on free loopback ports.
// Requests are signed by @lambda-stats/client (aws4fetch) and checked by
// scripts/src/sigv4.ts; botocore's signatures are checked in sigv4.test.ts.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createClientFor } from '@lambda-stats/client';
import { type MotoServer, startMoto } from '@lambda-stats/lambda-kit/moto-server';
import { AwsV4Signer } from 'aws4fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalServe, serveDeployment } from '../src/serve-deployment';
import { makeZip } from './fixtures/deploy-fixtures';
import { deployApi } from './support/deploy-api';

const execFileAsync = promisify(execFile);
const region = 'us-east-1';
let moto: MotoServer;
let secured: LocalServe;
let open: LocalServe;

// Answers with what it received; sets CORS headers of its own, which API
// Gateway must drop when the API has a CORS configuration.
const ECHO = `
exports.handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'x-echo': '1' },
  body: JSON.stringify({ body: event.body, authorizer: event.requestContext.authorizer ?? null }),
});`;

const CORS = {
  AllowOrigins: ['https://app.example.com', 'http://localhost:5173'],
  AllowMethods: ['GET', 'POST'],
  AllowHeaders: ['content-type', 'authorization', 'x-amz-date', 'x-amz-security-token'],
  ExposeHeaders: ['x-request-id', 'x-echo'],
  MaxAge: 600,
  AllowCredentials: true,
};

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const body = JSON.stringify({ x: [1, 2, 3] });

/** A request signed by aws4fetch for the secured API, to be tampered with. */
async function signed(
  opts: { datetime?: string; secret?: string; accessKeyId?: string } = {},
): Promise<{ url: string; headers: Headers }> {
  const signer = new AwsV4Signer({
    url: `${secured.url}/echo`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    accessKeyId: opts.accessKeyId ?? 'test',
    secretAccessKey: opts.secret ?? 'test',
    service: 'execute-api',
    region,
    ...(opts.datetime ? { datetime: opts.datetime } : {}),
  });
  const s = await signer.sign();
  return { url: s.url.href, headers: s.headers };
}

const amzNow = (offsetMs = 0) =>
  new Date(Date.now() + offsetMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

beforeAll(async () => {
  moto = await startMoto();
  const target = { endpoint: moto.endpoint, region };
  const zip = await makeZip({ 'index.js': ECHO });
  await deployApi(target, {
    name: 'secured',
    functions: [{ name: 'echo', zip }],
    routes: [
      { routeKey: 'POST /echo', fn: 'echo', authorizationType: 'AWS_IAM' },
      { routeKey: 'POST /public', fn: 'echo' },
    ],
    cors: CORS,
  });
  await deployApi(target, {
    name: 'open',
    functions: [{ name: 'echo', zip }],
    routes: [{ routeKey: 'POST /echo', fn: 'echo' }],
  });
  const log = () => undefined;
  secured = await serveDeployment({ target, apiName: 'secured', log });
  open = await serveDeployment({ target, apiName: 'open', log });
});

afterAll(async () => {
  await secured?.stop();
  await open?.stop();
  await moto?.stop();
});

describe('AWS_IAM routes: SigV4 checked as API Gateway checks it', () => {
  it('lets a request signed with the emulator credentials through, with the caller in the event', async () => {
    const client = createClientFor(
      { echo: { method: 'POST', path: '/echo', pathParams: [], queryParams: [], hasBody: true } },
      { baseUrl: secured.url, credentials, retry: { maxAttempts: 1 } },
    );
    const got = (await client.echo({ x: [1, 2, 3] })) as {
      body: string;
      authorizer: { iam: { accessKey: string; accountId: string } };
    };
    expect(JSON.parse(got.body)).toEqual({ x: [1, 2, 3] });
    expect(got.authorizer.iam).toMatchObject({ accessKey: 'test', accountId: '123456789012' });
  });

  it('answers an unsigned request 403 with HTTP API\'s {"message":"Forbidden"}', async () => {
    const res = await fetch(`${secured.url}/echo`, { method: 'POST', body });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ message: 'Forbidden' });
    expect(res.headers.get('x-amzn-errortype')).toBe('ForbiddenException');
  });

  it('refuses a tampered body: the signature covers its SHA-256', async () => {
    const s = await signed();
    const res = await fetch(s.url, {
      method: 'POST',
      headers: s.headers,
      body: body.replace('3', '4'),
    });
    expect(res.status).toBe(403);
    const msg = ((await res.json()) as { message: string }).message;
    expect(msg).toMatch(
      /^The request signature we calculated does not match the signature you provided\. Check your AWS Secret Access Key and signing method\. Consult the service documentation for details\.\n\nThe Canonical String for this request should have been\n'POST\n\/echo\n/,
    );
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
  });

  it('refuses a signature made with the wrong secret key', async () => {
    const s = await signed({ secret: 'not-the-secret' });
    const res = await fetch(s.url, { method: 'POST', headers: s.headers, body });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toMatch(
      /^The request signature we calculated does not match/,
    );
  });

  it('refuses an access key the emulator does not know', async () => {
    const s = await signed({ accessKeyId: 'AKIAUNKNOWN' });
    const res = await fetch(s.url, { method: 'POST', headers: s.headers, body });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      message: 'The security token included in the request is invalid.',
    });
    expect(res.headers.get('x-amzn-errortype')).toBe('UnrecognizedClientException');
  });

  it('refuses a signature older than 5 minutes, saying when it expired', async () => {
    const old = amzNow(-6 * 60 * 1000);
    const s = await signed({ datetime: old });
    const res = await fetch(s.url, { method: 'POST', headers: s.headers, body });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toMatch(
      new RegExp(
        `^Signature expired: ${old} is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 5 min\\.\\)$`,
      ),
    );
  });

  it('refuses a signature from more than 5 minutes in the future', async () => {
    const s = await signed({ datetime: amzNow(6 * 60 * 1000) });
    const res = await fetch(s.url, { method: 'POST', headers: s.headers, body });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toMatch(
      /^Signature not yet current: /,
    );
  });

  it('refuses an Authorization header without the X-Amz-Date it signed', async () => {
    const s = await signed();
    s.headers.delete('x-amz-date');
    const res = await fetch(s.url, { method: 'POST', headers: s.headers, body });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toMatch(
      /^Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header\. Authorization=AWS4-HMAC-SHA256 /,
    );
    expect(res.headers.get('x-amzn-errortype')).toBe('IncompleteSignatureException');
  });

  it('refuses a credential scoped to another region', async () => {
    const signer = new AwsV4Signer({
      url: `${secured.url}/echo`,
      method: 'POST',
      body,
      ...credentials,
      service: 'execute-api',
      region: 'eu-west-3',
    });
    const s = await signer.sign();
    const res = await fetch(s.url, { method: 'POST', headers: s.headers, body });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      message: 'Credential should be scoped to a valid region. ',
    });
  });

  it("lets curl's own SigV4 signer (--aws-sigv4, what pnpm start prints) through", async () => {
    // async: the front door runs in this process, a blocking child would starve it
    const run = await execFileAsync(
      'curl',
      [
        '-s',
        '-X',
        'POST',
        `${secured.url}/echo`,
        '--aws-sigv4',
        `aws:amz:${region}:execute-api`,
        '--user',
        'test:test',
        '-H',
        'content-type: application/json',
        '-d',
        body,
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(JSON.parse(JSON.parse(run.stdout).body)).toEqual({ x: [1, 2, 3] });
  });

  it('leaves routes without AWS_IAM open', async () => {
    const res = await fetch(`${secured.url}/public`, { method: 'POST', body });
    expect(res.status).toBe(200);
  });
});

describe('CORS: an API with a cors_configuration', () => {
  const preflight = (origin: string) =>
    fetch(`${secured.url}/echo`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });

  it('answers a preflight from an allowed origin itself (no OPTIONS route, no signature): 204 and the configured headers', async () => {
    const res = await preflight('https://app.example.com');
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(
      Object.fromEntries(
        [...res.headers].filter(([k]) => k.startsWith('access-control-') || k === 'vary'),
      ),
    ).toEqual({
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-allow-methods': 'GET,POST',
      'access-control-allow-headers': 'content-type,authorization,x-amz-date,x-amz-security-token',
      'access-control-allow-credentials': 'true',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
  });

  it('answers a preflight from another origin 204 with no CORS headers', async () => {
    const res = await preflight('https://evil.example.net');
    expect(res.status).toBe(204);
    expect([...res.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
  });

  it("adds the configured headers to an actual response for an allowed origin, replacing the function's own", async () => {
    const res = await fetch(`${secured.url}/public`, {
      method: 'POST',
      headers: { origin: 'http://localhost:5173' },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-expose-headers')).toBe('x-request-id,x-echo');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('vary')).toBe('Origin');
    expect(res.headers.get('x-echo')).toBe('1');
    // max-age and allow-methods belong to preflight answers only
    expect(res.headers.get('access-control-max-age')).toBeNull();
  });

  it('adds them to API Gateway’s own 403 too, so a browser can read why', async () => {
    const res = await fetch(`${secured.url}/echo`, {
      method: 'POST',
      headers: { origin: 'https://app.example.com' },
      body,
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
  });

  it("sends no CORS headers for a disallowed origin or no Origin, and drops the function's", async () => {
    for (const headers of [{ origin: 'https://evil.example.net' }, {}] as Record<
      string,
      string
    >[]) {
      const res = await fetch(`${secured.url}/public`, { method: 'POST', headers, body });
      expect(res.status).toBe(200);
      expect([...res.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
    }
  });
});

describe('CORS: an API without a cors_configuration', () => {
  it('routes OPTIONS like any method (no route: 404) and adds no CORS headers', async () => {
    const res = await fetch(`${open.url}/echo`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: 'Not Found' });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("passes the function's own headers through untouched", async () => {
    const res = await fetch(`${open.url}/echo`, {
      method: 'POST',
      headers: { origin: 'https://app.example.com' },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('deployed settings the local stack cannot emulate', () => {
  it('refuses an API whose route uses a JWT authorizer, in one line naming it', async () => {
    const target = { endpoint: moto.endpoint, region };
    await deployApi(target, {
      name: 'jwt-api',
      functions: [{ name: 'echo', zip: Buffer.alloc(0) }],
      routes: [{ routeKey: 'GET /me', fn: 'echo', authorizationType: 'JWT' }],
    });
    await expect(
      serveDeployment({ target, apiName: 'jwt-api', log: () => undefined }),
    ).rejects.toThrow(
      /^route "GET \/me" of HTTP API jwt-api uses a JWT authorizer, which the local stack cannot emulate \(it emulates NONE and AWS_IAM\)$/,
    );
  });

  it('refuses an HTTP_PROXY integration, naming the route', async () => {
    const target = { endpoint: moto.endpoint, region };
    await deployApi(target, {
      name: 'proxy-api',
      functions: [{ name: 'echo', zip: Buffer.alloc(0) }],
      routes: [{ routeKey: 'ANY /upstream/{proxy+}', fn: 'echo', integrationType: 'HTTP_PROXY' }],
    });
    await expect(
      serveDeployment({ target, apiName: 'proxy-api', log: () => undefined }),
    ).rejects.toThrow(
      'route "ANY /upstream/{proxy+}" of HTTP API proxy-api has a HTTP_PROXY integration, which the local stack cannot emulate (it runs AWS_PROXY Lambda integrations)',
    );
  });
});
