import type { HoltWintersSpec } from './holtWintersFilter';

/**
 * The h-step forecast-error variance relative to sigma^2 of the additive-
 * error ETS models with a closed form (Hyndman, Koehler, Ord and Snyder,
 * Forecasting with Exponential Smoothing, Springer 2008, Table 6.1, class 1:
 * ANN, AAN, AAdN, ANA, AAA, AAdA), as statsmodels' ETSResults evaluates
 * them. alpha, beta and gamma here are the error-correction parameters:
 * beta = alpha * (the Holt-Winters beta); gamma is the same in both forms.
 * Returns null for multiplicative seasonality, which has no such formula
 * (statsmodels simulates there).
 */
export function relativeForecastVariance(
  spec: HoltWintersSpec,
  alpha: number,
  betaStar: number,
  gamma: number,
  phi: number,
  h: number,
): number | null {
  if (spec.seasonal === 'mul') return null;
  const beta = betaStar;
  const a2h = alpha * alpha * (h - 1);
  let trendPart = 0;
  if (spec.trend && !spec.damped) {
    trendPart = (h - 1) * (alpha * beta * h + ((beta * beta) / 6) * h * (2 * h - 1));
  } else if (spec.trend) {
    const q = 1 - phi;
    trendPart =
      ((beta * phi * h) / (q * q)) * (2 * alpha * q + beta * phi) -
      ((beta * phi * (1 - phi ** h)) / (q * q * (1 - phi * phi))) *
        (2 * alpha * (1 - phi * phi) + beta * phi * (1 + 2 * phi - phi ** h));
  }
  let seasonPart = 0;
  if (spec.seasonal === 'add') {
    const m = spec.m;
    const k = Math.floor((h - 1) / m);
    if (!spec.trend) seasonPart = gamma * k * (2 * alpha + gamma);
    else if (!spec.damped) seasonPart = gamma * k * (2 * alpha + gamma + beta * m * (k + 1));
    else {
      seasonPart =
        gamma * k * (2 * alpha + gamma) +
        ((2 * beta * gamma * phi) / ((1 - phi) * (1 - phi ** m))) *
          (k * (1 - phi ** m) - phi ** m * (1 - phi ** (m * k)));
    }
  }
  return 1 + a2h + trendPart + seasonPart;
}
