/**
 * The OpenAPI 3.1 document of every endpoint, generated from the same valibot
 * schemas the handlers validate with (@valibot/to-json-schema, JSON Schema
 * 2020-12, which OpenAPI 3.1 uses as is), so the document cannot drift from
 * the code.
 * `pnpm --filter @lambda-stats/handlers openapi` writes it to
 * openapi.gen.json; tests/openapi.test.ts fails if the committed file differs.
 * Not bundled into any function: only the generator and the tests import it.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { type ConversionConfig, type JsonSchema, toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { type Endpoint, routeOf } from './endpoint';
import { endpoints } from './endpoints/index';
import { linregress } from './endpoints/linregress';
import { DEFAULT_MAX_BODY_BYTES } from './env';
import { createHandler } from './handler';
import { csvParameters } from './http/csv';
import { csvForm, queryText } from './http/csvExample';
import { errorCodes } from './http/errors';
import { NAN_POLICIES, NAN_POLICY_ENDPOINTS } from './http/fields';
import { errorToResponse } from './http/respond';
import { routeDocs, routeOperation } from './openapi-routes';
import { documented } from './schema';

/** The error body every 4xx and 5xx carries. */
export const errorBody = v.strictObject({
  error: v.strictObject({
    code: documented(v.picklist(errorCodes), 'Stable, machine-readable reason.'),
    message: documented(v.string(), 'What went wrong and how to fix it.'),
    details: documented(
      v.record(v.string(), v.unknown()),
      'Specifics: `issues` ({path, message}, at most 20) and `moreIssues` for invalid_request; `function` for unprocessable_input; `requestId` for internal_error; `limitBytes` and similar for the others.',
    ),
  }),
});

type JsonObject = Record<string, unknown>;

/**
 * Three touches to what @valibot/to-json-schema writes, so the document
 * keeps the shape it had: a nullable number as `type: ["number", "null"]`
 * rather than an `anyOf` of two schemas (the same values); a response
 * object closed with `additionalProperties: false` (a response has exactly
 * the fields listed); a fixed-length tuple with its `maxItems`.
 */
function refine(
  { valibotSchema, jsonSchema }: { valibotSchema: v.GenericSchema; jsonSchema: JsonSchema },
  io: 'input' | 'output',
): JsonSchema | undefined {
  switch (valibotSchema.type) {
    case 'nullable': {
      const [inner, none, ...more] = (jsonSchema.anyOf ?? []) as JsonSchema[];
      if (more.length > 0 || inner === undefined || none?.type !== 'null') return undefined;
      if (Object.keys(inner).length !== 1 || typeof inner.type !== 'string') return undefined;
      const { anyOf: _anyOf, ...rest } = jsonSchema;
      return { ...rest, type: [inner.type, 'null'] } as JsonSchema;
    }
    case 'object':
      return io === 'output' ? { ...jsonSchema, additionalProperties: false } : undefined;
    case 'strict_tuple':
      return { ...jsonSchema, maxItems: jsonSchema.minItems } as JsonSchema;
    default:
      return undefined;
  }
}

/** JSON Schema 2020-12 of a request (`input`: defaults optional) or response (`output`) schema. */
export function toJsonSchema2020(schema: v.GenericSchema, io: 'input' | 'output'): JsonObject {
  const config: ConversionConfig = {
    target: 'draft-2020-12',
    typeMode: io,
    // finiteness and the cross-field checks (equal lengths, rectangular tables) have no
    // JSON Schema form: the document leaves them out, as it always has
    ignoreActions: ['finite', 'raw_check'],
    overrideSchema: (context) => refine(context, io),
  };
  return toJsonSchema(schema, config) as JsonObject;
}

/** A component schema: JSON Schema 2020-12 without its `$schema` key (the document sets the dialect). */
function jsonSchema(schema: v.GenericSchema, io: 'input' | 'output'): JsonObject {
  const { $schema: _dialect, ...rest } = toJsonSchema2020(schema, io);
  return rest;
}

