"""Golden values for the scipy.stats functions in stats-core.

Run from packages/stats-core: python3 golden/scipy_stats.py
Writes tests/fixtures/golden/scipy_stats.json. Reference: scipy 1.17
(asserted below). Each case holds the inputs, the options (camelCase, as the
library takes them) and scipy's result (camelCase fields). Non-finite
numbers are written as the strings "NaN", "Infinity", "-Infinity".

Where scipy itself loses digits to cancellation (data on a large offset),
the case carries "exact": true and its expected values come from mpmath at
50 digits on the inputs taken as the decimals written (repr), the
library's contract; tests compare with those.
"""

import math
import warnings

import mpmath
import numpy as np
import scipy
from scipy import stats
from common import enc, write_fixture

assert scipy.__version__.startswith("1.17"), scipy.__version__
warnings.simplefilter("ignore")
mpmath.mp.dps = 50
rng = np.random.default_rng(20261126)


def sample(n, loc=0.0, scale=1.0, digits=None):
    x = rng.normal(loc, scale, n)
    if digits is not None:
        x = np.round(x, digits)
    return [float(v) for v in x]


out = {"scipy": scipy.__version__}

# describe ---------------------------------------------------------------
cases = []
for n in [1, 2, 3, 4, 5, 20, 100, 1000]:
    for opts in [{}, {"bias": False}, {"ddof": 0}]:
        a = sample(n, 3.0, 2.0)
        r = stats.describe(a, ddof=opts.get("ddof", 1), bias=opts.get("bias", True))
        cases.append({"a": a, "options": opts, "nobs": int(r.nobs), "minmax": enc(r.minmax), "mean": enc(r.mean),
                      "variance": enc(r.variance), "skewness": enc(r.skewness), "kurtosis": enc(r.kurtosis)})
for a in [[5.0, 5.0, 5.0], [1.0, 2.0], [1.0, 1.0, 1.0, 2.0], [0.0, 0.0, 1e-300, 1.0], [-1e300, 1e300, 0.0]]:
    r = stats.describe(a)
    cases.append({"a": a, "options": {}, "nobs": int(r.nobs), "minmax": enc(r.minmax), "mean": enc(r.mean),
                  "variance": enc(r.variance), "skewness": enc(r.skewness), "kurtosis": enc(r.kurtosis)})


def exact_describe(a, bias=True, ddof=1):
    x = [mpmath.mpf(repr(v)) for v in a]
    n = len(x)
    m = sum(x) / n
    m2 = sum((v - m) ** 2 for v in x) / n
    m3 = sum((v - m) ** 3 for v in x) / n
    m4 = sum((v - m) ** 4 for v in x) / n
    g1 = m3 / m2 ** mpmath.mpf(1.5)
    g2 = m4 / m2 ** 2
    if not bias:
        g1 = mpmath.sqrt((n - 1) * n) / (n - 2) * g1
        g2 = ((n * n - 1) * g2 - 3 * (n - 1) ** 2) / ((n - 2) * (n - 3)) + 3
    return {"nobs": n, "minmax": enc([min(a), max(a)]), "mean": float(m), "variance": float(m2 * n / (n - ddof)),
            "skewness": float(g1), "kurtosis": float(g2 - 3)}


# Offset data where scipy loses digits: compare with mpmath on the decimals written.
for n, loc in [(50, 1e8), (200, 1e12)]:
    a = sample(n, loc, 0.1, digits=3)
    cases.append({"a": a, "options": {}, "exact": True, **exact_describe(a)})
out["describe"] = cases

# t-tests ------------------------------------------------------------------
ALTS = ["two-sided", "less", "greater"]


def tt(r):
    return {"statistic": enc(r.statistic), "pvalue": enc(r.pvalue), "df": enc(r.df)}


cases = []
for n in [2, 3, 10, 50, 500]:
    for alt in ALTS:
        a = sample(n, 0.4, 1.0)
        cases.append({"a": a, "popmean": 0.1, "options": {"alternative": alt}, **tt(stats.ttest_1samp(a, 0.1, alternative=alt))})
