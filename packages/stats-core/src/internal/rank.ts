import { primeLike, primeOnce } from './prime';
import { sortOrder, type Workspace } from './sortOrder';

/**
 * Average ranks (1-based; ties share the mean of their ranks, scipy's
 * rankdata 'average') and the sizes of the tie groups of two or more values,
 * in value order (a lone value adds nothing to a tie correction sum t^3 - t,
 * and pushing a 1 per distinct value cost a tenth of spearmanr at n = 1e4).
 * Ties are values equal under === (so -0 and 0 tie). The input must hold
 * no NaN. The ranks go to `out` when given (length n), else a new array.
 */
export function averageRanks(
  x: ArrayLike<number>,
  out?: Float64Array,
): { ranks: Float64Array; ties: number[] } {
  primeOnce(averageRanks, () => averageRanks(primeLike(x)));
  const { order, sorted } = sortOrder(x, 0);
  const n = order.length;
  const ranks = out ?? new Float64Array(n);
  const ties: number[] = [];
  let start = 0;
  while (start < n) {
    const value = sorted[start];
    if (start + 1 === n || sorted[start + 1] !== value) {
      ranks[order[start] as number] = start + 1;
      start++;
      continue;
    }
    let end = start + 2;
    while (end < n && sorted[end] === value) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k] as number] = rank;
    ties.push(end - start);
    start = end;
  }
  return { ranks, ties };
}

/**
 * The groups of equal values (under ===) in value order: the sort order and
 * the size of each group. With `ranks` (length n), also each value's dense
 * rank (0-based index of its group). The order lives in the sort's
 * `workspace` (see sortOrder). The input must hold no NaN.
 */
export function valueGroups(
  x: ArrayLike<number>,
  workspace: Workspace,
  ranks?: Uint32Array,
): { tieSizes: number[]; order: Uint32Array } {
  const { order, sorted } = sortOrder(x, workspace);
  const n = order.length;
  const tieSizes: number[] = [];
  let start = 0;
  while (start < n) {
    const value = sorted[start];
    let end = start + 1;
    while (end < n && sorted[end] === value) end++;
    if (ranks) for (let k = start; k < end; k++) ranks[order[k] as number] = tieSizes.length;
    tieSizes.push(end - start);
    start = end;
  }
  return { tieSizes, order };
}

/**
 * Dense ranks (0-based index among the distinct values, equal under ===)
 * and the size of each group of equal values, in value order, with the
 * sort order they came from (new arrays). The input must hold no NaN.
 */
export function denseRanks(x: ArrayLike<number>): {
  ranks: Uint32Array;
  tieSizes: number[];
  order: Uint32Array;
} {
  const ranks = new Uint32Array(x.length);
  const { tieSizes, order } = valueGroups(x, undefined, ranks);
  return { ranks, tieSizes, order };
}
