import { normalQuantile } from '../distributions/normal';
import { StatsInputError } from '../errors';
import {
  checkBoolean,
  checkOptions,
  checkSample,
  describeType,
  type Sample,
} from '../internal/validate';
import { relativeForecastVariance } from './internal/forecastVariance';
import {
  type Component,
  type HoltWintersParams,
  type HoltWintersSpec,
  holtWintersFilter,
  holtWintersForecast,
} from './internal/holtWintersFilter';
import { levenbergMarquardt } from './internal/levenbergMarquardt';
import { multiplicativeIntervals } from './internal/multiplicativeIntervals';

export interface ExponentialSmoothingOptions {
  /** 'add' for an additive trend; null or absent for none. */
  trend?: 'add' | null;
  /** Damp the trend by phi per step (needs a trend); default false. */
  damped?: boolean;
  /** 'add' or 'mul' seasonality; null or absent for none. */
  seasonal?: 'add' | 'mul' | null;
  /** Length m of the seasonal cycle (e.g. 24 hourly readings a day), an integer >= 2. */
  seasonalPeriods?: number;
  /** alpha in [0, 1]; estimated when absent. */
  smoothingLevel?: number;
  /** beta in [0, 1] (Holt-Winters form: b' = beta (l' - l) + (1 - beta) phi b); estimated when absent. */
  smoothingTrend?: number;
  /** gamma in [0, 1]; estimated when absent. */
  smoothingSeasonal?: number;
  /** phi in (0, 1]; estimated in [0.8, 0.995] when absent, as statsmodels. */
  dampingTrend?: number;
  /** Initial level l_0. Give all the initial states the model has, or none (then they are estimated). */
  initialLevel?: number;
  /** Initial trend b_0. */
  initialTrend?: number;
  /** The m initial seasonal values, the first applying to y[0]. */
  initialSeasonal?: readonly number[];
  /** Number of steps to forecast; default 0. */
  horizon?: number;
  /** Level of the prediction intervals, in (0, 1); default 0.95. */
  confidenceLevel?: number;
  /**
   * With multiplicative seasonality, the number of simulated paths behind
   * the intervals beyond m steps (statsmodels' simulate_repetitions), an
   * integer in [100, 1000000]; default 10000, fewer for long horizons
   * (5e6 / (horizon - m), at least 1000).
   */
  simulateRepetitions?: number;
  /** Seed of those simulations, an integer in [0, 2^32); default 0. */
  randomSeed?: number;
}

export interface ExponentialSmoothingResult {
  params: {
    smoothingLevel: number;
    /** NaN without a trend. */
    smoothingTrend: number;
    /** NaN without seasonality. */
    smoothingSeasonal: number;
    /** NaN without a damped trend. */
    dampingTrend: number;
    initialLevel: number;
    /** NaN without a trend. */
    initialTrend: number;
    /** Empty without seasonality. */
    initialSeasonal: number[];
  };
  /** Which of the parameters and initial states were estimated (statsmodels names). */
  estimated: string[];
  /** One-step-ahead fitted values, one per observation. */
  fittedValues: Float64Array;
  /** y - fitted. */
  residuals: Float64Array;
  /** Sum of squared residuals. */
  sse: number;
  /** Forecasts for 1..horizon steps ahead. */
  forecast: Float64Array;
  /**
   * Prediction intervals of the additive-error ETS model whose recursions
   * these are, with sigma^2 = SSE / n. Without multiplicative seasonality,
   * analytical (Hyndman et al. 2008 class 1, as statsmodels' ETSModel):
   * forecast -+ z sqrt(sigma^2 v_h). With it: exact normal intervals for
   * the first m steps, simulated quantiles beyond (as statsmodels
   * simulates; internal/multiplicativeIntervals.ts). null when horizon is 0.
   */
  predictionIntervals: {
    level: number;
    lower: Float64Array;
    upper: Float64Array;
    /** 'exact', or 'simulated' when some horizons (from simulatedFrom on) are simulated. */
    method: 'exact' | 'simulated';
    /** The first horizon (1-based) whose bounds are simulated quantiles; null when none is. */
    simulatedFrom: number | null;
    /** Simulated paths behind those bounds; null when none is simulated. */
    repetitions: number | null;
  } | null;
  /** How the estimation went (absent fields when nothing was estimated). */
  optimizer: { method: string; starts: number; iterations: number; converged: boolean } | null;
}

