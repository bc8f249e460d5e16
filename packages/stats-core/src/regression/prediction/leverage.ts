import { type BigNumber, big } from '../internal/bigNumber';
import type { ScaledIntegers } from '../internal/decimal';
import { DoubleDouble, dot2Blocked } from '../internal/doubleDouble';
import {
  backSubstitute,
  forwardSubstituteTransposed,
  householderQr,
} from '../internal/householder';
import { conditionNumber } from '../internal/singularValues';

/**
 * The data's design and the rows to predict at, in the two forms the two
 * paths of {@link leverages} need: float64, and exact (the decimal inputs as
 * scaled integers; the new rows as 64-digit BigNumbers).
 */
export interface LeverageProblem {
  /** Design columns of the data, intercept first when fitted. */
  columns: Float64Array[];
  /** The same columns formed exactly from the decimal inputs. */
  exactColumns: () => ScaledIntegers[];
  /** Rows to predict at (one entry per column). */
  rows: number[][];
  /** The same rows at 64 digits from the decimal inputs (powers formed there). */
  exactRows: () => BigNumber[][];
}

/**
 * The float64 path answers for the binary data; they differ from the decimal
 * data by u per entry, which moves a leverage by about kappa u relative
 * (kappa the scaled condition number). Below this kappa that is under
 * 1e-12, a hundredth of the 1e-10 promised.
 */
const MAX_FLOAT_KAPPA = 1e4;
/** Refinement stops once a step changes the solution by less than this, relative. */
const CONVERGED = 1e-15;

/**
 * h = x0^T (X^T X)^-1 x0 for every row x0: the variance of the fitted mean
 * at x0 in units of the error variance.
 *
 * Float64 path (scaled condition number below 1e4): Householder QR of the
 * column-scaled design (powers of two, exact) gives R; M w = a0 is solved
 * with R^T R and refined with M = A^T A formed by Dot2 as a double-double,
 * until a step changes w by under 1e-15 relative; h = a0^T w in
 * double-double. Otherwise (or when the refinement does not settle within
 * six steps): X^T X formed exactly from the decimal inputs (BigInt sums),
 * rounded once to 64-digit BigNumbers, solved by LDL^T there.
 */
export function leverages(problem: LeverageProblem): number[] {
  return leveragesFloat(problem) ?? leveragesBig(problem);
}

/** The float64 path; null when the design is too ill-conditioned for it. */
export function leveragesFloat(problem: LeverageProblem): number[] | null {
  const { columns, rows } = problem;
  const p = columns.length;
  const n = columns[0]?.length ?? 0;
  const scales = columns.map((c) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (c[i] as number) ** 2;
    const norm = Math.sqrt(s);
    return norm > 1e-100 && norm < 1e100 ? 2 ** Math.round(Math.log2(norm)) : Number.NaN;
  });
  if (!scales.every((s) => s > 0 && Number.isFinite(s))) return null;
  const A = columns.map((c, j) => {
    const inverse = 1 / (scales[j] as number);
    return Float64Array.from(c, (v) => v * inverse);
  });
  const { r } = householderQr(
    A.map((c) => Float64Array.from(c)),
    new Float64Array(n),
  );
  const kappa = conditionNumber(r);
  if (!(kappa < MAX_FLOAT_KAPPA)) return null;
  const gramHi = A.map(() => new Float64Array(p));
  const gramLo = A.map(() => new Float64Array(p));
  for (let j = 0; j < p; j++) {
    for (let k = 0; k <= j; k++) {
      const [hi, lo] = dot2Blocked(A[j] as Float64Array, A[k] as Float64Array);
      (gramHi[j] as Float64Array)[k] = hi;
      (gramHi[k] as Float64Array)[j] = hi;
      (gramLo[j] as Float64Array)[k] = lo;
      (gramLo[k] as Float64Array)[j] = lo;
    }
  }
  const solveRtR = (c: number[]) => backSubstitute(r, forwardSubstituteTransposed(r, c));
  const out: number[] = [];
  for (const row of rows) {
    const a0 = row.map((v, j) => v / (scales[j] as number));
    const w = solveRtR(a0);
    let settled = false;
    for (let step = 0; step < 6 && !settled; step++) {
      const residual = a0.map((v, j) => {
        const acc = new DoubleDouble();
        acc.add(v);
        for (let k = 0; k < p; k++) {
          acc.addProduct(-((gramHi[j] as Float64Array)[k] as number), w[k] as number);
          acc.addProduct(-((gramLo[j] as Float64Array)[k] as number), w[k] as number);
        }
        return acc.hi + acc.lo;
      });
      const delta = solveRtR(residual);
      let change = 0;
      let size = 0;
      for (let j = 0; j < p; j++) {
        w[j] = (w[j] as number) + (delta[j] as number);
        change = Math.max(change, Math.abs(delta[j] as number));
        size = Math.max(size, Math.abs(w[j] as number));
      }
      settled = change <= CONVERGED * size;
    }
    if (!settled) return null;
    const h = new DoubleDouble();
    for (let j = 0; j < p; j++) h.addProduct(a0[j] as number, w[j] as number);
    out.push(h.hi + h.lo);
  }
  return out;
}

/** The exact path: X^T X from BigInt sums of the decimal inputs, LDL^T at 64 digits. */
export function leveragesBig(problem: LeverageProblem): number[] {
  const X = problem.exactColumns();
  const p = X.length;
  const gram: BigNumber[][] = X.map(() => new Array<BigNumber>(p));
  for (let j = 0; j < p; j++) {
    for (let k = 0; k <= j; k++) {
      const a = X[j] as ScaledIntegers;
      const b = X[k] as ScaledIntegers;
      let s = 0n;
      for (let i = 0; i < a.integers.length; i++) {
        s += (a.integers[i] as bigint) * (b.integers[i] as bigint);
      }
      const v = big(`${s}e${a.exponent + b.exponent}`);
      (gram[j] as BigNumber[])[k] = v;
      (gram[k] as BigNumber[])[j] = v;
    }
  }
  // LDL^T without pivoting (the fit has already rejected a singular design).
  const L: BigNumber[][] = gram.map(() => new Array<BigNumber>(p).fill(big(0)));
  const D: BigNumber[] = [];
  for (let j = 0; j < p; j++) {
    let dj = (gram[j] as BigNumber[])[j] as BigNumber;
    for (let k = 0; k < j; k++) {
      const l = (L[j] as BigNumber[])[k] as BigNumber;
      dj = dj.minus(l.times(l).times(D[k] as BigNumber));
    }
    D[j] = dj;
    for (let i = j + 1; i < p; i++) {
      let s = (gram[i] as BigNumber[])[j] as BigNumber;
      for (let k = 0; k < j; k++) {
        s = s.minus(
          ((L[i] as BigNumber[])[k] as BigNumber)
            .times((L[j] as BigNumber[])[k] as BigNumber)
            .times(D[k] as BigNumber),
        );
      }
      (L[i] as BigNumber[])[j] = s.div(dj);
    }
  }
  return problem.exactRows().map((row) => {
    // h = x0^T (L D L^T)^-1 x0 = sum_j z_j^2 / D_j with L z = x0.
    const z: BigNumber[] = [];
    let h = big(0);
    for (let j = 0; j < p; j++) {
      let s = row[j] as BigNumber;
      for (let k = 0; k < j; k++) {
        s = s.minus(((L[j] as BigNumber[])[k] as BigNumber).times(z[k] as BigNumber));
      }
      z[j] = s;
      h = h.plus(s.times(s).div(D[j] as BigNumber));
    }
    return h.toNumber();
  });
}
