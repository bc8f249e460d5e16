"""Golden values for the robust statistics in stats-core.

Run from packages/stats-core: python3 golden/robust.py
Writes tests/fixtures/golden/robust.json. Reference: scipy 1.17 (asserted
below) for median_abs_deviation, zscore, iqr, theilslopes and siegelslopes;
the modified z-score of Iglewicz and Hoaglin (1993) has no scipy function,
so its expected values are computed here from the definition
M = 0.6745 (x - median) / MAD with numpy's median, independently of the
TypeScript code. Each case holds the inputs, the options (camelCase, as the
library takes them) and the expected result. Non-finite numbers are written
as the strings "NaN", "Infinity", "-Infinity".

Cases where scipy warns and answers NaN (an empty sample, all x identical)
are not here: the library throws a StatsInputError for them instead, and
tests/robust.test.ts checks that. Cases where scipy answers NaN without a
warning (zscore of constant data, NaN under nan_policy 'propagate') are here.
"""

import warnings

import mpmath
import numpy as np
import scipy
from scipy import stats
from common import enc, write_fixture

assert scipy.__version__.startswith("1.17"), scipy.__version__
warnings.simplefilter("ignore")
rng = np.random.default_rng(20261206)
mpmath.mp.dps = 50


def normal(n, loc=0.0, scale=1.0, digits=None):
    x = rng.normal(loc, scale, n)
    if digits is not None:
        x = np.round(x, digits)
    return [float(v) for v in x]


NAN = float("nan")

# Samples shared by the one-sample functions: small n, ties, constants,
# heavy tails, decimals with ties, and a NaN (for nan_policy).
samples = [
    [3.0],
    [1.0, 2.0],
    [2.0, 1.0, 7.0],
    [5.0, 5.0, 5.0, 5.0],
    [1.0, 1.0, 1.0, 2.0, 100.0],
    [1.0, 2.0, 3.0, 4.0, 10.0],
    [0.1, 0.2, 0.2, 0.3, 0.3, 0.3, 0.4],
    normal(10, 5.0, 2.0),
    normal(11, -3.0, 0.5, digits=1),
    [float(v) for v in rng.standard_t(2, 40)],
    normal(101, 1e6, 1.0, digits=3),
    normal(1000, 0.0, 1.0),
]
with_nan = [[1.0, NAN, 3.0, 4.0], [NAN, 2.0, 2.5, -1.0, 8.0, 3.0], [NAN, NAN]]

out = {"scipy": scipy.__version__, "numpy": np.__version__}

# median_abs_deviation -------------------------------------------------------
cases = []
for a in samples:
    for scale in [1.0, "normal", 2.5]:
        r = stats.median_abs_deviation(a, scale=scale)
        cases.append({"x": a, "options": {"scale": scale}, "expected": enc(r)})
for a in with_nan:
    for policy in ["propagate", "omit"] if not np.isnan(a).all() else ["propagate"]:
        r = stats.median_abs_deviation(a, scale="normal", nan_policy=policy)
        cases.append({"x": enc(a), "options": {"scale": "normal", "nanPolicy": policy}, "expected": enc(r)})
out["median_abs_deviation"] = cases

# zscore ---------------------------------------------------------------------
# On data with a large offset (1e6 + N(0, 1) to 3 decimals) scipy's
# float64 mean loses about 5 digits of every deviation; there the expected
# scores come from mpmath at 50 digits on the decimals as written (repr),
# the library's contract (as golden/scipy_stats.py does), marked "exact".
def exact_zscore(a, ddof):
    x = [mpmath.mpf(repr(v)) for v in a]
    n = len(x)
    m = sum(x) / n
    sd = mpmath.sqrt(sum((v - m) ** 2 for v in x) / (n - ddof))
    return [float((v - m) / sd) for v in x]


cases = []
for a in samples:
    for ddof in [0, 1]:
        offset = len(a) > 1 and 0 < 10 * np.std(a) < abs(np.mean(a))
        r = exact_zscore(a, ddof) if offset else stats.zscore(a, ddof=ddof)
        cases.append({"a": a, "options": {"ddof": ddof}, "expected": enc(r), "exact": bool(offset)})
for a in with_nan:
    for policy in ["propagate", "omit"]:
        for ddof in [0, 1]:
            r = stats.zscore(a, ddof=ddof, nan_policy=policy)
            cases.append({"a": enc(a), "options": {"ddof": ddof, "nanPolicy": policy}, "expected": enc(r)})
out["zscore"] = cases

# iqr ------------------------------------------------------------------------
cases = []
methods = ["linear", "lower", "higher", "midpoint", "nearest"]
for a in samples:
    big = len(a) > 100  # the long samples once per method, not per range and scale
    for interpolation in methods:
        for rng_ in [(25, 75)] if big else [(25, 75), (10, 90), (0, 100), (12.5, 60)]:
            for scale in [1.0] if big else [1.0, "normal"]:
                r = stats.iqr(a, rng=rng_, scale=scale, interpolation=interpolation)
                cases.append({"x": a, "options": {"rng": list(rng_), "scale": scale,
                                                  "interpolation": interpolation}, "expected": enc(r)})
