/**
 * The artifact manifests: what the handler build and the layer build write
 * beside their zips (dist/manifest.json) and what infra, the local stack and
 * the test fixtures read. One valibot schema per manifest, so writers and
 * readers cannot drift.
 *
 * A function entry lists the API routes that invoke it. A function with no
 * route (a job worker, a scheduled target) has `"routes": []`; a route may
 * use any method and path parameters (`GET /jobs/{id}`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';

/** The file name of both manifests, beside their zips. */
export const MANIFEST_FILE = 'manifest.json';

/** Raised for a missing, unreadable or invalid manifest, and for a zip that does not match it. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

const sha256Hex = v.pipe(
  v.string(),
  v.regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256 (64 lower-case hex digits)'),
);
const base64Sha256 = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9+/]{43}=$/, 'must be a base64 SHA-256 (44 characters ending in "=")'),
);
const size = v.pipe(v.number(), v.integer(), v.minValue(1, 'must be a positive byte count'));
const zipName = v.pipe(
  v.string(),
  v.check(
    (s) => s.endsWith('.zip') && path.posix.basename(s) === s && !s.includes('\\'),
    'must be a zip file name beside the manifest (no folder)',
  ),
);

/** Lambda function name part and URL path segment: lower case, digits and `_`, like scipy's names. */
export const FUNCTION_NAME = /^[a-z][a-z0-9_]{0,39}$/;

/** An HTTP API route key: a method (or ANY) and a path whose segments may be `{param}` or a final `{proxy+}`. */
export const ROUTE_KEY =
  /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) \/(?:(?:[A-Za-z0-9._~-]+|\{[A-Za-z_][A-Za-z0-9_]*\})(?:\/(?:[A-Za-z0-9._~-]+|\{[A-Za-z_][A-Za-z0-9_]*\}))*(?:\/\{[A-Za-z_][A-Za-z0-9_]*\+\})?|\{[A-Za-z_][A-Za-z0-9_]*\+\})?$/;

const routeKey = v.pipe(
  v.string(),
  v.regex(ROUTE_KEY, 'must be a route key like "POST /linregress" or "GET /jobs/{id}"'),
);

export const FunctionEntrySchema = v.strictObject({
  /** Becomes `<stack prefix>-<name>`; for a statistics endpoint, the scipy name. */
  name: v.pipe(v.string(), v.regex(FUNCTION_NAME, 'must be a lower-case name like "linregress"')),
  /** The API routes that invoke this function; empty for one invoked otherwise. */
  routes: v.array(routeKey),
  zip: zipName,
  /** Lambda handler string, resolved against the task root. */
  handler: v.pipe(
    v.string(),
    v.regex(/^[^.\s]+(\.[A-Za-z_$][\w$]*)+$/, 'must be a handler string like "index.handler"'),
  ),
  sha256: sha256Hex,
  base64Sha256,
  size,
});

export const FunctionManifestSchema = v.pipe(
  v.strictObject({
    functions: v.pipe(
      v.array(FunctionEntrySchema),
      v.minLength(1, 'must be at least one function'),
    ),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const names = new Set<string>();
    const routes = new Map<string, string>();
    for (const [i, fn] of dataset.value.functions.entries()) {
      if (names.has(fn.name)) {
        addIssue({ message: `functions[${i}]: duplicate function name "${fn.name}"` });
      }
      names.add(fn.name);
      for (const route of fn.routes) {
        const owner = routes.get(route);
        if (owner !== undefined) {
          addIssue({
            message: `functions[${i}]: route "${route}" is claimed by both "${owner}" and "${fn.name}"`,
          });
        }
        routes.set(route, fn.name);
      }
    }
  }),
);

export const LayerManifestSchema = v.strictObject({
  name: v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a layer name (letters, digits, "-", "_")'),
  ),
  zip: zipName,
  sha256: sha256Hex,
  base64Sha256,
  size,
  compatibleRuntimes: v.pipe(
    v.array(
      v.pipe(v.string(), v.regex(/^nodejs\d+\.x$/, 'must be a Node.js runtime like "nodejs22.x"')),
    ),
    v.minLength(1, 'must be at least one runtime'),
  ),
  compatibleArchitectures: v.pipe(
    v.array(v.picklist(['arm64', 'x86_64'], 'must be "arm64" or "x86_64"')),
    v.minLength(1, 'must be at least one architecture'),
  ),
});

