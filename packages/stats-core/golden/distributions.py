"""Golden values for the distribution tails behind every p-value.

Run from packages/stats-core: python3 golden/distributions.py
Writes tests/fixtures/golden/distributions.json. Reference: scipy.stats
(Boost's incomplete beta/gamma), cross-checked here against mpmath at 50
digits. The JSON holds the mpmath value; where scipy differs from it by more
than 1e-13 relative the case is listed under "scipy_inexact" (scipy 1.17's
t.sf near t = 0 is one such place), so tests compare with the exact value.
"""

import json
import pathlib

import mpmath
import scipy
from scipy import stats

mpmath.mp.dps = 50


def t_sf_exact(t, df):
    t, df = mpmath.mpf(t), mpmath.mpf(df)
    x = df / (df + t * t)
    tail = mpmath.betainc(df / 2, mpmath.mpf(1) / 2, 0, x, regularized=True) / 2
    return tail if t > 0 else 1 - tail


def f_sf_exact(f, dfn, dfd):
    f, dfn, dfd = mpmath.mpf(f), mpmath.mpf(dfn), mpmath.mpf(dfd)
    return mpmath.betainc(dfd / 2, dfn / 2, 0, dfd / (dfd + dfn * f), regularized=True)


def chi2_sf_exact(x, df):
    return mpmath.gammainc(mpmath.mpf(df) / 2, mpmath.mpf(x) / 2, regularized=True)


def norm_sf_exact(z):
    return mpmath.erfc(mpmath.mpf(z) / mpmath.sqrt(2)) / 2


scipy_inexact = []


def check(name, scipy_value, exact):
    exact = float(exact)
    if exact != 0 and abs(scipy_value - exact) / abs(exact) > 1e-13:
        scipy_inexact.append({"case": name, "scipy": scipy_value, "exact": exact})
    return exact


cases = {"t_sf": [], "f_sf": [], "chi2_sf": [], "norm_sf": []}
for df in [1, 2, 3, 5, 10, 28, 100, 1000, 1e6]:
    for t in [-40.0, -3.0, -0.5, 0.0, 1e-8, 0.3, 1.0, 2.0, 5.0, 12.0, 40.0, 1e3, 1e8]:
        exact = check(f"t_sf({t},{df})", float(stats.t.sf(t, df)), t_sf_exact(t, df))
        if exact >= 1e-300:
            cases["t_sf"].append({"t": t, "df": df, "sf": exact})
for dfn, dfd in [(1, 1), (1, 10), (2, 20), (3, 7), (5, 100), (10, 1000), (1, 5000)]:
    for f in [0.0, 1e-6, 0.2, 1.0, 3.5, 10.0, 100.0, 1e4, 1e8, 1e30]:
        exact = check(f"f_sf({f},{dfn},{dfd})", float(stats.f.sf(f, dfn, dfd)), f_sf_exact(f, dfn, dfd))
        if exact >= 1e-300:
            cases["f_sf"].append({"f": f, "dfn": dfn, "dfd": dfd, "sf": exact})
for df in [1, 2, 3, 7, 30, 500]:
    for x in [0.0, 1e-4, 0.5, 3.84, 10.0, 100.0, 600.0, 1200.0]:
        exact = check(f"chi2_sf({x},{df})", float(stats.chi2.sf(x, df)), chi2_sf_exact(x, df))
        if exact >= 1e-300:
            cases["chi2_sf"].append({"x": x, "df": df, "sf": exact})
for z in [-8.0, -1.0, 0.0, 0.5, 1.959963984540054, 5.0, 10.0, 20.0, 37.0]:
    exact = check(f"norm_sf({z})", float(stats.norm.sf(z)), norm_sf_exact(z))
    cases["norm_sf"].append({"z": z, "sf": exact})



