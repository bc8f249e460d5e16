"""The endpoints' documented examples (src/endpoints/*.ts `example.response`),
computed independently of the TypeScript core: scipy 1.17 for linregress,
numpy least squares + scipy t and F tails for ols and polyfit (the
statsmodels OLS definitions; statsmodels itself is not on the machine).
Run: python3 golden/examples.py  (prints the three responses as JSON)."""
import json

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


lr = stats.linregress([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])
print(json.dumps({
    "linregress": {
        "slope": lr.slope, "intercept": lr.intercept, "rvalue": lr.rvalue,
        "pvalue": lr.pvalue, "stderr": lr.stderr,
        "intercept_stderr": lr.intercept_stderr, "rsquared": lr.rvalue**2, "n": 5,
    },
    "ols": fit([[1, *row] for row in [[1, 0], [2, 1], [3, 0], [4, 1], [5, 3]]],
               [3.1, 5.9, 7.2, 9.8, 13.1], True),
    "polyfit": fit([[1, v, v * v] for v in [0, 1, 2, 3, 4]], [1, 3.1, 8.9, 19.2, 33], True),
}, indent=2))
