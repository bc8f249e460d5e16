import {
  exponentialSmoothing,
  SMOOTHING_SEASONALS,
  SMOOTHING_TRENDS,
  StatsInputError,
} from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import {
  documented,
  finiteNumber,
  finiteNumbers,
  finiteOrNull,
  finiteOrNullAll,
  flag,
  pathItem,
  resultNumber,
  sample,
  wholeNumber,
} from '../schema';

/**
 * Caps that keep an estimated fit well inside the function's 10 s timeout.
 * When the m initial seasonal values are estimated, each optimiser step
 * costs about n (m + 6)^2; the budget admits four weeks of half-hourly
 * readings with a daily cycle (n = 1344, m = 48: 3.9e6, about 1.2 s on the
 * project's loaded 2-core machine; docs/analytics.md). With the initial
 * states given only the smoothing parameters are searched, which is cheap.
 */
const MAX_VALUES = 5000;
const MAX_PERIODS = 96;
const MAX_SEASONAL_COST = 4_000_000;
/** Simulated path-steps of one request's intervals (about 0.5 s on an idle core, several on a loaded one). */
const MAX_SIMULATED_STEPS = 10_000_000;

const unitInterval = (description: string) =>
  documented(v.optional(v.pipe(finiteNumber, v.minValue(0), v.maxValue(1))), description);

const fields = v.strictObject({
  y: v.pipe(
    sample('y', 3, `The series, evenly spaced, oldest first (at most ${MAX_VALUES} values).`),
    v.maxLength(MAX_VALUES),
  ),
  trend: documented(
    v.optional(v.nullable(v.picklist(SMOOTHING_TRENDS)), null),
    "'add' for an additive trend; null (default) for none.",
  ),
  damped_trend: flag(false, 'Damp the trend by phi per step (needs a trend).'),
  seasonal: documented(
    v.optional(v.nullable(v.picklist(SMOOTHING_SEASONALS)), null),
    "'add' or 'mul' seasonality; null (default) for none.",
  ),
  seasonal_periods: documented(
    v.optional(v.pipe(wholeNumber(), v.minValue(2), v.maxValue(MAX_PERIODS))),
    `Length m of the seasonal cycle, e.g. 24 for hourly readings with a daily cycle (2 to ${MAX_PERIODS}); required with seasonal.`,
  ),
  smoothing_level: unitInterval('alpha in [0, 1]; estimated when absent.'),
  smoothing_trend: unitInterval(
    'beta in [0, 1], Holt-Winters form b = beta (l - l_prev) + (1 - beta) phi b_prev; estimated when absent.',
  ),
  smoothing_seasonal: unitInterval('gamma in [0, 1]; estimated when absent.'),
  damping_trend: documented(
    v.optional(v.pipe(finiteNumber, v.gtValue(0), v.maxValue(1))),
    'phi in (0, 1]; estimated in [0.8, 0.995] when absent, as statsmodels.',
  ),
  initial_level: documented(
    v.optional(finiteNumber),
    'Initial level. Give all the initial states the model has, or none (then they are estimated).',
  ),
  initial_trend: documented(v.optional(finiteNumber), 'Initial trend (with a trend).'),
  initial_seasonal: documented(
    v.optional(finiteNumbers()),
    'The m initial seasonal values, the first applying to y[0] (with seasonality).',
  ),
  horizon: documented(
    v.optional(v.pipe(wholeNumber(), v.minValue(0), v.maxValue(10000)), 0),
    'Number of steps to forecast (0 to 10000).',
  ),
  confidence_level: documented(
    v.optional(v.pipe(finiteNumber, v.gtValue(0), v.ltValue(1)), 0.95),
    'Level of the prediction intervals.',
  ),
  simulate_repetitions: documented(
    v.optional(v.pipe(wholeNumber(), v.minValue(100), v.maxValue(1_000_000))),
    `With multiplicative seasonality, the simulated paths behind the intervals beyond seasonal_periods steps (statsmodels' simulate_repetitions; 100 to 1000000). Default 10000, fewer for horizons beyond 500 simulated steps (5e6 / (horizon - seasonal_periods), at least 1000); simulate_repetitions x (horizon - seasonal_periods) may be at most ${MAX_SIMULATED_STEPS}.`,
  ),
  random_seed: documented(
    v.optional(v.pipe(wholeNumber(), v.minValue(0), v.maxValue(2 ** 32 - 1))),
    'Seed of those simulations (0 to 2^32 - 1; default 0): the same request gives the same intervals.',
  ),
});

