/** POSTing a JSON request to an endpoint's handler in process, as API Gateway would. */
import { expect } from 'vitest';
import type { Endpoint } from '../../src/endpoint';
import { endpoints } from '../../src/endpoints/index';
import { createHandler } from '../../src/handler';
import { context, type HttpResponse, httpEvent } from './events';

const byName = new Map(endpoints.map((e) => [e.name, e] as const));

/** The registered endpoint of this name (the test fails on an unknown one). */
export function endpointNamed(name: string): Endpoint {
  const endpoint = byName.get(name);
  if (!endpoint) throw new Error(`no endpoint named ${name}`);
  return endpoint;
}

/** The status and parsed JSON body of a POST of `request` to `endpoint`. */
export async function postTo(endpoint: Endpoint, request: unknown) {
  const res = (await createHandler(endpoint)(
    httpEvent(JSON.stringify(request)),
    context,
  )) as HttpResponse;
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

/** postTo the endpoint of this name. */
export const post = (name: string, request: unknown) => postTo(endpointNamed(name), request);

/**
 * The request is refused with `status` (400: invalid_request, 422:
 * unprocessable_input) and a message matching `says`.
 */
export async function expectInvalid(name: string, request: unknown, says: RegExp, status = 400) {
  const { status: got, body } = await post(name, request);
  expect(got, JSON.stringify(body)).toBe(status);
  expect(body.error.code).toBe(status === 400 ? 'invalid_request' : 'unprocessable_input');
  expect(body.error.message).toMatch(says);
}
