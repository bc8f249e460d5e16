import { apiRequestId, matchRoute, toPayloadV2Event } from './apigw';
import type { Deployment } from './deployment';

/** A payload 2.0 event for the function's deployed route (or `POST /<name>`), body included. */
export function generateEvent(
  deployment: Deployment | undefined,
  fn: string,
  body: unknown,
): Record<string, unknown> {
  const api = deployment?.apis[0];
  const route = api?.routes.find((r) => r.functionName === fn) ?? {
    routeKey: `POST /${fn}`,
    payloadFormatVersion: '2.0' as const,
    integrationTimeoutMs: 30_000,
  };
  const [method = 'POST', routePath = `/${fn}`] = route.routeKey.split(' ');
  const path = routePath.replace(/\{([^}+]+)\+?\}/g, (_, name: string) => `sample-${name}`);
  const text = Buffer.from(JSON.stringify(body));
  return toPayloadV2Event(
    {
      method,
      url: path,
      headers: {
        host: ['127.0.0.1'],
        'content-type': ['application/json'],
        'content-length': [String(text.length)],
        'user-agent': ['curl/8.5.0'],
      },
      body: text,
      sourceIp: '127.0.0.1',
    },
    {
      apiId: api?.apiId ?? 'local',
      stage: api?.stage ?? '$default',
      accountId: '123456789012',
      requestId: apiRequestId(),
      match: matchRoute([route], method, path) ?? { route },
    },
  );
}
