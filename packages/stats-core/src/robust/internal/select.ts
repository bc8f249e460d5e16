/**
 * Medians and order statistics by selection rather than sorting, with the
 * `quickselect` package (Floyd and Rivest's SELECT, Comm. ACM 18(3), 1975:
 * expected n + min(k, n - k) + o(n) comparisons). On 5e7 values it was about
 * 20% slower than an inline typed-array version of the same algorithm, too
 * little to keep a copy of our own (docs/analytics.md).
 */
import quickselect from 'quickselect';
import { sortOnGrid } from '../../internal/sortGrid';

const ascending = (a: number, b: number) => a - b;

/**
 * Below this many values selection is left to quickselect: the grid's
 * read and counts are fixed costs a short sample does not repay.
 */
const GRID_SELECT_MIN = 512;

/**
 * Sorts `a` in place when its values are short decimals on a narrow grid
 * (internal/sortGrid.ts: prices, meter readings, rounded measurements),
 * where a counting sort or two LSD passes over the integers beat
 * quickselect's comparisons; a sorted array answers every selection.
 * False, `a` untouched, otherwise. Exact: the sorted values are the input
 * values bit for bit, so every order statistic is the one selection finds.
 * No NaN allowed (callers have checked).
 */
function sortedOnGrid(a: Float64Array, maxRange?: number): boolean {
  return a.length >= GRID_SELECT_MIN && sortOnGrid(a, 0, maxRange);
}

/**
 * After the call a[k] holds the value it would hold if `a` were sorted
 * ascending, with smaller-or-equal values before it and larger-or-equal
 * after. The input must hold no NaN.
 */
export function selectInPlace(a: Float64Array, k: number, left = 0, right = a.length - 1): void {
  quickselect(a as unknown as number[], k, left, right, ascending);
}

/**
 * numpy's median of `a` (reordered in place): the middle value, or the mean
 * of the two middle values computed as numpy does, (lo + hi) / 2. NaN when
 * `a` holds a NaN (numpy propagates it) or is empty.
 */
export function medianInPlace(a: Float64Array): number {
  const n = a.length;
  if (n === 0) return Number.NaN;
  for (let i = 0; i < n; i++) if (Number.isNaN(a[i])) return Number.NaN;
  const h = n >> 1;
  // one shape for both routes: a sorted array is a selected one
  const sorted = sortedOnGrid(a, n);
  if (!sorted) selectInPlace(a, h);
  const upper = a[h] as number;
  if (n % 2 === 1) return upper;
  // after selection everything below index h is <= a[h]: its maximum is the lower middle
  let lower = a[h - 1] as number;
  if (!sorted) for (let i = 0; i < h - 1; i++) if ((a[i] as number) > lower) lower = a[i] as number;
  return (lower + upper) / 2;
}

/**
 * Puts the order statistics at `ranks` (0-based, any order, duplicates
 * allowed) in place: selects them in ascending rank, each within the part
 * above the one before, so k selections cost about one. The input must
 * hold no NaN.
 */
export function selectRanks(a: Float64Array, ranks: readonly number[]): void {
  if (sortedOnGrid(a)) return;
  const sorted = [...new Set(ranks)].filter((r) => r >= 0 && r < a.length).sort((x, y) => x - y);
  let left = 0;
  for (const r of sorted) {
    selectInPlace(a, r, left, a.length - 1);
    left = r + 1;
  }
}

/**
 * numpy.median of a sample: the middle value, or the mean of the two middle
 * values computed as numpy does, (lo + hi) / 2. Found by selection on a
 * copy (O(n) expected), so `x` is left as it is. Public (src/index.ts): the
 * one median the repository's other code (the analytics' Smart Alarms, the
 * benchmarks) uses. It stays in this file rather than one of its own:
 * a new module in the core's graph renamed the minified symbols of every
 * endpoint bundle that inlines the core (all 24 statistics zips differed,
 * their code unchanged); from here only linregress's, ols's and polyfit's
 * differ, by one minified name.
 *
 * @param x - the sample, any array of numbers (not checked: no options, no nan_policy)
 * @returns the median; NaN for an empty sample or one holding a NaN
 *   (numpy propagates the NaN and warns on an empty one)
 * @example median([3, 1, 10, 2]) // 2.5
 */
export function median(x: ArrayLike<number>): number {
  return medianInPlace(Float64Array.from(x));
}