/**
 * The full runs stop when an accepted step lowers the SSE by less than
 * 1e-10 of it: far below the 1e-6 the estimate is held to against
 * statsmodels, and it halves the iterations of a 1e-13 stop.
 */
const FINAL = { maxIterations: 200, relativeTolerance: 1e-10 };

const BETA_PHI_LOW = 0.8;
const BETA_PHI_HIGH = 0.995;

/**
 * Holt-Winters exponential smoothing, as statsmodels 0.15's
 * `statsmodels.tsa.holtwinters.ExponentialSmoothing` (the recursions are
 * statsmodels' operation for operation; see internal/holtWintersFilter.ts):
 * additive trend (optionally damped), additive or multiplicative
 * seasonality with one seasonal period, fitted values, h-step forecasts
 * (Hyndman et al. 2008; statsmodels 0.15 itself uses a stale seasonal
 * factor at horizons that are multiples of m, its issue 9538) and
 * prediction intervals as statsmodels' ETSModel computes them: analytical,
 * or with multiplicative seasonality exact for m steps and simulated
 * (seeded) beyond, where statsmodels simulates.
 *
 * Parameters and initial states not given are estimated by minimising the
 * SSE, as statsmodels' initialization_method="estimated": smoothing
 * parameters within statsmodels' region (0 <= beta <= alpha, 0 <= gamma <=
 * 1 - alpha, 0.8 <= phi <= 0.995) through a logistic change of variables,
 * initial states unbounded; Levenberg-Marquardt from a grid of starts, the
 * initial states started at statsmodels' simple heuristic (mean of the
 * first cycle, the change between the first two cycles, the first cycle's
 * deviations or ratios). See docs/analytics.md.
 *
 * @param y - the series, evenly spaced (at least 2 seasonal cycles with seasonality, else 3 values)
 * @param options - see ExponentialSmoothingOptions
 * @returns params, fitted values, residuals, SSE, forecasts and intervals
 * @throws StatsInputError for a series too short for its seasonal period,
 *   non-positive values with multiplicative seasonality, an option out of
 *   range, some but not all initial states given, or damping without a trend
 * @example exponentialSmoothing([3, 5, 4, 6, 5, 7], { trend: 'add', horizon: 2 }).forecast
 */