/** Estimating a long season's initial states over a long series is refused up front (a 400), not timed out. */
const request = v.pipe(
  fields,
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const { y, seasonal, seasonal_periods: m, initial_level } = dataset.value;
    const { simulate_repetitions: reps, horizon } = dataset.value;
    if (seasonal === 'mul' && m !== undefined && reps !== undefined) {
      const steps = reps * Math.max(0, horizon - m);
      if (steps > MAX_SIMULATED_STEPS) {
        addIssue({
          input: reps,
          message: `simulate_repetitions ${reps} over ${horizon - m} simulated steps (horizon - seasonal_periods) is ${steps} path-steps, more than ${MAX_SIMULATED_STEPS} for one request: send at most ${Math.floor(MAX_SIMULATED_STEPS / (horizon - m))} repetitions, or leave it out for the default`,
          path: [pathItem(dataset.value, 'simulate_repetitions')],
        });
      }
    }
    if (seasonal === null || m === undefined || initial_level !== undefined) return;
    const cost = y.length * (m + 6) ** 2;
    if (cost > MAX_SEASONAL_COST) {
      const most = Math.floor(MAX_SEASONAL_COST / (m + 6) ** 2);
      addIssue({
        input: y,
        message: `y has ${y.length} values: estimating ${m} initial seasonal states over that many is too costly for one request (n (m + 6)^2 = ${cost}, limit ${MAX_SEASONAL_COST}); send at most ${most} values, or give initial_level, initial_trend and initial_seasonal`,
        path: [pathItem(dataset.value, 'y')],
      });
    }
  }),
);

const response = () =>
  v.object({
    params: documented(
      v.object({
        smoothing_level: resultNumber,
        smoothing_trend: resultNumber,
        smoothing_seasonal: resultNumber,
        damping_trend: resultNumber,
        initial_level: resultNumber,
        initial_trend: resultNumber,
        initial_seasonal: v.array(resultNumber),
      }),
      "The model's parameters and initial states, given or estimated (null where the model has no such component).",
    ),
    estimated: documented(
      v.array(v.string()),
      'Which of them were estimated, in statsmodels names (initial_seasons for the seasonal states).',
    ),
    fitted_values: documented(
      v.array(resultNumber),
      'One-step-ahead fitted values, one per observation.',
    ),
    residuals: documented(v.array(resultNumber), 'y - fitted_values.'),
    sse: documented(resultNumber, 'Sum of squared residuals.'),
    forecast: documented(v.array(resultNumber), 'Forecasts 1..horizon steps ahead.'),
    prediction_intervals: documented(
      v.nullable(
        v.object({
          level: finiteNumber,
          lower: v.array(resultNumber),
          upper: v.array(resultNumber),
          method: documented(
            v.picklist(['exact', 'simulated']),
            "'exact' when every bound is exact; 'simulated' when those from simulated_from on are simulated quantiles.",
          ),
          simulated_from: documented(
            v.nullable(wholeNumber()),
            'The first horizon (1-based) whose bounds are simulated; null when none is.',
          ),
          repetitions: documented(
            v.nullable(wholeNumber()),
            'Simulated paths behind those bounds; null when none is simulated.',
          ),
        }),
      ),
      "Intervals of the additive-error ETS model these recursions are, sigma^2 = sse / n. Without multiplicative seasonality: analytical (Hyndman et al. 2008, class 1), as statsmodels' ETSModel. With it (ETS(A,N,M), ETS(A,A,M), ETS(A,Ad,M), which statsmodels simulates): exact normal intervals for the first seasonal_periods steps (the forecast is linear in the errors there), and beyond them quantiles of simulated paths (seeded, so reproducible). null when horizon is 0.",
    ),
    optimizer: documented(
      v.nullable(
        v.object({
          method: v.string(),
          starts: wholeNumber(),
          iterations: wholeNumber(),
          converged: v.boolean(),
        }),
      ),
      'How the estimation went; null when everything was given.',
    ),
  });

function fitModel(r: v.InferOutput<typeof request>) {
  return exponentialSmoothing(r.y, {
    trend: r.trend,
    damped: r.damped_trend,
    seasonal: r.seasonal,
    seasonalPeriods: r.seasonal_periods,
    smoothingLevel: r.smoothing_level,
    smoothingTrend: r.smoothing_trend,
    smoothingSeasonal: r.smoothing_seasonal,
    dampingTrend: r.damping_trend,
    initialLevel: r.initial_level,
    initialTrend: r.initial_trend,
    initialSeasonal: r.initial_seasonal,
    horizon: r.horizon,
    confidenceLevel: r.confidence_level,
    simulateRepetitions: r.simulate_repetitions,
    randomSeed: r.random_seed,
  });
}

