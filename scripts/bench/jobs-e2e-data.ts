/**
 * The data of `bench:jobs --size`, the local end-to-end run: one
 * deterministic CSV whose columns serve every mergeable statistic, and the
 * jobs run on it with issue 12's column mappings, each with the synchronous
 * request that asks the same question of the same numbers held in memory.
 *
 * Columns (header `x,y,z,group,region,tariff`), every number printed from
 * an integer so it parses to exactly the double the arrays hold (k / 10^p):
 * - x: 0 to 99.999, 3 places (a temperature);
 * - z: 0 to 99.99, 2 places (a second regressor);
 * - y = 3x - 0.7z + 70 + noise in [0, 10), 4 places (a meter reading);
 * - group: g0..g3, uniform (f_oneway's groups);
 * - region: east, north, south, west, and tariff: day (40%), night
 *   (chi2_contingency's two categorical columns).
 * Labels are listed in code point order, the order the job's
 * cross-tabulation sorts them into.
 */
import { lcg32 } from '@lambda-stats/lambda-kit/random';
import { PARTIAL_STATISTICS } from '@lambda-stats/stats-core/partial';

export const E2E_HEADER = 'x,y,z,group,region,tariff';
export const GROUPS = ['g0', 'g1', 'g2', 'g3'] as const;
export const REGIONS = ['east', 'north', 'south', 'west'] as const;
export const TARIFFS = ['day', 'night'] as const;

/** The columns of the generated CSV, row by row: numbers as parsed, labels as indexes into the lists above. */
export interface E2eColumns {
  rows: number;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  group: Uint8Array;
  region: Uint8Array;
  tariff: Uint8Array;
}

/** `k / 10^places` printed with exactly `places` decimals (k a non-negative integer). */
export function fixed(k: number, places: number): string {
  const scale = 10 ** places;
  return `${Math.floor(k / scale)}.${String(k % scale).padStart(places, '0')}`;
}

/** The shortest row is `0.000,70.0000,0.00,g0,east,day\n`: a bound on the rows in `bytes`. */
const SHORTEST_ROW = 31;

/**
 * Writes a CSV of at least `bytes` bytes (header included; it stops at the
 * first row that reaches the size) in pieces of about 4 MiB through
 * `write` (a 1 GB string does not fit V8), and returns its columns. The
 * same `bytes` always gives the same file.
 */
export async function writeE2eCsv(
  bytes: number,
  write: (piece: string) => void | Promise<void>,
): Promise<E2eColumns> {
  const r = lcg32(12345);
  const capacity = Math.ceil(bytes / SHORTEST_ROW) + 1;
  const c: E2eColumns = {
    rows: 0,
    x: new Float64Array(capacity),
    y: new Float64Array(capacity),
    z: new Float64Array(capacity),
    group: new Uint8Array(capacity),
    region: new Uint8Array(capacity),
    tariff: new Uint8Array(capacity),
  };
  let size = E2E_HEADER.length + 1;
  await write(`${E2E_HEADER}\n`);
  while (size < bytes) {
    let piece = '';
    while (piece.length < 4 * 1024 * 1024 && size + piece.length < bytes) {
      const kx = Math.floor(r() * 100_000); // x = kx / 1000
      const kz = Math.floor(r() * 10_000); // z = kz / 100
      const m = 30 * kx - 70 * kz + 700_000 + Math.floor(r() * 100_000); // y = m / 10000 > 0
      const g = Math.floor(r() * GROUPS.length);
      const region = Math.floor(r() * REGIONS.length);
      const tariff = r() < 0.4 ? 0 : 1;
      const n = c.rows;
      c.x[n] = kx / 1000;
      c.y[n] = m / 10_000;
      c.z[n] = kz / 100;
      c.group[n] = g;
      c.region[n] = region;
      c.tariff[n] = tariff;
      c.rows = n + 1;
      piece += `${fixed(kx, 3)},${fixed(m, 4)},${fixed(kz, 2)},${GROUPS[g]},${REGIONS[region]},${TARIFFS[tariff]}\n`;
    }
    size += piece.length;
    await write(piece);
  }
  const used = <T extends Float64Array | Uint8Array>(a: T) => a.subarray(0, c.rows) as T;
  return {
    rows: c.rows,
    x: used(c.x),
    y: used(c.y),
    z: used(c.z),
    group: used(c.group),
    region: used(c.region),
    tariff: used(c.tariff),
  };
}

