/**
 * The Holt-Winters recursions in statsmodels' ExponentialSmoothing form
 * (statsmodels 0.15 `_predict`), operation for operation, for one set of
 * parameters and initial states. With the state (l, b, s) before
 * observation t, base = l + phi b (phi = 1 undamped; no b without trend):
 *
 *   fitted_t = base + s_t            (additive season)   base * s_t  (multiplicative)   base  (none)
 *   l' = alpha (y_t - s_t) + (1 - alpha) base     or alpha y_t / s_t + (1 - alpha) base
 *   b' = beta (l' - l) + (1 - beta) phi b
 *   s_{t+m} = gamma (y_t - base) + (1 - gamma) s_t   or gamma y_t / base + (1 - gamma) s_t
 *
 * (Hyndman and Athanasopoulos, Forecasting: Principles and Practice, 3rd
 * ed., section 8.3, with the seasonal update taken from l_{t-1} + phi b_{t-1}
 * as statsmodels does, which is the ETS error-correction form.)
 */
export type Component = 'add' | 'mul' | null;

export interface HoltWintersSpec {
  trend: boolean;
  damped: boolean;
  seasonal: Component;
  /** Seasonal period m (0 without seasonality). */
  m: number;
}

export interface HoltWintersParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  l0: number;
  b0: number;
  /** m initial seasonal values, s0[0] applying to y[0]. */
  s0: ArrayLike<number>;
}

export interface FilterOutput {
  sse: number;
  /** Level, trend and the last m seasonal values after the last observation. */
  level: number;
  trend: number;
  season: Float64Array;
}

/**
 * Runs the recursions over y. Writes one-step fitted values into `fitted`
 * when given (length n) and returns the SSE and the final states.
 */
export function holtWintersFilter(
  y: Float64Array,
  spec: HoltWintersSpec,
  p: HoltWintersParams,
  fitted?: Float64Array,
): FilterOutput {
  const n = y.length;
  const { trend, seasonal, m } = spec;
  const phi = spec.damped ? p.phi : 1;
  const alpha = p.alpha;
  const alphac = 1 - alpha;
  const beta = trend ? p.beta : 0;
  const betac = 1 - beta;
  const gamma = seasonal ? p.gamma : 0;
  const gammac = 1 - gamma;
  const s = new Float64Array(n + m);
  for (let j = 0; j < m; j++) s[j] = p.s0[j] as number;
  let l = p.l0;
  let b = trend ? p.b0 : 0;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i] as number;
    const damped = trend ? b * phi : 0;
    const base = l + damped;
    const si = s[i] as number;
    let f: number;
    let lNew: number;
    if (seasonal === 'add') {
      f = base + si;
      lNew = alpha * yi - alpha * si + alphac * base;
      s[i + m] = gamma * yi - gamma * base + gammac * si;
    } else if (seasonal === 'mul') {
      f = base * si;
      lNew = (alpha * yi) / si + alphac * base;
      s[i + m] = (gamma * yi) / base + gammac * si;
    } else {
      f = base;
      lNew = alpha * yi + alphac * base;
    }
    if (trend) b = beta * (lNew - l) + betac * damped;
    l = lNew;
    if (fitted) fitted[i] = f;
    const e = f - yi;
    sse += e * e;
  }
  return { sse, level: l, trend: b, season: s.slice(n, n + m) };
}

/**
 * h-step forecasts from the final states (Hyndman et al. 2008):
 * (l_n + (phi + ... + phi^k) b_n) combined with s_{n + k - m(floor((k - 1) / m) + 1)}.
 */
export function holtWintersForecast(
  spec: HoltWintersSpec,
  phiValue: number,
  state: FilterOutput,
  h: number,
): Float64Array {
  const out = new Float64Array(h);
  const phi = spec.damped ? phiValue : 1;
  let phiSum = 0;
  let power = 1;
  for (let k = 1; k <= h; k++) {
    power *= phi;
    phiSum += power;
    const base = state.level + (spec.trend ? phiSum * state.trend : 0);
    const s = spec.seasonal ? (state.season[(k - 1) % spec.m] as number) : 0;
    out[k - 1] = spec.seasonal === 'add' ? base + s : spec.seasonal === 'mul' ? base * s : base;
  }
  return out;
}
