import type { Design } from '../design';
import { backSubstitute, householderQr, inverseGramDiagonal } from '../householder';
import { conditionNumber, singularValues } from '../singularValues';
import { type FloatInputs, U } from './inputs';

/** The design scaled column by column by powers of two (exact), and its QR factor. */
export interface ScaledQr {
  /** Column scales s_j (powers of two): A = X S^-1 exactly. */
  scales: number[];
  /** Scaled columns, and their low parts (null where none). */
  A: Float64Array[];
  ALo: (Float64Array | null)[];
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
  const A = d.columns.map((c, j) => {
    const inverse = 1 / (scales[j] as number); // a power of two: exact
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = (c[i] as number) * inverse;
    return a;
  });
  const ALo = inputs.columnsLo.map((lo, j) => {
    if (lo === null) return null;
    const inverse = 1 / (scales[j] as number);
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = (lo[i] as number) * inverse;
    return a;
  });
  const { r, qty } = householderQr(
    A.map((c) => Float64Array.from(c)),
    y,
  );
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

  // ||A||_F^2 (columns have norms within a factor sqrt 2 of 1).
  let frobenius2 = 0;
  for (const c of A) for (let i = 0; i < n; i++) frobenius2 += (c[i] as number) ** 2;
  // QR (and triangular solve) backward error, worst case: R^T R = M + E
  // (and M includes the low parts, at most 2u ||A||_F^2 more).
  const eGramMatrix = (3 * 8 * (n + p) * p + 2) * U * frobenius2;
  if (!(eGramMatrix / (sigmaMin * sigmaMin) < 0.01)) return conditioning;
  return {
    scales,
    A,
    ALo,
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
  const { r, qty, A } = qr;
  const n = y.length;
  const p = A.length;
  const z0 = backSubstitute(r, qty);
  const g0 = inverseGramDiagonal(r);
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    let size = 0;
    for (let j = 0; j < p; j++)
      size += Math.abs(((A[j] as Float64Array)[i] as number) * (z0[j] as number));
    size = inputs.yError * Math.abs(y[i] as number) + inputs.columnError * size;
    m2 += size * size;
  }
  const m0 = Math.sqrt(m2);
  return z0.some((v, j) => safety * Math.sqrt(g0[j] as number) * m0 > 2 * tolerance * Math.abs(v));
}