export function exponentialSmoothing(
  y: Sample,
  options?: ExponentialSmoothingOptions,
): ExponentialSmoothingResult {
  const fn = 'exponentialSmoothing';
  const opts = checkOptions(fn, options);
  const data = checkSample(fn, 'y', y);
  const spec = checkSpec(fn, opts, data);
  const { m } = spec;
  const unit = (name: string, v: unknown, lo = 0) => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !(v >= lo && v <= 1)) {
      throw new StatsInputError(fn, `requires ${name} in [${lo}, 1] (got ${describeType(v)})`);
    }
    return v;
  };
  const alphaGiven = unit('smoothingLevel', opts.smoothingLevel);
  const betaGiven = spec.trend ? unit('smoothingTrend', opts.smoothingTrend) : undefined;
  const gammaGiven = spec.seasonal ? unit('smoothingSeasonal', opts.smoothingSeasonal) : undefined;
  let phiGiven: number | undefined;
  if (spec.damped && opts.dampingTrend !== undefined && opts.dampingTrend !== null) {
    const phi = opts.dampingTrend;
    if (typeof phi !== 'number' || !(phi > 0 && phi <= 1)) {
      throw new StatsInputError(fn, `requires dampingTrend in (0, 1] (got ${describeType(phi)})`);
    }
    phiGiven = phi;
  }
  for (const [name, has] of [
    ['smoothingTrend', spec.trend],
    ['smoothingSeasonal', spec.seasonal !== null],
    ['dampingTrend', spec.damped],
    ['initialTrend', spec.trend],
    ['initialSeasonal', spec.seasonal !== null],
  ] as const) {
    if (!has && opts[name] !== undefined && opts[name] !== null) {
      throw new StatsInputError(
        fn,
        `was given ${name} for a model without ${name.includes('Seasonal') ? 'seasonality' : name === 'dampingTrend' ? 'a damped trend' : 'a trend'}: remove it, or add that component`,
      );
    }
  }
  const known = checkInitialStates(fn, opts, spec, data);
  const horizon = opts.horizon ?? 0;
  if (
    typeof horizon !== 'number' ||
    !Number.isInteger(horizon) ||
    horizon < 0 ||
    horizon > 100000
  ) {
    throw new StatsInputError(
      fn,
      `requires horizon to be a whole number of steps in [0, 100000] (got ${describeType(horizon)})`,
    );
  }
  const level = opts.confidenceLevel ?? 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new StatsInputError(
      fn,
      `requires confidenceLevel strictly between 0 and 1 (got ${describeType(level)})`,
    );
  }

  const simulation = checkSimulation(fn, opts);

  const estimated: string[] = [];
  if (alphaGiven === undefined) estimated.push('smoothing_level');
  if (spec.trend && betaGiven === undefined) estimated.push('smoothing_trend');
  if (spec.seasonal && gammaGiven === undefined) estimated.push('smoothing_seasonal');
  if (spec.damped && phiGiven === undefined) estimated.push('damping_trend');
  if (!known) {
    estimated.push('initial_level');
    if (spec.trend) estimated.push('initial_trend');
    if (spec.seasonal) estimated.push('initial_seasons');
  }
  const freeCount = estimated.length + (known ? 0 : spec.seasonal ? m - 1 : 0);
  if (freeCount >= data.length) {
    throw new StatsInputError(
      fn,
      `has ${freeCount} values to estimate but only ${data.length} observations: give a longer series, or fix some parameters`,
    );
  }

  let params: HoltWintersParams;
  let optimizer: ExponentialSmoothingResult['optimizer'] = null;
  const fixed = { alpha: alphaGiven, beta: betaGiven, gamma: gammaGiven, phi: phiGiven };
  if (estimated.length === 0) {
    params = {
      alpha: alphaGiven as number,
      beta: betaGiven ?? 0,
      gamma: gammaGiven ?? 0,
      phi: phiGiven ?? 1,
      ...(known as Pick<HoltWintersParams, 'l0' | 'b0' | 's0'>),
    };
  } else {
    const fit = estimate(fn, data, spec, fixed, known);
    params = fit.params;
    optimizer = fit.optimizer;
  }

  const n = data.length;
  const fittedValues = new Float64Array(n);
  const state = holtWintersFilter(data, spec, params, fittedValues);
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) residuals[i] = (data[i] as number) - (fittedValues[i] as number);
  const forecast = holtWintersForecast(spec, params.phi, state, horizon);
  let predictionIntervals: ExponentialSmoothingResult['predictionIntervals'] = null;
  if (horizon > 0 && spec.seasonal === 'mul') {
    const reps = simulation.repetitions ?? defaultRepetitions(horizon - m);
    const pi = multiplicativeIntervals(spec, state, forecast, {
      alpha: params.alpha,
      betaStar: spec.trend ? params.alpha * params.beta : 0,
      gamma: params.gamma,
      phi: spec.damped ? params.phi : 1,
      sigma2: state.sse / n,
      level,
      repetitions: reps,
      seed: simulation.seed,
    });
    predictionIntervals = {
      level,
      lower: pi.lower,
      upper: pi.upper,
      method: pi.simulatedFrom === null ? 'exact' : 'simulated',
      simulatedFrom: pi.simulatedFrom,
      repetitions: pi.simulatedFrom === null ? null : reps,
    };
  } else if (horizon > 0) {
    const mse = state.sse / n;
    const z = normalQuantile(1 - (1 - level) / 2);
    const lower = new Float64Array(horizon);
    const upper = new Float64Array(horizon);
    for (let h = 1; h <= horizon; h++) {
      const v = relativeForecastVariance(
        spec,
        params.alpha,
        params.alpha * params.beta,
        params.gamma,
        params.phi,
        h,
      ) as number;
      const half = z * Math.sqrt(mse * v);
      lower[h - 1] = (forecast[h - 1] as number) - half;
      upper[h - 1] = (forecast[h - 1] as number) + half;
    }
    predictionIntervals = {
      level,
      lower,
      upper,
      method: 'exact',
      simulatedFrom: null,
      repetitions: null,
    };
  }
  return {
    params: {
      smoothingLevel: params.alpha,
      smoothingTrend: spec.trend ? params.beta : Number.NaN,
      smoothingSeasonal: spec.seasonal ? params.gamma : Number.NaN,
      dampingTrend: spec.damped ? params.phi : Number.NaN,
      initialLevel: params.l0,
      initialTrend: spec.trend ? params.b0 : Number.NaN,
      initialSeasonal: Array.from(params.s0),
    },
    estimated,
    fittedValues,
    residuals,
    sse: state.sse,
    forecast,
    predictionIntervals,
    optimizer,
  };
}

