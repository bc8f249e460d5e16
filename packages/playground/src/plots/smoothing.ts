/**
 * exponential_smoothing (Holt-Winters): the series, the one-step-ahead
 * fitted values, and the forecast with its prediction band.
 */
import { band, COLORS, dataDots, figure, fittedLine, hRules } from './marks';
import { type Body, type Labels, numbers, type PlotSpec, short } from './types';

export function smoothingPlots(request: Body, response: Body, labels: Labels): PlotSpec[] {
  const y = numbers(request.y);
  const yLabel = labels.y ?? 'y';
  const n = y.length;
  const series = y.map((v, t) => ({ t, y: v }));
  const fitted = numbers(response.fitted_values).map((v, t) => ({ t, v }));
  const forecast = numbers(response.forecast).map((v, k) => ({ t: n + k, v }));
  const pi = (response.prediction_intervals ?? {}) as {
    level?: number;
    lower?: unknown;
    upper?: unknown;
  };
  const lower = numbers(pi.lower);
  const upper = numbers(pi.upper);
  const bandRows = forecast.map((f, k) => ({ t: f.t, lo: lower[k], hi: upper[k] }));
  const level = `${short(100 * (pi.level ?? 0.95))}%`;
  const params = (response.params ?? {}) as Record<string, unknown>;
  const model = [
    request.trend ? `${request.damped_trend ? 'damped ' : ''}trend` : 'no trend',
    request.seasonal
      ? `${request.seasonal === 'mul' ? 'multiplicative' : 'additive'} season of ${request.seasonal_periods}`
      : 'no season',
  ].join(', ');
  const residuals = numbers(response.residuals).map((r, t) => ({ t, r }));
  const main = figure(
    'plot-main',
    `${yLabel}: Holt-Winters fit and ${forecast.length}-step forecast`,
    `${n} observations (dots), the one-step-ahead fitted values (line; ${model}, alpha ${short(params.smoothing_level)}), and the forecast (dashed) with its ${level} prediction band; SSE ${short(response.sse)}.`,
    { x: { label: 'step (t, oldest first)' }, y: { label: yLabel } },
    [
      band(bandRows, 't', 'lo', 'hi', 'prediction-band', COLORS.bandLight),
      fittedLine(fitted, 't', 'v', 'fitted-line'),
      fittedLine(forecast, 't', 'v', 'forecast-line', { dashed: true, stroke: COLORS.accent }),
      dataDots(series, 't', 'y'),
    ],
  );
  const resid = figure(
    'plot-residuals',
    'One-step-ahead residuals',
    'Observed minus fitted, by step; a pattern means the model misses structure.',
    { x: { label: 'step (t)' }, y: { label: `residual (${yLabel})` } },
    [hRules([0], 'zero'), dataDots(residuals, 't', 'r', { r: 3, tip: false })],
  );
  return residuals.length > 0 ? [main, resid] : [main];
}
