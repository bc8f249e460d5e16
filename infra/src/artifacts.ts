/**
 * Reads the build artifacts infra deploys: the handler zips and the layer zip,
 * described by the manifests `pnpm build` writes (formats in TEAM.md). Infra
 * never builds and never imports handler code; it only checks that what it
 * is about to upload is what the manifest says.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What a function is for, which decides its permissions: `stats` (one
 * statistics route, no AWS access), `datasets` and `jobs` (the jobs API),
 * `job_step` (a step of the job state machine, no route).
 */
export const FUNCTION_ROLES = ['stats', 'datasets', 'jobs', 'job_step'] as const;
export type FunctionRole = (typeof FUNCTION_ROLES)[number];

export interface FunctionArtifact {
  /** scipy name, e.g. `linregress`, or a jobs function (`jobs`, `job_worker`). */
  readonly name: string;
  readonly role: FunctionRole;
  /** The HTTP API routes it serves: `POST /<name>` for a statistic, none for a job step. */
  readonly routes: readonly string[];
  readonly handler: string;
  /** Absolute path of the zip on this machine (never synthesized). */
  readonly zipPath: string;
  readonly sha256: string;
  readonly base64Sha256: string;
  readonly size: number;
}

export interface LayerArtifact {
  readonly name: string;
  readonly zipPath: string;
  readonly sha256: string;
  readonly base64Sha256: string;
  readonly size: number;
  readonly compatibleRuntimes: string[];
  readonly compatibleArchitectures: string[];
}

export interface Artifacts {
  readonly functions: FunctionArtifact[];
  readonly layer: LayerArtifact;
}

/** Where the artifacts sit below a repository root (or a test's fixture root). */
export const HANDLERS_DIST = 'packages/handlers/dist';
export const LAYER_DIST = 'layers/stats-runtime/dist';

const BUILD_HINT = 'run `pnpm build` first';

export class ArtifactError extends Error {
  override name = 'ArtifactError';
}

function readJson(file: string): unknown {
  if (!existsSync(file)) {
    throw new ArtifactError(`missing build artifact ${file}: ${BUILD_HINT}`);
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ArtifactError(`${file} is not valid JSON: ${BUILD_HINT}`, { cause });
  }
}

type Json = Record<string, unknown>;