/**
 * Simulated paths by default: 10000, fewer beyond 500 simulated steps, so
 * paths x steps stays near 5e6 (about 0.2 s on an idle core; the normal
 * deviates cost most), but never fewer than statsmodels' default 1000.
 */
function defaultRepetitions(simulatedSteps: number): number {
  if (simulatedSteps <= 0) return 10000;
  return Math.min(10000, Math.max(1000, Math.floor(5e6 / simulatedSteps)));
}

function checkSimulation(
  fn: string,
  opts: Record<string, unknown>,
): { repetitions: number | undefined; seed: number } {
  const reps = opts.simulateRepetitions;
  if (
    reps !== undefined &&
    reps !== null &&
    (typeof reps !== 'number' || !Number.isInteger(reps) || reps < 100 || reps > 1_000_000)
  ) {
    throw new StatsInputError(
      fn,
      `requires simulateRepetitions to be a whole number in [100, 1000000] (got ${describeType(reps)})`,
    );
  }
  const seed = opts.randomSeed ?? 0;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw new StatsInputError(
      fn,
      `requires randomSeed to be a whole number in [0, 2^32) (got ${describeType(seed)})`,
    );
  }
  return { repetitions: (reps ?? undefined) as number | undefined, seed };
}

function checkSpec(fn: string, opts: Record<string, unknown>, y: Float64Array): HoltWintersSpec {
  const trend = opts.trend ?? null;
  if (trend !== null && trend !== 'add') {
    throw new StatsInputError(
      fn,
      `requires trend to be 'add' or null (got ${describeType(trend)}; a multiplicative trend is not supported)`,
    );
  }
  const seasonal = (opts.seasonal ?? null) as Component;
  if (seasonal !== null && seasonal !== 'add' && seasonal !== 'mul') {
    throw new StatsInputError(
      fn,
      `requires seasonal to be 'add', 'mul' or null (got ${describeType(seasonal)})`,
    );
  }
  const damped = checkBoolean(fn, 'damped', opts.damped, false);
  if (damped && trend === null) {
    throw new StatsInputError(fn, "requires a trend ('add') to damp: set trend, or damped: false");
  }
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) {
      throw new StatsInputError(
        fn,
        `requires finite values (y[${i}] is ${y[i]}); fill or drop missing readings first`,
      );
    }
  }
  let m = 0;
  if (seasonal !== null) {
    const sp = opts.seasonalPeriods;
    if (typeof sp !== 'number' || !Number.isInteger(sp) || sp < 2) {
      throw new StatsInputError(
        fn,
        `requires seasonalPeriods, a whole number >= 2, with seasonality (got ${describeType(sp)})`,
      );
    }
    m = sp;
    if (y.length < 2 * m) {
      throw new StatsInputError(
        fn,
        `requires at least two full seasonal cycles (2 x ${m} = ${2 * m} values; got ${y.length}): give a longer series or a shorter seasonalPeriods`,
      );
    }
  } else {
    if (opts.seasonalPeriods !== undefined && opts.seasonalPeriods !== null) {
      throw new StatsInputError(
        fn,
        "was given seasonalPeriods without seasonal: set seasonal to 'add' or 'mul', or remove it",
      );
    }
    if (y.length < 3) {
      throw new StatsInputError(fn, `requires at least 3 values (got ${y.length})`);
    }
  }
  if (seasonal === 'mul') {
    const bad = y.findIndex((v) => !(v > 0));
    if (bad >= 0) {
      throw new StatsInputError(
        fn,
        `requires strictly positive values with multiplicative seasonality (y[${bad}] is ${y[bad]}): use seasonal 'add'`,
      );
    }
  }
  return { trend: trend === 'add', damped, seasonal, m };
}

/** The initial states when all are given, null when none are; an error for some. */
function checkInitialStates(
  fn: string,
  opts: Record<string, unknown>,
  spec: HoltWintersSpec,
  _y: Float64Array,
): Pick<HoltWintersParams, 'l0' | 'b0' | 's0'> | null {
  const needed = [
    'initialLevel',
    ...(spec.trend ? ['initialTrend'] : []),
    ...(spec.seasonal ? ['initialSeasonal'] : []),
  ];
  const given = needed.filter((k) => opts[k] !== undefined && opts[k] !== null);
  if (given.length === 0) return null;
  if (given.length < needed.length) {
    const missing = needed.filter((k) => !given.includes(k));
    throw new StatsInputError(
      fn,
      `needs all of the initial states or none (missing ${missing.join(', ')}; given ${given.join(', ')}): give the rest, or remove them to have all estimated`,
    );
  }
  const num = (k: string) => {
    const v = opts[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new StatsInputError(fn, `requires ${k} to be a finite number (got ${describeType(v)})`);
    }
    return v;
  };
  let s0: number[] = [];
  if (spec.seasonal) {
    const s = opts.initialSeasonal;
    if (
      !Array.isArray(s) ||
      s.length !== spec.m ||
      !s.every((v) => typeof v === 'number' && Number.isFinite(v))
    ) {
      throw new StatsInputError(
        fn,
        `requires initialSeasonal to be ${spec.m} finite numbers, one per season (got ${Array.isArray(s) ? `${s.length} values` : describeType(s)})`,
      );
    }
    s0 = s as number[];
  }
  return { l0: num('initialLevel'), b0: spec.trend ? num('initialTrend') : 0, s0 };
}

