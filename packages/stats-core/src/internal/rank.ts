/**
 * Average ranks (1-based; ties share the mean of their ranks, scipy's
 * rankdata 'average') and the sizes of the tie groups, in value order.
 * The values are sorted once by the native numeric Float64Array sort; each
 * value's tie group in that order is then found by binary search (values
 * equal under ===, so -0 and 0 tie). The input must hold no NaN.
 */
export function averageRanks(x: ArrayLike<number>): { ranks: Float64Array; ties: number[] } {
  const n = x.length;
  const sorted = Float64Array.from(x).sort();
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i] as number;
    const start = lowerBound(sorted, v);
    let end = start + 1;
    if (end < n && sorted[end] === v) end = upperBound(sorted, v, end);
    ranks[i] = (start + 1 + end) / 2;
  }
  const ties: number[] = [];
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && sorted[end] === sorted[start]) end++;
    ties.push(end - start);
    start = end;
  }
  return { ranks, ties };
}

/** First index k of ascending `sorted` with sorted[k] >= v (v present). */
export function lowerBound(sorted: Float64Array, v: number, from = 0): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index k of ascending `sorted` with sorted[k] > v. */
export function upperBound(sorted: Float64Array, v: number, from = 0): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
