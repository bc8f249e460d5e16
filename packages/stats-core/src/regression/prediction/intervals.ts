import { studentTQuantile } from '../../distributions/studentTQuantile';
import { StatsInputError } from '../../errors';
import { DoubleDouble } from '../internal/doubleDouble';
import { type LeverageProblem, leverages } from './leverage';

/** Options of the prediction functions (`linregressPredict`, `olsPredict`, `polyfitPredict`). */
export interface PredictionOptions {
  /** Coverage of both intervals, strictly between 0 and 1 (default 0.95). */
  confidenceLevel?: number;
  /** Also return the data's fitted values and residuals (default false). */
  fitted?: boolean;
}

/**
 * Predictions at new points, statsmodels' `get_prediction(...).summary_frame(alpha)`
 * column for column (alpha = 1 - confidenceLevel), one entry per new point.
 */
export interface Prediction {
  confidenceLevel: number;
  /** Fitted mean x0^T b. */
  mean: number[];
  /** Standard error of the fitted mean, s sqrt(h), h = x0^T (X^T X)^-1 x0. */
  meanSe: number[];
  /** Confidence interval of the mean: mean -+ t se. */
  meanCiLower: number[];
  meanCiUpper: number[];
  /** Prediction interval of a new observation: mean -+ t s sqrt(1 + h). */
  obsCiLower: number[];
  obsCiUpper: number[];
  /** The data's fitted values X b (when `fitted` was asked). */
  fittedValues?: number[];
  /** The data's residuals y - X b (when `fitted` was asked). */
  residuals?: number[];
}

/** What a fit hands over: its coefficients, s and residual degrees of freedom. */
export interface FitSummary {
  coefficients: number[];
  residualStandardDeviation: number;
  dfResidual: number;
}

/** Checks `confidenceLevel` (default 0.95) and returns it. */
export function checkConfidenceLevel(fn: string, level: unknown): number {
  if (level === undefined) return 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new StatsInputError(
      fn,
      `requires confidenceLevel to be a number strictly between 0 and 1, such as 0.95 (got ${String(level)})`,
    );
  }
  return level;
}

/**
 * The intervals of {@link Prediction} from a fit and the leverages of the
 * new rows: t is Student's t quantile at 1 - alpha / 2 with the fit's
 * residual degrees of freedom, the fitted mean a double-double dot product.
 */
export function predictionIntervals(
  problem: LeverageProblem,
  fit: FitSummary,
  level: number,
  data: { y: ArrayLike<number>; fitted: boolean },
): Prediction {
  const s = fit.residualStandardDeviation;
  const t = studentTQuantile(1 - (1 - level) / 2, fit.dfResidual);
  const h = leverages(problem);
  const mean = problem.rows.map((row) => dot(row, fit.coefficients));
  const meanSe = h.map((v) => s * Math.sqrt(v));
  const obsSe = h.map((v) => s * Math.sqrt(1 + v));
  const out: Prediction = {
    confidenceLevel: level,
    mean,
    meanSe,
    meanCiLower: mean.map((m, i) => m - t * (meanSe[i] as number)),
    meanCiUpper: mean.map((m, i) => m + t * (meanSe[i] as number)),
    obsCiLower: mean.map((m, i) => m - t * (obsSe[i] as number)),
    obsCiUpper: mean.map((m, i) => m + t * (obsSe[i] as number)),
  };
  if (data.fitted) {
    const n = data.y.length;
    const fittedValues = new Array<number>(n);
    const residuals = new Array<number>(n);
    const row = new Array<number>(problem.columns.length);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < row.length; j++)
        row[j] = (problem.columns[j] as Float64Array)[i] as number;
      const acc = new DoubleDouble();
      for (let j = 0; j < row.length; j++) {
        acc.addProduct(row[j] as number, fit.coefficients[j] as number);
      }
      fittedValues[i] = acc.hi + acc.lo;
      // y - X b in double-double, rounded once.
      acc.hi = -acc.hi;
      acc.lo = -acc.lo;
      acc.add(data.y[i] as number);
      residuals[i] = acc.hi + acc.lo;
    }
    out.fittedValues = fittedValues;
    out.residuals = residuals;
  }
  return out;
}

function dot(a: number[], b: number[]): number {
  const acc = new DoubleDouble();
  for (let j = 0; j < a.length; j++) acc.addProduct(a[j] as number, b[j] as number);
  return acc.hi + acc.lo;
}