/** The statistics a job computes from exact partial states (stats-core's list). */
export const MERGEABLE_STATISTICS = PARTIAL_STATISTICS;
export type MergeableStatistic = (typeof MERGEABLE_STATISTICS)[number];

/** One job of the run: its `columns` and `options`, and the synchronous request's array fields on the same data. */
export interface E2eJob {
  statistic: MergeableStatistic;
  columns: Record<string, unknown>;
  options?: Record<string, unknown>;
  /** The synchronous request's array fields, built from the columns in memory. */
  fields(c: E2eColumns): Record<string, unknown>;
}

const numbers = (a: Float64Array): number[] => Array.from(a);

/** Row indexes split by the label each row has, in the label list's order. */
function byLabel(labels: Uint8Array, levels: number): number[][] {
  const out = Array.from({ length: levels }, () => [] as number[]);
  for (let i = 0; i < labels.length; i += 1) out[labels[i]!]!.push(i);
  return out;
}

export const E2E_JOBS: readonly E2eJob[] = [
  { statistic: 'describe', columns: { a: 'y' }, fields: (c) => ({ a: numbers(c.y) }) },
  {
    statistic: 'linregress',
    columns: { x: 'x', y: 'y' },
    fields: (c) => ({ x: numbers(c.x), y: numbers(c.y) }),
  },
  {
    statistic: 'pearsonr',
    columns: { x: 'x', y: 'y' },
    fields: (c) => ({ x: numbers(c.x), y: numbers(c.y) }),
  },
  {
    statistic: 'ols',
    columns: { X: ['x', 'z'], y: 'y' },
    fields: (c) => ({ X: Array.from(c.x, (x, i) => [x, c.z[i]!]), y: numbers(c.y) }),
  },
  {
    statistic: 'polyfit',
    columns: { x: 'x', y: 'y' },
    options: { degree: 2 },
    fields: (c) => ({ x: numbers(c.x), y: numbers(c.y) }),
  },
  // E[y] = 150 - 35 + 70 + 5 = 190: a t of a few units, neither 0 nor huge
  {
    statistic: 'ttest_1samp',
    columns: { a: 'y' },
    options: { popmean: 190 },
    fields: (c) => ({ a: numbers(c.y) }),
  },
  {
    statistic: 'ttest_ind',
    columns: { a: 'x', b: 'z' },
    fields: (c) => ({ a: numbers(c.x), b: numbers(c.z) }),
  },
  {
    statistic: 'ttest_rel',
    columns: { a: 'x', b: 'z' },
    fields: (c) => ({ a: numbers(c.x), b: numbers(c.z) }),
  },
  {
    statistic: 'f_oneway',
    columns: { samples: { value: 'y', group_by: 'group' } },
    fields: (c) => ({
      samples: byLabel(c.group, GROUPS.length).map((rows) => rows.map((i) => c.y[i]!)),
    }),
  },
  {
    statistic: 'chi2_contingency',
    columns: { observed: { rows: 'region', cols: 'tariff' } },
    fields: (c) => ({
      observed: byLabel(c.region, REGIONS.length).map((rows) => {
        const counts = TARIFFS.map(() => 0);
        for (const i of rows) counts[c.tariff[i]!]! += 1;
        return counts;
      }),
    }),
  },
];

/** The synchronous endpoint's request for `job` on the columns in memory: its array fields and the job's options. */
export const syncRequest = (job: E2eJob, c: E2eColumns) => ({ ...job.fields(c), ...job.options });
