import { DOT_BLOCK, DoubleDouble, dot2Blocked } from '../doubleDouble';
import { backSubstitute, forwardSubstituteTransposed } from '../householder';
import { U } from './inputs';
import type { ScaledQr } from './scaledQr';

/** Refinement steps at most (each costs O(p^2) once the Gram matrix is formed). */
const MAX_REFINEMENTS = 4;

/**
 * Double-double summation error, relative to the sum of magnitudes: Dot2
 * within a block (B^2 u^2), the blocks' and every other running
 * double-double sum (a few u^2 per term), with room to spare.
 */
export function doubleDoubleError(n: number, p: number): number {
  return 4 * U * U * ((DOT_BLOCK + p + 4) ** 2 + (n / DOT_BLOCK + p + 4) ** 2 + 2 * (n + p + 4));
}

/** The Gram matrix M = A^T A and c = A^T y, each entry as hi + lo. */
export interface NormalEquations {
  mHi: number[][];
  mLo: number[][];
  cHi: number[];
  cLo: number[];
}

/**
 * M = A^T A and A^T y in double-double, low parts of A and y included (first
 * order), for A = X S^-1: every sum is taken on X and scaled by the powers of
 * two 1 / (s_j s_k) afterwards, which is exact (the same numbers as on A).
 */
export function normalEquations(
  A: Float64Array[],
  ALo: (Float64Array | null)[],
  inverseScales: number[],
  y: ArrayLike<number>,
  yLo: Float64Array | null,
): NormalEquations {
  const p = A.length;
  const mHi = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const mLo = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const cHi = new Array<number>(p).fill(0);
  const cLo = new Array<number>(p).fill(0);
  for (let j = 0; j < p; j++) {
    const aj = A[j] as Float64Array;
    const ajLo = ALo[j] ?? null;
    const sj = inverseScales[j] as number;
    for (let k = j; k < p; k++) {
      const ak = A[k] as Float64Array;
      const s = sj * (inverseScales[k] as number);
      const [hi, lo] = dot2Blocked(aj, ak);
      const cross = crossTerms(aj, ajLo, ak, ALo[k] ?? null);
      (mHi[j] as number[])[k] = hi * s;
      (mLo[j] as number[])[k] = lo * s + cross * s;
      (mHi[k] as number[])[j] = hi * s;
      (mLo[k] as number[])[j] = lo * s + cross * s;
    }
    const [hi, lo] = dot2Blocked(aj, y);
    cHi[j] = hi * sj;
    cLo[j] = lo * sj + crossTerms(aj, ajLo, y, yLo) * sj;
  }
  return { mHi, mLo, cHi, cLo };
}

/** sum_i (a_i bLo_i + aLo_i b_i): the first-order low-part terms of a^T b, in float64. */
function crossTerms(
  a: Float64Array,
  aLo: Float64Array | null,
  b: ArrayLike<number>,
  bLo: Float64Array | null,
): number {
  let s = 0;
  if (bLo) for (let i = 0; i < a.length; i++) s += (a[i] as number) * (bLo[i] as number);
  if (aLo) for (let i = 0; i < a.length; i++) s += (aLo[i] as number) * (b[i] as number);
  return s;
}

/** A refined solution w of M w = rhs and a bound on |w - M^-1 rhs| per component. */
export interface Refined {
  w: number[];
  error: number[];
}

/**
 * Iterative refinement of M w = rhs on the QR factor: corrections from the
 * gradient rhs - M w in double-double, solved with (R^T R)^-1.
 * `inverseDiagonal` (G_jj, the diagonal of M^-1) sizes the error bound; it
 * starts from the QR estimate and is replaced by the refined values once
 * known ({@link Refiner.setInverseDiagonal}).
 */
export class Refiner {
  private readonly p: number;
  private readonly ddError: number;
  private inverseDiagonal: number[];

  constructor(
    private readonly qr: ScaledQr,
    private readonly m: NormalEquations,
    n: number,
  ) {
    this.p = qr.scales.length;
    this.ddError = doubleDoubleError(n, this.p);
    this.inverseDiagonal = new Array<number>(this.p).fill(0);
  }

  setInverseDiagonal(g: number[]): void {
    this.inverseDiagonal = g.slice();
  }

  /** (R^T R)^-1 v: a forward then a back substitution. */
  solve(v: number[]): number[] {
    const { r } = this.qr;
    return backSubstitute(r, forwardSubstituteTransposed(r, v));
  }