for a, pm in [([], 0.0), ([1.0], 0.0), ([1.0, 1.0, 1.0], 1.0), ([1.0, 1.0, 1.0], 0.0), ([1.0, 2.0, 3.0], 0.0), ([1e-8, 2e-8, 3e-8], 0.0)]:
    cases.append({"a": a, "popmean": pm, "options": {}, **tt(stats.ttest_1samp(a, pm))})
a = sample(40, 0.0, 1.0)
cases.append({"a": a, "popmean": 2.5, "options": {"alternative": "less"}, **tt(stats.ttest_1samp(a, 2.5, alternative="less"))})
cases.append({"a": a, "popmean": -8.0, "options": {}, **tt(stats.ttest_1samp(a, -8.0))})  # tiny p
out["ttest1samp"] = cases

cases = []
for n1, n2 in [(2, 2), (3, 7), (10, 10), (30, 80), (400, 300)]:
    for eq in [True, False]:
        for alt in ALTS:
            a, b = sample(n1, 0.0, 1.0), sample(n2, 0.5, 2.0)
            r = stats.ttest_ind(a, b, equal_var=eq, alternative=alt)
            cases.append({"a": a, "b": b, "options": {"equalVar": eq, "alternative": alt}, **tt(r)})
for a, b, eq in [([1.0], [2.0], True), ([1.0], [2.0, 3.0], True), ([1.0], [2.0, 3.0], False), ([1.0, 1.0], [2.0, 2.0], True),
                 ([1.0, 1.0], [2.0, 2.0], False), ([1.0, 1.0], [1.0, 1.0], True), ([], [1.0, 2.0], True)]:
    cases.append({"a": a, "b": b, "options": {"equalVar": eq}, **tt(stats.ttest_ind(a, b, equal_var=eq))})
out["ttestInd"] = cases

cases = []
for n in [2, 5, 30, 300]:
    for alt in ALTS:
        a = sample(n, 1.0, 1.0)
        b = [v + d for v, d in zip(a, sample(n, 0.2, 0.5))]
        cases.append({"a": a, "b": b, "options": {"alternative": alt}, **tt(stats.ttest_rel(a, b, alternative=alt))})
for a, b in [([1.0], [2.0]), ([1.0, 2.0, 3.0], [2.0, 3.0, 4.0]), ([1.0, 2.0, 3.0], [1.0, 2.0, 3.0])]:
    cases.append({"a": a, "b": b, "options": {}, **tt(stats.ttest_rel(a, b))})
out["ttestRel"] = cases

# correlations ---------------------------------------------------------------
cases = []
for n in [2, 3, 4, 5, 20, 100, 1000]:
    for alt in ALTS:
        x = sample(n)
        y = [0.6 * v + w for v, w in zip(x, sample(n))]
        r = stats.pearsonr(x, y, alternative=alt)
        ci = r.confidence_interval()
        ci90 = r.confidence_interval(0.9)
        cases.append({"x": x, "y": y, "options": {"alternative": alt}, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue),
                      "ci": enc([ci.low, ci.high]), "ci90": enc([ci90.low, ci90.high])})
x = sample(200)
y = [v + 0.01 * w for v, w in zip(x, sample(200))]
r = stats.pearsonr(x, y)
cases.append({"x": x, "y": y, "options": {}, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue),
              "ci": enc(r.confidence_interval()), "ci90": enc(r.confidence_interval(0.9))})
for x, y in [([1.0, 2.0], [3.0, 1.0]), ([1.0, 1.0, 1.0], [1.0, 2.0, 3.0]), ([1.0, 2.0, 3.0, 4.0], [2.0, 4.0, 6.0, 8.0])]:
    r = stats.pearsonr(x, y)
    cases.append({"x": x, "y": y, "options": {}, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue),
                  "ci": enc(r.confidence_interval()), "ci90": enc(r.confidence_interval(0.9))})
