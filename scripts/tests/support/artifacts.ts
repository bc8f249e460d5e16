/**
 * Stand-ins for the build artifacts the infra app deploys (handler zips,
 * the layer zip and their manifests, in the formats TEAM.md fixes), so the
 * real `local` stack can be synthesized without building the handlers.
 * Every function gets the same tiny committed zip.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const fixtures = new URL('../fixtures/', import.meta.url);

function hashes(file: string) {
  const bytes = readFileSync(file);
  const digest = createHash('sha256').update(bytes).digest();
  return {
    sha256: digest.toString('hex'),
    base64Sha256: digest.toString('base64'),
    size: bytes.length,
  };
}

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
      route: `POST /${name}`,
      zip: `${name}.zip`,
      handler: 'index.handler',
      ...hashes(zip),
    };
  });
  writeFileSync(join(handlers, 'manifest.json'), `${JSON.stringify({ functions: entries })}\n`);
  const layerZip = join(layer, 'stats-runtime.zip');
  copyFileSync(new URL('layer.zip', fixtures), layerZip);
  writeFileSync(
    join(layer, 'manifest.json'),
    `${JSON.stringify({
      name: 'stats-runtime',
      zip: 'stats-runtime.zip',
      ...hashes(layerZip),
      compatibleRuntimes: ['nodejs22.x'],
      compatibleArchitectures: ['arm64', 'x86_64'],
    })}\n`,
  );
}
