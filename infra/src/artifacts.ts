/**
 * Reads the build artifacts infra deploys: the handler zips and the layer zip,
 * described by the manifests `pnpm build` writes (their schema is
 * @lambda-stats/lambda-kit/manifest). Infra never builds and never imports
 * handler code; it only checks that what it is about to upload is what the
 * manifest says.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  checkedZipPath,
  type FunctionEntry,
  type LayerManifest,
  ManifestError,
  readFunctionManifest,
  readLayerManifest,
} from '@lambda-stats/lambda-kit/manifest';

export interface FunctionArtifact {
  /** e.g. `linregress` (a scipy name for a statistics endpoint). */
  readonly name: string;
  /** The API routes that invoke it (`POST /linregress`); empty for a function with no route. */
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
  readonly compatibleArchitectures: LayerManifest['compatibleArchitectures'];
}

export interface Artifacts {
  readonly functions: FunctionArtifact[];
  readonly layer: LayerArtifact;
  /**
   * The playground page's function (GET routes, no layer), from its own
   * manifest; absent when packages/playground has not been built.
   */
  readonly playground?: FunctionArtifact;
}

/** Where the artifacts sit below a repository root (or a test's fixture root). */
export const HANDLERS_DIST = 'packages/handlers/dist';
export const LAYER_DIST = 'layers/stats-runtime/dist';
export const PLAYGROUND_DIST = 'packages/playground/dist';

/** A missing, invalid or stale build artifact. */
export { ManifestError as ArtifactError };

export function readFunctionArtifacts(dir: string): FunctionArtifact[] {
  const file = path.join(dir, 'manifest.json');
  return readFunctionManifest(dir).functions.map((entry: FunctionEntry, i) => {
    const { zip: _zip, ...rest } = entry;
    return { ...rest, zipPath: checkedZipPath(dir, entry, `${file} functions[${i}]`) };
  });
}

export function readLayerArtifact(dir: string): LayerArtifact {
  const file = path.join(dir, 'manifest.json');
  const manifest = readLayerManifest(dir);
  const { zip: _zip, ...rest } = manifest;
  return { ...rest, zipPath: checkedZipPath(dir, manifest, file) };
}

/** The playground's manifest (packages/playground/build.ts writes it, same schema): one function. */
export function readPlaygroundArtifact(dir: string): FunctionArtifact {
  const functions = readFunctionArtifacts(dir);
  if (functions.length !== 1) {
    throw new ManifestError(
      `${path.join(dir, 'manifest.json')} must list exactly one function, the playground's (got ${functions.length}): run \`pnpm build\` first`,
    );
  }
  return functions[0]!;
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