out["pearsonr"] = cases

cases = []
for n in [3, 5, 10, 50, 500]:
    for alt in ALTS:
        x = sample(n)
        y = [v + w for v, w in zip(x, sample(n))]
        if n >= 10:  # ties: round to one decimal
            x = [round(v, 1) for v in x]
            y = [round(v, 1) for v in y]
        r = stats.spearmanr(x, y, alternative=alt)
        cases.append({"a": x, "b": y, "options": {"alternative": alt}, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue)})
for x, y in [([1.0], [2.0]), ([1.0, 2.0], [2.0, 1.0]), ([1.0, 2.0, 3.0], [1.0, 1.0, 1.0]), ([1.0, 2.0, 3.0, 4.0], [1.0, 3.0, 2.0, 4.0]),
             ([1.0, 2.0, 3.0, 4.0, 5.0], [5.0, 6.0, 7.0, 8.0, 7.0])]:
    r = stats.spearmanr(x, y)
    cases.append({"a": x, "b": y, "options": {}, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue)})
out["spearmanr"] = cases

cases = []
for n in [3, 5, 10, 33, 34, 60, 400]:
    for alt in ALTS:
        x = sample(n)
        y = [v + w for v, w in zip(x, sample(n))]
        r = stats.kendalltau(x, y, alternative=alt)
        cases.append({"x": x, "y": y, "options": {"alternative": alt}, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue)})
        xt = [round(v) for v in x]  # ties: asymptotic
        r = stats.kendalltau(xt, y, alternative=alt)
        cases.append({"x": [float(v) for v in xt], "y": y, "options": {"alternative": alt}, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue)})
x = list(map(float, range(50)))
for y in [x[:], x[:2][::-1] + x[2:], x[::-1]]:  # min(dis, tot - dis) <= 1: exact at n = 50
    for alt in ALTS:
        r = stats.kendalltau(x, y, alternative=alt)
        cases.append({"x": x, "y": y, "options": {"alternative": alt}, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue)})
for x, y in [([1.0], [2.0]), ([1.0, 2.0], [2.0, 1.0]), ([1.0, 1.0, 1.0], [1.0, 2.0, 3.0]), ([12.0, 2.0, 1.0, 12.0, 2.0], [1.0, 4.0, 7.0, 1.0, 0.0]),
             ([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 4.0, 3.0])]:
    r = stats.kendalltau(x, y)
    cases.append({"x": x, "y": y, "options": {}, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue)})
x = sample(200)
y = [v + 3 * w for v, w in zip(x, sample(200))]
for alt in ALTS:  # method 'exact' past 170!: scipy's normalised float recurrence
    r = stats.kendalltau(x, y, method="exact", alternative=alt)
    cases.append({"x": x, "y": y, "options": {"alternative": alt, "method": "exact"}, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue)})
for x, y in [([1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 3.0], [1.0, 2.0, 2.0, 1.0, 1.0, 2.0, 2.0]), (sample(30), sample(30))]:
    for alt in ALTS:
        r = stats.kendalltau(x, y, variant="c", alternative=alt)
        cases.append({"x": x, "y": y, "options": {"alternative": alt, "variant": "c"}, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue)})
out["kendalltau"] = cases

# Mann-Whitney ------------------------------------------------------------------
cases = []
for n1, n2 in [(1, 1), (3, 4), (8, 8), (8, 9), (9, 9), (5, 40), (30, 25), (200, 150)]:
    for alt in ALTS:
        x, y = sample(n1), sample(n2, 0.5)
        r = stats.mannwhitneyu(x, y, alternative=alt)
        cases.append({"x": x, "y": y, "options": {"alternative": alt}, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue)})
    xt, yt = [round(v) for v in sample(n1)], [round(v) for v in sample(n2, 0.5)]  # ties
    for cont in [True, False]:
        r = stats.mannwhitneyu(xt, yt, use_continuity=cont)
        cases.append({"x": [float(v) for v in xt], "y": [float(v) for v in yt], "options": {"useContinuity": cont},
                      "statistic": enc(r.statistic), "pvalue": enc(r.pvalue)})
