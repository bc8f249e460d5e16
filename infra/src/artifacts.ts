/**
 * Reads the build artifacts infra deploys: the handler zips and the layer zip,
 * described by the manifests `pnpm build` writes (formats in TEAM.md). Infra
 * never builds and never imports handler code; it only checks that what it
 * is about to upload is what the manifest says.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface FunctionArtifact {
  /** scipy name, e.g. `linregress`; also the route path. */
  readonly name: string;
  /** `POST /<name>` */
  readonly route: string;
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

/** The playground's function: like a stats function, but GET routes of its own and no layer. */
export interface PlaygroundArtifact {
  readonly name: string;
  /** e.g. `GET /playground`, `GET /openapi.json` */
  readonly routes: string[];
  readonly handler: string;
  readonly zipPath: string;
  readonly sha256: string;
  readonly base64Sha256: string;
  readonly size: number;
}

export interface Artifacts {
  readonly functions: FunctionArtifact[];
  readonly layer: LayerArtifact;
  /** Absent when packages/playground has not been built (a stack that serves it then says so). */
  readonly playground?: PlaygroundArtifact;
}

/** Where the artifacts sit below a repository root (or a test's fixture root). */
export const HANDLERS_DIST = 'packages/handlers/dist';
export const LAYER_DIST = 'layers/stats-runtime/dist';
export const PLAYGROUND_DIST = 'packages/playground/dist';

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
    const route = field(entry, 'route', isString, 'a route key', where);
    if (route !== `POST /${name}`) {
      throw new ArtifactError(`${where}: route must be "POST /${name}" (got "${route}")`);
    }
    const zip = field(entry, 'zip', isZipName, 'a zip file name beside the manifest', where);
    const sha256 = field(entry, 'sha256', isString, 'a hex SHA-256', where);
    const base64Sha256 = field(entry, 'base64Sha256', isString, 'a base64 SHA-256', where);
    return {
      name,
      route,
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

const isGetRoute = (v: unknown): v is string =>
  typeof v === 'string' && /^GET \/[a-z0-9_./-]+$/.test(v);
const isGetRoutes = (v: unknown): v is string[] =>
  Array.isArray(v) && v.length > 0 && v.every(isGetRoute);

/** The playground's manifest (packages/playground/build.ts writes it). */
export function readPlaygroundArtifact(dir: string): PlaygroundArtifact {
  const file = path.join(dir, 'manifest.json');
  const manifest = readJson(file);
  const entry =
    isObject(manifest) && Array.isArray(manifest.functions) ? manifest.functions[0] : undefined;
  const where = `${file} functions[0]`;
  if (!isObject(entry))
    throw new ArtifactError(`${file} must be {"functions":[{...}]}: ${BUILD_HINT}`);
  const zip = field(entry, 'zip', isZipName, 'a zip file name beside the manifest', where);
  const sha256 = field(entry, 'sha256', isString, 'a hex SHA-256', where);
  const base64Sha256 = field(entry, 'base64Sha256', isString, 'a base64 SHA-256', where);
  return {
    name: field(entry, 'name', isFunctionName, 'a lower-case name like "playground"', where),
    routes: field(entry, 'routes', isGetRoutes, 'GET route keys like "GET /playground"', where),
    handler: field(entry, 'handler', isString, 'a handler string like "index.handler"', where),
    zipPath: checkedZip(dir, zip, sha256, base64Sha256, where),
    sha256,
    base64Sha256,
    size: field(entry, 'size', isSize, 'a positive byte count', where),
  };
}

/**
 * Reads the manifests below `root` (the repository root, or a test's fixture
 * root): the functions and the layer always, the playground when it was built.
 */
export function readArtifacts(root: string): Artifacts {
  const playgroundDir = path.join(root, PLAYGROUND_DIST);
  return {
    functions: readFunctionArtifacts(path.join(root, HANDLERS_DIST)),
    layer: readLayerArtifact(path.join(root, LAYER_DIST)),
    ...(existsSync(path.join(playgroundDir, 'manifest.json'))
      ? { playground: readPlaygroundArtifact(playgroundDir) }
      : {}),
  };
}

/**
 * The line the app prints when stacks that serve the playground are
 * synthesized without its build: they deploy without it, which is worth
 * knowing before a deploy. Undefined when nothing is missing.
 */
export function playgroundNotice(
  artifacts: Artifacts,
  stacks: { name: string; playground: boolean }[],
): string | undefined {
  const wanting = stacks.filter((s) => s.playground).map((s) => s.name);
  if (artifacts.playground !== undefined || wanting.length === 0) return undefined;
  return `${PLAYGROUND_DIST}/manifest.json is missing, so the ${wanting.join(' and ')} stack${wanting.length > 1 ? 's' : ''} will deploy without the playground page: run \`pnpm build\` to include it`;
}
