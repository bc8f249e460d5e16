/**
 * Prediction intervals with multiplicative seasonality: the additive-error
 * ETS models ETS(A,N,M), ETS(A,A,M) and ETS(A,Ad,M), whose error-correction
 * recursions are exactly the Holt-Winters ones this library fits
 * (statsmodels' ETSModel.simulate, with base L = l + phi b and S = s_{t-m}):
 *
 *   y = L S + e,  l' = L + alpha e / S,  b' = phi b + beta* e / S,  s' = S + gamma e / L
 *
 * with e ~ N(0, sigma^2), sigma^2 = SSE / n, beta* = alpha beta (Hyndman,
 * Koehler, Ord and Snyder, Forecasting with Exponential Smoothing, 2008,
 * ch. 6; these are not among their classes 1-3 with closed forms, and
 * statsmodels simulates them).
 *
 * - Horizons k <= m: every S used is a known final seasonal state, so y_k
 *   is linear in the errors and exactly normal:
 *   var_k = sigma^2 (1 + sum_{j<k} c_{k,j}^2),
 *   c_{k,j} = S_k (alpha + beta* (phi + ... + phi^{k-j})) / S_j.
 *   The interval is forecast -+ z sqrt(var_k), exact.
 * - Horizons k > m: the seasonal states then carry e / L, and y_k is not
 *   normal; its quantiles come from simulating the model, as statsmodels
 *   does (`get_prediction(...).summary_frame`: numpy's linear quantiles of
 *   the simulated values), with a seeded generator so the same request
 *   gives the same answer.
 */
import { normalQuantile } from '../../distributions/normal';
import { quantilesBySelection } from '../../robust/internal/percentile';
import type { FilterOutput, HoltWintersSpec } from './holtWintersFilter';

export interface MultiplicativeIntervalOptions {
  alpha: number;
  /** Error-correction trend parameter, alpha times the Holt-Winters beta (0 without trend). */
  betaStar: number;
  gamma: number;
  /** 1 when the trend is not damped. */
  phi: number;
  sigma2: number;
  level: number;
  repetitions: number;
  seed: number;
}

export interface MultiplicativeIntervals {
  lower: Float64Array;
  upper: Float64Array;
  /** The first horizon (1-based) whose bounds are simulated; null when all are exact. */
  simulatedFrom: number | null;
}

export function multiplicativeIntervals(
  spec: HoltWintersSpec,
  state: FilterOutput,
  forecast: Float64Array,
  o: MultiplicativeIntervalOptions,
): MultiplicativeIntervals {
  const h = forecast.length;
  const m = spec.m;
  const lower = new Float64Array(h);
  const upper = new Float64Array(h);
  const z = normalQuantile(1 - (1 - o.level) / 2);
  const season = state.season;
  const exact = Math.min(h, m);
  // c_{k,j} = S_k (alpha + beta* (phi + ... + phi^{k-j})) / S_j for j < k <= m
  for (let k = 1; k <= exact; k++) {
    const sk = season[k - 1] as number;
    let sum = 1;
    let phiSum = 0;
    let power = 1;
    for (let j = k - 1; j >= 1; j--) {
      power *= o.phi;
      phiSum += power;
      const c = (sk * (o.alpha + o.betaStar * phiSum)) / (season[j - 1] as number);
      sum += c * c;
    }
    const half = z * Math.sqrt(o.sigma2 * sum);
    lower[k - 1] = (forecast[k - 1] as number) - half;
    upper[k - 1] = (forecast[k - 1] as number) + half;
  }
  if (h <= m) return { lower, upper, simulatedFrom: null };
  simulate(spec, state, o, m, h, lower, upper);
  return { lower, upper, simulatedFrom: m + 1 };
}

/**
 * All paths step in lockstep (state arrays of R levels, trends and R x m
 * seasonal values), so memory is R (m + 3) doubles whatever the horizon;
 * the two quantiles of each step are found by selection.
 */
function simulate(
  spec: HoltWintersSpec,
  state: FilterOutput,
  o: MultiplicativeIntervalOptions,
  m: number,
  h: number,
  lower: Float64Array,
  upper: Float64Array,
): void {
  const r = o.repetitions;
  const level = new Float64Array(r).fill(state.level);
  const trend = new Float64Array(r).fill(spec.trend ? state.trend : 0);
  const season = new Float64Array(r * m);
  for (let i = 0; i < r; i++) season.set(state.season, i * m);
  const y = new Float64Array(r);
  const sigma = Math.sqrt(o.sigma2);
  const normal = normalGenerator(o.seed);
  const { alpha, betaStar, gamma, phi } = o;
  const ps = [(1 - o.level) / 2, 1 - (1 - o.level) / 2];
  for (let k = 1; k <= h; k++) {
    const slot = (k - 1) % m;
    for (let i = 0; i < r; i++) {
      const b = phi * (trend[i] as number);
      const base = (level[i] as number) + b;
      const at = i * m + slot;
      const s = season[at] as number;
      const e = sigma * normal();
      y[i] = base * s + e;
      level[i] = base + (alpha * e) / s;
      trend[i] = b + (betaStar * e) / s;
      season[at] = s + (gamma * e) / base;
    }
    if (k > m) {
      const [lo, hi] = quantilesBySelection(y, ps, 'linear');
      lower[k - 1] = lo as number;
      upper[k - 1] = hi as number;
    }
  }
}

/**
 * Standard normal deviates from xoshiro128** (Blackman and Vigna 2018),
 * seeded through splitmix32, by Marsaglia's polar method (uniforms of 53
 * bits). Written here rather than taken from a package: it is 30 lines, and
 * a dependency would be one more file in the Lambda layer.
 */
export function normalGenerator(seed: number): () => number {
  let sm = seed >>> 0;
  const splitmix = () => {
    sm = (sm + 0x9e3779b9) >>> 0;
    let t = sm;
    t = Math.imul(t ^ (t >>> 16), 0x21f0aaad);
    t = Math.imul(t ^ (t >>> 15), 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  // a double in (-1, 1) with 53 random bits
  const uniform = () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 2 ** 52 - 1;
  let spare = Number.NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const v = spare;
      spare = Number.NaN;
      return v;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = uniform();
      v = uniform();
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * f;
    return u * f;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
