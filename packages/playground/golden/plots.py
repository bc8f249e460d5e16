"""Reference values for the playground's plot specifications.

Run from packages/playground: python3 golden/plots.py
Writes tests/fixtures/plots.json:
- "mean_intervals": the mean and its two-sided 95% Student t interval,
  scipy 1.17 stats.t.interval(0.95, n - 1, loc=mean, scale=sem), for the
  strip plots' means and rules;
- "blom": standard normal quantiles at Blom's positions (i - 3/8) / (n + 1/4),
  scipy stats.norm.ppf, for the Q-Q plots;
- "robust": for samples with outliers, scipy's zscore, median_abs_deviation
  and iqr (the API's answers, so the plots get a realistic response), numpy's
  quartiles, and the points each plot must flag, found here independently:
  |z| > 3; |x - median| / (MAD / Phi^-1(0.75)) > 3.5; Tukey's fences
  (quartiles -+ 1.5 IQR);
- "iqr_rng": the same with rng = (10, 90) and scale "normal";
- "ols_lines": scipy's linregress slope and intercept on the Theil-Sen and
  Siegel examples, the least-squares line drawn beside the robust one.
"""

import json
import pathlib

import numpy as np
import scipy
from scipy import stats

HERE = pathlib.Path(__file__).resolve().parent
samples = [[1, 2, 3, 4], [3, 4, 5, 6], [5.1, 4.9, 5.6, 5.8, 6.0], [0.61, 0.29, 0.06, 0.59, -1.73], [2.5, 3.5]]
out = {
    "scipy": scipy.__version__,
    "mean_intervals": [
        {"values": s, "mean": float(np.mean(s)),
         "interval": [float(v) for v in stats.t.interval(0.95, len(s) - 1, loc=np.mean(s), scale=stats.sem(s))]}
        for s in samples
    ],
    "blom": {str(n): [float(stats.norm.ppf((i - 0.375) / (n + 0.25))) for i in range(1, n + 1)] for n in [5, 8, 20]},
}
robust_samples = [
    [2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 40.1],
    [10.0, 10.4, 9.7, 10.1, 9.9, 10.2, 10.3, 9.8, 10.0, 10.1, 9.9, 10.2, 10.0, 9.6, 10.4, 10.1, 9.9, 10.0, 25.0, 10.2],
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -30, 50],
]
robust = []
for x in robust_samples:
    a = np.asarray(x, dtype=float)
    z = stats.zscore(a)
    med = float(np.median(a))
    mad = float(stats.median_abs_deviation(a))
    q1, q3 = (float(v) for v in np.percentile(a, [25, 75]))
    iqr = float(stats.iqr(a))
    robust.append({
        "x": x,
        "zscore": [float(v) for v in z],
        "mean": float(np.mean(a)), "std": float(np.std(a)),
        "median": med, "mad": mad, "mad_normal": float(stats.median_abs_deviation(a, scale="normal")),
        "q1": q1, "q3": q3, "iqr": iqr,
        "flag_z": [i for i, v in enumerate(z) if abs(v) > 3],
        "flag_mad": [i for i, v in enumerate(a) if abs(v - med) / (mad / stats.norm.ppf(0.75)) > 3.5],
        "flag_iqr": [i for i, v in enumerate(a) if v < q1 - 1.5 * iqr or v > q3 + 1.5 * iqr],
    })
out["robust"] = robust
# iqr with rng = [10, 90] and scale "normal": the percentiles and the points beyond their fences
a = np.asarray([1, 2, 3, 4, 5, 6, 7, 8, 60], dtype=float)
p10, p90 = (float(v) for v in np.percentile(a, [10, 90]))
rng_iqr = float(stats.iqr(a, rng=(10, 90)))
out["iqr_rng"] = {
    "x": a.tolist(), "rng": [10, 90], "p10": p10, "p90": p90,
    "iqr_normal": float(stats.iqr(a, rng=(10, 90), scale="normal")),
    "flagged": [i for i, v in enumerate(a) if v < p10 - 1.5 * rng_iqr or v > p90 + 1.5 * rng_iqr],
}
out["ols_lines"] = []
for y, x in [([1, 3, 2, 5, 7, 8, 8, 9, 10, 12], list(range(10))), ([1, 3, 2, 5, 7, 8, 8, 9, 10, 30], list(range(10)))]:
    r = stats.linregress(x, y)
    out["ols_lines"].append({"x": x, "y": y, "slope": float(r.slope), "intercept": float(r.intercept)})

(HERE.parent / "tests" / "fixtures" / "plots.json").write_text(json.dumps(out, indent=1) + "\n")
