import { StatsInputError } from '../errors';
import type { Sample } from '../internal/validate';
import type { NanPolicy } from './internal/nanPolicy';
import { checkSlopeInput, requireDistinctX } from './internal/pairs';
import { medianInPlace } from './internal/select';

export interface SiegelslopesOptions {
  /**
   * 'hierarchical' (default): intercept median(y - slope x); 'separate': the
   * repeated median of the pairwise intercepts, computed like the slope.
   */
  method?: 'hierarchical' | 'separate';
  /** What a NaN does: 'propagate' (default: both fields NaN), 'omit' (drop the pair) or 'raise'. */
  nanPolicy?: NanPolicy;
}

export interface SiegelslopesResult {
  /** The repeated-median slope. */
  slope: number;
  intercept: number;
}

/**
 * Siegel's (1982) repeated-median line, as scipy.stats.siegelslopes (scipy
 * 1.17): for each point j the median of the slopes (y_j - y_i) / (x_j - x_i)
 * over the points i with x_i != x_j, then the median of those n medians.
 * The 'separate' intercept is the same repeated median of the pairwise
 * intercepts (y_i x_j - y_j x_i) / (x_j - x_i). O(n^2) time, O(n) memory;
 * each inner median by selection.
 *
 * @param y - the responses (at least 2)
 * @param x - the abscissae, same length as y (default 0, 1, ..., n - 1)
 * @param options - `{ method = 'hierarchical', nanPolicy = 'propagate' }`
 * @returns `{ slope, intercept }`
 * @throws StatsInputError for fewer than 2 points, x and y of different
 *   lengths, every x equal (scipy answers an arbitrary number there), an
 *   unknown method, or a NaN under nanPolicy 'raise'
 * @example siegelslopes([1, 3, 2, 4], [0, 1, 2, 3]) // { slope: 0.75, intercept: 1.375 }
 */
export function siegelslopes(
  y: Sample,
  x?: Sample | null,
  options?: SiegelslopesOptions,
): SiegelslopesResult {
  const fn = 'siegelslopes';
  const { x: xs, y: ys, nan, opts } = checkSlopeInput(fn, y, x, options);
  const method = opts.method ?? 'hierarchical';
  if (method !== 'hierarchical' && method !== 'separate') {
    throw new StatsInputError(
      fn,
      `requires method to be 'hierarchical' or 'separate' (got ${JSON.stringify(method)})`,
    );
  }
  if (nan) return { slope: Number.NaN, intercept: Number.NaN };
  requireDistinctX(fn, xs);
  const n = xs.length;
  const slopes = new Float64Array(n);
  const intercepts = new Float64Array(method === 'separate' ? n : 0);
  const row = new Float64Array(n);
  const rowInt = new Float64Array(method === 'separate' ? n : 0);
  for (let j = 0; j < n; j++) {
    const xj = xs[j] as number;
    const yj = ys[j] as number;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const dx = xj - (xs[i] as number);
      if (dx === 0) continue;
      row[k] = (yj - (ys[i] as number)) / dx;
      if (method === 'separate') rowInt[k] = ((ys[i] as number) * xj - yj * (xs[i] as number)) / dx;
      k++;
    }
    slopes[j] = medianInPlace(row.subarray(0, k));
    if (method === 'separate') intercepts[j] = medianInPlace(rowInt.subarray(0, k));
  }
  const slope = medianInPlace(slopes);
  if (method === 'separate') return { slope, intercept: medianInPlace(intercepts) };
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = (ys[i] as number) - slope * (xs[i] as number);
  return { slope, intercept: medianInPlace(r) };
}