export type FunctionEntry = v.InferOutput<typeof FunctionEntrySchema>;
export type FunctionManifest = v.InferOutput<typeof FunctionManifestSchema>;
export type LayerManifest = v.InferOutput<typeof LayerManifestSchema>;

/** The digests a manifest records for a zip. */
export interface Digest {
  sha256: string;
  /** What Terraform's `source_code_hash` / Lambda's `CodeSha256` compare against. */
  base64Sha256: string;
  size: number;
}

export function digest(bytes: Buffer): Digest {
  const hash = createHash('sha256').update(bytes).digest();
  return {
    sha256: hash.toString('hex'),
    base64Sha256: hash.toString('base64'),
    size: bytes.length,
  };
}

/**
 * The stats-runtime layer's manifest for a zip of these bytes: the one the
 * layer build writes (layers/stats-runtime/build.ts) and the test fixtures
 * stand in for.
 */
export function statsRuntimeManifest(zip: Buffer): LayerManifest {
  return {
    name: 'stats-runtime',
    zip: 'stats-runtime.zip',
    ...digest(zip),
    compatibleRuntimes: ['nodejs22.x'],
    compatibleArchitectures: ['arm64', 'x86_64'],
  };
}

function describeIssues(where: string, issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0]!;
  const dotted = v.getDotPath(first);
  const field = dotted ? ` field "${dotted}"` : '';
  if (first.message.startsWith('must ')) {
    return `${where}:${field} ${first.message} (got ${first.received})`;
  }
  return `${where}:${field}${field ? ':' : ''} ${first.message}`;
}

function parseWith<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  where: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (!result.success) throw new ManifestError(describeIssues(where, result.issues));
  return result.output;
}

export const parseFunctionManifest = (value: unknown, where = MANIFEST_FILE): FunctionManifest =>
  parseWith(FunctionManifestSchema, value, where);

export const parseLayerManifest = (value: unknown, where = MANIFEST_FILE): LayerManifest =>
  parseWith(LayerManifestSchema, value, where);

/** The manifest text both builds write: validated, two-space JSON, a final newline. */
export function formatManifest(manifest: FunctionManifest | LayerManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Validates and writes `dir/manifest.json` (a function manifest has `functions`). */
export function writeManifest(dir: string, manifest: FunctionManifest | LayerManifest): void {
  const where = path.join(dir, MANIFEST_FILE);
  if ('functions' in manifest) parseFunctionManifest(manifest, where);
  else parseLayerManifest(manifest, where);
  writeFileSync(where, formatManifest(manifest));
}

const BUILD_HINT = 'run `pnpm build` first';

function readJson(file: string): unknown {
  if (!existsSync(file)) throw new ManifestError(`missing build artifact ${file}: ${BUILD_HINT}`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ManifestError(`${file} is not valid JSON: ${BUILD_HINT}`, { cause });
  }
}

/**
 * The zip a manifest entry names, hashed and checked against the recorded
 * digests, so a stale manifest cannot deploy. Returns its absolute path.
 */
export function checkedZipPath(
  dir: string,
  entry: { zip: string; sha256: string; base64Sha256: string; size: number },
  where: string,
): string {
  const zipPath = path.join(dir, entry.zip);
  if (!existsSync(zipPath))
    throw new ManifestError(`${where}: ${zipPath} is missing: ${BUILD_HINT}`);
  const d = digest(readFileSync(zipPath));
  if (d.sha256 !== entry.sha256 || d.base64Sha256 !== entry.base64Sha256 || d.size !== entry.size) {
    throw new ManifestError(
      `${where}: ${entry.zip} does not match its manifest's sha256/base64Sha256/size (stale build?): ${BUILD_HINT}`,
    );
  }
  return zipPath;
}

/** Reads and validates `dir/manifest.json` as a function manifest (zips not yet checked). */
export function readFunctionManifest(dir: string): FunctionManifest {
  const file = path.join(dir, MANIFEST_FILE);
  return parseWith(FunctionManifestSchema, readJson(file), file);
}

/** Reads and validates `dir/manifest.json` as a layer manifest (zip not yet checked). */
export function readLayerManifest(dir: string): LayerManifest {
  const file = path.join(dir, MANIFEST_FILE);
  return parseWith(LayerManifestSchema, readJson(file), file);
}
