"""Golden values for the regression predictions (olsPredict, polyfitPredict,
linregressPredict): statsmodels' get_prediction(...).summary_frame(alpha),
and the exact answer for the decimal inputs.

Run from packages/stats-core: python3 golden/prediction.py
Writes tests/fixtures/golden/prediction.json.

For every case the script records
- "statsmodels": OLS(y, X).fit().get_prediction(X0).summary_frame(alpha)
  (statsmodels 0.15, float64, pinv), column for column, plus the fitted
  values and residuals of the data;
- "exact": the same quantities for the inputs taken as the decimals they
  print as (Python's repr, JavaScript's String()), with X^T X, X^T y and the
  residual sum of squares as exact rationals (fractions), square roots in
  mpmath at 60 digits, and the Student t quantile solved in mpmath on the
  regularized incomplete beta (60 digits); each rounded once to float64;
- "statsmodels_vs_exact": the largest difference between the two, relative
  to the larger of |value| and the interval's half-width (fitted values:
  relative; residuals: relative to the larger of |fitted| and max |resid|). On well-conditioned
  designs it is around 1e-15; on Longley and Wampler it shows how many
  digits float64 statsmodels itself loses, which is why the tests compare
  with "exact" everywhere and with "statsmodels" where it is within 1e-11.
"""

import json
import pathlib
from fractions import Fraction

import mpmath
import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import stats
from common import dec, mp

mpmath.mp.dps = 60
HERE = pathlib.Path(__file__).resolve().parent
NIST = HERE.parent / "tests" / "fixtures" / "nist" / "nist-strd"
COLUMNS = ["mean", "mean_se", "mean_ci_lower", "mean_ci_upper", "obs_ci_lower", "obs_ci_upper"]


def nist(name):
    lines = (NIST / f"{name}.dat").read_text().splitlines()
    rows = [[float(v) for v in line.split()] for line in lines[60:] if line.strip()]
    return [r[0] for r in rows], [r[1:] for r in rows]


def solve(a, b):
    """Exact Gaussian elimination on fractions."""
    n = len(a)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        piv = next(r for r in range(c, n) if m[r][c] != 0)
        m[c], m[piv] = m[piv], m[c]
        for r in range(n):
            if r != c and m[r][c] != 0:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] for i in range(n)]


def t_quantile(q, df):
    """t with P(T > t) = q (0 < q < 1/2), 60 digits."""
    df = mpmath.mpf(df)

    def tail(t):
        return mpmath.betainc(df / 2, mpmath.mpf(1) / 2, 0, df / (df + t * t), regularized=True) / 2 - q

    return mpmath.findroot(tail, mpmath.mpf(stats.t.isf(float(q), float(df))))


def exact(X, y, X0, level):
    Xd = [[dec(v) for v in row] for row in X]
    yd = [dec(v) for v in y]
    X0d = [[dec(v) for v in row] for row in X0]
    n, p = len(Xd), len(Xd[0])
    gram = [[sum(r[j] * r[k] for r in Xd) for k in range(p)] for j in range(p)]
    xty = [sum(r[j] * yi for r, yi in zip(Xd, yd)) for j in range(p)]
    b = solve(gram, xty)
    fitted = [sum(r[j] * b[j] for j in range(p)) for r in Xd]
    resid = [yi - fi for yi, fi in zip(yd, fitted)]
    rss = sum(e * e for e in resid)
    s2 = rss / (n - p)
    q = (1 - Fraction(repr(level))) / 2
    t = t_quantile(mp(q), n - p)
    s = mpmath.sqrt(mp(s2))
    out = {c: [] for c in COLUMNS}
    for row in X0d:
        mean = sum(row[j] * b[j] for j in range(p))
        h = sum(a * c for a, c in zip(row, solve(gram, row)))
        se = s * mpmath.sqrt(mp(h))
        obs = s * mpmath.sqrt(1 + mp(h))
        m = mp(mean)
        vals = [m, se, m - t * se, m + t * se, m - t * obs, m + t * obs]
        for c, v in zip(COLUMNS, vals):
            out[c].append(float(v))
    out["fittedvalues"] = [float(mp(f)) for f in fitted]
    out["resid"] = [float(mp(e)) for e in resid]
    return out


def statsmodels_frame(X, y, X0, level):
    res = sm.OLS(np.array(y, dtype=float), np.array(X, dtype=float)).fit()
    frame = res.get_prediction(np.array(X0, dtype=float)).summary_frame(alpha=1 - level)
    out = {c: [float(v) for v in frame[c]] for c in COLUMNS}
    out["fittedvalues"] = [float(v) for v in res.fittedvalues]
    out["resid"] = [float(v) for v in res.resid]
    return out


def design(kind, x, degree, intercept):
    """The design rows of a case: ols rows as given, polyfit powers, linregress [1, x]."""
    if kind == "ols":
        return [([1.0] if intercept else []) + list(r) for r in x]
    first = 0 if intercept else 1
    return [[v**k for k in range(first, degree + 1)] for v in x]


def design_exact_powers(kind, x, degree, intercept):
    """Polynomial rows as exact decimals (x^k formed from the decimal x, not in float64)."""
    if kind == "ols":
        return None
    first = 0 if intercept else 1
    return [[dec(v) ** k for k in range(first, degree + 1)] for v in x]


