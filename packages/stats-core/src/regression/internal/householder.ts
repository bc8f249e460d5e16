/**
 * Householder QR of the n x p matrix whose columns are `columns` (modified
 * in place; scale them to unit norm first), applied to `y` too (a copy is taken). Returns the p x p upper
 * triangle R (as rows) and the first p entries of Q^T y.
 */
export function householderQr(
  columns: Float64Array[],
  y: ArrayLike<number>,
): { r: number[][]; qty: number[] } {
  const p = columns.length;
  const n = y.length;
  const b = Float64Array.from(y);
  const r = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    const v = columns[j] as Float64Array;
    // Columns arrive scaled to unit norm, so plain sums of squares are safe.
    let sumSquares = 0;
    for (let i = j; i < n; i++) sumSquares += (v[i] as number) ** 2;
    const norm = Math.sqrt(sumSquares);
    const xj = v[j] as number;
    const alpha = xj > 0 ? -norm : norm;
    (r[j] as number[])[j] = alpha;
    if (norm === 0) continue;
    // v := x - alpha e_j; H = I - 2 v v^T / (v^T v), with v^T v = 2 norm (norm + |x_j|).
    v[j] = xj - alpha;
    const vtv = 2 * norm * (norm + Math.abs(xj));
    const reflect = (w: Float64Array) => {
      let dot = 0;
      for (let i = j; i < n; i++) dot += (v[i] as number) * (w[i] as number);
      const f = (2 * dot) / vtv;
      for (let i = j; i < n; i++) w[i] = (w[i] as number) - f * (v[i] as number);
    };
    for (let k = j + 1; k < p; k++) {
      const w = columns[k] as Float64Array;
      reflect(w);
      (r[j] as number[])[k] = w[j] as number;
    }
    reflect(b);
  }
  return { r, qty: Array.from(b.subarray(0, p)) };
}

/** Solves R z = c for upper-triangular R. */
export function backSubstitute(r: number[][], c: number[]): number[] {
  const p = c.length;
  const z = new Array<number>(p).fill(0);
  for (let j = p - 1; j >= 0; j--) {
    let s = c[j] as number;
    const row = r[j] as number[];
    for (let k = j + 1; k < p; k++) s -= (row[k] as number) * (z[k] as number);
    z[j] = s / (row[j] as number);
  }
  return z;
}

/** Solves R^T z = c for upper-triangular R (a forward substitution). */
export function forwardSubstituteTransposed(r: number[][], c: number[]): number[] {
  const p = c.length;
  const z = new Array<number>(p).fill(0);
  for (let j = 0; j < p; j++) {
    let s = c[j] as number;
    for (let k = 0; k < j; k++) s -= ((r[k] as number[])[j] as number) * (z[k] as number);
    z[j] = s / ((r[j] as number[])[j] as number);
  }
  return z;
}

/** Squared row norms of R^{-1}: the diagonal of (R^T R)^{-1}. */
export function inverseGramDiagonal(r: number[][]): number[] {
  const p = r.length;
  const inv = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let col = 0; col < p; col++) {
    const e = new Array<number>(p).fill(0);
    e[col] = 1;
    const z = backSubstitute(r, e);
    for (let i = 0; i < p; i++) (inv[i] as number[])[col] = z[i] as number;
  }
  return inv.map((row) => row.reduce((s, v) => s + v * v, 0));
}
