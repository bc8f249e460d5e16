import { fisherFSf } from '../../../distributions/fisherF';
import { studentTSf } from '../../../distributions/studentT';
import { DoubleDouble, productError } from '../doubleDouble';
import type { FitCore } from '../fit';
import { U } from './inputs';
import type { InverseGram, Refined } from './refinement';
import type { ResidualSums } from './residuals';

/**
 * Accept the float64 answer only when every field's error bound (relative,
 * against the exact answer for the decimal inputs) is below this: the 13
 * significant digits promised.
 */
const TOLERANCE = 1e-13;
/** p-values: 1e-10, as linregress promises (the tails themselves give about 12 digits). */
const P_TOLERANCE = 1e-10;

export interface BoundsInput {
  n: number;
  hasIntercept: boolean;
  /** Column scales (the coefficients are z_j / s_j). */
  scales: number[];
  /** Refined scaled coefficients and their solve error. */
  solved: Refined;
  inverse: InverseGram;
  sums: ResidualSums;
  frobenius2: number;
  ddError: number;
  cRep: number;
  yRep: number;
  safety: number;
  /**
   * A shifted design (see `Design.shifts`): the intercept is u^T z, and
   * gu = G u (G = M^-1, so its variance factor is u^T G u).
   */
  shift?: { u: number[]; gu: number[]; yShift: number };
}

/**
 * The fit's fields from the refined solve and the residual pass, and their
 * relative error bounds against the exact decimal answer (first order);
 * the fit when every bound is within tolerance, else null.
 */
export function boundedFit(b: BoundsInput): FitCore | null {
  const { n, hasIntercept, scales, solved, inverse, sums, frobenius2, ddError, cRep, yRep } = b;
  const SAFETY = b.safety;
  const { gram, eGram } = inverse;
  const { rss, tss, repNorm, spread2 } = sums;
  const p = scales.length;
  const z = solved.w;
  const coefficients = z.map((v, j) => v / (scales[j] as number));
  const dfResidual = n - p;
  const dfModel = hasIntercept ? p - 1 : p;
  const s2 = rss / dfResidual;
  const standardErrors = gram.map((g, j) => Math.sqrt(s2 * g) / (scales[j] as number));
  const k0 = hasIntercept ? 1 : 0;
  // R^2, adjusted R^2 and F from RSS and TSS as double-doubles: TSS - RSS
  // (and TSS dfResidual - RSS (n - k0)) are formed before any rounding, so
  // R^2 near 0 (no relation, heavy-tailed noise) keeps its relative digits;
  // 1 - RSS / TSS from rounded values would lose them to cancellation.
  const [explainedHi, explainedLo] = ddDifference(tss, sums.tssLo, rss, sums.rssLo);
  const explained = explainedHi + explainedLo;
  // Quotients of double-doubles, rounded once (nearly correctly rounded).
  const rSquared = ddQuotient(explainedHi, explainedLo, tss, sums.tssLo);
  const adjusted = new DoubleDouble();
  adjusted.addProduct(tss, dfResidual);
  adjusted.add(sums.tssLo * dfResidual);
  adjusted.addProduct(-rss, n - k0);
  adjusted.add(-sums.rssLo * (n - k0));
  const adjustedNumerator = adjusted.hi + adjusted.lo;
  const adjustedRSquared = ddQuotient(
    adjusted.hi,
    adjusted.lo,
    tss * dfResidual,
    productError(tss, dfResidual, tss * dfResidual) + sums.tssLo * dfResidual,
  );
  const fNumerator = explainedHi * dfResidual;
  const fDenominator = rss * dfModel;
  const fStatistic = ddQuotient(
    fNumerator,
    productError(explainedHi, dfResidual, fNumerator) + explainedLo * dfResidual,
    fDenominator,
    productError(rss, dfModel, fDenominator) + sums.rssLo * dfModel,
  );

  const rNorm = Math.sqrt(rss);
  const mNorm = Math.sqrt(sums.fittedSize2);
  const zNorm = Math.hypot(...z);
  // dz_j = w_j^T dA^T r + (A w_j)^T (dy - dA z), ||A w_j|| = sqrt(G_jj).
  const zErrors = z.map((_, j) => {
    const representation =
      Math.sqrt(gram[j] as number) * repNorm + cRep * Math.sqrt(spread2[j] as number) * rNorm;
    return (solved.error[j] as number) + SAFETY * representation;
  });
  const eCoefficients = z.map((v, j) => (zErrors[j] as number) / Math.abs(v) + U);
  const zErrorNorm = Math.hypot(...solved.error);
  // RSS as the double-double sum, against the exact decimal answer.
  const eRssUnrounded =
    (2 * SAFETY * repNorm) / rNorm +
    (2 * frobenius2 * zErrorNorm * (zErrorNorm + 2 * cRep * zNorm)) / rss +
    ddError * (1 + (mNorm * mNorm) / rss) +
    8 * U * U;
  // ... and once rounded to one double (from the double-double sum).
  const eRss = eRssUnrounded + 4 * U;
  // dG_jj = -2 (A w_j)^T dA w_j: |dG_jj| / G_jj <= 2 c || |A||w_j| || / sqrt(G_jj).
  const eGramTotal = eGram.map(
    (e, j) =>
      e + (2 * SAFETY * cRep * Math.sqrt(spread2[j] as number)) / Math.sqrt(gram[j] as number),
  );
  const eSe = eGramTotal.map((e) => eRss / 2 + e / 2 + 4 * U);
  if (b.shift) {
    const intercept = shiftedIntercept(b, zErrors, s2, cRep * SAFETY, sums.spread2[p] as number);
    coefficients[0] = intercept.value;
    eCoefficients[0] = intercept.eValue;
    standardErrors[0] = intercept.se;
    eSe[0] = eRss / 2 + intercept.eVariance / 2 + 4 * U;
  }
  const eTssUnrounded =
    (2 * SAFETY * yRep * Math.sqrt(sums.sumY2)) / Math.sqrt(tss) +
    (ddError * sums.sumY2) / tss +
    8 * U * U;
  const eTss = eTssUnrounded + 2 * U;
  // |computed TSS - RSS - exact|: both sums' errors, the difference's own
  // double-double rounding (a few u^2 of TSS + RSS) and its rounding to one double.
  const explainedError =
    eRssUnrounded * rss + eTssUnrounded * tss + 4 * U * U * (tss + rss) + U * Math.abs(explained);
  // R^2 = (TSS - RSS) / TSS: numerator, denominator, the division.
  const eR2 = explainedError / Math.abs(explained) + eTss + U;
  const adjustedError =
    eRssUnrounded * rss * (n - k0) +
    eTssUnrounded * tss * dfResidual +
    8 * U * U * (tss * dfResidual + rss * (n - k0)) +
    U * Math.abs(adjustedNumerator);
  const eAdj = adjustedError / Math.abs(adjustedNumerator) + eTss + 2 * U;
  // F = (TSS - RSS) dfResidual / (RSS dfModel).
  const eF = explainedError / Math.abs(explained) + eRss + 3 * U;
  const eT = eCoefficients.map((e, j) => e + (eSe[j] as number) + 2 * U);
  const tValues = coefficients.map((c, j) => c / (standardErrors[j] as number));
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
  if (!(worst <= TOLERANCE && worstP <= P_TOLERANCE)) return null;
  return {
    coefficients,
    standardErrors,
    residualStandardDeviation: Math.sqrt(s2),
    rSquared,
    adjustedRSquared,
    fStatistic: dfModel > 0 ? fStatistic : Number.NaN,
  };
}