function field<T>(
  obj: Json,
  key: string,
  check: (v: unknown) => v is T,
  what: string,
  where: string,
): T {
  const value = obj[key];
  if (!check(value)) {
    throw new ArtifactError(
      `${where}: field "${key}" must be ${what} (got ${JSON.stringify(value)}): ${BUILD_HINT}`,
    );
  }
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isSize = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;
const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.length > 0 && v.every(isString);
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;

/** A plain file name: the zip must sit beside its manifest. */
const isZipName = (v: unknown): v is string =>
  isString(v) && v.endsWith('.zip') && path.basename(v) === v;

/** `GET /jobs/{id}`: a method and a path of literal or `{param}` segments. */
const isRouteKeys = (v: unknown): v is string[] =>
  Array.isArray(v) &&
  v.every(
    (r) => typeof r === 'string' && /^(GET|POST|PUT|DELETE) (\/([a-z0-9_-]+|\{[a-z]+\}))+$/.test(r),
  );

/** Lambda function name part and URL path segment: what scipy names look like. */
const isFunctionName = (v: unknown): v is string =>
  typeof v === 'string' && /^[a-z][a-z0-9_]{0,39}$/.test(v);

/** Hashes the zip and checks it against the manifest, so a stale manifest cannot deploy. */
function checkedZip(dir: string, zip: string, sha256: string, base64: string, where: string) {
  const zipPath = path.join(dir, zip);
  if (!existsSync(zipPath)) {
    throw new ArtifactError(`${where}: ${zipPath} is missing: ${BUILD_HINT}`);
  }
  const digest = createHash('sha256').update(readFileSync(zipPath)).digest();
  if (digest.toString('hex') !== sha256 || digest.toString('base64') !== base64) {
    throw new ArtifactError(
      `${where}: ${zip} does not match its manifest's sha256/base64Sha256 (stale build?): ${BUILD_HINT}`,
    );
  }
  return zipPath;
}

export function readFunctionArtifacts(dir: string): FunctionArtifact[] {
  const file = path.join(dir, 'manifest.json');
  const manifest = readJson(file);
  if (
    !isObject(manifest) ||
    !Array.isArray(manifest.functions) ||
    manifest.functions.length === 0
  ) {
    throw new ArtifactError(`${file} must be {"functions":[...]} with at least one function`);
  }
  const seen = new Set<string>();
  return manifest.functions.map((entry: unknown, i: number) => {
    const where = `${file} functions[${i}]`;
    if (!isObject(entry)) throw new ArtifactError(`${where} must be an object`);
    const name = field(entry, 'name', isFunctionName, 'a lower-case name like "linregress"', where);
    if (seen.has(name)) throw new ArtifactError(`${where}: duplicate function name "${name}"`);
    seen.add(name);
    const role = entry.role === undefined ? 'stats' : entry.role;
    if (!FUNCTION_ROLES.includes(role as FunctionRole)) {
      throw new ArtifactError(
        `${where}: role must be one of ${FUNCTION_ROLES.join(', ')} (got ${JSON.stringify(role)})`,
      );
    }
    let routes: string[];
    if (role === 'stats') {
      const route = field(entry, 'route', isString, 'a route key', where);
      if (route !== `POST /${name}`) {
        throw new ArtifactError(`${where}: route must be "POST /${name}" (got "${route}")`);
      }
      routes = [route];
    } else {
      routes = field(
        entry,
        'routes',
        isRouteKeys,
        'an array of route keys like "GET /jobs/{id}"',
        where,
      );
    }
    const zip = field(entry, 'zip', isZipName, 'a zip file name beside the manifest', where);
    const sha256 = field(entry, 'sha256', isString, 'a hex SHA-256', where);
    const base64Sha256 = field(entry, 'base64Sha256', isString, 'a base64 SHA-256', where);
    return {
      name,
      role: role as FunctionRole,
      routes,
      handler: field(entry, 'handler', isString, 'a handler string like "index.handler"', where),
      zipPath: checkedZip(dir, zip, sha256, base64Sha256, where),
      sha256,
      base64Sha256,
      size: field(entry, 'size', isSize, 'a positive byte count', where),
    };
  });
}

export function readLayerArtifact(dir: string): LayerArtifact {
  const file = path.join(dir, 'manifest.json');
  const manifest = readJson(file);
  if (!isObject(manifest)) throw new ArtifactError(`${file} must be a JSON object`);
  const sha256 = field(manifest, 'sha256', isString, 'a hex SHA-256', file);
  const base64Sha256 = field(manifest, 'base64Sha256', isString, 'a base64 SHA-256', file);
  const zip = field(manifest, 'zip', isZipName, 'a zip file name beside the manifest', file);
  return {
    name: field(manifest, 'name', isString, 'the layer name', file),
    zipPath: checkedZip(dir, zip, sha256, base64Sha256, file),
    sha256,
    base64Sha256,
    size: field(manifest, 'size', isSize, 'a positive byte count', file),
    compatibleRuntimes: field(manifest, 'compatibleRuntimes', isStrings, 'runtime names', file),
    compatibleArchitectures: field(
      manifest,
      'compatibleArchitectures',
      isStrings,
      'architecture names',
      file,
    ),
  };
}

/** Reads both manifests below `root` (the repository root, or a test's fixture root). */
export function readArtifacts(root: string): Artifacts {
  return {
    functions: readFunctionArtifacts(path.join(root, HANDLERS_DIST)),
    layer: readLayerArtifact(path.join(root, LAYER_DIST)),
  };
}