/** The responses every endpoint shares: status, description, and a request that earns it. */
const sharedResponses = [
  {
    name: 'InvalidRequest',
    status: '400',
    description:
      'invalid_request: a missing, unknown or mistyped field, a non-finite number, too few values, unequal lengths, a value out of range, a missing value (null) under nan_policy raise (details.issues lists them), or a CSV query string that does not map the fields; invalid_csv: a CSV cell that is not a number, a missing value under nan_policy raise, a ragged row, bad quoting, no header (details: reason, row counted from 1 below the header, line, column, value); malformed_json: the body does not parse; missing_body: empty body; invalid_body_encoding: a base64 body that is not UTF-8.',
    event: httpEvent('{"x": [1, 2, "3"], "y": [1, 2, 3], "alpha": 0.05}'),
  },
  {
    name: 'MethodNotAllowed',
    status: '405',
    description: 'method_not_allowed: only POST is accepted (the Allow header says so).',
    event: httpEvent('', { method: 'GET' }),
  },
  {
    name: 'PayloadTooLarge',
    status: '413',
    description: `payload_too_large: the body is over the limit (LAMBDA_STATS_MAX_BODY_BYTES, default ${DEFAULT_MAX_BODY_BYTES} bytes, Lambda's 6 MB synchronous payload).`,
    event: httpEvent(`{"x": [${'1,'.repeat(DEFAULT_MAX_BODY_BYTES / 2)}1], "y": [1]}`),
  },
  {
    name: 'UnsupportedMediaType',
    status: '415',
    description:
      'unsupported_media_type: a Content-Type other than application/json (or +json) or text/csv, or a charset other than UTF-8.',
    event: httpEvent('x=1', { contentType: 'application/x-www-form-urlencoded' }),
  },
  {
    name: 'UnprocessableInput',
    status: '422',
    description:
      "unprocessable_input: the request is well-formed but the statistics cannot be computed from these numbers (the stats core's StatsInputError, whose message is returned); unknown_column: a CSV request names a column the CSV does not have (details.available lists its columns).",
    event: httpEvent('{"x": [3, 3, 3], "y": [1, 2, 3]}'),
  },
  {
    name: 'InternalError',
    status: '500',
    description:
      'internal_error: a bug. The message and details carry the request id; no stack or internal message is returned.',
    event: undefined,
  },
] as const;

const EXAMPLE_REQUEST_ID = '3f2c1a9e-5b7d-4e0f-8a6b-1c2d3e4f5a6b';

/** An API Gateway HTTP API (payload 2.0) event, as the front door sends. */
function httpEvent(body: string, opts: { method?: string; contentType?: string } = {}) {
  return {
    version: '2.0',
    routeKey: 'POST /linregress',
    rawPath: '/linregress',
    headers: { 'content-type': opts.contentType ?? 'application/json' },
    requestContext: { http: { method: opts.method ?? 'POST' }, requestId: 'example' },
    body,
    isBase64Encoded: false,
  };
}

/** Each shared response's example, answered by the real linregress handler (or error mapper). */
async function errorExamples(): Promise<Record<string, unknown>> {
  const handler = createHandler(linregress, {
    logger: new Logger({ logLevel: 'SILENT' }),
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
  });
  const context = { awsRequestId: EXAMPLE_REQUEST_ID };
  const out: Record<string, unknown> = {};
  for (const r of sharedResponses) {
    if (r.event === undefined) {
      out[r.name] = errorToResponse(new Error('example'), EXAMPLE_REQUEST_ID, 'linregress').body;
      continue;
    }
    const res = (await handler(r.event, context)) as { statusCode: number; body: string };
    if (String(res.statusCode) !== r.status) {
      throw new Error(`the ${r.name} example answered ${res.statusCode}, not ${r.status}`);
    }
    out[r.name] = JSON.parse(res.body);
  }
  return out;
}

const CSV_BODY =
  'The same request as a CSV table (RFC 4180, UTF-8, a header row naming the columns; numbers are read exactly as JSON reads them). The query string maps each array field to columns (one column for a sample; a comma-separated list for a matrix such as ols X; f_oneway: samples=<value column>&group_by=<label column>, or samples=<one column per group>; chi2_contingency: rows=<label column>&cols=<label column> to cross-tabulate, or observed=<columns> for the table itself) and carries the other fields (booleans as true/false). Groups and cross-tabulated labels are taken in sorted order. Missing cells (empty, NaN, NA, null...) follow nan_policy where the endpoint has it, and are an error elsewhere.';

function csvQueryParameters(e: Endpoint): JsonObject[] {
  return csvParameters(e).map((p) => ({
    name: p.name,
    in: 'query',
    required: false,
    description:
      p.kind === 'sample'
        ? p.required
          ? `CSV body only (required with it): the column holding ${p.name}.`
          : `CSV body only (optional): the column holding ${p.name}.`
        : p.kind === 'columns'
          ? `CSV body only: the columns holding ${p.name}, comma-separated.`
          : p.kind === 'label'
            ? `CSV body only: the label column (${p.name === 'group_by' ? 'groups of samples' : `${p.name} of the cross-tabulation`}).`
            : `CSV body only: the ${p.name} field, as in the JSON body.`,
    schema: { type: 'string' },
  }));
}

/**
 * The JSON request schema, plus nan_policy for the endpoints whose scipy
 * function has it (handled in src/http/nanPolicy.ts, before the endpoint's
 * own schema): the field, and `null` allowed in the samples as a missing value.
 */
