// The front door's SigV4 check against an independent signer: requests
// signed by botocore (scripts/golden/sigv4.py, at a fixed time) pass, and
// every tampering with them fails with API Gateway's message. The check
// through HTTP, with aws4fetch's signatures, is in auth-cors.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalQuery, canonicalUri, type SignedRequest, verifySigV4 } from '../src/sigv4';

interface GoldenCase {
  name: string;
  method: string;
  url: string;
  body: string;
  region: string;
  credentials: [string, string, string | null];
  signed_headers: Record<string, string>;
}
const golden = JSON.parse(
  readFileSync(new URL('./fixtures/golden/sigv4-botocore.json', import.meta.url), 'utf8'),
) as { signed_at: string; cases: GoldenCase[] };
const signedAt = new Date(golden.signed_at);

/** The request as the front door sees it: path and query, headers (host included), body. */
function asReceived(c: GoldenCase): SignedRequest {
  const url = new URL(c.url);
  const headers: Record<string, string[]> = { host: [url.host] };
  for (const [k, v] of Object.entries(c.signed_headers)) headers[k] = [v];
  // what arrives is the path as sent: node keeps it encoded (e.g. %20)
  const raw = c.url.slice(c.url.indexOf(url.host) + url.host.length);
  return { method: c.method, url: raw, headers, body: Buffer.from(c.body) };
}

const opts = (c: GoldenCase, now = signedAt) => ({
  credentials: new Map([[c.credentials[0], c.credentials[1]]]),
  region: c.region,
  now,
});

describe("requests signed by botocore's SigV4Auth", () => {
  for (const c of golden.cases) {
    it(`pass: ${c.name}`, () => {
      expect(verifySigV4(asReceived(c), opts(c))).toEqual({ ok: true, accessKeyId: 'test' });
    });
  }

  const c = golden.cases[1]!; // GET with a path, a query and a session token
  const fails = (req: SignedRequest, o = opts(c)) => {
    const v = verifySigV4(req, o);
    expect(v.ok).toBe(false);
    return v as { ok: false; errorType: string; message: string };
  };

  it('fail when a query value changes', () => {
    const req = asReceived(c);
    req.url = req.url.replace('b=2', 'b=3');
    expect(fails(req).message).toMatch(/^The request signature we calculated does not match/);
  });

  it('fail when a signed header changes (the session token)', () => {
    const req = asReceived(c);
    req.headers['x-amz-security-token'] = ['another-token'];
    expect(fails(req).errorType).toBe('InvalidSignatureException');
  });

  it('fail when the body changes', () => {
    const post = golden.cases[0]!;
    const req = asReceived(post);
    req.body = Buffer.from(post.body.replace('5]', '6]'));
    expect(fails(req, opts(post)).message).toMatch(/does not match the signature you provided/);
  });

  it('fail with the expiry message 5 minutes and 1 second later', () => {
    const later = new Date(signedAt.getTime() + 301_000);
    expect(fails(asReceived(c), opts(c, later)).message).toBe(
      'Signature expired: 20261206T120000Z is now earlier than 20261206T120001Z (20261206T120501Z - 5 min.)',
    );
    // within the 5 minutes, it still passes
    expect(verifySigV4(asReceived(c), opts(c, new Date(signedAt.getTime() + 299_000))).ok).toBe(
      true,
    );
  });

  it('fail with an unknown secret (same key id, another secret)', () => {
    const o = { ...opts(c), credentials: new Map([['test', 'other']]) };
    expect(fails(asReceived(c), o).message).toMatch(/^The request signature we calculated/);
  });

  it('fail without the Authorization header: Forbidden', () => {
    const req = asReceived(c);
    delete req.headers.authorization;
    expect(fails(req)).toEqual({
      ok: false,
      errorType: 'ForbiddenException',
      message: 'Forbidden',
    });
  });

  it('fail when the header lacks its Signature, naming what is missing', () => {
    const req = asReceived(c);
    req.headers.authorization = [req.headers.authorization![0]!.replace(/, Signature=\w+/, '')];
    expect(fails(req).message).toMatch(
      /^Authorization header requires 'Signature' parameter\. Authorization=AWS4-HMAC-SHA256 Credential=test\//,
    );
  });
});

describe('canonical request parts (SigV4 specification, non-S3 services)', () => {
  it('encodes each path segment a second time and removes dot segments', () => {
    expect(canonicalUri('/jobs/a%20b/./c/../d')).toBe('/jobs/a%2520b/d');
    expect(canonicalUri('/')).toBe('/');
  });
  it('sorts the query by name then value, RFC 3986 encoded', () => {
    expect(canonicalQuery('b=2&a=1&a=0&sp=x%20y&e=&q=a+b')).toBe('a=0&a=1&b=2&e=&q=a%20b&sp=x%20y');
  });
});
