/**
 * The random regression designs the ols lane tests share (olsPaths.test.ts,
 * olsFused.test.ts): 1-4 predictors, noise from 1e-6 to 100, offsets up to
 * 1e4, full doubles or 0-6 places as users write them.
 */
import { lcg } from '@lambda-stats/lambda-kit/random';
import fc from 'fast-check';

/** Rounds to `places` decimals (as a user would write them), or leaves full doubles (null). */
export const written = (v: number, places: number | null) =>
  places === null ? v : Number(v.toFixed(places));

/** One random design's parameters (intercept only where the record draws it). */
export interface DesignParams {
  n: number;
  k: number;
  offset: number;
  noise: number;
  places: number | null;
  intercept?: boolean;
  seed: number;
}

/**
 * The design parameters as a fast-check record, n from 8 to maxN; with
 * `intercept`, a drawn intercept flag before the seed (the keys' order
 * decides the values drawn).
 */
export function designRecord(maxN: number, intercept = false): fc.Arbitrary<DesignParams> {
  return fc.record({
    n: fc.integer({ min: 8, max: maxN }),
    k: fc.integer({ min: 1, max: 4 }),
    offset: fc.constantFrom(0, 1, 10, 1e4),
    noise: fc.constantFrom(1e-6, 1, 10, 100),
    places: fc.constantFrom(null, 0, 1, 3, 6),
    ...(intercept ? { intercept: fc.boolean() } : {}),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
  });
}

/** Rows of k predictors offset + 10 U(0, 1) and y = 3 + sum_j (j - 1.5) x_j + noise U(-1/2, 1/2), all written to `places`. */
export function randomDesign(p: DesignParams): { rows: number[][]; y: number[] } {
  const rand = lcg(p.seed);
  const rows = Array.from({ length: p.n }, () =>
    Array.from({ length: p.k }, () => written(p.offset + 10 * rand(), p.places)),
  );
  const y = rows.map((r) =>
    written(3 + r.reduce((a, v, j) => a + (j - 1.5) * v, 0) + p.noise * (rand() - 0.5), p.places),
  );
  return { rows, y };
}
