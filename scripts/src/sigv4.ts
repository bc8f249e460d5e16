/**
 * Verifies an AWS Signature Version 4 `Authorization` header the way API
 * Gateway does for a route with AWS_IAM authorization: parse the header,
 * check the date (5 minutes of skew either way), the credential scope
 * (date, region, `execute-api`) and the access key, rebuild the canonical
 * request from what arrived (method, path, query, the signed headers, the
 * payload's SHA-256) and compare signatures. Each failure is the 403 and
 * message API Gateway answers with.
 *
 * The canonical request follows the SigV4 specification for services other
 * than S3: each path segment URI-encoded a second time (the path as sent is
 * already encoded once), dot segments removed, query pairs encoded and
 * sorted, header values trimmed with inner spaces collapsed.
 *
 * What is not emulated: IAM policy evaluation (execute-api:Invoke on the
 * route's ARN). A correctly signed request with the emulator's credentials
 * passes; any other key is unknown.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedRequest {
  method: string;
  /** Path and query as received, e.g. `/linregress?a=1`. */
  url: string;
  /** Header name (lower case) -> values in arrival order. */
  headers: Record<string, string[]>;
  body: Buffer;
}

export interface VerifyOptions {
  /** Secret access key of each access key id the emulator knows. */
  credentials: ReadonlyMap<string, string>;
  region: string;
  service?: string;
  now?: Date;
}

export type Verdict =
  | { ok: true; accessKeyId: string }
  | { ok: false; errorType: string; message: string };

/** moto's (and the local stack's) credentials: access key `test`, secret `test`. */
export const EMULATOR_CREDENTIALS: ReadonlyMap<string, string> = new Map([['test', 'test']]);

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SKEW_MS = 5 * 60 * 1000;

/** `Forbidden`: what an HTTP API answers a request to an AWS_IAM route that carries no signature. */
export const UNSIGNED: Verdict = {
  ok: false,
  errorType: 'ForbiddenException',
  message: 'Forbidden',
};

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) =>
  createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding: everything but A-Z a-z 0-9 - _ . ~ is %XX (upper-case hex). */
export function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, '%20'));
  } catch {
    return s;
  }
}

/** The canonical URI of a non-S3 service: normalised, each segment encoded again. */
export function canonicalUri(rawPath: string): string {
  const out: string[] = [];
  for (const seg of rawPath.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  const trailing = rawPath.length > 1 && rawPath.endsWith('/') && out.length > 0 ? '/' : '';
  return `/${out.map(uriEncode).join('/')}${trailing}`;
}

export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  const pairs = rawQuery
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const i = p.indexOf('=');
      const k = i === -1 ? p : p.slice(0, i);
      const v = i === -1 ? '' : p.slice(i + 1);
      return [uriEncode(safeDecode(k)), uriEncode(safeDecode(v))] as const;
    })
    .filter(([k]) => k !== 'X-Amz-Signature');
  pairs.sort((a, b) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0,
  );
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

const header = (req: SignedRequest, name: string) => req.headers[name]?.join(',');

/** `20150830T123600Z` -> Date, or undefined when malformed. */
function parseAmzDate(s: string): Date | undefined {
  const m = s.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/);
  if (m) return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t);
}

const amzDate = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

interface ParsedAuthorization {
  algorithm: string;
  credential?: string;
  signedHeaders?: string;
  signature?: string;
}

function parseAuthorization(value: string): ParsedAuthorization {
  const space = value.indexOf(' ');
  const algorithm = space === -1 ? value : value.slice(0, space);
  const parsed: ParsedAuthorization = { algorithm };
  for (const part of (space === -1 ? '' : value.slice(space + 1)).split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const key = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (key === 'Credential') parsed.credential = v;
    else if (key === 'SignedHeaders') parsed.signedHeaders = v;
    else if (key === 'Signature') parsed.signature = v;
  }
  return parsed;
}