x, y = sample(12), sample(15)
for m in ["exact", "asymptotic"]:
    r = stats.mannwhitneyu(x, y, method=m)
    cases.append({"x": x, "y": y, "options": {"method": m}, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue)})
for x, y in [([19.0, 22.0, 16.0, 29.0, 24.0], [20.0, 11.0, 17.0, 12.0]), ([1.0, 1.0], [1.0, 1.0, 1.0])]:
    r = stats.mannwhitneyu(x, y)
    cases.append({"x": x, "y": y, "options": {}, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue)})
x, y = [1.0, 2.0, 2.5, 4.0], [2.5, 3.0, 5.0, 6.0, 7.0]  # forced exact with a tie: U = 2.5 is truncated as scipy does
for alt in ALTS:
    r = stats.mannwhitneyu(x, y, method="exact", alternative=alt)
    cases.append({"x": x, "y": y, "options": {"method": "exact", "alternative": alt}, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue)})
out["mannwhitneyu"] = cases

# f_oneway ------------------------------------------------------------------------
cases = []
for sizes in [(2, 2), (3, 4, 5), (10, 10, 10, 10), (50, 20, 35), (300, 200)]:
    for eq in [True, False]:
        samples = [sample(n, 0.2 * i, 1.0 + 0.3 * i) for i, n in enumerate(sizes)]
        r = stats.f_oneway(*samples, equal_var=eq)
        cases.append({"samples": samples, "options": {"equalVar": eq}, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue)})
for samples in [[[1.0, 2.0], []], [[1.0], [2.0]], [[1.0, 1.0], [2.0, 2.0]], [[1.0, 1.0], [1.0, 1.0]], [[1.0, 2.0], [3.0]],
                [[1.0, 2.0, 3.0], [2.0, 3.0, 4.0], [5.0, 6.0, 7.0]]]:
    r = stats.f_oneway(*samples)
    cases.append({"samples": samples, "options": {}, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue)})
out["fOneway"] = cases

# chi2_contingency -------------------------------------------------------------------
cases = []
tables = [[[10, 20], [30, 40]], [[12, 5], [3, 9]], [[1, 0], [0, 1]], [[10, 10, 20], [20, 20, 20]], [[5, 4, 3, 2], [2, 3, 4, 5], [7, 1, 1, 7]],
          [[100, 150, 90], [80, 170, 100], [30, 20, 90]], [[3, 5, 7]], [[2.5, 3.5], [1.25, 8.0]], [[1000, 1], [1, 1000]]]
for t in tables:
    for corr in [True, False]:
        r = stats.chi2_contingency(t, correction=corr)
        cases.append({"observed": enc(t), "options": {"correction": corr}, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue),
                      "dof": int(r.dof), "expectedFreq": enc(r.expected_freq)})
out["chi2Contingency"] = cases

# shapiro ---------------------------------------------------------------------------
cases = []
for n in [3, 4, 5, 6, 7, 10, 11, 12, 20, 50, 200, 1000]:
    for kind in ["normal", "exponential"]:
        x = sample(n, 1.0, 2.0) if kind == "normal" else [float(v) for v in rng.exponential(1.0, n)]
        r = stats.shapiro(x)
        cases.append({"x": x, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue)})
for x in [[1.0, 2.0], [1.0, 1.0, 1.0], [1.0, 1.0, 2.0], [3.0, 1.0, 2.0, 7.0], [1.0, 2.0, 3.0, 4.0, 5.5], [2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.1]]:
    r = stats.shapiro(x)
    cases.append({"x": x, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue)})
out["shapiro"] = cases


