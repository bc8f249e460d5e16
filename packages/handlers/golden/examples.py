"""The endpoints' documented examples (src/endpoints/*.ts `example.response`),
computed independently of the TypeScript core: scipy 1.17 for linregress
and the scipy.stats endpoints, numpy least squares + scipy t and F tails
for ols and polyfit (the statsmodels OLS definitions; statsmodels itself is
not on the machine). NaN and +-inf are printed as null, as the API sends them.
Run: python3 golden/examples.py  (prints every example response as JSON)."""
import json
import math

import numpy as np
from scipy import stats


def fit(design, y, intercept):
    Xd = np.asarray(design, float)
    y = np.asarray(y, float)
    n, p = Xd.shape
    b = np.linalg.lstsq(Xd, y, rcond=None)[0]
    r = y - Xd @ b
    rss = float(r @ r)
    dfr = n - p
    s2 = rss / dfr
    se = np.sqrt(np.diag(s2 * np.linalg.inv(Xd.T @ Xd)))
    t = b / se
    tss = float(((y - y.mean()) ** 2).sum()) if intercept else float((y**2).sum())
    k0 = 1 if intercept else 0
    dfm = p - k0
    r2 = 1 - rss / tss
    f = ((tss - rss) / dfm) / s2
    return {
        "coefficients": b.tolist(),
        "standard_errors": se.tolist(),
        "t_values": t.tolist(),
        "p_values": (2 * stats.t.sf(np.abs(t), dfr)).tolist(),
        "residual_sd": float(np.sqrt(s2)),
        "rsquared": r2,
        "rsquared_adj": 1 - (1 - r2) * (n - k0) / dfr,
        "f_statistic": f,
        "f_pvalue": float(stats.f.sf(f, dfm, dfr)),
        "df_model": dfm,
        "df_resid": dfr,
        "condition_number": float(np.linalg.cond(Xd)),
        "n": n,
    }


def num(v):
    v = float(v)
    return v if math.isfinite(v) else None


def anova_table(samples):
    k = len(samples)
    n = sum(len(s) for s in samples)
    grand = np.concatenate([np.asarray(s, float) for s in samples]).mean()
    ssb = sum(len(s) * (np.mean(s) - grand) ** 2 for s in samples)
    ssw = sum(((np.asarray(s, float) - np.mean(s)) ** 2).sum() for s in samples)
    return {
        "df_between": k - 1, "df_within": n - k,
        "ss_between": num(ssb), "ss_within": num(ssw),
        "ms_between": num(ssb / (k - 1)), "ms_within": num(ssw / (n - k)),
    }


def test(r):
    return {"statistic": num(r.statistic), "pvalue": num(r.pvalue)}


def ttest(r):
    return {**test(r), "df": num(r.df)}


