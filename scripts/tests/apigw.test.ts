// API Gateway HTTP API rules on their own: route selection, the payload 2.0
// event's encoding choices, and the response mapping (AWS docs: "Working with
// AWS Lambda proxy integrations for HTTP APIs").
import { describe, expect, it } from 'vitest';
import {
  fromPayloadV2Result,
  type IncomingRequest,
  matchRoute,
  toPayloadV2Event,
} from '../src/apigw';
import type { DeployedRoute } from '../src/deployment';

const route = (routeKey: string): DeployedRoute => ({
  routeKey,
  functionName: routeKey,
  payloadFormatVersion: '2.0',
  integrationTimeoutMs: 30_000,
});

describe('route selection', () => {
  const routes = [
    '$default',
    'ANY /items/{proxy+}',
    'GET /items/{id}',
    'GET /items/special',
    'ANY /items/{id}',
  ].map(route);

  it('prefers literal paths, then {param}, then greedy, then $default; a method over ANY', () => {
    expect(matchRoute(routes, 'GET', '/items/special')?.route.routeKey).toBe('GET /items/special');
    expect(matchRoute(routes, 'GET', '/items/7')).toMatchObject({
      route: { routeKey: 'GET /items/{id}' },
      pathParameters: { id: '7' },
    });
    expect(matchRoute(routes, 'DELETE', '/items/7')?.route.routeKey).toBe('ANY /items/{id}');
    expect(matchRoute(routes, 'GET', '/items/a/b%20c')).toMatchObject({
      route: { routeKey: 'ANY /items/{proxy+}' },
      pathParameters: { proxy: 'a/b c' },
    });
    expect(matchRoute(routes, 'POST', '/elsewhere')?.route.routeKey).toBe('$default');
    expect(matchRoute(routes.slice(1), 'POST', '/elsewhere')).toBeUndefined();
  });
});

describe('the payload 2.0 event', () => {
  const match = { route: route('POST /upload') };
  const ctx = { apiId: 'a', stage: '$default', accountId: '1', requestId: 'r', match };
  const request = (contentType: string | undefined, body: string): IncomingRequest => ({
    method: 'POST',
    url: '/upload',
    headers: contentType ? { 'content-type': [contentType] } : ({} as Record<string, string[]>),
    body: Buffer.from(body),
    sourceIp: '127.0.0.1',
  });

  it('passes text media types as text and base64-encodes anything else', () => {
    expect(
      toPayloadV2Event(request('application/json; charset=utf-8', '{"a":1}'), ctx),
    ).toMatchObject({
      body: '{"a":1}',
      isBase64Encoded: false,
    });
    expect(toPayloadV2Event(request('application/octet-stream', 'hi'), ctx)).toMatchObject({
      body: Buffer.from('hi').toString('base64'),
      isBase64Encoded: true,
    });
    expect(toPayloadV2Event(request(undefined, ''), ctx)).not.toHaveProperty('body');
  });
});

describe('the response mapping', () => {
  it('takes statusCode, headers, cookies and a base64 body as given', () => {
    const r = fromPayloadV2Result({
      statusCode: 418,
      headers: { 'X-A': 1 },
      cookies: ['a=1', 'b=2'],
      body: Buffer.from('teapot').toString('base64'),
      isBase64Encoded: true,
    });
    expect(r.statusCode).toBe(418);
    expect(r.headers).toEqual({ 'x-a': '1', 'set-cookie': ['a=1', 'b=2'] });
    expect(r.body.toString()).toBe('teapot');
  });

  it('turns any result without statusCode into a 200 JSON body (the plain-object shortcut)', () => {
    for (const payload of [{ a: 1 }, [1, 2], 'text', 3, null]) {
      const r = fromPayloadV2Result(payload);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.body.toString()).toBe(JSON.stringify(payload));
    }
  });

  it('answers 500 for a malformed response', () => {
    expect(fromPayloadV2Result({ statusCode: 'abc' }).statusCode).toBe(500);
    expect(fromPayloadV2Result({ statusCode: 200, body: { not: 'a string' } }).statusCode).toBe(
      500,
    );
  });
});
