"""Golden values for exponential smoothing (Holt-Winters) in stats-core.

Run from packages/stats-core: python3 golden/holtwinters.py
Writes tests/fixtures/golden/holtwinters.json. Reference: statsmodels 0.15
(asserted below); it needs `pip install statsmodels` (tests never do).

Two kinds of case:

- "given": every smoothing parameter and every initial state given
  (statsmodels' initialization_method="known", optimized=False). Expected:
  the fitted values of statsmodels.tsa.holtwinters.ExponentialSmoothing, the
  h-step forecasts and the analytical prediction intervals of
  statsmodels.tsa.exponential_smoothing.ets.ETSModel (additive error) with
  the same parameters (`get_prediction(...).summary_frame(alpha)`; intervals
  only for the models statsmodels has exact formulas for: no seasonality or
  additive seasonality; with multiplicative seasonality statsmodels
  simulates, and "mulIntervals" holds what a test can hold us to there:
  see mul_intervals below).
  The forecasts are Hyndman et al.'s (2008) formula evaluated here on
  ExponentialSmoothing's own final states (`level`, `trend`, `season`):
  ExponentialSmoothing 0.15 itself uses a stale seasonal factor at
  horizons that are a multiple of the period (statsmodels issue 9538,
  fixed after 0.15 by pull request 10230). For the additive models the
  script asserts that ETSModel, a separate implementation, gives the same
  fitted values and forecasts. statsmodels 0.15's own forecasts are
  recorded too ("hwForecast"), so the test shows the two differ only at
  those horizons. (With multiplicative seasonality ETSModel's additive-error
  recursion differs from ExponentialSmoothing's from the second period on,
  so it is used for nothing there.)
- "estimated": parameters and initial states estimated
  (initialization_method="estimated", fit() with statsmodels' defaults:
  brute-force start, L-BFGS-B). Expected: statsmodels' SSE; the library's
  SSE must be no worse (relative 1e-6).

ETSModel's smoothing_trend is the error-correction beta* = alpha * beta of
the Holt-Winters form used by ExponentialSmoothing (and by the library).
"""

import math
import warnings

import numpy as np
import pandas as pd
import statsmodels
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.holtwinters import ExponentialSmoothing
from common import enc, write_fixture

assert statsmodels.__version__.startswith("0.15"), statsmodels.__version__
warnings.simplefilter("ignore")
rng = np.random.default_rng(20261206)


def rounded(x, digits=3):
    return [float(v) for v in np.round(x, digits)]