  /** rhs - M w in double-double, rounded (rhs and w given as hi and lo parts). */
  private gradient(rhsHi: number[], rhsLo: number[], wHi: number[], wLo: number[]): number[] {
    const { mHi, mLo } = this.m;
    const p = this.p;
    return rhsHi.map((h, j) => {
      const acc = new DoubleDouble();
      acc.add(h, rhsLo[j] as number);
      const rowHi = mHi[j] as number[];
      const rowLo = mLo[j] as number[];
      for (let k = 0; k < p; k++) {
        const mk = rowHi[k] as number;
        const wk = wHi[k] as number;
        acc.addProduct(-mk, wk);
        acc.add(-(rowLo[k] as number) * wk - mk * (wLo[k] as number));
      }
      return acc.hi + acc.lo;
    });
  }

  /**
   * Refines M w = rhs from w, carrying w as a double-double so the
   * corrections can fall below u |w| (a coefficient near zero next to large
   * ones keeps its relative digits); returns w rounded and a bound on
   * |w - M^-1 rhs| per component (the exact answer for the data as given),
   * or null if it fails to settle.
   */
  refine(rhsHi: number[], rhsLo: number[], start: number[], rhsMagnitude: number): Refined | null {
    const p = this.p;
    const { sigmaMin, eGramMatrix, frobenius2 } = this.qr;
    const wHi = start.slice();
    const wLo = new Array<number>(p).fill(0);
    for (let step = 0; ; step++) {
      const delta = this.solve(this.gradient(rhsHi, rhsLo, wHi, wLo));
      // Settled when the correction is at the double-double level.
      const settled = delta.every((v, j) => Math.abs(v) <= 16 * U * U * Math.abs(wHi[j] as number));
      // w += delta, exactly enough: |wLo + delta| stays far below |wHi|.
      for (let j = 0; j < p; j++) {
        const hi = wHi[j] as number;
        const lo = (wLo[j] as number) + (delta[j] as number);
        const sum = hi + lo;
        wLo[j] = lo - (sum - hi);
        wHi[j] = sum;
      }
      if (settled || step === MAX_REFINEMENTS) {
        const deltaNorm = Math.hypot(...delta);
        const wNorm = Math.hypot(...wHi);
        // The last correction is applied too: the error left is |e - delta|
        // plus the rounding of w + delta to one double.
        const next = wHi.map((h, j) => h + (wLo[j] as number));
        // ||M^-1 row j|| <= sqrt(G_jj) / sigma_min; G_jj from the current estimate.
        const error = delta.map((v, j) => {
          const rowNorm = (2 * Math.sqrt(Math.abs(this.inverseDiagonal[j] as number))) / sigmaMin;
          // gradient rounding (u |g|) and the double-double sums behind M and rhs.
          const gradientError =
            this.ddError * (rhsMagnitude + Math.sqrt(2 * p) * wNorm) * Math.sqrt(2);
          return (
            8 * U * Math.abs(v) +
            rowNorm * (2 * eGramMatrix * deltaNorm + Math.sqrt(p) * gradientError) +
            2 * U * rowNorm * frobenius2 * deltaNorm +
            U * Math.abs(next[j] as number)
          );
        });
        if (!settled && !error.every((e, j) => e <= 1e-3 * Math.abs(next[j] as number))) {
          return null;
        }
        return { w: next, error };
      }
    }
  }
}

/** The refined diagonal of M^-1 (G_jj), the refined columns of M^-1 and G_jj's relative bounds. */
export interface InverseGram {
  gram: number[];
  eGram: number[];
  inverseColumns: number[][];
  /** Bounds on |inverseColumns[j][k] - (M^-1)_kj| (the refinement's, for the data as given). */
  columnErrors: number[][];
}

/** Columns of M^-1, refined; null when one fails to settle or a G_jj is not positive. */
export function refinedInverseGram(refiner: Refiner, p: number): InverseGram | null {
  const firstGuess = new Array<number>(p).fill(0);
  const firstColumns = Array.from({ length: p }, (_, j) => {
    const e = new Array<number>(p).fill(0);
    e[j] = 1;
    const w = refiner.solve(e);
    firstGuess[j] = w[j] as number;
    return w;
  });
  refiner.setInverseDiagonal(firstGuess);
  const gram: number[] = [];
  const eGram: number[] = [];
  const inverseColumns: number[][] = [];
  const columnErrors: number[][] = [];
  const zeros = new Array<number>(p).fill(0);
  for (let j = 0; j < p; j++) {
    const e = new Array<number>(p).fill(0);
    e[j] = 1;
    const refined = refiner.refine(e, zeros, firstColumns[j] as number[], 1);
    if (refined === null) return null;
    const g = refined.w[j] as number;
    if (!(g > 0)) return null;
    gram.push(g);
    inverseColumns.push(refined.w);
    columnErrors.push(refined.error);
    eGram.push((refined.error[j] as number) / g);
  }
  refiner.setInverseDiagonal(gram);
  return { gram, eGram, inverseColumns, columnErrors };
}