const logistic = (u: number) => 1 / (1 + Math.exp(-u));
const logit = (p: number) => Math.log(p / (1 - p));

interface Fixed {
  alpha: number | undefined;
  beta: number | undefined;
  gamma: number | undefined;
  phi: number | undefined;
}

/** statsmodels' simple initial states (tsa.exponential_smoothing.initialization, "simple"). */
function simpleInitialStates(
  y: Float64Array,
  spec: HoltWintersSpec,
): Pick<HoltWintersParams, 'l0' | 'b0' | 's0'> {
  const { m } = spec;
  if (!spec.seasonal) {
    return { l0: y[0] as number, b0: spec.trend ? (y[1] as number) - (y[0] as number) : 0, s0: [] };
  }
  let first = 0;
  let second = 0;
  for (let i = 0; i < m; i++) {
    first += y[i] as number;
    second += y[i + m] as number;
  }
  const l0 = first / m;
  const b0 = spec.trend ? (second / m - l0) / m : 0;
  const s0 = Array.from(y.subarray(0, m), (v) => (spec.seasonal === 'mul' ? v / l0 : v - l0));
  return { l0, b0, s0 };
}

/**
 * Minimises the SSE over the free parameters. The free vector is the
 * logistic-scale smoothing parameters (alpha, beta / alpha, gamma /
 * (1 - alpha), (phi - 0.8) / 0.195, each free one in turn) followed by the
 * initial states when they are estimated.
 */
