/** (4) Artifact sizes from the build's manifests, against Lambda's limits. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LAMBDA_LIMITS, zipUnzippedSize } from '@lambda-stats/stats-runtime/artifact';
import { REPO_ROOT } from '../src/local-config';
import type { Row } from './table';
import { fmtBytes } from './util';

const FN_DIST = path.join(REPO_ROOT, 'packages', 'handlers', 'dist');
const LAYER_DIST = path.join(REPO_ROOT, 'layers', 'stats-runtime', 'dist');

const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(2)}% of limit`;

export async function sizes(): Promise<{ rows: Row[]; zipBytes: number }> {
  const fnManifest = JSON.parse(readFileSync(path.join(FN_DIST, 'manifest.json'), 'utf8')) as {
    functions: { name: string; zip: string; size: number }[];
  };
  const layerManifest = JSON.parse(
    readFileSync(path.join(LAYER_DIST, 'manifest.json'), 'utf8'),
  ) as {
    zip: string;
    size: number;
  };
  const layerUnzipped = await zipUnzippedSize(path.join(LAYER_DIST, layerManifest.zip));
  const zipLimit = `Lambda limit ${fmtBytes(LAMBDA_LIMITS.zippedBytes)} zipped`;
  const unzipLimit = `Lambda limit ${fmtBytes(LAMBDA_LIMITS.unzippedBytes)} unzipped (function + layers)`;
  const rows: Row[] = [
    {
      section: 'sizes',
      item: 'stats-runtime layer zip',
      result: `${fmtBytes(layerManifest.size)} zipped, ${fmtBytes(layerUnzipped)} unzipped`,
      baseline: zipLimit,
      ratio: pct(layerManifest.size, LAMBDA_LIMITS.zippedBytes),
      how: 'layers/stats-runtime/dist/manifest.json size; unzipped = sum of entry sizes',
      data: { zipped: layerManifest.size, unzipped: layerUnzipped },
    },
  ];
  let zipBytes = layerManifest.size;
  for (const f of fnManifest.functions) {
    const unzipped = await zipUnzippedSize(path.join(FN_DIST, f.zip));
    zipBytes += f.size;
    rows.push({
      section: 'sizes',
      item: `${f.name} function zip`,
      result: `${fmtBytes(f.size)} zipped; with layer ${fmtBytes(unzipped + layerUnzipped)} unzipped`,
      baseline: unzipLimit,
      ratio: pct(unzipped + layerUnzipped, LAMBDA_LIMITS.unzippedBytes),
      how: `packages/handlers/dist/manifest.json size; function alone ${fmtBytes(unzipped)} unzipped (zip is ${((100 * f.size) / LAMBDA_LIMITS.zippedBytes).toFixed(2)}% of the zipped limit)`,
      data: { zipped: f.size, unzipped, unzippedWithLayer: unzipped + layerUnzipped },
    });
  }
  rows.push({
    section: 'sizes',
    item: 'all artifacts',
    result: `${fmtBytes(zipBytes)} zipped (${fnManifest.functions.length} functions + layer)`,
    baseline: '',
    ratio: '',
    how: "sum of the manifests' sizes: what one deploy uploads",
    data: { zipped: zipBytes },
  });
  return { rows, zipBytes };
}
