/**
 * AWS Lambda on-demand price formula (us-east-1, first pricing tier):
 *   cost = requests x $0.20 per 1M
 *        + GB-seconds x $0.0000133334 (arm64) or $0.0000166667 (x86_64),
 *   GB-seconds = billed duration (ms, rounded up to 1 ms) / 1000 x memory MB / 1024.
 * Since 1 August 2025 the INIT phase of on-demand functions is billed like the
 * handler duration, so a cold request also pays its init time.
 */
export const PRICES = {
  source: 'https://aws.amazon.com/lambda/pricing/ (us-east-1, first tier)',
  asOf: '2026-11-26',
  region: 'us-east-1',
  perMillionRequestsUsd: 0.2,
  perGbSecondUsd: { arm64: 0.0000133334, x86_64: 0.0000166667 },
  initBilledSince: '2025-08-01',
} as const;

export type Arch = keyof typeof PRICES.perGbSecondUsd;

export interface CostInput {
  /** Handler duration of a warm request, ms (before rounding). */
  durationMs: number;
  /** Init duration of a cold start, ms (before rounding). */
  initMs: number;
  memoryMb: number;
  arch: Arch;
  /** Share of requests that are cold starts, 0..1. */
  coldRate: number;
}

/** US dollars per one million requests. */
export function costPerMillion(input: CostInput): number {
  const { durationMs, initMs, memoryMb, arch, coldRate } = input;
  if (
    !(durationMs >= 0) ||
    !(initMs >= 0) ||
    !(memoryMb > 0) ||
    !(coldRate >= 0 && coldRate <= 1)
  ) {
    throw new RangeError(
      `costPerMillion needs durationMs >= 0, initMs >= 0, memoryMb > 0 and 0 <= coldRate <= 1 (got ${JSON.stringify(input)})`,
    );
  }
  const gb = memoryMb / 1024;
  const price = PRICES.perGbSecondUsd[arch];
  const warmGbS = (Math.ceil(durationMs) / 1000) * gb;
  const initGbS = (Math.ceil(initMs) / 1000) * gb;
  return PRICES.perMillionRequestsUsd + 1e6 * price * (warmGbS + coldRate * initGbS);
}
