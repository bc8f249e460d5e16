/**
 * Stand-ins for the build artifacts the infra app deploys (handler zips,
 * the layer zip and their manifests, written with the manifest schema's own writer), so the
 * real `local` stack can be synthesized without building the handlers.
 * Every function gets the same tiny committed zip.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { digest, statsRuntimeManifest, writeManifest } from '@lambda-stats/lambda-kit/manifest';

const fixtures = new URL('../fixtures/', import.meta.url);

const hashes = (file: string) => digest(readFileSync(file));

/** Writes `packages/handlers/dist` and `layers/stats-runtime/dist` below `root`. */
export function writeArtifacts(root: string, functions: string[]): void {
  const handlers = join(root, 'packages/handlers/dist');
  const layer = join(root, 'layers/stats-runtime/dist');
  mkdirSync(handlers, { recursive: true });
  mkdirSync(layer, { recursive: true });
  const entries = [...functions].sort().map((name) => {
    const zip = join(handlers, `${name}.zip`);
    copyFileSync(new URL('function.zip', fixtures), zip);
    return {
      name,
      routes: [`POST /${name}`],
      zip: `${name}.zip`,
      handler: 'index.handler',
      ...hashes(zip),
    };
  });
  writeManifest(handlers, { functions: entries });
  const layerZip = join(layer, 'stats-runtime.zip');
  copyFileSync(new URL('layer.zip', fixtures), layerZip);
  writeManifest(layer, statsRuntimeManifest(readFileSync(layerZip)));
}
