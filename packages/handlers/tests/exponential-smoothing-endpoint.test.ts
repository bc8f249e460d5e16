/**
 * The exponential_smoothing endpoint beyond the registry checks
 * (tests/endpoints.test.ts runs its statsmodels example): statsmodels'
 * option names reach the core, an estimated fit answers with what was
 * estimated, and each kind of bad series is a 4xx that says what to change.
 */
import { describe, expect, it } from 'vitest';
import { endpointNamed, postTo } from './support/post';

const endpoint = endpointNamed('exponential_smoothing');

const post = (request: unknown) => postTo(endpoint, request);

/** Two weeks of hourly readings with a daily cycle (deterministic). */
const hourly = Array.from({ length: 24 * 14 }, (_, t) =>
  Number((40 + 10 * Math.sin((2 * Math.PI * t) / 24) + 2 * Math.sin(t * 1.7)).toFixed(3)),
);

describe('exponential_smoothing', () => {
  it('estimates what is not given and forecasts a day ahead with intervals', async () => {
    const { status, body } = await post({
      y: hourly,
      trend: 'add',
      damped_trend: true,
      seasonal: 'add',
      seasonal_periods: 24,
      smoothing_seasonal: 0.1,
      horizon: 24,
    });
    expect(status).toBe(200);
    expect(body.estimated).toEqual([
      'smoothing_level',
      'smoothing_trend',
      'damping_trend',
      'initial_level',
      'initial_trend',
      'initial_seasons',
    ]);
    expect(body.params.smoothing_seasonal).toBe(0.1);
    expect(body.forecast).toHaveLength(24);
    expect(body.prediction_intervals.level).toBe(0.95);
    for (let k = 0; k < 24; k++) {
      expect(body.prediction_intervals.lower[k]).toBeLessThan(body.forecast[k]);
      expect(body.prediction_intervals.upper[k]).toBeGreaterThan(body.forecast[k]);
    }
    expect(body.optimizer.converged).toBe(true);
  });

  const invalid = async (request: unknown, status: number, says: RegExp) => {
    const { status: got, body } = await post(request);
    expect(got, JSON.stringify(body)).toBe(status);
    expect(body.error.message).toMatch(says);
  };
  it('answers multiplicative seasonality with exact intervals for the first m steps', async () => {
    const { status, body } = await post({
      y: hourly,
      seasonal: 'mul',
      seasonal_periods: 24,
      horizon: 3,
    });
    expect(status).toBe(200);
    expect(body.prediction_intervals).toMatchObject({
      level: 0.95,
      method: 'exact',
      simulated_from: null,
      repetitions: null,
    });
    expect(body.prediction_intervals.lower).toHaveLength(3);
    expect(body.params.smoothing_trend).toBeNull();
  });

  it('simulates beyond m steps, reproducibly, with the paths and seed asked for', async () => {
    const request = {
      y: hourly,
      seasonal: 'mul',
      seasonal_periods: 24,
      smoothing_level: 0.3,
      smoothing_seasonal: 0.2,
      initial_level: 40,
      initial_seasonal: hourly.slice(0, 24).map((v) => v / 40),
      horizon: 30,
    };
    const first = await post(request);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const pi = first.body.prediction_intervals;
    expect(pi).toMatchObject({ method: 'simulated', simulated_from: 25, repetitions: 10000 });
    for (let k = 0; k < 30; k++) {
      expect(pi.lower[k]).toBeLessThan(first.body.forecast[k]);
      expect(pi.upper[k]).toBeGreaterThan(first.body.forecast[k]);
    }
    expect((await post(request)).body).toEqual(first.body);
    const other = await post({ ...request, simulate_repetitions: 2000, random_seed: 9 });
    expect(other.body.prediction_intervals.repetitions).toBe(2000);
    expect(other.body.prediction_intervals.upper.slice(0, 24)).toEqual(pi.upper.slice(0, 24));
    expect(other.body.prediction_intervals.upper[29]).not.toBe(pi.upper[29]);
  });

  it('refuses more simulation than one request may do (400), and bad simulation options', async () => {
    const base = { y: hourly, seasonal: 'mul', seasonal_periods: 24 };
    await invalid(
      { ...base, horizon: 10000, simulate_repetitions: 1_000_000 },
      400,
      /simulate_repetitions 1000000 over 9976 simulated steps .* send at most 1002 repetitions/,
    );
    await invalid({ ...base, horizon: 30, simulate_repetitions: 10 }, 400, /simulate_repetitions/);
    await invalid({ ...base, horizon: 30, random_seed: -1 }, 400, /random_seed/);
  });

  it('refuses a multiplicative trend, which it does not offer (400 naming the choices)', async () => {
    await invalid({ y: hourly, trend: 'mul', horizon: 3 }, 400, /trend.*"add"/);
  });

  it('explains a series too short for its seasonal period (422)', async () => {
    await invalid(
      { y: hourly.slice(0, 40), seasonal: 'add', seasonal_periods: 24 },
      422,
      /two full seasonal cycles \(2 x 24 = 48 values; got 40\)/,
    );
  });
  it('explains non-positive values with multiplicative seasonality (422)', async () => {
    await invalid(
      { y: [1, 0, 2, 3, 2, 1], seasonal: 'mul', seasonal_periods: 2 },
      422,
      /strictly positive values with multiplicative seasonality/,
    );
  });
  it('explains partial initial states (422) and out-of-range options (400)', async () => {
    await invalid(
      { y: hourly, trend: 'add', initial_level: 40 },
      422,
      /missing initial_trend; given initial_level/,
    );
    await invalid({ y: hourly, damped_trend: true }, 422, /or damped_trend: false/);
    await invalid(
      { y: hourly, seasonal: 'add', seasonal_periods: 200 },
      400,
      /seasonal_periods must be at most 96/,
    );
    await invalid({ y: hourly, smoothing_level: 2 }, 400, /smoothing_level must be at most 1/);
    await invalid({ y: hourly, seasonal: 'both' }, 400, /seasonal must be one of/);
  });
  it('refuses up front a seasonal fit too costly to estimate in one request (400)', async () => {
    const long = Array.from({ length: 2000 }, (_, t) => 40 + Math.sin(t / 7));
    await invalid(
      { y: long, seasonal: 'add', seasonal_periods: 96 },
      400,
      /y has 2000 values: estimating 96 initial seasonal states .* send at most 384 values, or give initial_level/,
    );
  });
});
