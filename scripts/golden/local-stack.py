"""Golden values for the local stack's end-to-end tests (scripts/tests/stack.test.ts).

scipy 1.17 / numpy 2.x on the machine. Writes tests/fixtures/golden/local-stack.json:
the seed article's example (numpy seed 12345678) and a few random cases for
linregress, ols and polyfit. Run: python3 scripts/golden/local-stack.py

ols/polyfit references are the textbook OLS quantities computed in float64 with
numpy's least squares and scipy's t and F tails (what statsmodels' OLS reports):
coefficients (intercept first, then columns / ascending powers), their standard
errors, t values and two-sided p-values, residual standard deviation, R^2,
adjusted R^2, the F statistic and its p-value, df_model and df_resid.
"""
import json
import pathlib

import numpy as np
import scipy
from scipy import stats


def seed_example():
    np.random.seed(12345678)
    x = np.random.random(10)
    y = 1.6 * x + np.random.random(10)
    return x, y


def linregress_case(x, y):
    r = stats.linregress(x, y)
    return {
        "request": {"x": list(map(float, x)), "y": list(map(float, y))},
        "expected": {
            "slope": float(r.slope),
            "intercept": float(r.intercept),
            "rvalue": float(r.rvalue),
            "pvalue": float(r.pvalue),
            "stderr": float(r.stderr),
            "intercept_stderr": float(r.intercept_stderr),
            "rsquared": float(r.rvalue**2),
            "n": len(x),
        },
    }


def ols_quantities(design, y):
    n, p = design.shape
    beta, *_ = np.linalg.lstsq(design, y, rcond=None)
    resid = y - design @ beta
    df_resid = n - p
    df_model = p - 1
    sigma2 = resid @ resid / df_resid
    cov = sigma2 * np.linalg.inv(design.T @ design)
    se = np.sqrt(np.diag(cov))
    t = beta / se
    pvals = 2 * stats.t.sf(np.abs(t), df_resid)
    tss = np.sum((y - y.mean()) ** 2)
    r2 = 1 - resid @ resid / tss
    r2_adj = 1 - (1 - r2) * (n - 1) / df_resid
    f = (r2 / df_model) / ((1 - r2) / df_resid)
    return {
        "coefficients": beta.tolist(),
        "standard_errors": se.tolist(),
        "t_values": t.tolist(),
        "p_values": pvals.tolist(),
        "residual_sd": float(np.sqrt(sigma2)),
        "rsquared": float(r2),
        "rsquared_adj": float(r2_adj),
        "f_statistic": float(f),
        "f_pvalue": float(stats.f.sf(f, df_model, df_resid)),
        "df_model": df_model,
        "df_resid": df_resid,
        "n": n,
    }


def ols_case(X, y):
    design = np.column_stack([np.ones(len(y)), X])
    return {"request": {"X": X.tolist(), "y": y.tolist()}, "expected": ols_quantities(design, y)}


def polyfit_case(x, y, degree):
    design = np.column_stack([x**k for k in range(degree + 1)])
    return {
        "request": {"x": x.tolist(), "y": y.tolist(), "degree": degree},
        "expected": ols_quantities(design, y),
    }


def main():
    x, y = seed_example()
    rng = np.random.default_rng(20260101)
    linregress = [linregress_case(x, y)]
    for n in (25, 80):
        xs = rng.normal(3, 2, n).round(6)
        ys = (0.7 * xs - 1.2 + rng.normal(0, 1.5, n)).round(6)
        linregress.append(linregress_case(xs, ys))
    ols = [ols_case(x.reshape(-1, 1), y)]
    for n, k in ((30, 2), (60, 3)):
        X = rng.normal(0, 1, (n, k)).round(6)
        yy = (X @ rng.normal(1, 0.5, k) + 0.5 + rng.normal(0, 0.8, n)).round(6)
        ols.append(ols_case(X, yy))
    polyfit = [polyfit_case(x, y, 2)]
    xs = np.linspace(-2, 3, 40).round(6)
    ys = (0.3 * xs**3 - xs + 2 + rng.normal(0, 0.4, 40)).round(6)
    polyfit.append(polyfit_case(xs, ys, 3))
    out = {
        "source": f"scipy {scipy.__version__}, numpy {np.__version__}; scripts/golden/local-stack.py",
        "linregress": linregress,
        "ols": ols,
        "polyfit": polyfit,
    }
    path = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "golden" / "local-stack.json"
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path}")


main()