# ks_2samp ---------------------------------------------------------------------------
def exact_ks_p(n1, n2, h_g, two_sided):
    """P(D >= d) by counting lattice paths exactly with Python integers."""
    paths = [[0] * (n2 + 1) for _ in range(n1 + 1)]
    for i in range(n1 + 1):
        for j in range(n2 + 1):
            diff = i * n2 - j * n1
            if diff >= h_g or (two_sided and -diff >= h_g):
                paths[i][j] = 0
                continue
            if i == 0 and j == 0:
                paths[i][j] = 1
                continue
            paths[i][j] = (paths[i - 1][j] if i else 0) + (paths[i][j - 1] if j else 0)
    return 1 - mpmath.mpf(paths[n1][n2]) / math.comb(n1 + n2, n1)


def ks(x, y, opts):
    r = stats.ks_2samp(x, y, alternative=opts.get("alternative", "two-sided"), method=opts.get("method", "auto"))
    case = {"data1": x, "data2": y, "options": opts, "statistic": enc(r.statistic), "pvalue": enc(r.pvalue),
            "statisticLocation": enc(r.statistic_location), "statisticSign": int(r.statistic_sign)}
    n1, n2 = len(x), len(y)
    exact = opts.get("method", "auto") != "asymp" and max(n1, n2) <= 600
    if exact and r.pvalue < 1:
        g = math.gcd(n1, n2)
        h = round(r.statistic * (n1 // g) * n2)
        p = exact_ks_p(n1, n2, h * g, opts.get("alternative", "two-sided") == "two-sided")
        if abs(p - r.pvalue) > 1e-13 * p:
            case["pvalueExact"] = float(p)
    return case


cases = []
for n1, n2 in [(1, 1), (3, 5), (10, 10), (20, 30), (50, 50), (100, 37), (400, 600)]:
    for alt in ALTS:
        cases.append(ks(sample(n1), sample(n2, 0.4), {"alternative": alt}))
    cases.append(ks([round(v) for v in sample(n1)], [round(v) for v in sample(n2, 0.4)], {}))  # ties
x, y = sample(60), sample(45, 1.5)  # far apart: tiny p-values
for alt in ALTS:
    cases.append(ks(x, y, {"alternative": alt}))
x, y = sample(70), sample(90, 0.3)
for alt in ALTS:
    cases.append(ks(x, y, {"alternative": alt, "method": "asymp"}))
cases.append(ks([0.61, 0.29, 0.06, 0.59, -1.73], [-0.62, 1.2, 0.5, 3.1, 2.4, 2.9], {}))
x, y = sample(700, digits=3), sample(800, 0.1, digits=3)  # one-sided, binom overflows: scipy falls back to asymp
cases.append(ks(x, y, {"alternative": "greater"}))
x, y = sample(10001, digits=2), sample(30, 0.5, digits=2)  # > 10000: asymptotic
for alt in ALTS:
    cases.append(ks(x, y, {"alternative": alt}))
out["ks2samp"] = cases

# distribution helpers ------------------------------------------------------------------
out["kstwoSf"] = [{"n": n, "d": d, "sf": float(stats.kstwo.sf(d, n))}
                  for n in [1, 2, 5, 20, 50, 140, 141, 500, 5000, 40000]
                  for d in [0.001, 0.01, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6, 0.9]]
# Ruben-Gambino lower end (1/2n < d <= 1/n), n above and below 140, and n d just below n - 1.
out["kstwoSf"] += [{"n": n, "d": d, "sf": float(stats.kstwo.sf(d, n))} for n, d in [(100, 0.008), (500, 0.0015), (5000, 0.00019), (20, 0.96)]]
out["kolmogorovSf"] = [{"x": x, "sf": float(stats.kstwobign.sf(x))} for x in [0.03, 0.1, 0.3, 0.5, 0.8, 0.82, 0.83, 1.0, 1.3580986393225505, 2.0, 4.0, 8.0]]
out["normalQuantile"] = [{"p": p, "q": float(mpmath.sqrt(2) * mpmath.erfinv(2 * mpmath.mpf(p) - 1)) if 1e-15 < p < 1 - 1e-15 else float(stats.norm.ppf(p))}
                         for p in [1e-300, 1e-20, 1e-10, 0.001, 0.025, 0.3, 0.5, 0.7, 0.95, 0.975, 0.999, 1 - 1e-10]]


# Offset data where scipy loses digits (x - mean in float64 on values near 1e9):
# exact values by mpmath on the decimals written.
def mp_list(a):
    return [mpmath.mpf(repr(v)) for v in a]


def exact_pearson(x, y):
    X, Y = mp_list(x), mp_list(y)
    n = len(X)
    mx, my = sum(X) / n, sum(Y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(X, Y))
    r = sxy / mpmath.sqrt(sum((a - mx) ** 2 for a in X) * sum((b - my) ** 2 for b in Y))
    ab = mpmath.mpf(n) / 2 - 1
    p = 2 * mpmath.betainc(ab, ab, 0, (1 - abs(r)) / 2, regularized=True)
    h = mpmath.sqrt(2) * mpmath.erfinv(mpmath.mpf("0.95"))
    h90 = mpmath.sqrt(2) * mpmath.erfinv(mpmath.mpf("0.9"))
    z, se = mpmath.atanh(r), 1 / mpmath.sqrt(n - 3)
    return {"statistic": float(r), "pvalue": float(p), "ci": [float(mpmath.tanh(z - h * se)), float(mpmath.tanh(z + h * se))],
            "ci90": [float(mpmath.tanh(z - h90 * se)), float(mpmath.tanh(z + h90 * se))]}


def t_sf_exact(t, df):
    x = df / (df + t * t)
    tail = mpmath.betainc(df / 2, mpmath.mpf(1) / 2, 0, x, regularized=True) / 2
    return tail if t > 0 else 1 - tail


def exact_ttest_ind(a, b):
    A, B = mp_list(a), mp_list(b)
    n1, n2 = len(A), len(B)
    m1, m2 = sum(A) / n1, sum(B) / n2
    ss = sum((v - m1) ** 2 for v in A) + sum((v - m2) ** 2 for v in B)
    df = mpmath.mpf(n1 + n2 - 2)
    t = (m1 - m2) / mpmath.sqrt(ss / df * (mpmath.mpf(1) / n1 + mpmath.mpf(1) / n2))
    return {"statistic": float(t), "pvalue": float(2 * t_sf_exact(abs(t), df)), "df": float(df)}


x = sample(30, 1e9, 0.01, digits=4)
y = [round(1e9 + 0.7 * (v - 1e9) + w, 4) for v, w in zip(x, sample(30, 0.0, 0.01))]
out["pearsonr"].append({"x": x, "y": y, "options": {}, "exact": True, **exact_pearson(x, y)})
a, b = sample(25, 1e9, 0.01, digits=4), sample(20, 1e9 + 0.005, 0.01, digits=4)
out["ttestInd"].append({"a": a, "b": b, "options": {}, "exact": True, **exact_ttest_ind(a, b)})


def exact_t1(d, popmean):
    D = mp_list(d)
    n = len(D)
    m = sum(D) / n
    df = mpmath.mpf(n - 1)
    t = (m - mpmath.mpf(repr(popmean))) / mpmath.sqrt(sum((v - m) ** 2 for v in D) / df / n)
    return {"statistic": float(t), "pvalue": float(2 * t_sf_exact(abs(t), df)), "df": float(df)}


a = sample(15, 1e9, 0.01, digits=4)
out["ttest1samp"].append({"a": a, "popmean": 1e9 + 0.004, "options": {}, "exact": True, **exact_t1(a, 1e9 + 0.004)})
b = [round(v + w, 4) for v, w in zip(a, sample(15, 0.003, 0.004))]
# differences of the decimals are exact in mpmath; recompute from them directly
D = [mpmath.mpf(repr(u)) - mpmath.mpf(repr(v)) for u, v in zip(a, b)]
m = sum(D) / len(D)
t = m / mpmath.sqrt(sum((v - m) ** 2 for v in D) / (len(D) - 1) / len(D))
out["ttestRel"].append({"a": a, "b": b, "options": {}, "exact": True, "statistic": float(t),
                        "pvalue": float(2 * t_sf_exact(abs(t), mpmath.mpf(len(D) - 1))), "df": float(len(D) - 1)})


# Fuzz: many small random cases (n = 1..13; integer, one-decimal or continuous
# values, so ties, constant inputs and minimum sizes all occur) for every
# function, as {fn, args, options, expected}; scipy errors are skipped.
fuzz_rng = np.random.default_rng(11)


def draw(n):
    kind = fuzz_rng.integers(3)
    if kind == 0:
        return [float(v) for v in fuzz_rng.integers(0, 4, n)]
    if kind == 1:
        return [float(v) for v in np.round(fuzz_rng.normal(size=n), 1)]
    return [float(v) for v in fuzz_rng.normal(size=n)]


def fuzz_case(fn, args, options, call):
    try:
        expected = {k: enc(v) for k, v in call().items()}
    except ValueError:
        return
    out["fuzz"].append({"fn": fn, "args": args, "options": options, "expected": expected})


def sp(r):
    return {"statistic": r.statistic, "pvalue": r.pvalue}


def spd(r):
    return {"statistic": r.statistic, "pvalue": r.pvalue, "df": r.df}


out["fuzz"] = []
for it in range(120):
    x, y, yp = draw(int(fuzz_rng.integers(1, 14))), draw(int(fuzz_rng.integers(1, 14))), None
    yp = draw(len(x))
    alt = ALTS[int(fuzz_rng.integers(3))]
    eq, bias = bool(it % 2), bool(it % 3)
    o = {"alternative": alt}
    fuzz_case("describe", [x], {"bias": bias}, lambda: (lambda r: {"mean": r.mean, "variance": r.variance, "skewness": r.skewness,
                                                                   "kurtosis": r.kurtosis})(stats.describe(x, bias=bias)))
    fuzz_case("pearsonr", [x, yp], o, lambda: sp(stats.pearsonr(x, yp, alternative=alt)))
    fuzz_case("spearmanr", [x, yp], o, lambda: sp(stats.spearmanr(x, yp, alternative=alt)))
    fuzz_case("kendalltau", [x, yp], o, lambda: sp(stats.kendalltau(x, yp, alternative=alt)))
    fuzz_case("ttest1samp", [x, 0.3], o, lambda: spd(stats.ttest_1samp(x, 0.3, alternative=alt)))
    fuzz_case("ttestInd", [x, y], {"alternative": alt, "equalVar": eq}, lambda: spd(stats.ttest_ind(x, y, alternative=alt, equal_var=eq)))
    fuzz_case("ttestRel", [x, yp], o, lambda: spd(stats.ttest_rel(x, yp, alternative=alt)))
    fuzz_case("mannwhitneyu", [x, y], o, lambda: sp(stats.mannwhitneyu(x, y, alternative=alt)))
    fuzz_case("ks2samp", [x, y], o, lambda: sp(stats.ks_2samp(x, y, alternative=alt)))
    fuzz_case("fOneway", [x, y, yp], {"equalVar": eq}, lambda: sp(stats.f_oneway(x, y, yp, equal_var=eq)))
    fuzz_case("shapiro", [x], {}, lambda: sp(stats.shapiro(x)))
    table = fuzz_rng.integers(0, 6, size=(int(fuzz_rng.integers(1, 4)), int(fuzz_rng.integers(1, 4)))).tolist()
    fuzz_case("chi2Contingency", [table], {"correction": eq},
              lambda: (lambda r: {"statistic": r.statistic, "pvalue": r.pvalue, "dof": r.dof})(stats.chi2_contingency(table, correction=eq)))


def dump():
    path = write_fixture("scipy_stats.json", out)
    print(path, path.stat().st_size, "bytes")


if __name__ == "__main__":
    dump()
