import { StatsInputError } from '../errors';
import { ratioToNumber } from '../regression/internal/bigRatio';
import { finishFit } from '../regression/internal/finishFit';
import type { FitCore, OlsResult } from '../regression/internal/fit';
import { conditionNumber } from '../regression/internal/singularValues';
import { parseExact, rescale, type Scaled } from './exact';

/**
 * Exact normal equations of a least-squares problem: the Gram matrix of the
 * design columns and y (last), entries as exact decimals, plus the sums
 * needed for the total sum of squares.
 */
export interface ExactProblem {
  fn: string;
  labels: string[];
  n: number;
  hasIntercept: boolean;
  /** (p + 1) x (p + 1), symmetric: design columns 0..p-1, then y. */
  gram: Scaled[][];
  /** sum y and sum y^2, exact. */
  sumY: Scaled;
  sumY2: Scaled;
}

const INF = Number.POSITIVE_INFINITY;
const expOf = (s: Scaled) => (s.m === 0n ? INF : s.e);

/**
 * Per-column decimal exponents e_j such that every entry (i, j) is an
 * integer times 10^(e_i + e_j): start from half the diagonal's exponent and
 * lower e_j wherever an off-diagonal entry needs it (lowering only loosens
 * the other constraints, so one pass suffices).
 */
function columnExponents(g: Scaled[][]): number[] {
  const m = g.length;
  const e = g.map((row, j) => {
    const d = expOf(row[j] as Scaled);
    return Number.isFinite(d) ? Math.floor(d / 2) : 0;
  });
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const x = expOf((g[i] as Scaled[])[j] as Scaled);
      const need = (e[i] as number) + (e[j] as number) - x;
      if (need > 0) e[j] = (e[j] as number) - need;
    }
  }
  return e;
}

/**
 * Least squares solved exactly from the normal equations of the decimal
 * inputs: fraction-free (Bareiss) elimination of the integer Gram matrix of
 * [design | y] with the identity appended, then fraction-free back
 * substitution, so the coefficients, the diagonal of (X^T X)^-1 and
 * RSS = det([X y]^T [X y]) / det(X^T X) are exact rationals, each field
 * rounded once. The same answer the one-shot function's BigNumber lane
 * approximates to 64 digits, without the cancellation a Gram matrix in
 * floating point would suffer.
 *
 * @throws StatsInputError when the design is singular (names the column)
 */
