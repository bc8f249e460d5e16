/**
 * The environment the playground's function reads (set by infra), in one
 * place: read once, at the first page request, and cached.
 */

/** What the page learns about its stack, and where uploads may go. */
export interface PlaygroundEnv {
  /** The stack's scheduled analyses (LAMBDA_STATS_ANALYSES), names only. */
  readonly analyses: string[];
  /** The origin presigned upload URLs point at, when there is one. */
  readonly uploadOrigin: string | undefined;
}

/** What the page learns about its stack: the names of the scheduled analyses. */
export function stackConfig(env: NodeJS.ProcessEnv): { analyses: string[] } {
  const analyses = (env.LAMBDA_STATS_ANALYSES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^[A-Za-z0-9_-]{1,64}$/.test(s));
  return { analyses };
}

/**
 * The origin presigned upload URLs point at: the local emulator
 * (AWS_ENDPOINT_URL, set by the local runtime) or the data bucket's
 * regional virtual-hosted S3 endpoint, as the AWS SDK presigns it.
 */
export function uploadOrigin(env: NodeJS.ProcessEnv): string | undefined {
  if (env.AWS_ENDPOINT_URL) {
    try {
      return new URL(env.AWS_ENDPOINT_URL).origin;
    } catch {
      return undefined;
    }
  }
  const bucket = env.LAMBDA_STATS_DATA_BUCKET;
  const region = env.AWS_REGION;
  if (bucket && region && /^[a-z0-9.-]{3,63}$/.test(bucket) && /^[a-z0-9-]+$/.test(region))
    return `https://${bucket}.s3.${region}.amazonaws.com`;
  return undefined;
}

export function readPlaygroundEnv(source: NodeJS.ProcessEnv): PlaygroundEnv {
  return { analyses: stackConfig(source).analyses, uploadOrigin: uploadOrigin(source) };
}

let cached: PlaygroundEnv | undefined;
/** The function's settings, read on first use. */
export function playgroundEnv(): PlaygroundEnv {
  cached ??= readPlaygroundEnv(process.env);
  return cached;
}
