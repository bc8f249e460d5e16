import * as Plot from '@observablehq/plot';
import { normalQq } from './quantiles';
import {
  BASE,
  type Body,
  DATA_POINTS,
  type Labels,
  MAIN,
  numbers,
  type PlotSpec,
  rowsOf,
  short,
} from './types';

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
  const band = grid.map((gx, i) => ({
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
  const main: PlotSpec = {
    id: 'plot-main',
    title: `${yLabel} against ${xLabel}: fit with ${level} bands`,
    description: `${points.length} data points, the fitted ${request.degree && Number(request.degree) > 1 ? `degree ${request.degree} polynomial` : 'line'}, the ${level} confidence band of the mean (dark) and prediction band of a new observation (light).`,
    options: {
      ...MAIN,
      x: { label: xLabel },
      y: { label: yLabel },
      marks: [
        Plot.areaY(band, {
          x: 'x',
          y1: 'obsLo',
          y2: 'obsHi',
          fill: '#9ecae1',
          fillOpacity: 0.35,
          className: 'prediction-band',
        }),
        Plot.areaY(band, {
          x: 'x',
          y1: 'lo',
          y2: 'hi',
          fill: '#3182bd',
          fillOpacity: 0.35,
          className: 'confidence-band',
        }),
        Plot.line(band, {
          x: 'x',
          y: 'mean',
          stroke: '#08519c',
          strokeWidth: 2,
          className: 'fitted-line',
        }),
        Plot.dot(points, {
          x: 'x',
          y: 'y',
          r: 3.5,
          fill: '#d94801',
          stroke: 'white',
          className: DATA_POINTS,
          tip: true,
        }),
      ],
    },
  };
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
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const main: PlotSpec = {
    id: 'plot-main',
    title: `Observed ${yLabel} against fitted, with ${level} prediction intervals`,
    description: `${rows.length} observations (${rowsOf(request.X)[0]?.length ?? 0} regressors); points on the diagonal are fitted exactly.`,
    options: {
      ...MAIN,
      x: { label: `fitted ${yLabel}` },
      y: { label: `observed ${yLabel}` },
      marks: [
        Plot.line([{ v: lo }, { v: hi }], {
          x: 'v',
          y: 'v',
          stroke: '#888',
          strokeDasharray: '4 3',
        }),
        Plot.ruleX(rows, {
          x: 'fitted',
          y1: 'lo',
          y2: 'hi',
          stroke: '#9ecae1',
          strokeWidth: 3,
          className: 'prediction-intervals',
        }),
        Plot.dot(rows, {
          x: 'fitted',
          y: 'observed',
          r: 3.5,
          fill: '#d94801',
          stroke: 'white',
          className: DATA_POINTS,
          tip: true,
        }),
      ],
    },
  };
  return [main, ...residualPlots(p, yLabel)];
}

/** Residuals against fitted values, a normal Q-Q plot of the residuals and their histogram. */
export function residualPlots(p: Prediction | undefined, yLabel: string): PlotSpec[] {
  const fitted = p?.fittedvalues ?? [];
  const resid = p?.resid ?? [];
  if (resid.length === 0) return [];
  const rows = resid.map((r, i) => ({ fitted: fitted[i], resid: r }));
  const qq = normalQq(resid);
  const zs = qq.points.map((q) => q.theoretical);
  const z0 = Math.min(...zs);
  const z1 = Math.max(...zs);
  return [
    {
      id: 'plot-residuals',
      title: 'Residuals against fitted values',
      description:
        'A pattern here (a curve, a funnel) means the model misses structure or the variance is not constant.',
      options: {
        ...BASE,
        x: { label: `fitted ${yLabel}` },
        y: { label: `residual (${yLabel})` },
        marks: [
          Plot.ruleY([0], { stroke: '#888' }),
          Plot.dot(rows, {
            x: 'fitted',
            y: 'resid',
            r: 3,
            fill: '#3182bd',
            className: DATA_POINTS,
          }),
        ],
      },
    },
    {
      id: 'plot-qq',
      title: 'Normal Q-Q plot of the residuals',
      description:
        'Residuals sorted against standard normal quantiles (Blom positions); close to the line if the errors are normal.',
      options: {
        ...BASE,
        x: { label: 'standard normal quantile' },
        y: { label: `ordered residual (${yLabel})` },
        marks: [
          Plot.line(
            [z0, z1].map((z) => ({ z, v: qq.line.intercept + qq.line.slope * z })),
            { x: 'z', y: 'v', stroke: '#888', strokeDasharray: '4 3' },
          ),
          Plot.dot(qq.points, {
            x: 'theoretical',
            y: 'sample',
            r: 3,
            fill: '#3182bd',
            className: DATA_POINTS,
          }),
        ],
      },
    },
    {
      id: 'plot-histogram',
      title: 'Histogram of the residuals',
      description:
        'How the residuals are distributed; roughly symmetric around zero for a good fit.',
      options: {
        ...BASE,
        x: { label: `residual (${yLabel})` },
        y: { label: 'count' },
        marks: [
          Plot.rectY(resid, {
            ...Plot.binX({ y: 'count' }, { x: (d: number) => d }),
            fill: '#3182bd',
            inset: 1,
            className: 'residual-bins',
          }),
          Plot.ruleY([0]),
        ],
      },
    },
  ];
}