/** (aHi + aLo) - (bHi + bLo) as a double-double (a TwoSum of the high parts, then the low parts). */
function ddDifference(aHi: number, aLo: number, bHi: number, bLo: number): [number, number] {
  const s = aHi - bHi;
  const bb = s - aHi;
  const err = aHi - (s - bb) + (-bHi - bb);
  const hi = s + (err + aLo - bLo);
  return [hi, err + aLo - bLo - (hi - s)];
}

/** (aHi + aLo) / (bHi + bLo), rounded once: q + (a - q b) / b with q b exact (Dekker). */
function ddQuotient(aHi: number, aLo: number, bHi: number, bLo: number): number {
  const q = aHi / bHi;
  const qb = q * bHi;
  const remainder = aHi - qb - productError(q, bHi, qb) + aLo - q * bLo;
  return q + remainder / bHi;
}

/**
 * The intercept of a shifted design, b0 = u^T z + yShift (exact products, a
 * double-double sum), and its variance factor u^T G u, with their bounds:
 * |d b0| <= sum |u_j| |dz_j| (each dz_j bounded as the coefficients'), and
 * |d (u^T G u)| from the refined columns' errors, the rounding of G u
 * (p u sum |u_j| |G_kj| per entry) and the representation term
 * 2 c || |A| |G u| || / sqrt(u^T G u), as for G_jj.
 */
function shiftedIntercept(
  b: BoundsInput,
  zErrors: number[],
  s2: number,
  representation: number,
  spreadU2: number,
): { value: number; eValue: number; se: number; eVariance: number } {
  const { u, gu, yShift } = b.shift as { u: number[]; gu: number[]; yShift: number };
  const z = b.solved.w;
  const columns = b.inverse.inverseColumns;
  const errors = b.inverse.columnErrors;
  const p = z.length;
  const value = new DoubleDouble();
  let valueError = 0;
  let magnitude = 0;
  const variance = new DoubleDouble();
  let varianceError = 0;
  for (let j = 0; j < p; j++) {
    const uj = u[j] as number;
    value.addProduct(uj, z[j] as number);
    valueError += Math.abs(uj) * (zErrors[j] as number);
    magnitude += Math.abs(uj * (z[j] as number));
    variance.addProduct(uj, gu[j] as number);
    for (let k = 0; k < p; k++) {
      const g = (columns[k] as number[])[j] as number;
      const e = (errors[k] as number[])[j] as number;
      varianceError += Math.abs(uj * (u[k] as number)) * (e + (p + 2) * U * Math.abs(g));
    }
  }
  value.add(yShift);
  const b0 = value.hi + value.lo;
  const g00 = variance.hi + variance.lo;
  const eValue = (valueError + 8 * U * U * magnitude) / Math.abs(b0) + U;
  const eVariance =
    varianceError / g00 + 8 * U * U + (2 * representation * Math.sqrt(spreadU2)) / Math.sqrt(g00);
  return { value: b0, eValue, se: Math.sqrt(s2 * g00), eVariance };
}