# The regularized incomplete beta itself (src/distributions/internal/
# incompleteBeta.ts), both tails, from the hypergeometric series
# I_x(a, b) = x^a (1-x)^b / (a B(a, b)) 2F1(a + b, 1; a + 1; x) (DLMF 8.17.8),
# summed on whichever side converges (argument <= 0.99); the other tail is
# 1 minus it at 1200 digits, so even 1e-300 keeps its digits. mpmath.betainc
# itself gives up on some of these (2F1 "converges too slowly").
def incbeta_series(x, a, b):
    x, a, b = mpmath.mpf(x), mpmath.mpf(a), mpmath.mpf(b)
    return (x**a * (1 - x) ** b / (a * mpmath.beta(a, b))
            * mpmath.hyp2f1(a + b, 1, a + 1, x, maxterms=10**6))


def incbeta_exact(x, a, b):
    x = mpmath.mpf(x)
    y = 1 - x
    if x <= 0.99 and y <= 0.99:
        return incbeta_series(x, a, b), incbeta_series(y, b, a)
    with mpmath.workdps(1200):
        if x > 0.99:
            upper = incbeta_series(y, b, a)
            return +(1 - upper), +upper
        lower = incbeta_series(x, a, b)
        return +lower, +(1 - lower)


cases["incbeta"] = []
incbeta_grid = [0.5, 1, 2.5, 7.9, 8, 14, 100, 2500]
incbeta_x = [1e-300, 1e-20, 1e-4, 0.05, 0.3, 0.5, 0.7, 0.95, 0.999, 1 - 1e-10]
incbeta_points = [(x, a, b) for a in incbeta_grid for b in incbeta_grid for x in incbeta_x]
# Student t's small-t side at df = 1e6: a = 1/2, b = 5e5, x near the mean 1e-6.
incbeta_points += [(x, 0.5, 5e5) for x in [1e-9, 1e-7, 9e-7, 1e-6, 2e-6, 4e-6, 1e-5, 1e-4]]
for x, a, b in incbeta_points:
    lower, upper = incbeta_exact(x, a, b)
    # Cross-check against mpmath's own betainc where it answers.
    try:
        direct = mpmath.betainc(a, b, 0, x, regularized=True)
        assert abs(direct - lower) <= mpmath.mpf(10) ** -30 * abs(lower) or lower < mpmath.mpf(10) ** -300
    except (mpmath.libmp.NoConvergence, ValueError):  # mpmath gives up: the series stands
        pass
    # Values below 1e-300 are written as null (no test; they may be subnormal).
    cases["incbeta"].append({"x": x, "a": a, "b": b,
                             "lower": float(lower) if lower >= 1e-300 else None,
                             "upper": float(upper) if upper >= 1e-300 else None})

# Beyond that grid, where the public functions still reach: Student t at
# df = 1e6 and 2e6 (a = df/2, b = 1/2: a t-test on a million points per
# sample) and F with dfd = 1e6 against dfn from 1 to 1000 (f_oneway on a
# million points in up to 1000 groups), each at the mean of Beta(a, b) and
# 1 to 30 standard deviations either side (so from central values down to
# the far tails).
def beta_sd_points(a, b):
    a, b = mpmath.mpf(a), mpmath.mpf(b)
    mean = a / (a + b)
    sd = mpmath.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    points = []
    for k in [-30, -10, -3, -1, 0, 1, 3, 10, 30]:
        x = mean + k * sd
        if 0 < x < 1:
            points.append(float(x))
    return points


cases["incbeta_large"] = []
for a, b in [(5e5, 0.5), (1e6, 0.5), (5e5, 1), (5e5, 5), (5e5, 50), (5e5, 500)]:
    for x in beta_sd_points(a, b):
        lower, upper = incbeta_exact(x, a, b)
        cases["incbeta_large"].append({"x": x, "a": a, "b": b,
                                       "lower": float(lower) if lower >= 1e-300 else None,
                                       "upper": float(upper) if upper >= 1e-300 else None})