for a in with_nan:
    for policy in ["propagate", "omit"] if not np.isnan(a).all() else ["propagate"]:
        r = stats.iqr(a, nan_policy=policy)
        cases.append({"x": enc(a), "options": {"nanPolicy": policy}, "expected": enc(r)})
out["iqr"] = cases


# theilslopes and siegelslopes -------------------------------------------------
def pairs():
    yield [1.0, 2.0], [0.0, 1.0]
    yield [1.0, 3.0, 2.0], [0.0, 1.0, 2.0]
    yield [4.0, 4.0, 4.0], [1.0, 2.0, 3.0]
    yield [1.0, 2.0, 3.0, 10.0], [1.0, 1.0, 2.0, 3.0]  # ties in x
    yield [1.0, 1.0, 2.0, 2.0, 2.0, 9.0], [0.0, 1.0, 2.0, 3.0, 3.0, 5.0]  # ties in both
    x = np.linspace(-5, 5, 150)
    y = x + rng.normal(size=x.size)
    y[11:15] += 10
    y[-5:] -= 7
    yield [float(v) for v in y], [float(v) for v in x]  # scipy's docstring example
    x = np.round(rng.uniform(0, 10, 60), 1)
    yield [float(v) for v in np.round(2 * x + rng.standard_t(3, x.size), 2)], [float(v) for v in x]
    x = np.arange(48.0)
    yield [float(v) for v in 100 + 0.5 * x + 10 * np.sin(2 * np.pi * x / 24)], None  # x omitted
    x = rng.uniform(0, 1, 300)
    yield [float(v) for v in 3 - x + 0.1 * rng.normal(size=x.size)], [float(v) for v in x]


cases = []
for y, x in pairs():
    for alpha in [0.95, 0.9, 0.5, 0.05]:
        for method in ["separate", "joint"]:
            r = stats.theilslopes(y, x, alpha=alpha, method=method)
            cases.append({"y": y, "x": x, "options": {"alpha": alpha, "method": method},
                          "slope": enc(r.slope), "intercept": enc(r.intercept),
                          "lowSlope": enc(r.low_slope), "highSlope": enc(r.high_slope)})
r = stats.theilslopes([1.0, NAN, 3.0], [0.0, 1.0, 2.0])
cases.append({"y": enc([1.0, NAN, 3.0]), "x": [0.0, 1.0, 2.0], "options": {},
              "slope": enc(r.slope), "intercept": enc(r.intercept),
              "lowSlope": enc(r.low_slope), "highSlope": enc(r.high_slope)})
r = stats.theilslopes([1.0, NAN, 3.0, 2.0], [0.0, 1.0, 2.0, 7.0], nan_policy="omit")
cases.append({"y": enc([1.0, NAN, 3.0, 2.0]), "x": [0.0, 1.0, 2.0, 7.0], "options": {"nanPolicy": "omit"},
              "slope": enc(r.slope), "intercept": enc(r.intercept),
              "lowSlope": enc(r.low_slope), "highSlope": enc(r.high_slope)})
out["theilslopes"] = cases

cases = []
for y, x in pairs():
    for method in ["hierarchical", "separate"]:
        r = stats.siegelslopes(y, x, method=method)
        cases.append({"y": y, "x": x, "options": {"method": method},
                      "slope": enc(r.slope), "intercept": enc(r.intercept)})
r = stats.siegelslopes([1.0, NAN, 3.0, 2.0], [0.0, 1.0, 2.0, 7.0], nan_policy="omit")
cases.append({"y": enc([1.0, NAN, 3.0, 2.0]), "x": [0.0, 1.0, 2.0, 7.0], "options": {"nanPolicy": "omit"},
              "slope": enc(r.slope), "intercept": enc(r.intercept)})
out["siegelslopes"] = cases


# modified z-score (Iglewicz and Hoaglin 1993, section 3.3), from its definition
def modified_zscore(x, threshold=3.5):
    x = np.asarray(x, float)
    med = np.median(x)
    mad = np.median(np.abs(x - med))
    m = 0.6745 * (x - med) / mad
    return {"scores": enc(m), "median": enc(med), "mad": enc(mad),
            "outliers": [bool(abs(v) > threshold) for v in m]}


cases = []
for a in samples[1:]:
    if stats.median_abs_deviation(a) == 0:
        continue  # MAD = 0: the library's documented fallback, tested by hand
    for threshold in [3.5, 2.0]:
        cases.append({"x": a, "options": {"threshold": threshold}, **modified_zscore(a, threshold)})
spiky = normal(200, 50.0, 2.0, digits=2)
spiky[17] += 12.0  # six robust standard deviations (sd 2) above
spiky[90] -= 20.0
cases.append({"x": spiky, "options": {}, **modified_zscore(spiky)})
out["modified_zscore"] = cases

path = write_fixture("robust.json", out)
print(f"wrote {path}")