export function solveExact(problem: ExactProblem): OlsResult {
  const { fn, labels, n, hasIntercept } = problem;
  const p = labels.length;
  const m = p + 1;
  const e = columnExponents(problem.gram);
  const width = m + p;
  const A: bigint[][] = problem.gram.map((row, i) => {
    const out = new Array<bigint>(width).fill(0n);
    for (let j = 0; j < m; j++) {
      out[j] = rescale(row[j] as Scaled, (e[i] as number) + (e[j] as number));
    }
    if (i < p) out[m + i] = 1n;
    return out;
  });
  const dets: bigint[] = [1n];
  let prev = 1n;
  for (let k = 0; k < p; k++) {
    const rowK = A[k] as bigint[];
    const pivot = rowK[k] as bigint;
    if (pivot === 0n) throw singular(fn, labels, k, problem.gram);
    for (let i = k + 1; i < m; i++) {
      const row = A[i] as bigint[];
      const f = row[k] as bigint;
      for (let j = k + 1; j < width; j++) {
        row[j] = ((row[j] as bigint) * pivot - f * (rowK[j] as bigint)) / prev;
      }
      row[k] = 0n;
    }
    prev = pivot;
    dets.push(pivot);
  }
  const det = prev; // det(X^T X) on the integer scale
  const rssNum = (A[p] as bigint[])[p] as bigint; // det of the augmented Gram: RSS = rssNum / det
  /** det times the solution for right-hand-side column r. */
  const solve = (r: number): bigint[] => {
    const x = new Array<bigint>(p).fill(0n);
    for (let i = p - 1; i >= 0; i--) {
      const row = A[i] as bigint[];
      let s = det * (row[r] as bigint);
      for (let j = i + 1; j < p; j++) s -= (row[j] as bigint) * (x[j] as bigint);
      x[i] = s / (row[i] as bigint);
    }
    return x;
  };
  const ey = e[p] as number;
  const b = solve(p);
  const coefficients = b.map((v, j) => ratioToNumber(v, det, ey - (e[j] as number)));
  const dfResidual = n - p;
  const k0 = hasIntercept ? 1 : 0;
  const dfModel = p - k0;
  const D = BigInt(dfResidual);
  const standardErrors = labels.map((_, j) => {
    const inv = solve(m + j)[j] as bigint; // det (G^-1)_jj
    return Math.sqrt(ratioToNumber(rssNum * inv, det * det * D, 2 * (ey - (e[j] as number))));
  });
  const residualStandardDeviation = Math.sqrt(ratioToNumber(rssNum, det * D, 2 * ey));

  // TSS = Tn / Td on the scale 10^g, RSS = rssNum / det on 10^(2 ey).
  const { sumY, sumY2 } = problem;
  const N = BigInt(n);
  const g = Math.min(2 * ey, expOf(sumY2), 2 * expOf(sumY));
  const scale = 2 * Math.floor((Number.isFinite(g) ? g : 2 * ey) / 2);
  const Tn = hasIntercept
    ? N * rescale(sumY2, scale) - (sumY.m === 0n ? 0n : rescale(sumY, scale / 2) ** 2n)
    : rescale(sumY2, scale);
  const Td = hasIntercept ? N : 1n;
  const R = rssNum * 10n ** BigInt(2 * ey - scale);
  // TSS - RSS = (Tn det - R Td) / (Td det)
  const explained = Tn * det - R * Td;
  const rSquared = Tn === 0n ? Number.NaN : ratioToNumber(explained, Tn * det);
  const adjDen = Tn * det * D;
  const adjustedRSquared =
    Tn === 0n ? Number.NaN : ratioToNumber(adjDen - R * Td * BigInt(n - k0), adjDen);
  let fStatistic = Number.NaN;
  if (dfModel > 0) {
    if (R === 0n) fStatistic = explained === 0n ? Number.NaN : Infinity;
    else fStatistic = ratioToNumber(explained * D, BigInt(dfModel) * R * Td);
  }
  const core: FitCore = {
    coefficients,
    standardErrors,
    residualStandardDeviation,
    rSquared,
    adjustedRSquared,
    fStatistic,
  };
  // Cholesky factor R_kj = U_kj / sqrt(det_k det_(k+1)) from the eliminated rows.
  const chol = Array.from({ length: p }, (_, k) =>
    Array.from({ length: p }, (_, j) => {
      if (j < k) return 0;
      const u = (A[k] as bigint[])[j] as bigint;
      const v = Math.sqrt(ratioToNumber(u * u, (dets[k] as bigint) * (dets[k + 1] as bigint)));
      return (u < 0n ? -v : v) * 10 ** (e[j] as number);
    }),
  );
  return finishFit(core, dfModel, dfResidual, conditionNumber(chol), 'bignumber');
}

function singular(fn: string, labels: string[], k: number, gram: Scaled[][]): StatsInputError {
  const label = labels[k] as string;
  if (((gram[k] as Scaled[])[k] as Scaled).m === 0n) {
    return new StatsInputError(
      fn,
      `cannot fit a singular design: column ${label} is all zeros; drop it`,
    );
  }
  const earlier = labels.slice(0, k).join(', ');
  return new StatsInputError(
    fn,
    `cannot fit a singular design: column ${label} is a linear combination of ${earlier} (collinear columns ${earlier}, ${label}); drop one of them`,
  );
}

/** Parses a list of exact decimals. */
export function parseAll(values: readonly string[]): Scaled[] {
  return values.map(parseExact);
}
