import type { Design } from './design';
import type { FitCore } from './fit';
import { boundedFit } from './olsFloat/bounds';
import { type FloatInputs, plainInputs } from './olsFloat/inputs';
import {
  doubleDoubleError,
  normalEquations,
  Refiner,
  refinedInverseGram,
} from './olsFloat/refinement';
import { residualSums } from './olsFloat/residuals';
import { representationHopeless, scaledQr } from './olsFloat/scaledQr';

export { decimalInputs, type FloatInputs, plainInputs } from './olsFloat/inputs';

/** Coefficients' bound at most this (13 digits) for the early representation check. */
const TOLERANCE = 1e-13;
/**
 * The representation terms are first order; their neglected higher-order
 * terms are below kappa u ~ 1e-7 of them (kappa < 1e8 is required), so 1.25
 * covers them with room to spare.
 */
const SAFETY = 1.25;

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
 * The steps, each in its own file under olsFloat/:
 *
 * 1. `scaledQr`: columns scaled by powers of two (exact), so A = X S^-1
 *    exactly; Householder QR; decline when rank deficient or kappa >= 1e8.
 * 2. `representationHopeless`: an early decline when the inputs' distance
 *    from the decimals alone would break the coefficients' bound.
 * 3. `normalEquations`: M = A^T A and A^T y in double-double.
 * 4. `Refiner` / `refinedInverseGram`: the diagonal of M^-1 (for the
 *    standard errors) and the coefficients, refined. With R^T R = M + E (QR
 *    backward error, worst case 8 n p u), the last step's correction delta
 *    bounds the error: |e_j - delta_j| <= ||M^-1 row j|| ||E|| ||delta||.
 * 5. `residualSums`: residuals, RSS and TSS in double-double.
 * 6. `boundedFit`: the fields and their bounds.
 *
 * The data are decimals. `inputs` says how far the data as given are from
 * them: c_A per design entry and c_y per y, relative. For the float64 data
 * ({@link plainInputs}) that is u per y and (2k + 1) u per x^k entry; with
 * the low parts of `decimalInputs` (A and y as double-doubles, which the
 * Gram matrix, A^T y and the residuals then carry) about u^2. That distance
 * enters through first-order least-squares perturbation theory, doubled for
 * safety:
 * |dz_j| <= sqrt(G_jj) (||m|| + c_A ||A||_F ||r|| / sigma_min), m = c_y |y| + c_A |A||z|;
 * dRSS / RSS <= 2 ||m|| / ||r||; dG_jj / G_jj <= 2 c_A ||A||_F^2 / sigma_min^2.
 * `fit` is null when a bound exceeds its tolerance or the design looks
 * rank deficient; the caller then uses the BigNumber path.
 */
export function olsFloat(d: Design, inputs: FloatInputs = plainInputs(d)): FloatSolve {
  const { n } = d;
  const yShift = d.yShift ?? 0;
  const y = d.shiftedY?.hi ?? d.y;
  const p = d.columns.length;
  const qr = scaledQr({ ...d, y }, inputs);
  if ('declined' in qr) {
    return qr.declined === 'scales'
      ? { fit: null, conditionNumber: Number.NaN, scaledConditionNumber: Infinity }
      : { fit: null, conditionNumber: qr.conditionNumber, scaledConditionNumber: qr.kappa };
  }
  const declined = {
    fit: null,
    conditionNumber: qr.conditionNumber,
    scaledConditionNumber: qr.kappa,
  };
  if (representationHopeless(qr, y, inputs, SAFETY, TOLERANCE)) return declined;

  const equations = normalEquations(qr.X, qr.XLo, qr.inverseScales, y, inputs.yLo);
  const refiner = new Refiner(qr, equations, n);
  const inverse = refinedInverseGram(refiner, p);
  if (inverse === null) return declined;

  let yNorm2 = 0;
  for (let i = 0; i < n; i++) yNorm2 += (y[i] as number) ** 2;
  if (!(yNorm2 > 1e-200 && yNorm2 < 1e200)) return declined;
  const { cHi, cLo } = equations;
  const solved = refiner.refine(cHi, cLo, refiner.solve(cHi), Math.sqrt(yNorm2 * qr.frobenius2));
  if (solved === null) return declined;

  // A shifted design's intercept is u^T z with u_0 = 1 / s_0, u_j = -c_j / s_j
  // (exact: c_j an integer, s_j a power of two); its variance needs G u.
  const shiftU = d.shifts?.map((c, j) => (j === 0 ? 1 : -c) / (qr.scales[j] as number));
  const gu = shiftU ? combineColumns(inverse.inverseColumns, shiftU) : null;
  // The residual pass reads X as given: A_ij w_j = X_ij (w_j / s_j), exactly.
  const unscale = (w: number[]) => w.map((v, j) => v * (qr.inverseScales[j] as number));
  const sums = residualSums(
    qr.X,
    qr.XLo,
    y,
    inputs.yLo,
    unscale(solved.w),
    (gu ? [...inverse.inverseColumns, gu] : inverse.inverseColumns).map(unscale),
    inputs,
    d.hasIntercept,
  );
  if (!(sums.rss > 0) || !(sums.tss > 0)) return declined;
  const fit = boundedFit({
    n,
    hasIntercept: d.hasIntercept,
    scales: qr.scales,
    solved,
    inverse,
    sums,
    frobenius2: qr.frobenius2,
    ddError: doubleDoubleError(n, p),
    cRep: inputs.columnError,
    yRep: inputs.yError,
    safety: SAFETY,
    ...(shiftU && gu ? { shift: { u: shiftU, gu, yShift } } : {}),
  });
  return { fit, conditionNumber: qr.conditionNumber, scaledConditionNumber: qr.kappa };
}

/** sum_j u_j w_j for columns w_j. */
function combineColumns(columns: number[][], u: number[]): number[] {
  const p = columns.length;
  const out = new Array<number>(p).fill(0);
  for (let j = 0; j < p; j++) {
    const w = columns[j] as number[];
    for (let k = 0; k < p; k++) out[k] = (out[k] as number) + (u[j] as number) * (w[k] as number);
  }
  return out;
}