def robust_examples():
    """The robust statistics (scipy 1.17) and the modified z-score of
    Iglewicz and Hoaglin (1993), M = 0.6745 (x - median) / MAD, by numpy."""
    ts = stats.theilslopes([1, 3, 2, 5, 7, 8, 8, 9, 10, 12])
    ss = stats.siegelslopes([1, 3, 2, 5, 7, 8, 8, 9, 10, 30], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    x = np.array([10.2, 9.8, 10.1, 10.0, 9.9, 10.3, 14.9, 10.0])
    med = np.median(x)
    mad = np.median(np.abs(x - med))
    m = 0.6745 * (x - med) / mad
    return {
        "median_abs_deviation": {"median_abs_deviation": num(stats.median_abs_deviation(
            [2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 40.1], scale="normal"))},
        "zscore": {"zscore": [num(v) for v in stats.zscore(
            [0.7972, 0.0767, 0.4383, 0.7866, 0.8091, 0.1954, 0.6307, 0.6599, 0.1065, 0.0508])]},
        "iqr": {"iqr": num(stats.iqr([10, 7, 4, 3, 2, 1]))},
        "theilslopes": {"slope": num(ts.slope), "intercept": num(ts.intercept),
                        "low_slope": num(ts.low_slope), "high_slope": num(ts.high_slope)},
        "siegelslopes": {"slope": num(ss.slope), "intercept": num(ss.intercept)},
        "modified_zscore": {"scores": [num(v) for v in m], "outliers": [bool(abs(v) > 3.5) for v in m],
                            "outlier_indices": [i for i, v in enumerate(m) if abs(v) > 3.5],
                            "median": num(med), "mad": num(mad), "scale_used": "mad", "threshold": 3.5},
    }


def exponential_smoothing_example():
    """statsmodels 0.15: ExponentialSmoothing's fitted values with known
    parameters and initial states; forecasts by Hyndman's formula on its
    final states (0.15's own forecast is stale at multiples of m, its issue
    9538); 95% intervals of ETSModel with the same parameters (beta* =
    alpha beta). Needs statsmodels, imported here only."""
    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    y = [30.1, 21.4, 25.3, 40.2, 32.0, 23.1, 27.5, 43.0, 33.9, 24.8, 29.0, 45.1]
    init = dict(initial_level=29.25, initial_trend=0.5, initial_seasonal=[1.0, -8.0, -4.0, 11.0])
    res = ExponentialSmoothing(np.asarray(y), trend="add", seasonal="add", seasonal_periods=4,
                               initialization_method="known", **init).fit(
        smoothing_level=0.3, smoothing_trend=0.1, smoothing_seasonal=0.2, optimized=False)
    season = res.season[-4:]
    forecast = [res.level[-1] + k * res.trend[-1] + season[(k - 1) % 4] for k in range(1, 5)]
    ets = ETSModel(pd.Series(y), error="add", trend="add", seasonal="add", seasonal_periods=4,
                   initialization_method="known", **init)
    with ets.fix_params({"smoothing_level": 0.3, "smoothing_trend": 0.03, "smoothing_seasonal": 0.2}):
        er = ets.fit(disp=False)
    frame = er.get_prediction(start=len(y), end=len(y) + 3).summary_frame(alpha=0.05)
    assert np.allclose(frame["mean"], forecast, rtol=1e-12)
    return {"fitted_values": [num(v) for v in res.fittedvalues],
            "residuals": [num(a - b) for a, b in zip(y, res.fittedvalues)], "sse": num(res.sse),
            "forecast": [num(v) for v in forecast],
            "prediction_intervals": {"level": 0.95, "lower": [num(v) for v in frame["pi_lower"]],
                                     "upper": [num(v) for v in frame["pi_upper"]]}}


lr = stats.linregress([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])
d = stats.describe([1, 2, 3, 4, 10])
pr = stats.pearsonr([1, 2, 3, 4, 5], [10, 9, 2.5, 6, 4])
ci = pr.confidence_interval(0.95)
F = [[1, 2, 3], [2, 3, 4], [5, 6, 9]]
chi = stats.chi2_contingency([[10, 10, 20], [20, 20, 20]])
ks = stats.ks_2samp([0.61, 0.29, 0.06, 0.59, -1.73], [-0.62, 1.2, 0.5, 3.1, 2.4, 2.9])
print(json.dumps({
    "linregress": {
        "slope": lr.slope, "intercept": lr.intercept, "rvalue": lr.rvalue,
        "pvalue": lr.pvalue, "stderr": lr.stderr,
        "intercept_stderr": lr.intercept_stderr, "rsquared": lr.rvalue**2, "n": 5,
    },
    "ols": fit([[1, *row] for row in [[1, 0], [2, 1], [3, 0], [4, 1], [5, 3]]],
               [3.1, 5.9, 7.2, 9.8, 13.1], True),
    "polyfit": fit([[1, v, v * v] for v in [0, 1, 2, 3, 4]], [1, 3.1, 8.9, 19.2, 33], True),
    "describe": {
        "nobs": int(d.nobs), "minmax": [num(v) for v in d.minmax], "mean": num(d.mean),
        "variance": num(d.variance), "skewness": num(d.skewness), "kurtosis": num(d.kurtosis),
    },
    "pearsonr": {**test(pr), "confidence_interval": {"low": num(ci.low), "high": num(ci.high)}},
    "spearmanr": test(stats.spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])),
    "kendalltau": test(stats.kendalltau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0])),
    "ttest_1samp": ttest(stats.ttest_1samp([5.1, 4.9, 5.6, 5.8, 6.0], 5)),
    "ttest_ind": ttest(stats.ttest_ind([1, 2, 3, 4], [3, 4, 5, 6], equal_var=False, alternative="less")),
    "ttest_rel": ttest(stats.ttest_rel([1, 2, 3, 4], [1.5, 2.1, 3.9, 4.2])),
    "mannwhitneyu": test(stats.mannwhitneyu([19, 22, 16, 29, 24], [20, 11, 17, 12])),
    "f_oneway": {**test(stats.f_oneway(*F)), **anova_table(F)},
    "chi2_contingency": {
        **test(chi), "dof": int(chi.dof), "expected_freq": chi.expected_freq.tolist(),
    },
    "ks_2samp": {
        **test(ks), "statistic_location": num(ks.statistic_location),
        "statistic_sign": int(ks.statistic_sign),
    },
    "shapiro": test(stats.shapiro([2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.1])),
    **robust_examples(),
    "exponential_smoothing": exponential_smoothing_example(),
}, indent=2))
