import { fisherFSf } from '../../distributions/fisherF';
import { studentTSf } from '../../distributions/studentT';
import { type Design, decimalLowParts } from './design';
import { DOT_BLOCK, DoubleDouble, dot2Blocked } from './doubleDouble';
import type { FitCore } from './fit';
import { backSubstitute, householderQr, inverseGramDiagonal } from './householder';
import { conditionNumber, singularValues } from './singularValues';

const U = 2 ** -53;
/**
 * Accept the float64 answer only when every field's error bound (relative,
 * against the exact answer for the decimal inputs) is below this: the 13
 * significant digits promised.
 */
const TOLERANCE = 1e-13;
/** p-values: 1e-10, as linregress promises (the tails themselves give about 12 digits). */
const P_TOLERANCE = 1e-10;
/** Refinement steps at most (each costs O(p^2) once the Gram matrix is formed). */
const MAX_REFINEMENTS = 4;
/**
 * The representation terms are first order; their neglected higher-order
 * terms are below kappa u ~ 1e-7 of them (kappa < 1e8 is required), so 1.25
 * covers them with room to spare.
 */
const SAFETY = 1.25;

/**
 * What the solver takes the data to be: the float64 design and y, plus low
 * parts that bring them closer to the decimal inputs (hi + lo, as
 * double-doubles), and the relative error that remains per entry.
 */
export interface FloatInputs {
  columnsLo: (Float64Array | null)[];
  yLo: Float64Array | null;
  /** Bound on |entry - decimal entry| / |entry| over the design. */
  columnError: number;
  /** The same over y. */
  yError: number;
}

/** The float64 data alone: every entry off by its binary rounding (x^k by about k u more). */
export function plainInputs(d: Design): FloatInputs {
  return {
    columnsLo: d.columns.map(() => null),
    yLo: null,
    columnError: (2 * d.representationUlps + 1) * U,
    yError: U,
  };
}

/** The decimal data as double-doubles: what is left is about u^2 per entry where it resolves. */
export function decimalInputs(d: Design): FloatInputs {
  const columns = d.decimalColumns();
  const y = decimalLowParts(d.y);
  return { columnsLo: columns.lo, yLo: y.lo, columnError: columns.error, yError: y.error };
}

/** What the float64 solver found: the fit when accurate enough, and the condition numbers. */
export interface FloatSolve {
  fit: FitCore | null;
  /** 2-norm condition number of the design as given. */
  conditionNumber: number;
  /** ... after scaling every column to about unit length (what limits accuracy). */
  scaledConditionNumber: number;
}

/**
 * Least squares by Householder QR on the column-scaled design, then
 * iterative refinement with the gradient A^T (y - A z) formed in
 * double-double from a double-double Gram matrix, and an a posteriori error
 * bound on every field against the exact answer for the decimal inputs.
 *
 * Columns are scaled by powers of two (exact), so A = X S^-1 exactly. With
 * M = A^T A (double-double), the error of the scaled coefficients z for the
 * data as given is e = M^-1 (A^T y - M z); the last refinement step computes
 * it as delta = (R^T R)^-1 g, and |e_j - delta_j| <= ||M^-1 row j|| ||E|| ||delta||
 * where R^T R = M + E (QR backward error, taken worst case 8 n p u). The
 * diagonal of M^-1 (for the standard errors) is refined and bounded the
 * same way.
 *
 * The data are decimals. `inputs` says how far the data as given are from
 * them: c_A per design entry and c_y per y, relative. For the float64 data
 * ({@link plainInputs}) that is u per y and (2k + 1) u per x^k entry; with
 * the low parts of {@link decimalInputs} (A and y as double-doubles, which
 * the Gram matrix, A^T y and the residuals then carry) about u^2. That
 * distance enters through first-order least-squares perturbation theory,
 * doubled for safety:
 * |dz_j| <= sqrt(G_jj) (||m|| + c_A ||A||_F ||r|| / sigma_min), m = c_y |y| + c_A |A||z|;
 * dRSS / RSS <= 2 ||m|| / ||r||; dG_jj / G_jj <= 2 c_A ||A||_F^2 / sigma_min^2.
 * `fit` is null when a bound exceeds its tolerance or the design looks
 * rank deficient; the caller then uses the BigNumber path.
 */
