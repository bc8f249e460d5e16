/** (6) Cost per million requests from the measured durations. */
import { environmentConfig, STACK_NAMES } from '@lambda-stats/infra/config';
import { costPerMillion, PRICES } from './cost';
import type { Row } from './table';
import { fmtMs } from './util';

export const COLD_RATE = 0.01;

const usd = (x: number) => `$${x < 1 ? x.toFixed(3) : x.toFixed(2)}`;

/** Distinct memory settings in the infra config, with the stacks that use them. */
export function configuredMemory(): { memoryMb: number; stacks: string[] }[] {
  const by = new Map<number, string[]>();
  for (const name of STACK_NAMES) {
    const mb = environmentConfig(name).memoryMb;
    by.set(mb, [...(by.get(mb) ?? []), name]);
  }
  return [...by]
    .map(([memoryMb, stacks]) => ({ memoryMb, stacks }))
    .sort((a, b) => a.memoryMb - b.memoryMb);
}

export function costRows(warmDurationMs: Record<number, number>, initMs: number): Row[] {
  const rows: Row[] = [];
  for (const { memoryMb, stacks } of configuredMemory()) {
    for (const [n, durationMs] of Object.entries(warmDurationMs)) {
      const arm = costPerMillion({
        durationMs,
        initMs,
        memoryMb,
        arch: 'arm64',
        coldRate: COLD_RATE,
      });
      const x86 = costPerMillion({
        durationMs,
        initMs,
        memoryMb,
        arch: 'x86_64',
        coldRate: COLD_RATE,
      });
      rows.push({
        section: 'cost',
        item: `linregress ${Number(n).toExponential(0).replace('+', '')} points, ${memoryMb} MB (${stacks.join(', ')})`,
        result: `arm64 ${usd(arm)} per 1M`,
        baseline: `x86_64 ${usd(x86)} per 1M`,
        ratio: '',
        how: `requests $${PRICES.perMillionRequestsUsd}/1M + GB-s ($${PRICES.perGbSecondUsd.arm64} arm64, $${PRICES.perGbSecondUsd.x86_64} x86_64; ${PRICES.region}, first tier, prices as of ${PRICES.asOf}) with billed duration ceil(${fmtMs(durationMs)}) measured warm here + ${COLD_RATE * 100}% cold starts billed init ceil(${fmtMs(initMs)}) (init billed since ${PRICES.initBilledSince})`,
        data: {
          n: Number(n),
          memoryMb,
          durationMs,
          initMs,
          coldRate: COLD_RATE,
          arm64Usd: arm,
          x86_64Usd: x86,
        },
      });
    }
  }
  return rows;
}
