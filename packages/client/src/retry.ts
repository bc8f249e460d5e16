/**
 * Retries: 429 and 5xx answers and network failures are retried with
 * "full jitter" exponential backoff (a delay drawn uniformly from
 * [0, min(maxDelayMs, baseDelayMs * 2^attempt)], as the AWS SDKs and the AWS
 * Architecture Blog's "Exponential Backoff and Jitter" recommend), bounded
 * by `maxAttempts`. A `Retry-After` header (seconds or an HTTP date) is a
 * floor for the next delay; one longer than `maxRetryAfterMs` is not
 * waited for: the error is returned at once.
 */

export interface RetryOptions {
  /** Attempts in all, the first included (default 4; 1 turns retries off). */
  maxAttempts?: number;
  /** Base of the exponential backoff (default 100 ms). */
  baseDelayMs?: number;
  /** Cap of one backoff delay (default 5000 ms). */
  maxDelayMs?: number;
  /** The longest Retry-After honoured (default 30 000 ms); longer ones end the retries. */
  maxRetryAfterMs?: number;
  /** Which statuses are retried (default: 429 and every 5xx). */
  retryOn?: (status: number) => boolean;
  /** Random source in [0, 1), for tests (default Math.random). */
  random?: () => number;
}

export type ResolvedRetry = Required<RetryOptions>;

export function resolveRetry(options: RetryOptions | undefined): ResolvedRetry {
  const r: ResolvedRetry = {
    maxAttempts: options?.maxAttempts ?? 4,
    baseDelayMs: options?.baseDelayMs ?? 100,
    maxDelayMs: options?.maxDelayMs ?? 5000,
    maxRetryAfterMs: options?.maxRetryAfterMs ?? 30_000,
    retryOn: options?.retryOn ?? ((s) => s === 429 || (s >= 500 && s <= 599)),
    random: options?.random ?? Math.random,
  };
  if (!Number.isInteger(r.maxAttempts) || r.maxAttempts < 1 || r.maxAttempts > 20) {
    throw new RangeError(
      `retry.maxAttempts must be a whole number from 1 to 20 (got ${r.maxAttempts})`,
    );
  }
  for (const k of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) {
    if (!Number.isFinite(r[k]) || r[k] < 0) {
      throw new RangeError(
        `retry.${k} must be a non-negative number of milliseconds (got ${r[k]})`,
      );
    }
  }
  return r;
}

/** The full-jitter delay before retry number `retry` (0 = the first retry). */
export function backoffDelay(retry: number, r: ResolvedRetry): number {
  const ceiling = Math.min(r.maxDelayMs, r.baseDelayMs * 2 ** retry);
  return Math.floor(r.random() * ceiling);
}

/** `Retry-After` in milliseconds (delta-seconds or an HTTP date), or undefined. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
