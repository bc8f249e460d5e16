import * as Plot from '@observablehq/plot';
import {
  band,
  COLORS,
  dataDots,
  extent,
  figure,
  fittedLine,
  hRules,
  qqMarks,
  referenceLine,
} from './marks';
import { type Body, type Labels, numbers, type PlotSpec, rowsOf, short } from './types';

/** The prediction block of a regression response (statsmodels' summary_frame columns). */
interface Prediction {
  confidence_level: number;
  mean: number[];
  mean_ci_lower: number[];
  mean_ci_upper: number[];
  obs_ci_lower: number[];
  obs_ci_upper: number[];
  fittedvalues?: number[];
  resid?: number[];
}

const predictionOf = (response: Body): Prediction | undefined =>
  response.prediction as Prediction | undefined;

/**
 * linregress and polyfit: the data, the fitted line or curve, the confidence
 * band of the mean and the prediction band of a new observation (both at
 * the response's confidence level, over the request's `predict.x` grid),
 * then the residual plots.
 */
export function curvePlots(request: Body, response: Body, labels: Labels): PlotSpec[] {
  const x = numbers(request.x);
  const y = numbers(request.y);
  const p = predictionOf(response);
  const grid = numbers((request.predict as Body | undefined)?.x);
  const level = `${short(100 * (p?.confidence_level ?? 0.95))}%`;
  const band_ = grid.map((gx, i) => ({
    x: gx,
    mean: p?.mean[i],
    lo: p?.mean_ci_lower[i],
    hi: p?.mean_ci_upper[i],
    obsLo: p?.obs_ci_lower[i],
    obsHi: p?.obs_ci_upper[i],
  }));
  const points = x.map((xi, i) => ({ x: xi, y: y[i] }));
  const xLabel = labels.x ?? 'x';
  const yLabel = labels.y ?? 'y';
  const main = figure(
    'plot-main',
    `${yLabel} against ${xLabel}: fit with ${level} bands`,
    `${points.length} data points, the fitted ${request.degree && Number(request.degree) > 1 ? `degree ${request.degree} polynomial` : 'line'}, the ${level} confidence band of the mean (dark) and prediction band of a new observation (light).`,
    { x: { label: xLabel }, y: { label: yLabel } },
    [
      band(band_, 'x', 'obsLo', 'obsHi', 'prediction-band', COLORS.bandLight),
      band(band_, 'x', 'lo', 'hi', 'confidence-band', COLORS.bandDark),
      fittedLine(band_, 'x', 'mean', 'fitted-line'),
      dataDots(points, 'x', 'y', { fill: COLORS.accent }),
    ],
  );
  return [main, ...residualPlots(p, yLabel)];
}

/**
 * ols: observed against fitted values with each observation's prediction
 * interval (the request predicts at its own rows), the y = x line, then the
 * residual plots.
 */
export function olsPlots(request: Body, response: Body, labels: Labels): PlotSpec[] {
  const y = numbers(request.y);
  const p = predictionOf(response);
  const level = `${short(100 * (p?.confidence_level ?? 0.95))}%`;
  const yLabel = labels.y ?? 'y';
  const rows = y.map((yi, i) => ({
    fitted: p?.mean[i] ?? p?.fittedvalues?.[i],
    observed: yi,
    lo: p?.obs_ci_lower[i],
    hi: p?.obs_ci_upper[i],
  }));
  const all = rows
    .flatMap((r) => [r.fitted, r.observed])
    .filter((v): v is number => Number.isFinite(v));
  const [lo, hi] = extent(all);
  const main = figure(
    'plot-main',
    `Observed ${yLabel} against fitted, with ${level} prediction intervals`,
    `${rows.length} observations (${rowsOf(request.X)[0]?.length ?? 0} regressors); points on the diagonal are fitted exactly.`,
    { x: { label: `fitted ${yLabel}` }, y: { label: `observed ${yLabel}` } },
    [
      referenceLine([
        { x: lo, y: lo },
        { x: hi, y: hi },
      ]),
      Plot.ruleX(rows, {
        x: 'fitted',
        y1: 'lo',
        y2: 'hi',
        stroke: COLORS.bandLight,
        strokeWidth: 3,
        className: 'prediction-intervals',
      }),
      dataDots(rows, 'fitted', 'observed', { fill: COLORS.accent }),
    ],
  );
  return [main, ...residualPlots(p, yLabel)];
}

/** Residuals against fitted values, a normal Q-Q plot of the residuals and their histogram. */
export function residualPlots(p: Prediction | undefined, yLabel: string): PlotSpec[] {
  const fitted = p?.fittedvalues ?? [];
  const resid = p?.resid ?? [];
  if (resid.length === 0) return [];
  const rows = resid.map((r, i) => ({ fitted: fitted[i], resid: r }));
  return [
    figure(
      'plot-residuals',
      'Residuals against fitted values',
      'A pattern here (a curve, a funnel) means the model misses structure or the variance is not constant.',
      { x: { label: `fitted ${yLabel}` }, y: { label: `residual (${yLabel})` } },
      [hRules([0], 'zero'), dataDots(rows, 'fitted', 'resid', { r: 3, tip: false })],
    ),
    figure(
      'plot-qq',
      'Normal Q-Q plot of the residuals',
      'Residuals sorted against standard normal quantiles (Blom positions); close to the line if the errors are normal.',
      { x: { label: 'standard normal quantile' }, y: { label: `ordered residual (${yLabel})` } },
      qqMarks(resid, 3),
    ),
    figure(
      'plot-histogram',
      'Histogram of the residuals',
      'How the residuals are distributed; roughly symmetric around zero for a good fit.',
      { x: { label: `residual (${yLabel})` }, y: { label: 'count' } },
      [
        Plot.rectY(resid, {
          ...Plot.binX({ y: 'count' }, { x: (d: number) => d }),
          fill: COLORS.points,
          inset: 1,
          className: 'residual-bins',
        }),
        Plot.ruleY([0]),
      ],
    ),
  ];
}
