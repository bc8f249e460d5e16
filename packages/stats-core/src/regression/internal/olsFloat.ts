import { studentTSf } from '../../distributions/studentT';
import type { Design } from './design';
import type { FitCore } from './fit';
import { backSubstitute, householderQr, inverseGramDiagonal } from './householder';
import { conditionNumber, singularValues } from './singularValues';

const U = 2 ** -53;
/**
 * Accept the float64 answer only when every field's error bound (relative,
 * against the exact answer for the decimal inputs) is below this: the 13
 * significant digits promised (the bounds are worst cases; observed errors
 * are typically 10-100 times smaller).
 */
const TOLERANCE = 1e-13;
/** p-values: 1e-10, as linregress promises (the tails themselves give about 12 digits). */
const P_TOLERANCE = 1e-10;

/** What the float64 solver found: the fit when accurate enough, and the condition numbers. */
export interface FloatSolve {
  fit: FitCore | null;
  /** 2-norm condition number of the design as given. */
  conditionNumber: number;
  /** ... after scaling every column to unit length (what limits accuracy). */
  scaledConditionNumber: number;
}

/**
 * Least squares by Householder QR on the column-scaled design, residuals
 * recomputed from the data, and a first-order error bound on every field
 * (LS perturbation theory: u c (kappa + kappa^2 ||r|| / ||Xb||) for the
 * coefficients, representation errors of the inputs included). `fit` is
 * null when a bound exceeds 1e-14 or the design looks rank deficient; the
 * caller then uses the BigNumber path.
 */
export function olsFloat(d: Design): FloatSolve {
  const { n, y } = d;
  const p = d.columns.length;
  const scales = d.columns.map((c) => Math.sqrt(c.reduce((s, v) => s + v * v, 0)));
  if (scales.some((s) => !(s > 0) || !Number.isFinite(s))) {
    return { fit: null, conditionNumber: Number.NaN, scaledConditionNumber: Infinity };
  }
  const scaled = d.columns.map((c, j) => c.map((v) => v / (scales[j] as number)));
  const { r, qty } = householderQr(scaled, y);
  const sigma = singularValues(r);
  const sigmaMin = Math.min(...sigma);
  const kappa = Math.max(...sigma) / sigmaMin;
  const unscaledR = r.map((row) => row.map((v, k) => v * (scales[k] as number)));
  const cond = conditionNumber(unscaledR);
  const minDiagonal = Math.min(...r.map((row, j) => Math.abs(row[j] as number)));
  if (!(minDiagonal > 1e-10) || !(kappa < 1e12)) {
    return { fit: null, conditionNumber: cond, scaledConditionNumber: kappa };
  }
  const z = backSubstitute(r, qty);
  const coefficients = z.map((v, j) => v / (scales[j] as number));
  const scaledGramDiagonal = inverseGramDiagonal(r); // squared row norms of R^-1
  const gramDiagonal = scaledGramDiagonal.map((v, j) => v / (scales[j] as number) ** 2);

  let rss = 0;
  let fittedSquares = 0;
  let magnitude = 0; // || |y| + |X| |b| ||, the size of what the residuals cancel from
  let sumY = 0;
  let sumSquaresY = 0;
  for (let i = 0; i < n; i++) {
    let fitted = 0;
    let size = 0;
    for (let j = 0; j < p; j++) {
      const term = ((d.columns[j] as Float64Array)[i] as number) * (coefficients[j] as number);
      fitted += term;
      size += Math.abs(term);
    }
    const yi = y[i] as number;
    const e = yi - fitted;
    rss += e * e;
    fittedSquares += fitted * fitted;
    magnitude += (Math.abs(yi) + size) ** 2;
    sumY += yi;
    sumSquaresY += yi * yi;
  }
  const meanY = sumY / n;
  let tss = 0;
  if (d.hasIntercept) for (let i = 0; i < n; i++) tss += ((y[i] as number) - meanY) ** 2;
  else tss = sumSquaresY;

  const dfResidual = n - p;
  const dfModel = d.hasIntercept ? p - 1 : p;
  const s2 = rss / dfResidual;
  const standardErrors = gramDiagonal.map((g) => Math.sqrt(s2 * g));
  const rSquared = 1 - rss / tss;
  const k0 = d.hasIntercept ? 1 : 0;
  const adjustedRSquared = 1 - ((1 - rSquared) * (n - k0)) / dfResidual;
  const fStatistic = (tss - rss) / dfModel / s2;

  // Error bounds (relative), first order.
  // QR backward error (probabilistic, about sqrt(n p) u) plus the inputs'
  // representation (u, or k u for a float64 power x^k).
  const c = (Math.sqrt(n * p) + d.representationUlps + 1) * U;
  const norms = {
    residual: Math.sqrt(rss),
    fitted: Math.sqrt(fittedSquares),
    magnitude: Math.sqrt(magnitude),
  };
  // Componentwise LS perturbation, scaled problem (||A|| ~ sqrt(p)):
  // |dz_j| <= ||R^-1 row j|| (||dy|| + ||dA|| ||z|| + ||dA|| ||r|| / sigma_min).
  const zNorm = Math.hypot(...z);
  const rootP = Math.sqrt(p);
  const yNorm = Math.sqrt(sumSquaresY);
  const eCoefficients = z.map(
    (v, j) =>
      (c *
        Math.sqrt(scaledGramDiagonal[j] as number) *
        (yNorm + rootP * zNorm + (rootP * norms.residual) / sigmaMin)) /
      Math.abs(v),
  );
  const eRss =
    (2 * (p + 2 + d.representationUlps) * U * norms.magnitude) / norms.residual +
    4 * Math.sqrt(n) * U;
  const eGram = c * kappa * kappa;
  const eSe = eRss / 2 + eGram;
  const centredSize = d.hasIntercept ? Math.sqrt(sumSquaresY) : 0;
  const eTss = c + (2 * c * centredSize) / Math.sqrt(tss);
  const eR2 = ((eRss + eTss) * (rss / tss)) / Math.abs(rSquared);
  const eAdj =
    ((eRss + eTss) * (1 - rSquared) * (n - k0)) / dfResidual / Math.abs(adjustedRSquared);
  const eF = eRss + eTss * (tss / Math.abs(tss - rss)) + eRss * (rss / Math.abs(tss - rss));
  const eT = eCoefficients.map((e) => e + eSe);
  const tValues = coefficients.map((b, j) => b / (standardErrors[j] as number));
  // d log p / d log t is at most about min(df, t^2 + 1); F likewise with df.
  const eP = eT.map((e, j) => {
    const t = Math.abs(tValues[j] as number);
    if (studentTSf(t * (1 - 8 * e), dfResidual) === 0) return 0; // p underflows to 0 either way
    return e * (2 + Math.min(dfResidual, t * t + 1));
  });
  const eFp = eF * (2 + Math.min(dfResidual + dfModel, fStatistic * dfModel + 1));
  const fields = [...eCoefficients, eRss, eSe, eR2, eAdj, dfModel > 0 ? eF : 0];
  const worst = Math.max(...fields.map((e) => (Number.isNaN(e) ? Infinity : e)));
  const worstP = Math.max(...eP, dfModel > 0 ? eFp : 0);
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
