/**
 * The endpoint table of docs/api.md, generated from the committed API
 * document (packages/handlers/openapi.gen.json), so a new or changed
 * endpoint shows up in the docs the moment its schema does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  items?: Schema;
  oneOf?: Schema[];
}
interface Operation {
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface ApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

function resolve(doc: ApiDocument, schema: Schema | undefined): Schema | undefined {
  if (schema?.$ref === undefined) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  return doc.components?.schemas?.[name];
}

/** `name` for a required field, `name?` with its default for an optional one. */
function requestField(name: string, schema: Schema, required: boolean): string {
  if (required) return `\`${name}\``;
  return schema.default === undefined
    ? `\`${name}?\``
    : `\`${name}?\` = \`${JSON.stringify(schema.default)}\``;
}

function fields(doc: ApiDocument, schema: Schema | undefined, request: boolean): string {
  const s = resolve(doc, schema);
  // a oneOf (e.g. a dataset awaiting its upload, or uploaded): the fields of every variant, once
  const props = s?.oneOf
    ? [...new Map(s.oneOf.flatMap((o) => Object.entries(o.properties ?? {}))).entries()]
    : Object.entries(s?.properties ?? {});
  if (props.length === 0) return '';
  const required = new Set(s?.required ?? []);
  return props
    .map(([name, p]) => (request ? requestField(name, p, required.has(name)) : `\`${name}\``))
    .join(', ');
}

const escapePipes = (text: string) => text.replace(/\|/g, '\\|');

/** One Markdown row per operation: method and route, summary, request fields, response fields. */
export function endpointTable(doc: ApiDocument): string {
  const rows = Object.entries(doc.paths)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([route, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['get', 'post', 'put', 'delete', 'patch'].includes(method))
        .map(([method, op]) => {
          const body = op.requestBody?.content?.['application/json']?.schema;
          const ok = Object.entries(op.responses ?? {}).find(([status]) => status.startsWith('2'));
          const result = ok?.[1].content?.['application/json']?.schema;
          // a route without a body: its query parameters (the path ones are in the route)
          const request = body
            ? fields(doc, body, true)
            : (op.parameters ?? [])
                .filter((p) => p.in === 'query')
                .map((p) => `\`${p.name}${p.required ? '' : '?'}\` (query)`)
                .join(', ');
          return `| \`${method.toUpperCase()} ${route}\` | ${escapePipes(op.summary ?? '')} | ${request} | ${fields(doc, result, false)} |`;
        }),
    );
  return [
    '| route | what it computes | request fields (`?`: optional, with its default) | response fields |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The table for the repository's committed API document. */
export function committedEndpointTable(root: string): string {
  const file = path.join(root, 'packages', 'handlers', 'openapi.gen.json');
  return endpointTable(JSON.parse(readFileSync(file, 'utf8')) as ApiDocument);
}
