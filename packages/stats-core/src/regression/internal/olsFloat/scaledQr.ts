import type { Design } from '../design';
import { backSubstitute, householderQr, inverseGramDiagonal } from '../householder';
import { conditionNumber, singularValues } from '../singularValues';
import { type FloatInputs, U } from './inputs';

/** The design scaled column by column by powers of two (exact), and its QR factor. */
export interface ScaledQr {
  /** Column scales s_j (powers of two): A = X S^-1 exactly. */
  scales: number[];
  /**
   * The columns as given and their low parts (null where none): the scaled
   * design is A = X S^-1, read on the fly as X[j][i] * inverseScales[j]
   * (exact, a power of two), so no scaled copy of the data is kept.
   */
  X: Float64Array[];
  XLo: (Float64Array | null)[];
  /** 1 / s_j, powers of two. */
  inverseScales: number[];
  /** R of A = QR, and Q^T y. */
  r: number[][];
  qty: number[];
  sigmaMin: number;
  /** 2-norm condition number of the scaled design (what limits accuracy). */
  kappa: number;
  /** ... of the design as given. */
  conditionNumber: number;
  /** ||A||_F^2. */
  frobenius2: number;
  /** QR backward error bound: R^T R = M + E with ||E|| <= this. */
  eGramMatrix: number;
}

/**
 * Scales the columns to about unit length by powers of two and factors the
 * scaled design by Householder QR. Returns the reason to decline instead
 * when a column is zero or out of range (`scales`), or the design is
 * numerically rank deficient or too ill-conditioned for the refined solve
 * to be bounded (`conditioning`, with the condition numbers).
 */
export function scaledQr(
  d: Design,
  inputs: FloatInputs,
):
  | ScaledQr
  | { declined: 'scales' }
  | { declined: 'conditioning'; conditionNumber: number; kappa: number } {
  const { n, y } = d;
  const p = d.columns.length;
  const scales = d.columns.map((c) => {
    let sumSquares = 0;
    for (let i = 0; i < n; i++) sumSquares += (c[i] as number) ** 2;
    const norm = Math.sqrt(sumSquares);
    // Far from under- and overflow, so the double-double products stay exact
    // and subnormal entries' representation errors are negligible.
    return norm > 1e-100 && norm < 1e100 ? 2 ** Math.round(Math.log2(norm)) : Number.NaN;
  });
  if (scales.some((s) => !(s > 0) || !Number.isFinite(s))) return { declined: 'scales' };
  const inverseScales = scales.map((s) => 1 / s); // powers of two: exact
  // The scaled copy the QR factorises in place (the only one made).
  const A = d.columns.map((c, j) => {
    const inverse = inverseScales[j] as number;
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = (c[i] as number) * inverse;
    return a;
  });
  let frobenius2 = 0;
  for (const c of A) for (let i = 0; i < n; i++) frobenius2 += (c[i] as number) ** 2;
  const { r, qty } = householderQr(A, y);
  const sigma = singularValues(r);
  const sigmaMin = Math.min(...sigma);
  const kappa = Math.max(...sigma) / sigmaMin;
  const unscaledR = r.map((row) => row.map((v, k) => v * (scales[k] as number)));
  // The design as given: a shifted design X' = X - 1 c^T is X = X' T with T
  // the identity plus c^T in the intercept's row, so its R is R' T.
  const shifts = d.shifts;
  if (shifts) {
    for (const row of unscaledR) {
      const first = row[0] as number;
      for (let k = 1; k < p; k++) row[k] = (row[k] as number) + (shifts[k] as number) * first;
    }
  }
  const cond = conditionNumber(unscaledR);
  const minDiagonal = Math.min(...r.map((row, j) => Math.abs(row[j] as number)));
  const conditioning = { declined: 'conditioning' as const, conditionNumber: cond, kappa };
  if (!(minDiagonal > 1e-10) || !(kappa < 1e8)) return conditioning;

  // ||A||_F^2 (columns have norms within a factor sqrt 2 of 1), summed above before the QR.
  // QR (and triangular solve) backward error, worst case: R^T R = M + E
  // (and M includes the low parts, at most 2u ||A||_F^2 more).
  const eGramMatrix = (3 * 8 * (n + p) * p + 2) * U * frobenius2;
  if (!(eGramMatrix / (sigmaMin * sigmaMin) < 0.01)) return conditioning;
  return {
    scales,
    X: d.columns,
    XLo: inputs.columnsLo,
    inverseScales,
    r,
    qty,
    sigmaMin,
    kappa,
    conditionNumber: cond,
    frobenius2,
    eGramMatrix,
  };
}

/**
 * Early decline (speed only, never acceptance): the representation part
 * of the coefficients' bound, sqrt(G_jj) || yRep |y| + cRep |A||z| || / |z_j|,
 * from the unrefined QR solution. True when, at twice the tolerance, the
 * refined bound (which contains this term) cannot pass either.
 */
export function representationHopeless(
  qr: ScaledQr,
  y: ArrayLike<number>,
  inputs: FloatInputs,
  safety: number,
  tolerance: number,
): boolean {
  const { r, qty, X } = qr;
  const n = y.length;
  const p = X.length;
  const z0 = backSubstitute(r, qty);
  // A_ij z_j = X_ij (z_j / s_j), exactly.
  const x0 = z0.map((v, j) => v * (qr.inverseScales[j] as number));
  const g0 = inverseGramDiagonal(r);
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    let size = 0;
    for (let j = 0; j < p; j++)
      size += Math.abs(((X[j] as Float64Array)[i] as number) * (x0[j] as number));
    size = inputs.yError * Math.abs(y[i] as number) + inputs.columnError * size;
    m2 += size * size;
  }
  const m0 = Math.sqrt(m2);
  return z0.some((v, j) => safety * Math.sqrt(g0[j] as number) * m0 > 2 * tolerance * Math.abs(v));
}
