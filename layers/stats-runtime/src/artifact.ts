/**
 * Reproducible Lambda artifacts: deterministic zips, their digests, and
 * Lambda's size limits. Shared by the layer build and the handler build so
 * both kinds of zip are made the same way.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The digests a manifest records; the manifest contract lives in lambda-kit. */
export { type Digest, digest } from '@lambda-stats/lambda-kit/manifest';

/** Reproducible zips; the writer lives with the reader in lambda-kit. */
import type { ZipEntry } from '@lambda-stats/lambda-kit/zip';

export { buildZip, type ZipEntry } from '@lambda-stats/lambda-kit/zip';

/** Lambda quotas (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
export const LAMBDA_LIMITS = {
  /** Deployment package (zip) uploaded directly or from S3. */
  zippedBytes: 50 * 1024 * 1024,
  /** Function code plus all its layers, unzipped. */
  unzippedBytes: 250 * 1024 * 1024,
} as const;

export function unzippedSize(entries: readonly ZipEntry[]): number {
  return entries.reduce((s, e) => s + e.data.length, 0);
}

/** Throws when an artifact would be rejected by Lambda. */
export function checkLimits(name: string, zipped: number, unzipped: number): void {
  if (zipped > LAMBDA_LIMITS.zippedBytes) {
    throw new Error(
      `${name}: zip is ${zipped} bytes, over Lambda's ${LAMBDA_LIMITS.zippedBytes}-byte upload limit`,
    );
  }
  if (unzipped > LAMBDA_LIMITS.unzippedBytes) {
    throw new Error(
      `${name}: ${unzipped} bytes unzipped (with layers), over Lambda's ${LAMBDA_LIMITS.unzippedBytes}-byte limit`,
    );
  }
}

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(2)} MiB`
    : `${(bytes / 1024).toFixed(1)} KiB`;
}

/**
 * The npm package a bundled file belongs to: the `name` of the nearest
 * package.json above it (so pnpm's `.pnpm/x@1/node_modules/x/...` and a
 * workspace package's `packages/x/src/...` both resolve to their names).
 */
export function makePackageOf(cwd: string): (input: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  const nameAt = (dir: string): string | undefined => {
    if (cache.has(dir)) return cache.get(dir);
    const pj = path.join(dir, 'package.json');
    let name: string | undefined;
    if (existsSync(pj)) {
      const parsed = JSON.parse(readFileSync(pj, 'utf8')) as { name?: unknown };
      if (typeof parsed.name === 'string') name = parsed.name;
    }
    if (name === undefined) {
      const parent = path.dirname(dir);
      name = parent === dir ? undefined : nameAt(parent);
    }
    cache.set(dir, name);
    return name;
  };
  return (input) => {
    if (input.startsWith('<')) return undefined; // esbuild virtual modules, e.g. <stdin>
    return nameAt(path.dirname(path.resolve(cwd, input)));
  };
}

/** Sum of the uncompressed sizes of a zip's entries (what Lambda unpacks). */
export { zipUnzippedSize } from '@lambda-stats/lambda-kit/zip';