def meter(days=14, per_day=24, base=40.0):
    """Hourly consumption: a daily cycle, a weekday/weekend difference, noise."""
    t = np.arange(days * per_day)
    hour = t % per_day
    daily = 12 * np.exp(-((hour - 19) ** 2) / 8) + 6 * np.exp(-((hour - 8) ** 2) / 4)
    weekend = np.where((t // per_day) % 7 >= 5, 4.0, 0.0)
    return rounded(base + daily + weekend + rng.normal(0, 1.5, t.size))


def trending(years=6):
    """Monthly series with a growing trend and a multiplicative season (airline-like)."""
    t = np.arange(12 * years)
    season = 1 + 0.25 * np.sin(2 * np.pi * t / 12) + 0.1 * np.cos(4 * np.pi * t / 12)
    return rounded((100 + 2.5 * t) * season * (1 + rng.normal(0, 0.03, t.size)), 2)


def flattening(n=60):
    """Growth that slows down: suits a damped trend."""
    t = np.arange(n)
    return rounded(50 + 30 * (1 - 0.93 ** t) + rng.normal(0, 0.8, n))


def level(n=40):
    return rounded(20 + np.cumsum(rng.normal(0, 0.5, n)) + rng.normal(0, 1, n))


series = {"meter": (meter(), 24), "trending": (trending(), 12), "flattening": (flattening(), None),
          "level": (level(), None)}

# (series, trend, damped, seasonal)
models = [
    ("meter", "add", False, "add"),
    ("meter", "add", True, "add"),
    ("meter", None, False, "add"),
    ("meter", None, False, "mul"),
    ("meter", "add", True, "mul"),
    ("trending", "add", False, "mul"),
    ("trending", "add", True, "mul"),
    ("trending", "add", False, "add"),
    ("flattening", "add", True, None),
    ("flattening", "add", False, None),
    ("level", None, False, None),
]


def initial_states(y, m, trend, seasonal):
    """Plausible known initial states (a simple classical start, not an estimate to match)."""
    if m:
        first = np.asarray(y[:m])
        l0 = float(first.mean())
        b0 = float((np.mean(y[m:2 * m]) - l0) / m) if trend else None
        s0 = (first - l0) if seasonal == "add" else first / l0
        return l0, b0, [float(v) for v in s0]
    return float(y[0]), (float(y[1] - y[0]) if trend else None), None


def given_case(name, trend, damped, seasonal, alpha, beta, gamma, phi):
    y, m = series[name]
    m = m if seasonal else None
    l0, b0, s0 = initial_states(y, m, trend, seasonal)
    init = {"initial_level": l0}
    if trend:
        init["initial_trend"] = b0
    if seasonal:
        init["initial_seasonal"] = s0
    hw = ExponentialSmoothing(np.asarray(y), trend=trend, damped_trend=damped, seasonal=seasonal,
                              seasonal_periods=m, initialization_method="known", **init)
    fit_kw = {"smoothing_level": alpha, "optimized": False}
    if trend:
        fit_kw["smoothing_trend"] = beta
    if seasonal:
        fit_kw["smoothing_seasonal"] = gamma
    if damped:
        fit_kw["damping_trend"] = phi
    res = hw.fit(**fit_kw)
    h = 2 * m if m else 12
    ets = ETSModel(pd.Series(y), error="add", trend=trend, damped_trend=damped, seasonal=seasonal,
                   seasonal_periods=m, initialization_method="known", **init)
    fixed = {"smoothing_level": alpha}
    if trend:
        fixed["smoothing_trend"] = alpha * beta
    if seasonal:
        fixed["smoothing_seasonal"] = gamma
    if damped:
        fixed["damping_trend"] = phi
    with ets.fix_params(fixed):
        er = ets.fit(disp=False)
    # The h-step forecasts of Hyndman et al. (2008), from statsmodels' own final states:
    # (l_n + (phi + ... + phi^k) b_n) (+ or *) s_{n + k - m(floor((k - 1) / m) + 1)}
    ph = phi if damped else 1.0
    ln = res.level[-1]
    bn = res.trend[-1] if trend else 0.0
    last = np.asarray(res.season[-m:]) if seasonal else None
    forecast = []
    for k in range(1, h + 1):
        f = ln + sum(ph ** j for j in range(1, k + 1)) * bn
        if seasonal == "add":
            f += last[(k - 1) % m]
        elif seasonal == "mul":
            f *= last[(k - 1) % m]
        forecast.append(f)
    if seasonal != "mul":
        # ETSModel (an independent implementation) agrees: fitted values and forecasts
        assert np.max(np.abs(np.asarray(er.fittedvalues) - res.fittedvalues)) < 1e-9 * np.max(np.abs(y))
        assert np.max(np.abs(np.asarray(er.forecast(h)) - forecast)) < 1e-9 * np.max(np.abs(y))
    case = {
        "series": name, "options": {
            "trend": trend, "damped": damped, "seasonal": seasonal, "seasonalPeriods": m,
            "smoothingLevel": alpha, "smoothingTrend": beta if trend else None,
            "smoothingSeasonal": gamma if seasonal else None, "dampingTrend": phi if damped else None,
            "initialLevel": l0, "initialTrend": b0, "initialSeasonal": s0, "horizon": h,
        },
        "fitted": enc(res.fittedvalues), "sse": enc(res.sse),
        "forecast": enc(forecast), "hwForecast": enc(res.forecast(h)),
        "intervals": None,
    }
    if seasonal != "mul":
        case["intervals"] = {}
        pred = er.get_prediction(start=len(y), end=len(y) + h - 1)
        for level_ in [0.95, 0.8]:
            frame = pred.summary_frame(alpha=1 - level_)
            case["intervals"][str(level_)] = {"lower": enc(np.asarray(frame["pi_lower"])),
                                              "upper": enc(np.asarray(frame["pi_upper"]))}
    for k, v in list(case["options"].items()):
        if v is None:
            del case["options"][k]
    return case


given = []
for name, trend, damped, seasonal in models:
    for alpha, beta, gamma, phi in [(0.3, 0.1, 0.2, 0.9), (0.8, 0.05, 0.1, 0.97), (0.05, 0.5, 0.6, 0.85)]:
        given.append(given_case(name, trend, damped, seasonal, alpha, beta, gamma, phi))

estimated = []
for name, trend, damped, seasonal in models:
    y, m = series[name]
    m = m if seasonal else None
    res = ExponentialSmoothing(np.asarray(y), trend=trend, damped_trend=damped, seasonal=seasonal,
                               seasonal_periods=m, initialization_method="estimated").fit()
    p = res.params
    options = {"trend": trend, "damped": damped, "seasonal": seasonal, "seasonalPeriods": m}
    estimated.append({"series": name, "options": {k: v for k, v in options.items() if v is not None},
                      "sse": enc(res.sse),
                      "statsmodelsParams": {k: enc(p[k]) for k in ["smoothing_level", "smoothing_trend",
                                                                   "smoothing_seasonal", "damping_trend"]}})

# Intervals with multiplicative seasonality: statsmodels' ETSModel simulates the
# additive-error model ETS(A,*,M) (get_prediction's method "simulated"), whose
# simulation recursions are ExponentialSmoothing's. The simulation starts from
# ExponentialSmoothing's final states: an ETSModel with those as its known
# initial states, fixed parameters, simulate(anchor="start"). (ETSModel's own
# smoother updates the seasonal state from the new level, not from the error,
# so its final states are not used.) Recorded per case:
# - "linearSd": for k <= m, y_k is linear in the errors; its standard deviation
#   sigma sqrt(sum_j c_kj^2), the c_kj read off ETSModel.simulate driven by unit
#   errors (exact: the library's closed form is checked against it to 1e-10);
# - "quantiles": numpy quantiles (statsmodels' pred_int) of SIM_REPS simulated
#   paths at each level's two tail probabilities, for every horizon, and
#   "spread": q(p + 0.005) - q(p - 0.005) at each, from which the test gets the
#   density for its Monte-Carlo tolerance.
SIM_REPS = 100_000
SIM_BATCH = 10_000
sim_rng = np.random.default_rng(61206)


def mul_intervals(case):
    o = case["options"]
    name, m = case["series"], o["seasonalPeriods"]
    y = np.asarray(series[name][0])
    trend, damped = o.get("trend"), o.get("damped", False)
    init = {"initial_level": o["initialLevel"], "initial_seasonal": o["initialSeasonal"]}
    if trend:
        init["initial_trend"] = o["initialTrend"]
    fit_kw = {"smoothing_level": o["smoothingLevel"], "smoothing_seasonal": o["smoothingSeasonal"],
              "optimized": False}
    if trend:
        fit_kw["smoothing_trend"] = o["smoothingTrend"]
    if damped:
        fit_kw["damping_trend"] = o["dampingTrend"]
    res = ExponentialSmoothing(y, trend=trend, damped_trend=damped, seasonal="mul", seasonal_periods=m,
                               initialization_method="known", **init).fit(**fit_kw)
    sigma2 = res.sse / len(y)
    final = {"initial_level": res.level[-1], "initial_seasonal": list(res.season[-m:])}
    if trend:
        final["initial_trend"] = res.trend[-1]
    ets = ETSModel(pd.Series(y), error="add", trend=trend, damped_trend=damped, seasonal="mul",
                   seasonal_periods=m, initialization_method="known", **final)
    fixed = {"smoothing_level": o["smoothingLevel"], "smoothing_seasonal": o["smoothingSeasonal"]}
    if trend:
        fixed["smoothing_trend"] = o["smoothingLevel"] * o["smoothingTrend"]
    if damped:
        fixed["damping_trend"] = o["dampingTrend"]
    with ets.fix_params(fixed):
        er = ets.fit(disp=False)
    h = o["horizon"]
    f = np.asarray(er.simulate(h, anchor="start", random_errors=np.zeros((h, 1)))).ravel()
    assert np.max(np.abs(f - np.asarray(case["forecast"]))) < 1e-9 * np.max(np.abs(y)), name
    unit = np.asarray(er.simulate(m, anchor="start", repetitions=m, random_errors=np.eye(m)))
    coef = unit - f[:m, None]  # coef[k, j]: d y_k / d e_j, exact for k < m
    linear_sd = [math.sqrt(sigma2 * float(np.sum(coef[k, : k + 1] ** 2))) for k in range(m)]
    sims = []
    for _ in range(SIM_REPS // SIM_BATCH):
        eps = sim_rng.standard_normal((h, SIM_BATCH)) * math.sqrt(sigma2)
        sims.append(np.asarray(er.simulate(h, anchor="start", repetitions=SIM_BATCH, random_errors=eps)))
    sims = np.concatenate(sims, axis=1)
    quantiles = {}
    for level_ in [0.95, 0.8]:
        ps = [(1 - level_) / 2, 1 - (1 - level_) / 2]
        quantiles[str(level_)] = {
            "p": ps,
            "lower": enc(np.quantile(sims, ps[0], axis=1)),
            "upper": enc(np.quantile(sims, ps[1], axis=1)),
            "spread": [enc(np.quantile(sims, p + 0.005, axis=1) - np.quantile(sims, p - 0.005, axis=1))
                       for p in ps],
        }
    return {"sigma2": enc(sigma2), "linearSd": enc(linear_sd), "repetitions": SIM_REPS,
            "quantiles": quantiles}


for c in given:
    if c["options"].get("seasonal") == "mul":
        c["mulIntervals"] = mul_intervals(c)

out = {"statsmodels": statsmodels.__version__, "numpy": np.__version__,
       "series": {k: v[0] for k, v in series.items()}, "given": given, "estimated": estimated}
path = write_fixture("holtwinters.json", out)
print(f"wrote {path}: {len(given)} given, {len(estimated)} estimated")
