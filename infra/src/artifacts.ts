/**
 * Reads the build artifacts infra deploys: the handler zips and the layer zip,
 * described by the manifests `pnpm build` writes (their schema is
 * @lambda-stats/lambda-kit/manifest). Infra never builds and never imports
 * handler code; it only checks that what it is about to upload is what the
 * manifest says.
 */
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
}

/** Where the artifacts sit below a repository root (or a test's fixture root). */
export const HANDLERS_DIST = 'packages/handlers/dist';
export const LAYER_DIST = 'layers/stats-runtime/dist';

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

/** Reads both manifests below `root` (the repository root, or a test's fixture root). */
export function readArtifacts(root: string): Artifacts {
  return {
    functions: readFunctionArtifacts(path.join(root, HANDLERS_DIST)),
    layer: readLayerArtifact(path.join(root, LAYER_DIST)),
  };
}
