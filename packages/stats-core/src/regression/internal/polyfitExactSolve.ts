import { ratioToNumber, sqrtRatioToNumber } from './bigRatio';
import type { ExactNormalEquations } from './exactNormalEquations';
import type { FitCore } from './fit';

/** Solved this way up to this many coefficients (p + 1 determinants of p x p each). */
export const MAX_EXACT_SOLVE = 4;

/**
 * Least squares from exact normal equations in exact rational arithmetic
 * (BigInt), for small designs (p <= {@link MAX_EXACT_SOLVE}). With
 * b_j = beta_j 10^(yExponent - e_j) the equations are the integer system
 * G beta = r (G = `gram`, r = `rhs`), so by Cramer's rule beta_j = N_j / det,
 * every determinant by Bareiss's fraction-free elimination; (X^T X)^-1_jj is
 * the principal minor C_jj / det (times 10^(-2 e_j)). For the exact solution
 * RSS = y^T y - b^T X^T y = 10^(2 f) (det sumY2 - sum_j N_j r_j) / det, an
 * exact rational, as are TSS, R^2, adjusted R^2 and F; each field is one
 * rounding from its exact value (standard errors and the residual SD: a
 * square root of one). The same answer as the 64-digit BigNumber solve
 * (`olsBig`), without its fixed cost (about a millisecond of decimal
 * arithmetic for four coefficients).
 *
 * Exact, so it answers every design that is not exactly singular, including
 * those `olsBig` calls singular because an LDL pivot falls below 1e-40 of
 * its diagonal entry at 64 digits (a cubic in values near 1e12 with one
 * place: condition number about 6e61). null when p is larger or the design
 * is singular (a leading minor is 0): the caller then uses `olsBig`, which
 * names the collinear columns.
 */
export function solveExactRational(
  m: ExactNormalEquations,
  n: number,
  hasIntercept: boolean,
): FitCore | null {
  const p = m.rhs.length;
  if (p > MAX_EXACT_SOLVE) return null;
  const { gram, rhs } = m;
  const minors = leadingMinors(gram);
  if (minors === null) return null;
  // X^T X is positive definite exactly when every leading minor is positive.
  if (minors.some((v) => !(v > 0n))) return null;
  const det = minors[p - 1] as bigint;
  const f = m.yExponent;
  const exponent = (j: number) => m.exponents[j] as number;
  // Cramer: N_j = det(G with column j replaced by r).
  const numerators = rhs.map((_, j) =>
    determinant(gram.map((row, i) => row.map((v, k) => (k === j ? (rhs[i] as bigint) : v)))),
  );
  // det * sumY2 - sum_j N_j r_j = det * RSS 10^(-2 f) >= 0
  let rssNum = det * m.sumY2;
  for (let j = 0; j < p; j++) rssNum -= (numerators[j] as bigint) * (rhs[j] as bigint);
  const N = BigInt(n);
  // TSS 10^(-2 f) = tssNum / tssDen
  const tssNum = hasIntercept ? N * m.sumY2 - m.sumY * m.sumY : m.sumY2;
  const tssDen = hasIntercept ? N : 1n;
  const dfResidual = n - p;
  const k0 = hasIntercept ? 1 : 0;
  const dfModel = p - k0;
  const df = BigInt(dfResidual);
  // RSS / TSS = rssNum tssDen / (det tssNum)
  const ratioNum = rssNum * tssDen;
  const ratioDen = det * tssNum;
  const standardErrors = numerators.map((_, j) => {
    // s^2 (X^T X)^-1_jj = rssNum / (det df) * C_jj / det * 10^(2 f - 2 e_j)
    const cjj = determinant(withoutRowAndColumn(gram, j));
    return sqrtRatioToNumber(rssNum * cjj, det * det * df, 2 * f - 2 * exponent(j));
  });
  const tssZero = tssNum === 0n;
  return {
    coefficients: numerators.map((v, j) => ratioToNumber(v, det, f - exponent(j))),
    standardErrors,
    residualStandardDeviation: sqrtRatioToNumber(rssNum, det * df, 2 * f),
    rSquared: tssZero ? Number.NaN : ratioToNumber(ratioDen - ratioNum, ratioDen),
    // 1 - (RSS / TSS)(n - k0) / dfResidual
    adjustedRSquared: tssZero
      ? Number.NaN
      : ratioToNumber(ratioDen * df - ratioNum * BigInt(n - k0), ratioDen * df),
    // ((TSS - RSS) / dfModel) / (RSS / dfResidual)
    fStatistic:
      dfModel > 0
        ? rssNum === 0n
          ? tssZero
            ? Number.NaN
            : Number.POSITIVE_INFINITY
          : ratioToNumber((ratioDen - ratioNum) * df, ratioNum * BigInt(dfModel))
        : Number.NaN,
  };
}

/** The leading principal minors M_1..M_p by Bareiss elimination; null when a pivot is 0. */
function leadingMinors(a: bigint[][]): bigint[] | null {
  const p = a.length;
  const w = a.map((row) => row.slice());
  const minors: bigint[] = [];
  let previous = 1n;
  for (let k = 0; k < p; k++) {
    const pivot = (w[k] as bigint[])[k] as bigint;
    minors.push(pivot);
    if (pivot === 0n) return k === p - 1 ? minors : null;
    eliminateBelow(w, k, previous);
    previous = pivot;
  }
  return minors;
}

/** det(a) by Bareiss elimination with row swaps for zero pivots (exact: every division is). */
function determinant(a: bigint[][]): bigint {
  const p = a.length;
  if (p === 0) return 1n;
  const w = a.map((row) => row.slice());
  let sign = 1n;
  let previous = 1n;
  for (let k = 0; k < p; k++) {
    if ((w[k] as bigint[])[k] === 0n) {
      const swap = w.findIndex((row, i) => i > k && row[k] !== 0n);
      if (swap < 0) return 0n;
      [w[k], w[swap]] = [w[swap] as bigint[], w[k] as bigint[]];
      sign = -sign;
    }
    eliminateBelow(w, k, previous);
    previous = (w[k] as bigint[])[k] as bigint;
  }
  return sign * ((w[p - 1] as bigint[])[p - 1] as bigint);
}

/**
 * One Bareiss step on w in place: every row below k gets
 * (w_kk w_ij - w_ik w_kj) / previous (an exact division: previous is the
 * last step's pivot), and its column-k entry becomes 0.
 */
function eliminateBelow(w: bigint[][], k: number, previous: bigint): void {
  const rk = w[k] as bigint[];
  const pivot = rk[k] as bigint;
  for (let i = k + 1; i < w.length; i++) {
    const ri = w[i] as bigint[];
    const lead = ri[k] as bigint;
    for (let j = k + 1; j < w.length; j++) {
      ri[j] = (pivot * (ri[j] as bigint) - lead * (rk[j] as bigint)) / previous;
    }
    ri[k] = 0n;
  }
}

function withoutRowAndColumn(a: bigint[][], j: number): bigint[][] {
  return a.filter((_, i) => i !== j).map((row) => row.filter((_, k) => k !== j));
}