/** The canonical request and string to sign, for a signature check and for the mismatch message. */
export function canonicalRequest(
  req: SignedRequest,
  signedHeaders: string[],
): { canonical: string; payloadHash: string } {
  const q = req.url.indexOf('?');
  const rawPath = q === -1 ? req.url : req.url.slice(0, q);
  const rawQuery = q === -1 ? '' : req.url.slice(q + 1);
  const payloadHash = header(req, 'x-amz-content-sha256') ?? sha256Hex(req.body);
  const headerLines = signedHeaders.map(
    (h) => `${h}:${(req.headers[h] ?? []).map((v) => v.trim().replace(/\s+/g, ' ')).join(',')}\n`,
  );
  const canonical = [
    req.method.toUpperCase(),
    canonicalUri(rawPath),
    canonicalQuery(rawQuery),
    headerLines.join(''),
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  return { canonical, payloadHash };
}

export function verifySigV4(req: SignedRequest, options: VerifyOptions): Verdict {
  const service = options.service ?? 'execute-api';
  const now = options.now ?? new Date();
  const authorization = header(req, 'authorization');
  if (authorization === undefined || authorization.trim() === '') return UNSIGNED;
  const auth = parseAuthorization(authorization.trim());
  if (auth.algorithm !== ALGORITHM) {
    return {
      ok: false,
      errorType: 'IncompleteSignatureException',
      message: `Authorization header requires existence of the '${ALGORITHM}' algorithm (got '${auth.algorithm}'). Authorization=${authorization}`,
    };
  }
  const dateHeader = header(req, 'x-amz-date') ?? header(req, 'date');
  const missing = [
    auth.credential === undefined && "Authorization header requires 'Credential' parameter.",
    auth.signature === undefined && "Authorization header requires 'Signature' parameter.",
    auth.signedHeaders === undefined && "Authorization header requires 'SignedHeaders' parameter.",
    dateHeader === undefined &&
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
  ].filter((m): m is string => typeof m === 'string');
  if (missing.length > 0) {
    return {
      ok: false,
      errorType: 'IncompleteSignatureException',
      message: `${missing.join(' ')} Authorization=${authorization}`,
    };
  }
  const signedAt = parseAmzDate(dateHeader!);
  if (signedAt === undefined) {
    return {
      ok: false,
      errorType: 'IncompleteSignatureException',
      message: `Date must be in ISO-8601 'basic format'. Got '${dateHeader}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    };
  }
  const [accessKeyId = '', scopeDate = '', scopeRegion = '', scopeService = '', terminator = ''] =
    auth.credential!.split('/');
  const stamp = amzDate(signedAt);
  if (scopeDate !== stamp.slice(0, 8)) {
    return {
      ok: false,
      errorType: 'InvalidSignatureException',
      message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${stamp.slice(0, 8)}', from '${dateHeader}'.`,
    };
  }
  const scopeProblems = [
    scopeRegion !== options.region && 'Credential should be scoped to a valid region. ',
    scopeService !== service && `Credential should be scoped to correct service: '${service}'. `,
    terminator !== 'aws4_request' &&
      "Credential should be scoped with a valid terminator: 'aws4_request', not '" +
        `${terminator}'. `,
  ].filter((m): m is string => typeof m === 'string');
  if (scopeProblems.length > 0) {
    return { ok: false, errorType: 'InvalidSignatureException', message: scopeProblems.join('') };
  }
  if (signedAt.getTime() < now.getTime() - SKEW_MS) {
    return {
      ok: false,
      errorType: 'InvalidSignatureException',
      message: `Signature expired: ${stamp} is now earlier than ${amzDate(new Date(now.getTime() - SKEW_MS))} (${amzDate(now)} - 5 min.)`,
    };
  }
  if (signedAt.getTime() > now.getTime() + SKEW_MS) {
    return {
      ok: false,
      errorType: 'InvalidSignatureException',
      message: `Signature not yet current: ${stamp} is still later than ${amzDate(new Date(now.getTime() + SKEW_MS))} (${amzDate(now)} + 5 min.)`,
    };
  }
  const secret = options.credentials.get(accessKeyId);
  if (secret === undefined) {
    return {
      ok: false,
      errorType: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    };
  }
  const signedHeaders = auth.signedHeaders!.split(';').map((h) => h.trim().toLowerCase());
  if (!signedHeaders.includes('host')) {
    return {
      ok: false,
      errorType: 'InvalidSignatureException',
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    };
  }
  const { canonical } = canonicalRequest(req, signedHeaders);
  const scope = `${scopeDate}/${scopeRegion}/${scopeService}/aws4_request`;
  const stringToSign = [ALGORITHM, stamp, scope, sha256Hex(canonical)].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${secret}`, scopeDate), scopeRegion), scopeService),
    'aws4_request',
  );
  const expected = hmac(key, stringToSign);
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(auth.signature!) ? auth.signature! : '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      ok: false,
      errorType: 'InvalidSignatureException',
      message: `${MISMATCH}\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${stringToSign}'\n`,
    };
  }
  return { ok: true, accessKeyId };
}