def relative_gap(a, b):
    worst = 0.0
    for c in COLUMNS:
        for i, (u, v) in enumerate(zip(a[c], b[c])):
            half = abs(a["mean_ci_upper"][i] - a["mean"][i]) if c != "mean_se" else 0.0
            scale = max(abs(v), half)
            if scale > 0:
                worst = max(worst, abs(u - v) / scale)
    residual_scale = max(abs(v) for v in b["resid"])
    for u, v in zip(a["fittedvalues"], b["fittedvalues"]):
        worst = max(worst, abs(u - v) / abs(v))
    for u, v, f in zip(a["resid"], b["resid"], b["fittedvalues"]):
        worst = max(worst, abs(u - v) / max(abs(f), residual_scale))
    return worst


def case(name, kind, x, y, new, level=0.95, degree=1, intercept=True):
    X = design(kind, x, degree, intercept)
    X0 = design(kind, new, degree, intercept)
    exact_rows = design_exact_powers(kind, x, degree, intercept)
    if exact_rows is not None:
        # Feed exact powers: repr of a Fraction is not a float, so go through exact() by hand.
        ex = exact_powers(exact_rows, y, design_exact_powers(kind, new, degree, intercept), level)
    else:
        ex = exact(X, y, X0, level)
    sm_frame = statsmodels_frame(X, y, X0, level)
    return {
        "name": name,
        "kind": kind,
        "x": x,
        "y": y,
        "new": new,
        "degree": degree,
        "intercept": intercept,
        "confidence_level": level,
        "exact": ex,
        "statsmodels": sm_frame,
        "statsmodels_vs_exact": relative_gap(sm_frame, ex),
    }


def exact_powers(Xd, y, X0d, level):
    # exact() with rows already exact fractions.
    global dec
    plain = dec
    dec = lambda v: v if isinstance(v, Fraction) else plain(v)  # noqa: E731
    try:
        return exact(Xd, y, X0d, level)
    finally:
        dec = plain


def main():
    cases = []
    # The linregress endpoint's own example, inside and beyond the data.
    cases.append(case("linregress example", "linregress", [1, 2, 3, 4, 5], [2, 4, 5, 4, 5],
                      [0, 1, 2.5, 5, 10, -100, 1000]))
    cases.append(case("linregress example, 90%", "linregress", [1, 2, 3, 4, 5], [2, 4, 5, 4, 5],
                      [3, 7.25], level=0.9))
    cases.append(case("linregress seed, 99%", "linregress", [1, 2, 3, 4], [2.1, 3.9, 6.2, 7.8],
                      [0, 5, 40], level=0.99))
    # A larger sample with decimals (3 places), far extrapolation included.
    rng = np.random.default_rng(20261206)
    xs = [round(float(v), 3) for v in rng.uniform(0, 50, 200)]
    ys = [round(2.5 + 0.75 * v + float(e), 3) for v, e in zip(xs, rng.normal(0, 3, 200))]
    cases.append(case("n = 200, 3 decimals", "linregress", xs, ys, [-50, 0, 25.125, 50, 500]))
    # A large offset: x near 1e6 (the intercept column and x nearly collinear).
    xo = [1e6 + v for v in [0.1, 0.4, 0.35, 0.8, 1.3, 1.7, 2.05]]
    yo = [3.2, 3.9, 3.6, 4.8, 6.1, 6.9, 7.4]
    cases.append(case("x near 1e6", "linregress", xo, yo, [1e6, 1e6 + 1, 1e6 + 10]))
    # The ols endpoint's example; one row inside, two outside.
    Xo = [[1, 0], [2, 1], [3, 0], [4, 1], [5, 3]]
    yo2 = [3.1, 5.9, 7.2, 9.8, 13.1]
    cases.append(case("ols example", "ols", Xo, yo2, [[3, 1], [6, 2], [-4, 10]]))
    cases.append(case("ols example, no intercept", "ols", Xo, yo2, [[3, 1], [6, 2]], intercept=False))
    # NIST Longley: condition number about 5e9.
    ly, lx = nist("Longley")
    mean_row = [sum(r[j] for r in lx) / len(lx) for j in range(6)]
    cases.append(case("NIST Longley", "ols", lx, ly,
                      [lx[0], lx[7], lx[15], [round(v, 6) for v in mean_row],
                       [120.0, 600000.0, 4500.0, 3000.0, 135000.0, 1965.0]]))
    # The polyfit endpoint's example, extrapolated.
    cases.append(case("polyfit example", "polyfit", [0, 1, 2, 3, 4], [1, 3.1, 8.9, 19.2, 33],
                      [-1, 0.5, 2, 6, 10], degree=2))
    # NIST Wampler4 and Wampler5: degree 5 on x = 0..20, extrapolated to 25 and 30.
    for name in ["Wampler4", "Wampler5"]:
        wy, wx = nist(name)
        xw = [r[0] for r in wx]
        cases.append(case(f"NIST {name}", "polyfit", xw, wy, [0, 0.5, 10, 20, 25, 30], degree=5))
    # NIST Pontius: degree 2 on large x (about 1e5 .. 3e6).
    py_, px = nist("Pontius")
    xp = [r[0] for r in px]
    cases.append(case("NIST Pontius", "polyfit", xp, py_, [0, 1.5e6, 4e6], degree=2))
    out = {
        "source": "golden/prediction.py",
        "versions": {
            "statsmodels": statsmodels.__version__,
            "scipy": scipy.__version__,
            "numpy": np.__version__,
            "mpmath": mpmath.__version__,
        },
        "cases": cases,
    }
    path = HERE.parent / "tests" / "fixtures" / "golden" / "prediction.json"
    path.write_text(json.dumps(out, indent=1) + "\n")
    for c in cases:
        print(f"{c['name']:32s} statsmodels vs exact: {c['statsmodels_vs_exact']:.2e}")


if __name__ == "__main__":
    main()
