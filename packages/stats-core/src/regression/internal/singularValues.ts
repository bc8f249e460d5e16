/**
 * Singular values of a small square matrix (rows of `a`), by one-sided
 * Jacobi rotations, which keeps relative accuracy for matrices that are well
 * conditioned after column scaling. Returned in no particular order.
 */
export function singularValues(a: number[][]): number[] {
  const p = a.length;
  // Work on columns: u[j] is column j.
  const u = Array.from({ length: p }, (_, j) => a.map((row) => row[j] as number));
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let j = 0; j < p - 1; j++) {
      for (let k = j + 1; k < p; k++) {
        const cj = u[j] as number[];
        const ck = u[k] as number[];
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < p; i++) {
          alpha += (cj[i] as number) ** 2;
          beta += (ck[i] as number) ** 2;
          gamma += (cj[i] as number) * (ck[i] as number);
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < p; i++) {
          const xj = cj[i] as number;
          const xk = ck[i] as number;
          cj[i] = c * xj - s * xk;
          ck[i] = s * xj + c * xk;
        }
      }
    }
    if (!rotated) break;
  }
  return u.map((col) => Math.hypot(...col));
}

/** Ratio of the largest to the smallest singular value (Infinity if singular). */
export function conditionNumber(a: number[][]): number {
  const s = singularValues(a);
  const max = Math.max(...s);
  const min = Math.min(...s);
  return min === 0 ? Number.POSITIVE_INFINITY : max / min;
}
