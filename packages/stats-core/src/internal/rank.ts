/**
 * Average ranks (1-based; ties share the mean of their ranks, scipy's
 * rankdata 'average') and the sizes of the tie groups, in value order.
 */
export function averageRanks(x: readonly number[]): { ranks: number[]; ties: number[] } {
  const order = x.map((_, i) => i).sort((i, j) => (x[i] as number) - (x[j] as number));
  const ranks = new Array<number>(x.length);
  const ties: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && x[order[end] as number] === x[order[start] as number]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k] as number] = rank;
    ties.push(end - start);
    start = end;
  }
  return { ranks, ties };
}
