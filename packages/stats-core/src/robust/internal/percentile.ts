import { selectRanks } from './select';

/** The `interpolation` methods of scipy.stats.iqr (numpy's names). */
export type Interpolation = 'linear' | 'lower' | 'higher' | 'midpoint' | 'nearest';

/** Round half to even, as xp.round / np.round. */
export function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** The indices quantileSorted reads for p (so they can be selected rather than sorted). */
export function quantileIndices(n: number, p: number, method: Interpolation): number[] {
  const ij = p * (n - 1);
  const clip = (i: number) => Math.min(Math.max(i, 0), n - 1);
  switch (method) {
    case 'lower':
      return [clip(Math.floor(ij))];
    case 'higher':
      return [clip(Math.ceil(ij))];
    case 'nearest':
      return [clip(roundHalfEven(ij))];
    case 'midpoint':
      return [clip(Math.floor(ij)), clip(Math.ceil(ij))];
    default: {
      const jp1 = Math.floor(p * n + (1 - p));
      return [clip(jp1 - 1), clip(jp1)];
    }
  }
}

/**
 * The quantiles at each p of `values` (reordered in place): the order
 * statistics quantileSorted needs are selected (O(n) expected) instead of
 * sorting the data.
 */
export function quantilesBySelection(
  values: Float64Array,
  ps: readonly number[],
  method: Interpolation,
): number[] {
  const n = values.length;
  selectRanks(
    values,
    ps.flatMap((p) => quantileIndices(n, p, method)),
  );
  return ps.map((p) => quantileSorted(values, p, method));
}

/**
 * scipy.stats.quantile(sorted, p, method) (scipy 1.17, which scipy.stats.iqr
 * calls) on NaN-free data (n >= 1) for p in [0, 1], ascending at least at
 * the indices quantileIndices names, reproduced
 * operation for operation so the results agree bit for bit:
 * 'linear' (Hyndman and Fan type 7) is jg = p n + (1 - p), j = floor(jg) - 1,
 * g = jg mod 1, (1 - g) y[j] + g y[j + 1] with indices clipped to [0, n - 1];
 * the others index p (n - 1) by floor, ceil, round-half-even, or average
 * y[floor] and y[ceil] ('midpoint').
 */
export function quantileSorted(sorted: Float64Array, p: number, method: Interpolation): number {
  const n = sorted.length;
  const at = (i: number) => sorted[Math.min(Math.max(i, 0), n - 1)] as number;
  const ij = p * (n - 1);
  switch (method) {
    case 'lower':
      return at(Math.floor(ij));
    case 'higher':
      return at(Math.ceil(ij));
    case 'nearest':
      return at(roundHalfEven(ij));
    case 'midpoint':
      return (at(Math.floor(ij)) + at(Math.ceil(ij))) / 2;
    default: {
      const jg = p * n + (1 - p);
      const jp1 = Math.floor(jg);
      const j = jp1 - 1;
      const g = j < 0 ? 0 : jg - jp1;
      return (1 - g) * at(j) + g * at(jp1);
    }
  }
}
