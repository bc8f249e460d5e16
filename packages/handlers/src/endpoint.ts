/**
 * What an endpoint is: a scipy name (its route is `POST /<name>` and its
 * function zip `<name>.zip`), a strict zod request schema, a response schema
 * in scipy's snake_case names, and `handle`, which calls the stats core with
 * the validated request and maps the result. No HTTP here: that is
 * createHandler's job, once for all endpoints.
 */
import type * as z from 'zod/mini';

export interface Endpoint<
  Req extends z.ZodMiniObject = z.ZodMiniObject,
  Res extends z.ZodMiniType = z.ZodMiniType,
> {
  /** scipy's name for the function, e.g. `linregress`. */
  readonly name: string;
  /** One line for the API documentation. */
  readonly summary: string;
  /** Strict (unknown fields rejected), transform-free so it converts to JSON Schema. */
  readonly request: Req;
  /**
   * Built on demand, for the OpenAPI document and the tests: a function
   * never validates its own output, and constructing the zod schema at load
   * cost about 1 ms of every cold start.
   */
  readonly response: () => Res;
  /** Calls the core. May throw StatsInputError (a 422); must not do I/O. */
  handle(input: z.output<Req>): z.input<Res>;
  /** A request and its response, for the documentation and the tests. */
  readonly example: { request: z.input<Req>; response: z.input<Res> };
}

export function defineEndpoint<Req extends z.ZodMiniObject, Res extends z.ZodMiniType>(
  endpoint: Endpoint<Req, Res>,
): Endpoint<Req, Res> {
  return endpoint;
}

export const routeOf = (e: Pick<Endpoint, 'name'>): string => `POST /${e.name}`;