# The regularized incomplete gamma (src/distributions/internal/
# incompleteGamma.ts), both tails, straight from mpmath.gammainc: a from 1/2
# to 1000, x from 1e-300 to 1200, around the switch x = a + 1 and far from it.
cases["incgamma"] = []
for a in [0.5, 1, 1.5, 2.5, 7.9, 8, 15, 50, 250, 1000]:
    for x in [1e-300, 1e-20, 1e-4, 0.3, 1, 2, 3.84, 9, 10, 49, 51, 52, 100, 249, 251, 252, 600, 990, 1000, 1002, 1200]:
        lower = mpmath.gammainc(a, 0, x, regularized=True)
        upper = mpmath.gammainc(a, x, mpmath.inf, regularized=True)
        cases["incgamma"].append({"x": x, "a": a,
                                  "lower": float(lower) if lower >= 1e-300 else None,
                                  "upper": float(upper) if upper >= 1e-300 else None})

# And chi-squared with 1e4 to 1e6 degrees of freedom (a = df/2; a
# contingency table of 1000 x 1000 has 998001), at a + k sqrt(a).
cases["incgamma_large"] = []
for a in [5e3, 5e4, 5e5]:
    for k in [-30, -10, -3, -1, 0, 1, 3, 10, 30]:
        x = float(mpmath.mpf(a) + k * mpmath.sqrt(a))
        # P(a, x) = x^a e^-x / Gamma(a + 1) sum_k x^k / ((a+1)...(a+k))
        # (DLMF 8.7.1), all terms positive; mpmath.gammainc gives up here.
        # At 400 digits the complement keeps the far upper tail's digits.
        with mpmath.workdps(400):
            am, xm = mpmath.mpf(a), mpmath.mpf(x)
            term = total = 1 / am
            k = 0
            while term > total * mpmath.mpf(10) ** -400:
                k += 1
                term *= xm / (am + k)
                total += term
            lower = total * mpmath.exp(-xm + am * mpmath.log(xm) - mpmath.loggamma(am))
            upper = 1 - lower
        assert abs(lower - mpmath.gammainc(a, 0, x, regularized=True)) < 1e-40 if a <= 5e3 else True
        lower, upper = +lower, +upper
        cases["incgamma_large"].append({"x": x, "a": a,
                                        "lower": float(lower) if lower >= 1e-300 else None,
                                        "upper": float(upper) if upper >= 1e-300 else None})

# The normal quantile (scipy's ndtri), solved at 60 digits from the cdf.
cases["norm_ppf"] = []
for p in [1e-300, 1e-100, 1e-20, 1e-5, 0.01, 0.025, 0.1, 0.3, 0.45, 0.4999999, 0.5000001,
          0.55, 0.7, 0.9, 0.975, 0.99, 0.999999, 1 - 1e-10]:
    pm = mpmath.mpf(p)
    start = mpmath.sqrt(2) * mpmath.erfinv(2 * pm - 1) if 1e-20 < p < 1 - 1e-12 else \
        -mpmath.sqrt(-2 * mpmath.log(pm) - mpmath.log(-2 * mpmath.log(pm)) - mpmath.log(2 * mpmath.pi))
    with mpmath.workdps(60):
        z = mpmath.findroot(lambda z: mpmath.ncdf(z) - pm, start)
        assert abs(mpmath.ncdf(z) - pm) <= mpmath.mpf(10) ** -40 * pm
    cases["norm_ppf"].append({"p": p, "z": float(z)})

out = pathlib.Path(__file__).resolve().parent.parent / "tests/fixtures/golden/distributions.json"
out.write_text(json.dumps({"generator": "golden/distributions.py", "scipy": scipy.__version__,
                           "mpmath": mpmath.__version__, "scipy_inexact": scipy_inexact, **cases}, indent=1) + "\n")
print(f"wrote {out} ({sum(len(v) for v in cases.values())} cases)")