export function olsFloat(d: Design, inputs: FloatInputs = plainInputs(d)): FloatSolve {
  const { n, y } = d;
  const { yLo } = inputs;
  const p = d.columns.length;
  const scales = d.columns.map((c) => {
    let sumSquares = 0;
    for (let i = 0; i < n; i++) sumSquares += (c[i] as number) ** 2;
    const norm = Math.sqrt(sumSquares);
    // Far from under- and overflow, so the double-double products stay exact
    // and subnormal entries' representation errors are negligible.
    return norm > 1e-100 && norm < 1e100 ? 2 ** Math.round(Math.log2(norm)) : Number.NaN;
  });
  if (scales.some((s) => !(s > 0) || !Number.isFinite(s))) {
    return { fit: null, conditionNumber: Number.NaN, scaledConditionNumber: Infinity };
  }
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
  const cond = conditionNumber(unscaledR);
  const minDiagonal = Math.min(...r.map((row, j) => Math.abs(row[j] as number)));
  const declined = { fit: null, conditionNumber: cond, scaledConditionNumber: kappa };
  if (!(minDiagonal > 1e-10) || !(kappa < 1e8)) return declined;

  // ||A||_F^2 (columns have norms within a factor sqrt 2 of 1).
  let frobenius2 = 0;
  for (const c of A) for (let i = 0; i < n; i++) frobenius2 += (c[i] as number) ** 2;
  // QR (and triangular solve) backward error, worst case: R^T R = M + E
  // (and M includes the low parts, at most 2u ||A||_F^2 more).
  const eGramMatrix = (3 * 8 * (n + p) * p + 2) * U * frobenius2;
  if (!(eGramMatrix / (sigmaMin * sigmaMin) < 0.01)) return declined;
  const cRep = inputs.columnError; // per design entry
  const yRep = inputs.yError; // per y
  // Early decline (speed only, never acceptance): the representation part
  // of the coefficients' bound, sqrt(G_jj) || yRep |y| + cRep |A||z| || / |z_j|,
  // from the unrefined QR solution; at twice the tolerance the refined bound
  // below (which contains this term) cannot pass either.
  {
    const z0 = backSubstitute(r, qty);
    const g0 = inverseGramDiagonal(r);
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      let size = 0;
      for (let j = 0; j < p; j++)
        size += Math.abs(((A[j] as Float64Array)[i] as number) * (z0[j] as number));
      size = yRep * Math.abs(y[i] as number) + cRep * size;
      m2 += size * size;
    }
    const m0 = Math.sqrt(m2);
    const hopeless = z0.some(
      (v, j) => SAFETY * Math.sqrt(g0[j] as number) * m0 > 2 * TOLERANCE * Math.abs(v),
    );
    if (hopeless) return declined;
  }
  // Double-double summation error, relative to the sum of magnitudes: Dot2
  // within a block (B^2 u^2), the blocks' and every other running
  // double-double sum (a few u^2 per term), with room to spare.
  const ddError =
    4 * U * U * ((DOT_BLOCK + p + 4) ** 2 + (n / DOT_BLOCK + p + 4) ** 2 + 2 * (n + p + 4));

  // Gram matrix M = A^T A and c = A^T y in double-double.
  const mHi = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const mLo = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const cHi = new Array<number>(p).fill(0);
  const cLo = new Array<number>(p).fill(0);
  for (let j = 0; j < p; j++) {
    const aj = A[j] as Float64Array;
    const ajLo = ALo[j] ?? null;
    for (let k = j; k < p; k++) {
      const ak = A[k] as Float64Array;
      const [hi, lo] = dot2Blocked(aj, ak);
      const cross = crossTerms(aj, ajLo, ak, ALo[k] ?? null);
      (mHi[j] as number[])[k] = hi;
      (mLo[j] as number[])[k] = lo + cross;
      (mHi[k] as number[])[j] = hi;
      (mLo[k] as number[])[j] = lo + cross;
    }
    const [hi, lo] = dot2Blocked(aj, y);
    cHi[j] = hi;
    cLo[j] = lo + crossTerms(aj, ajLo, y, yLo);
  }
  /** (R^T R)^-1 v: a forward then a back substitution. */
  const solve = (v: number[]): number[] => {
    const w = new Array<number>(p).fill(0);
    for (let j = 0; j < p; j++) {
      let s = v[j] as number;
      for (let k = 0; k < j; k++) s -= ((r[k] as number[])[j] as number) * (w[k] as number);
      w[j] = s / ((r[j] as number[])[j] as number);
    }
    return backSubstitute(r, w);
  };
  /** rhs - M w in double-double, rounded (rhs given as hi and lo parts). */
  /** rhs - M w in double-double, rounded (rhs and w given as hi and lo parts). */
  const gradient = (rhsHi: number[], rhsLo: number[], wHi: number[], wLo: number[]): number[] =>
    rhsHi.map((h, j) => {
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
  /**
   * Refines M w = rhs from w, carrying w as a double-double so the
   * corrections can fall below u |w| (a coefficient near zero next to large
   * ones keeps its relative digits); returns w rounded and a bound on
   * |w - M^-1 rhs| per component (the exact answer for the data as given),
   * or null if it fails to settle.
   */
  const refine = (
    rhsHi: number[],
    rhsLo: number[],
    start: number[],
    rhsMagnitude: number,
  ): { w: number[]; error: number[] } | null => {
    const wHi = start.slice();
    const wLo = new Array<number>(p).fill(0);
    for (let step = 0; ; step++) {
      const delta = solve(gradient(rhsHi, rhsLo, wHi, wLo));
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
          const rowNorm = (2 * Math.sqrt(Math.abs(gInv[j] as number))) / sigmaMin;
          // gradient rounding (u |g|) and the double-double sums behind M and rhs.
          const gradientError = ddError * (rhsMagnitude + Math.sqrt(2 * p) * wNorm) * Math.sqrt(2);
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
  };

  // Diagonal of M^-1: columns of the inverse, refined.
  const gInv = new Array<number>(p).fill(0);
  const firstColumns = Array.from({ length: p }, (_, j) => {
    const e = new Array<number>(p).fill(0);
    e[j] = 1;
    const w = solve(e);
    gInv[j] = w[j] as number;
    return w;
  });
  const gram: number[] = [];
  const eGram: number[] = [];
  const inverseColumns: number[][] = [];
  const zeros = new Array<number>(p).fill(0);
  for (let j = 0; j < p; j++) {
    const e = new Array<number>(p).fill(0);
    e[j] = 1;
    const refined = refine(e, zeros, firstColumns[j] as number[], 1);
    if (refined === null) return declined;
    const g = refined.w[j] as number;
    if (!(g > 0)) return declined;
    gram.push(g);
    inverseColumns.push(refined.w);
    eGram.push((refined.error[j] as number) / g);
  }
  for (let j = 0; j < p; j++) gInv[j] = gram[j] as number;

  // Coefficients: QR solution of the normal equations, refined.
  let yNorm2 = 0;
  for (let i = 0; i < n; i++) yNorm2 += (y[i] as number) ** 2;
  if (!(yNorm2 > 1e-200 && yNorm2 < 1e200)) return declined;
  const solved = refine(cHi, cLo, solve(cHi), Math.sqrt(yNorm2 * frobenius2));
  if (solved === null) return declined;
  const z = solved.w;
  const coefficients = z.map((v, j) => v / (scales[j] as number));

  // Residuals y - A z in double-double; RSS, ||m||, TSS likewise.
  const rssAcc = new DoubleDouble();
  const sumY = new DoubleDouble();
  const sumY2 = new DoubleDouble();
  let fittedSize2 = 0; // || |y| + |A||z| ||^2
  let representation2 = 0; // || yRep |y| + cRep |A||z| ||^2
  // || |A| |w_j| ||^2 for each column w_j of M^-1: how far a relative
  // perturbation of the design's entries can move row j of the solution.
  const spread2 = new Array<number>(p).fill(0);
  const res = new DoubleDouble();
  for (let i = 0; i < n; i++) {
    const yi = y[i] as number;
    const yiLo = yLo === null ? 0 : (yLo[i] as number);
    res.hi = yi;
    res.lo = yiLo;
    let fitted = 0;
    for (let j = 0; j < p; j++) {
      const a = (A[j] as Float64Array)[i] as number;
      const zj = z[j] as number;
      res.addProduct(-a, zj);
      const aLo = ALo[j];
      if (aLo) res.add(-(aLo[i] as number) * zj);
      fitted += Math.abs(a * zj);
    }
    const e = res.hi + res.lo;
    rssAcc.addProduct(e, e);
    sumY.add(yi, yiLo);
    sumY2.addProduct(yi, yi);
    sumY2.add(2 * yi * yiLo);
    fittedSize2 += (Math.abs(yi) + fitted) ** 2;
    representation2 += (yRep * Math.abs(yi) + cRep * fitted) ** 2;
    for (let j = 0; j < p; j++) {
      const w = inverseColumns[j] as number[];
      let t = 0;
      for (let k = 0; k < p; k++)
        t += Math.abs(((A[k] as Float64Array)[i] as number) * (w[k] as number));
      spread2[j] = (spread2[j] as number) + t * t;
    }
  }
  const rss = rssAcc.hi + rssAcc.lo;
  let tss: number;
  if (d.hasIntercept) {
    // n TSS = n sum y^2 - (sum y)^2, all in double-double (no rounded mean).
    const t = new DoubleDouble();
    t.addProduct(n, sumY2.hi);
    t.add(n * sumY2.lo);
    t.addProduct(-sumY.hi, sumY.hi);
    t.add(-2 * sumY.hi * sumY.lo);
    tss = (t.hi + t.lo) / n;
  } else tss = sumY2.hi + sumY2.lo;
  if (!(rss > 0) || !(tss > 0)) return declined;
  const repNorm = Math.sqrt(representation2);

  const dfResidual = n - p;
  const dfModel = d.hasIntercept ? p - 1 : p;
  const s2 = rss / dfResidual;
  const standardErrors = gram.map((g, j) => Math.sqrt(s2 * g) / (scales[j] as number));
  const rSquared = 1 - rss / tss;
  const k0 = d.hasIntercept ? 1 : 0;
  const adjustedRSquared = 1 - ((1 - rSquared) * (n - k0)) / dfResidual;
  const fStatistic = (tss - rss) / dfModel / s2;

  // Relative error bounds against the exact decimal answer, first order.
  const rNorm = Math.sqrt(rss);
  const mNorm = Math.sqrt(fittedSize2);
  const zNorm = Math.hypot(...z);
  const eCoefficients = z.map((v, j) => {
    // dz_j = w_j^T dA^T r + (A w_j)^T (dy - dA z), ||A w_j|| = sqrt(G_jj).
    const representation =
      Math.sqrt(gram[j] as number) * repNorm + cRep * Math.sqrt(spread2[j] as number) * rNorm;
    return ((solved.error[j] as number) + SAFETY * representation) / Math.abs(v) + U;
  });
  const zErrorNorm = Math.hypot(...solved.error);
  const eRss =
    (2 * SAFETY * repNorm) / rNorm +
    (2 * frobenius2 * zErrorNorm * (zErrorNorm + 2 * cRep * zNorm)) / rss +
    ddError * (1 + (mNorm * mNorm) / rss) +
    4 * U;
  // dG_jj = -2 (A w_j)^T dA w_j: |dG_jj| / G_jj <= 2 c || |A||w_j| || / sqrt(G_jj).
  const eGramTotal = eGram.map(
    (e, j) =>
      e + (2 * SAFETY * cRep * Math.sqrt(spread2[j] as number)) / Math.sqrt(gram[j] as number),
  );
  const eSe = eGramTotal.map((e) => eRss / 2 + e / 2 + 4 * U);
  const eTss =
    (2 * SAFETY * yRep * Math.sqrt(sumY2.hi)) / Math.sqrt(tss) + (ddError * sumY2.hi) / tss + 2 * U;
  const eR2 = ((eRss + eTss) * (rss / tss)) / Math.abs(rSquared) + 2 * U;
  const eAdj =
    ((eRss + eTss) * (1 - rSquared) * (n - k0)) / dfResidual / Math.abs(adjustedRSquared) + 4 * U;
  const eF = eRss + eTss * (tss / Math.abs(tss - rss)) + eRss * (rss / Math.abs(tss - rss)) + 4 * U;
  const eT = eCoefficients.map((e, j) => e + (eSe[j] as number) + 2 * U);
  const tValues = coefficients.map((b, j) => b / (standardErrors[j] as number));
  // d log p / d log t <= min(df, t^2 + 1) for Student's t, and d log p / d log F <=
  // min((df1 + df2) / 2, F df1 / 2 + 1) for F (both checked against scipy over
  // df 1..1e5 and p down to 1e-300); the 2 + covers the tails' own rounding.
  const eP = eT.map((e, j) => {
    const t = Math.abs(tValues[j] as number);
    if (studentTSf(t * (1 - 8 * e), dfResidual) === 0) return 0; // p underflows to 0 either way
    return e * (2 + Math.min(dfResidual, t * t + 1));
  });
  const eFp =
    dfModel > 0 && fisherFSf(fStatistic * (1 - 8 * eF), dfModel, dfResidual) === 0
      ? 0 // the F test's p underflows to 0 either way
      : eF * (2 + Math.min((dfResidual + dfModel) / 2, (fStatistic * dfModel) / 2 + 1));
  const fields = [...eCoefficients, eRss, ...eSe, eR2, eAdj, dfModel > 0 ? eF : 0];
  const worst = Math.max(...fields.map((e) => (Number.isNaN(e) ? Infinity : e)));
  const worstP = Math.max(
    ...eP.map((e) => (Number.isNaN(e) ? Infinity : e)),
    dfModel > 0 ? eFp : 0,
  );
  const fit =
    worst <= TOLERANCE && worstP <= P_TOLERANCE
      ? {
          coefficients,
          standardErrors,
          residualStandardDeviation: Math.sqrt(s2),
          rSquared,
          adjustedRSquared,
          fStatistic: dfModel > 0 ? fStatistic : Number.NaN,
        }
      : null;
  return { fit, conditionNumber: cond, scaledConditionNumber: kappa };
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
