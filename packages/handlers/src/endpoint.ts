/**
 * What an endpoint is: a scipy name (its route is `POST /<name>` and its
 * function zip `<name>.zip`), a strict valibot request schema, a response
 * schema in scipy's snake_case names, and `handle`, which calls the stats
 * core with the validated request and maps the result. No HTTP here: that
 * is createHandler's job, once for all endpoints.
 */
import type * as v from 'valibot';

/** A request schema: a (strict) object, possibly piped into cross-field checks. */
export type RequestSchema = v.GenericSchema<Record<string, unknown>> & {
  readonly entries: v.ObjectEntries;
};

export interface Endpoint<
  Req extends RequestSchema = RequestSchema,
  Res extends v.GenericSchema = v.GenericSchema,
> {
  /** scipy's name for the function, e.g. `linregress`. */
  readonly name: string;
  /** One line for the API documentation. */
  readonly summary: string;
  /** Strict (unknown fields rejected), transform-free so it converts to JSON Schema. */
  readonly request: Req;
  /**
   * Built on demand, for the OpenAPI document and the tests: a function
   * never validates its own output, so its schema is not built at load.
   */
  readonly response: () => Res;
  /**
   * Set when the answer has one value per value of a sample (zscore,
   * modified_zscore): under nan_policy omit or propagate, missing values
   * are not dropped before `handle` but reach it as NaN, with the policy
   * in `missing`, so each keeps its place in the answer (null there, as
   * scipy's nan). Other endpoints never see a missing value.
   */
  readonly keepsPositions?: boolean;
  /** Calls the core. May throw StatsInputError (a 422); must not do I/O. */
  handle(input: v.InferOutput<Req>, missing?: MissingValues): v.InferInput<Res>;
  /** A request and its response, for the documentation and the tests. */
  readonly example: { request: v.InferInput<Req>; response: v.InferInput<Res> };
}

/** What `handle` of a `keepsPositions` endpoint is told when the request held missing values. */
export interface MissingValues {
  nanPolicy: 'omit' | 'propagate';
}

export function defineEndpoint<Req extends RequestSchema, Res extends v.GenericSchema>(
  endpoint: Endpoint<Req, Res>,
): Endpoint<Req, Res> {
  return endpoint;
}

export const routeOf = (e: Pick<Endpoint, 'name'>): string => `POST /${e.name}`;