function requestSchema(e: Endpoint): JsonObject {
  const schema = jsonSchema(e.request, 'input');
  if (!NAN_POLICY_ENDPOINTS.has(e.name)) return schema;
  const properties = { ...(schema.properties as Record<string, JsonObject>) };
  const nullable = (items: JsonObject) =>
    items.type === 'number' ? { ...items, type: ['number', 'null'] } : items;
  for (const [name, prop] of Object.entries(properties)) {
    if (prop.type !== 'array' || prop.items === undefined) continue;
    const items = prop.items as JsonObject;
    if (items.type === 'number') properties[name] = { ...prop, items: nullable(items) };
    else if (items.type === 'array' && items.items !== undefined) {
      properties[name] = {
        ...prop,
        items: { ...items, items: nullable(items.items as JsonObject) },
      };
    }
  }
  properties.nan_policy = {
    enum: [...NAN_POLICIES],
    default: 'raise',
    description:
      "scipy's nan_policy for missing values (null in JSON, empty or NaN/NA cells in CSV): raise (default here; scipy's default is propagate) answers 400 naming each one; omit drops them (a paired sample loses the whole pair, an independent sample or a group just the value); propagate answers scipy's nan result (every statistic null, the counts kept).",
  };
  return { ...schema, properties };
}

function operation(e: Endpoint): JsonObject {
  const form = csvForm(e, e.example.request as Record<string, unknown>);
  return {
    operationId: e.name,
    summary: e.summary,
    description: `CSV form of the example: \`POST /${e.name}${queryText(form.query)}\` with Content-Type: text/csv.`,
    parameters: csvQueryParameters(e),
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: { $ref: `#/components/schemas/${e.name}_request` },
          example: e.example.request,
        },
        'text/csv': {
          schema: { type: 'string', description: CSV_BODY },
          example: form.csv,
        },
      },
    },
    responses: {
      '200': {
        description: `The result in scipy's names; null where scipy gives nan (or inf).`,
        content: {
          'application/json': {
            schema: { $ref: `#/components/schemas/${e.name}_response` },
            example: e.example.response,
          },
        },
      },
      ...Object.fromEntries(
        sharedResponses.map((r) => [r.status, { $ref: `#/components/responses/${r.name}` }]),
      ),
    },
  };
}

/** The document, deterministic: endpoints sorted by name, keys in a fixed order. */
export async function openApiDocument(version: string): Promise<JsonObject> {
  const examples = await errorExamples();
  const sorted = [...endpoints].sort((a, b) => (a.name < b.name ? -1 : 1));
  // the datasets, jobs and analyses routes (src/openapi-routes.ts), in path order
  const routes = [...routeDocs].sort((a, b) =>
    a.path === b.path ? (a.method < b.method ? -1 : 1) : a.path < b.path ? -1 : 1,
  );
  const routePaths: Record<string, Record<string, JsonObject>> = {};
  const routeSchemas: Record<string, JsonObject> = {};
  for (const r of routes) {
    const { operation, schemas } = await routeOperation(r, jsonSchema);
    routePaths[r.path] = { ...routePaths[r.path], [r.method.toLowerCase()]: operation };
    Object.assign(routeSchemas, schemas);
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'lambda-stats',
      version,
      summary: 'scipy.stats-compatible statistics over HTTP, one AWS Lambda function per route.',
      description:
        "Each statistics route is `POST /<scipy name>` with a JSON body whose fields are the scipy function's arguments (or a CSV body whose columns the query string maps to those fields), answering the scipy result fields in snake_case. Values with no finite value (nan, inf) are null. Unknown fields are rejected. Data of any size goes through the datasets and jobs routes (`POST /datasets`, a presigned PUT, `POST /jobs`, `GET /jobs/{id}`), whose job result is the synchronous endpoint's body; scheduled analyses answer at `/analyses/{name}/results` and `/runs`. Every error is `{\"error\": {code, message, details}}`. Generated from the handlers' valibot schemas by `pnpm --filter @lambda-stats/handlers openapi`; do not edit by hand.",
    },
    paths: {
      ...Object.fromEntries(
        sorted.map((e) => [routeOf(e).slice('POST '.length), { post: operation(e) }]),
      ),
      ...routePaths,
    },
    components: {
      schemas: {
        ...Object.fromEntries(
          sorted.flatMap((e) => [
            [`${e.name}_request`, requestSchema(e)],
            [`${e.name}_response`, jsonSchema(e.response(), 'output')],
          ]),
        ),
        ...Object.fromEntries(Object.entries(routeSchemas).sort(([a], [b]) => (a < b ? -1 : 1))),
        Error: jsonSchema(errorBody, 'output'),
      },
      responses: Object.fromEntries(
        sharedResponses.map((r) => [
          r.name,
          {
            description: r.description,
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Error' },
                example: examples[r.name],
              },
            },
          },
        ]),
      ),
    },
  };
}

/** The committed file's text: 2-space JSON and a final newline. */
export async function openApiText(version: string): Promise<string> {
  return `${JSON.stringify(await openApiDocument(version), null, 2)}\n`;
}