/** The core's option names, as this endpoint spells them (statsmodels' names). */
const REQUEST_NAMES: Record<string, string> = {
  smoothingLevel: 'smoothing_level',
  smoothingTrend: 'smoothing_trend',
  smoothingSeasonal: 'smoothing_seasonal',
  dampingTrend: 'damping_trend',
  initialLevel: 'initial_level',
  initialTrend: 'initial_trend',
  initialSeasonal: 'initial_seasonal',
  seasonalPeriods: 'seasonal_periods',
  confidenceLevel: 'confidence_level',
  simulateRepetitions: 'simulate_repetitions',
  randomSeed: 'random_seed',
  'damped:': 'damped_trend:',
};
const CORE_NAMES = new RegExp(Object.keys(REQUEST_NAMES).join('|'), 'g');

/** The core's StatsInputError with the request's field names in its message (still a 422). */
function inRequestNames(e: unknown): unknown {
  if (!(e instanceof StatsInputError)) return e;
  const problem = e.message
    .slice(e.fn.length + 1)
    .replace(CORE_NAMES, (k) => REQUEST_NAMES[k] ?? k);
  return new StatsInputError(e.fn, problem, { cause: e });
}

/** statsmodels' ExponentialSmoothing (Holt-Winters), with ETSModel's intervals (exact, or simulated with multiplicative seasonality). */
export const exponential_smoothing = defineEndpoint({
  name: 'exponential_smoothing',
  summary:
    'Holt-Winters exponential smoothing: fit, forecasts and prediction intervals (statsmodels ExponentialSmoothing).',
  request,
  response,
  handle(r) {
    let fit: ReturnType<typeof exponentialSmoothing>;
    try {
      fit = fitModel(r);
    } catch (e) {
      throw inRequestNames(e);
    }
    const p = fit.params;
    const pi = fit.predictionIntervals;
    return {
      params: {
        smoothing_level: finiteOrNull(p.smoothingLevel),
        smoothing_trend: finiteOrNull(p.smoothingTrend),
        smoothing_seasonal: finiteOrNull(p.smoothingSeasonal),
        damping_trend: finiteOrNull(p.dampingTrend),
        initial_level: finiteOrNull(p.initialLevel),
        initial_trend: finiteOrNull(p.initialTrend),
        initial_seasonal: finiteOrNullAll(p.initialSeasonal),
      },
      estimated: fit.estimated,
      fitted_values: finiteOrNullAll(fit.fittedValues),
      residuals: finiteOrNullAll(fit.residuals),
      sse: finiteOrNull(fit.sse),
      forecast: finiteOrNullAll(fit.forecast),
      prediction_intervals: pi
        ? {
            level: pi.level,
            lower: finiteOrNullAll(pi.lower),
            upper: finiteOrNullAll(pi.upper),
            method: pi.method,
            simulated_from: pi.simulatedFrom,
            repetitions: pi.repetitions,
          }
        : null,
      optimizer: fit.optimizer,
    };
  },
  // golden/examples.py: statsmodels 0.15 ExponentialSmoothing (known initial states), ETSModel intervals
  example: {
    request: {
      y: [30.1, 21.4, 25.3, 40.2, 32.0, 23.1, 27.5, 43.0, 33.9, 24.8, 29.0, 45.1],
      trend: 'add',
      seasonal: 'add',
      seasonal_periods: 4,
      smoothing_level: 0.3,
      smoothing_trend: 0.1,
      smoothing_seasonal: 0.2,
      initial_level: 29.25,
      initial_trend: 0.5,
      initial_seasonal: [1, -8, -4, 11],
      horizon: 4,
    },
    response: {
      params: {
        smoothing_level: 0.3,
        smoothing_trend: 0.1,
        smoothing_seasonal: 0.2,
        damping_trend: null,
        initial_level: 29.25,
        initial_trend: 0.5,
        initial_seasonal: [1, -8, -4, 11],
      },
      estimated: [],
      fitted_values: [
        30.75, 22.0355, 26.306284999999992, 41.435645949999994, 31.329129236499995,
        22.947593659954997, 27.338033946574846, 42.7644859388115, 33.517243287912805,
        24.973559906255332, 29.286322569274482, 44.59774922518629,
      ],
      residuals: [
        -0.6499999999999986, -0.6355000000000004, -1.0062849999999912, -1.2356459499999914,
        0.6708707635000053, 0.15240634004500464, 0.1619660534251537, 0.23551406118850338,
        0.3827567120871933, -0.17355990625533124, -0.28632256927448196, 0.5022507748137102,
      ],
      sse: 4.431648010445048,
      forecast: [35.47272986889603, 26.704227198922418, 31.05298314738051, 46.62308876613672],
      prediction_intervals: {
        level: 0.95,
        lower: [34.281652158727084, 25.44997090484962, 29.727457599044104, 45.21852581102355],
        upper: [36.66380757906498, 27.958483492995214, 32.37850869571692, 48.027651721249875],
        method: 'exact',
        simulated_from: null,
        repetitions: null,
      },
      optimizer: null,
    },
  },
});
