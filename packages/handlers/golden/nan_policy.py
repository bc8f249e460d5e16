"""scipy 1.17's answers under nan_policy='omit' and 'propagate' for every
endpoint whose scipy function has nan_policy, on data with missing values
(NaN in scipy, null in the JSON request). The handlers' tests read the JSON
this writes (tests/fixtures/nan_policy.json) and need no Python.
Run: python3 golden/nan_policy.py > tests/fixtures/nan_policy.json"""
import json
import math

import numpy as np
import scipy
from scipy import stats

nan = float("nan")


def clean(v):
    if isinstance(v, (list, tuple)):
        return [clean(x) for x in v]
    v = float(v)
    return None if not math.isfinite(v) else v


def req(d):
    """The JSON request: NaN as null."""
    out = {}
    for k, v in d.items():
        if isinstance(v, list):
            out[k] = [
                [None if isinstance(x, float) and math.isnan(x) else x for x in g] if isinstance(g, list)
                else (None if isinstance(g, float) and math.isnan(g) else g)
                for g in v
            ]
        else:
            out[k] = v
    return out


def test_result(r, df=False):
    out = {"statistic": clean(r.statistic), "pvalue": clean(r.pvalue)}
    if df:
        out["df"] = clean(r.df)
    return out


x = [1.0, nan, 3.0, 4.0, 5.0, 6.0, 7.5, 8.0]
y = [2.1, 4.0, nan, 4.2, 5.5, 7.0, 6.9, 9.4]
a = [5.1, 4.9, nan, 6.2, 5.8, 6.0, 5.5]
b = [4.2, 3.9, 5.0, nan, 4.8]

cases = []


def case(name, request, run):
    cases.append({
        "name": name,
        "request": req(request),
        "omit": run("omit"),
        "propagate": run("propagate"),
    })


def lin(p):
    r = stats.linregress(np.array(x), np.array(y), nan_policy=p)
    return {"slope": clean(r.slope), "intercept": clean(r.intercept), "rvalue": clean(r.rvalue),
            "pvalue": clean(r.pvalue), "stderr": clean(r.stderr), "intercept_stderr": clean(r.intercept_stderr)}


case("linregress", {"x": x, "y": y}, lin)
case("spearmanr", {"a": x, "b": y}, lambda p: test_result(stats.spearmanr(x, y, nan_policy=p)))
case("kendalltau", {"x": x, "y": y}, lambda p: test_result(stats.kendalltau(x, y, nan_policy=p)))
case("ttest_1samp", {"a": a, "popmean": 5.0},
     lambda p: test_result(stats.ttest_1samp(a, 5.0, nan_policy=p), df=True))
case("ttest_ind", {"a": a, "b": b},
     lambda p: test_result(stats.ttest_ind(a, b, nan_policy=p), df=True))
case("ttest_rel", {"a": x, "b": y},
     lambda p: test_result(stats.ttest_rel(x, y, nan_policy=p), df=True))
case("mannwhitneyu", {"x": a, "y": b}, lambda p: test_result(stats.mannwhitneyu(a, b, nan_policy=p)))
case("ks_2samp", {"data1": a, "data2": b}, lambda p: test_result(stats.ks_2samp(a, b, nan_policy=p)))
case("shapiro", {"x": a}, lambda p: test_result(stats.shapiro(a, nan_policy=p)))
groups = [[1.0, 2.0, nan, 3.0], [2.0, 3.0, 4.0], [5.0, nan, 6.0, 9.0]]
case("f_oneway", {"samples": groups}, lambda p: test_result(stats.f_oneway(*groups, nan_policy=p)))


def desc(p):
    r = stats.describe(a, nan_policy=p)
    return {"nobs": int(r.nobs), "minmax": clean(list(r.minmax)), "mean": clean(r.mean),
            "variance": clean(r.variance), "skewness": clean(r.skewness), "kurtosis": clean(r.kurtosis)}


case("describe", {"a": a}, desc)

# the robust statistics (scipy 1.17 has nan_policy on all five)
r = [2.1, 3.4, nan, 1.9, 5.6, 4.4, 3.3, nan, 2.8, 40.1]
rx = [0.0, 1.0, 2.5, 3.0, nan, 5.0, 6.0, 7.0, 8.5, 9.0]
case("median_abs_deviation", {"x": r, "scale": "normal"},
     lambda p: {"median_abs_deviation": clean(stats.median_abs_deviation(r, scale="normal", nan_policy=p))})
case("iqr", {"x": r, "rng": [10, 90], "interpolation": "midpoint"},
     lambda p: {"iqr": clean(stats.iqr(r, rng=(10, 90), interpolation="midpoint", nan_policy=p))})
# zscore's omit keeps a missing value's place (its own score nan)
case("zscore", {"a": r, "ddof": 1}, lambda p: {"zscore": clean(list(stats.zscore(r, ddof=1, nan_policy=p)))})


def theil(p):
    t = stats.theilslopes(r, rx, alpha=0.9, nan_policy=p)
    return {"slope": clean(t.slope), "intercept": clean(t.intercept),
            "low_slope": clean(t.low_slope), "high_slope": clean(t.high_slope)}


case("theilslopes", {"y": r, "x": rx, "alpha": 0.9}, theil)


def siegel(p):
    # without x: scipy's omit takes x = 0, 1, ... over the values kept
    t = stats.siegelslopes(r, nan_policy=p)
    return {"slope": clean(t.slope), "intercept": clean(t.intercept)}


case("siegelslopes", {"y": r}, siegel)


def modified(p):
    """Ours (Iglewicz and Hoaglin), computed here by numpy as zscore's nan_policy would."""
    v = np.array(r)
    if p == "propagate":
        return {"scores": [None] * len(r), "outlier_indices": [], "median": None, "mad": None}
    kept = v[~np.isnan(v)]
    med = np.median(kept)
    mad = np.median(np.abs(kept - med))
    scores = 0.6745 * (v - med) / mad
    return {"scores": clean(list(scores)), "outlier_indices": [int(i) for i in np.flatnonzero(np.abs(scores) > 3.5)],
            "median": float(med), "mad": float(mad)}


case("modified_zscore", {"x": r}, modified)

print(json.dumps({"scipy": scipy.__version__, "numpy": np.__version__, "cases": cases}, indent=1))