function estimate(
  fn: string,
  y: Float64Array,
  spec: HoltWintersSpec,
  fixed: Fixed,
  known: Pick<HoltWintersParams, 'l0' | 'b0' | 's0'> | null,
): { params: HoltWintersParams; optimizer: NonNullable<ExponentialSmoothingResult['optimizer']> } {
  const { m } = spec;
  const freeAlpha = fixed.alpha === undefined;
  const freeBeta = spec.trend && fixed.beta === undefined;
  const freeGamma = spec.seasonal !== null && fixed.gamma === undefined;
  const freePhi = spec.damped && fixed.phi === undefined;
  // alpha's range given a fixed beta (beta <= alpha) or gamma (gamma <= 1 - alpha)
  const alphaLo = spec.trend && fixed.beta !== undefined ? fixed.beta : 0;
  const alphaHi = spec.seasonal && fixed.gamma !== undefined ? 1 - fixed.gamma : 1;
  if (freeAlpha && alphaLo > alphaHi) {
    throw new StatsInputError(
      fn,
      `cannot estimate smoothingLevel: the given smoothingTrend (${alphaLo}) and smoothingSeasonal leave no alpha with beta <= alpha <= 1 - gamma`,
    );
  }
  const start = known ?? simpleInitialStates(y, spec);
  const nStates = known ? 0 : 1 + (spec.trend ? 1 : 0) + (spec.seasonal ? m : 0);
  const nSmooth = [freeAlpha, freeBeta, freeGamma, freePhi].filter(Boolean).length;
  const p = nSmooth + nStates;
  const s0 = new Float64Array(m);

  const decode = (theta: Float64Array): HoltWintersParams => {
    let k = 0;
    const alpha = freeAlpha
      ? alphaLo + (alphaHi - alphaLo) * logistic(theta[k++] as number)
      : (fixed.alpha as number);
    const beta = !spec.trend
      ? 0
      : freeBeta
        ? alpha * logistic(theta[k++] as number)
        : (fixed.beta as number);
    const gamma = !spec.seasonal
      ? 0
      : freeGamma
        ? (1 - alpha) * logistic(theta[k++] as number)
        : (fixed.gamma as number);
    const phi = !spec.damped
      ? 1
      : freePhi
        ? BETA_PHI_LOW + (BETA_PHI_HIGH - BETA_PHI_LOW) * logistic(theta[k++] as number)
        : (fixed.phi as number);
    if (known) return { alpha, beta, gamma, phi, ...known };
    const l0 = theta[k++] as number;
    const b0 = spec.trend ? (theta[k++] as number) : 0;
    for (let j = 0; j < m; j++) s0[j] = theta[k++] as number;
    return { alpha, beta, gamma, phi, l0, b0, s0 };
  };
  const fitted = new Float64Array(y.length);
  const residuals = (theta: Float64Array, out: Float64Array) => {
    const { sse } = holtWintersFilter(y, spec, decode(theta), fitted);
    for (let i = 0; i < y.length; i++) out[i] = (fitted[i] as number) - (y[i] as number);
    return sse;
  };
  const encode = (
    alpha: number,
    betaFrac: number,
    gammaFrac: number,
    phiFrac: number,
  ): Float64Array => {
    const theta = new Float64Array(p);
    let k = 0;
    if (freeAlpha) theta[k++] = logit((alpha - alphaLo) / (alphaHi - alphaLo));
    if (freeBeta) theta[k++] = logit(betaFrac);
    if (freeGamma) theta[k++] = logit(gammaFrac);
    if (freePhi) theta[k++] = logit(phiFrac);
    if (!known) {
      theta[k++] = start.l0;
      if (spec.trend) theta[k++] = start.b0;
      for (let j = 0; j < m; j++) theta[k++] = start.s0[j] as number;
    }
    return theta;
  };
  // a grid of starts over the free smoothing parameters (statsmodels also starts from a grid)
  const grid = (free: boolean, values: number[]) => (free ? values : [0.5]);
  const starts: Float64Array[] = [];
  for (const a of grid(freeAlpha, [0.05, 0.2, 0.5, 0.8, 0.95]))
    for (const b of grid(freeBeta, [0.05, 0.5]))
      for (const g of grid(freeGamma, [0.05, 0.5]))
        for (const ph of grid(freePhi, [0.2, 0.9]))
          starts.push(encode(alphaLo + (alphaHi - alphaLo) * a, b, g, ph));
  let iterations = 0;
  // Scouting. With few initial states, a few full LM iterations from every
  // start. With many (a long season), each full iteration costs n p^2, so
  // the starts are scouted on the smoothing parameters alone, the initial
  // states held at the heuristic, and the full problem runs from the best.
  const fullScout = nStates <= 16 || nSmooth === 0;
  const scoutOne = (s: Float64Array) => {
    if (fullScout) return levenbergMarquardt(residuals, s, y.length, { maxIterations: 6 });
    const states = s.subarray(nSmooth);
    const full = new Float64Array(p);
    full.set(states, nSmooth);
    const reduced = (u: Float64Array, out: Float64Array) => {
      full.set(u, 0);
      return residuals(full, out);
    };
    const r = levenbergMarquardt(reduced, s.slice(0, nSmooth), y.length, { maxIterations: 30 });
    full.set(r.theta, 0);
    return { ...r, theta: Float64Array.from(full) };
  };
  const scouted = starts
    .map((s) => {
      const r = scoutOne(s);
      iterations += r.iterations;
      return r;
    })
    .sort((a, b) => a.sse - b.sse);
  let best = scouted[0] as (typeof scouted)[number];
  let converged = false;
  for (const s of scouted.slice(0, 3)) {
    const r = levenbergMarquardt(residuals, s.theta, y.length, FINAL);
    iterations += r.iterations;
    if (r.sse <= best.sse) {
      best = r;
      converged = r.converged;
    }
  }
  // smoothing parameters that ended at a bound on the logistic scale: try them exactly there
  const polished = Float64Array.from(best.theta);
  let moved = false;
  for (let j = 0; j < nSmooth; j++) {
    const u = polished[j] as number;
    if (u < -12) polished[j] = -745;
    else if (u > 12) polished[j] = 37;
    else continue;
    moved = true;
  }
  if (moved) {
    const r = levenbergMarquardt(residuals, polished, y.length, FINAL);
    iterations += r.iterations;
    if (r.sse < best.sse) best = r;
  }
  const params = decode(best.theta);
  return {
    params: { ...params, s0: Array.from(params.s0) },
    optimizer: {
      method:
        'Levenberg-Marquardt (central-difference Jacobian), logistic-scale smoothing parameters',
      starts: starts.length,
      iterations,
      converged,
    },
  };
}
