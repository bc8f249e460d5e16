/**
 * The handlers' configuration, read from the environment once at module
 * load (a Lambda cold start) and validated. A bad value fails the init with
 * a message naming the variable, rather than misbehaving on every request.
 */

/**
 * Lambda caps a synchronous invocation's request payload at 6 MB (6,291,456
 * bytes), the body included, so a larger body can never arrive anyway.
 */
export const DEFAULT_MAX_BODY_BYTES = 6 * 1024 * 1024;

export interface HandlerEnv {
  /** Largest accepted request body in bytes (after base64 decoding); larger is a 413. */
  readonly maxBodyBytes: number;
  /** One EMF metric line per invocation on stdout (LAMBDA_STATS_METRICS, on unless `off`). */
  readonly metrics: boolean;
}

export function readEnv(source: NodeJS.ProcessEnv): HandlerEnv {
  const raw = source.LAMBDA_STATS_MAX_BODY_BYTES;
  let maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
  if (raw !== undefined && raw !== '') {
    if (!/^[1-9][0-9]*$/.test(raw.trim())) {
      throw new Error(
        `LAMBDA_STATS_MAX_BODY_BYTES must be a positive whole number of bytes (got "${raw}"); unset it for the default ${DEFAULT_MAX_BODY_BYTES}`,
      );
    }
    maxBodyBytes = Number(raw.trim());
  }
  const rawMetrics = source.LAMBDA_STATS_METRICS?.trim().toLowerCase();
  if (
    rawMetrics !== undefined &&
    rawMetrics !== '' &&
    rawMetrics !== 'on' &&
    rawMetrics !== 'off'
  ) {
    throw new Error(
      `LAMBDA_STATS_METRICS must be on or off (got "${source.LAMBDA_STATS_METRICS}"); unset it for on`,
    );
  }
  return { maxBodyBytes, metrics: rawMetrics !== 'off' };
}

export const env: HandlerEnv = readEnv(process.env);
