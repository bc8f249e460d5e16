"""Golden values for linregress: the exact answer for the decimal inputs.

Run from packages/stats-core: python3 golden/linregress.py
Writes tests/fixtures/golden/linregress.json. Each input is taken as the
decimal its shortest round-trip string writes (Python's repr and JavaScript's
String() print the same digits), the sums are exact rationals (fractions),
square roots and the Student t tail are mpmath at 60 digits, and each value is
rounded once to float64. scipy 1.17's linregress runs on the same data; where
it differs from the exact value by more than 1e-10 relative the case and field
are listed under "scipy_off" (its stderr loses digits through 1 - r^2 and its
p for a perfect fit carries a 1e-20 fudge).

n = 2 and constant y follow scipy 1.17's conventions (see the JSON "note").
"""

import json
import math
import pathlib
from fractions import Fraction

import mpmath
import numpy as np
import scipy
from scipy import stats
from common import dec, mp

mpmath.mp.dps = 60
FIELDS = ["slope", "intercept", "rvalue", "pvalue", "stderr", "intercept_stderr"]


def t_tail(num, den, df, upper):
    """P(T > t) if upper else P(T < t), where t^2 = df num^2 / den, t has the sign of num."""
    if den == 0:  # perfect fit: t = +-inf
        positive = num > 0
        return mpmath.mpf(0) if positive == upper else mpmath.mpf(1)
    c2 = Fraction(num * num)
    x = mp(Fraction(den) / (den + c2))  # df / (df + t^2), exact until here
    half = mpmath.betainc(mpmath.mpf(df) / 2, mpmath.mpf(1) / 2, 0, x, regularized=True) / 2
    # half = P(T > |t|)
    positive = num > 0
    return half if positive == upper else 1 - half


def exact(x, y, alternative):
    n = len(x)
    X = [dec(v) for v in x]
    Y = [dec(v) for v in y]
    sx, sy = sum(X), sum(Y)
    sxx = sum(a * a for a in X)
    syy = sum(b * b for b in Y)
    sxy = sum(a * b for a, b in zip(X, Y))
    cxx = n * sxx - sx * sx
    cyy = n * syy - sy * sy
    cxy = n * sxy - sx * sy
    slope = cxy / cxx
    intercept = (sy - slope * sx) / n
    if cyy == 0:  # constant y: scipy 1.17's conventions
        two = n == 2
        return {"slope": 0.0, "intercept": float(intercept), "rvalue": None,
                "pvalue": 1.0 if two else None, "stderr": 0.0 if two else None,
                "intercept_stderr": 0.0 if two else None}
    r = mp(cxy) / mpmath.sqrt(mp(cxx) * mp(cyy))
    if n == 2:
        return {"slope": float(slope), "intercept": float(intercept),
                "rvalue": float(mpmath.sign(r)), "pvalue": 0.0, "stderr": 0.0,
                "intercept_stderr": 0.0}
    df = n - 2
    residual = cxx * cyy - cxy * cxy
    stderr = mpmath.sqrt(mp(residual / (df * cxx * cxx)))
    istderr = mpmath.sqrt(mp(residual * sxx / (df * n * cxx * cxx)))
    den = residual  # t^2 = df cxy^2 / residual
    if alternative == "two-sided":
        p = 2 * t_tail(abs(cxy), den, df, True)
    else:
        p = t_tail(cxy, den, df, alternative == "greater")
    return {"slope": float(slope), "intercept": float(intercept), "rvalue": float(r),
            "pvalue": float(min(p, 1)), "stderr": float(stderr),
            "intercept_stderr": float(istderr)}


cases = []
scipy_off = []


def add(name, x, y, alternative="two-sided"):
    x = [float(v) for v in x]
    y = [float(v) for v in y]
    want = exact(x, y, alternative)
    got = stats.linregress(x, y, alternative=alternative)
    for f in FIELDS:
        s, e = float(getattr(got, f)), want[f]
        if e is None:
            continue
        err = abs(s - e) / abs(e) if e != 0 else abs(s)
        if not err <= 1e-10:
            scipy_off.append({"case": name, "field": f, "scipy": s, "exact": e,
                              "relative_error": err if math.isfinite(err) else str(err)})
    cases.append({"name": name, "alternative": alternative, "x": x, "y": y, "expected": want})


# The seed's own example (the scipy docstring data under a fixed seed).
np.random.seed(12345678)
x = np.random.random(10)
y = 1.6 * x + np.random.random(10)
add("seed example (np.random.seed(12345678))", x, y)
add("seed example, greater", x, y, "greater")
add("seed example, less", x, y, "less")

rng = np.random.default_rng(20260601)
for n in [3, 4, 5, 8, 13, 30, 100, 400, 1500, 5000]:
    x = rng.normal(size=n) * rng.uniform(0.1, 10)
    y = rng.uniform(-3, 3) * x + rng.normal(size=n) * rng.uniform(0.1, 5)
    add(f"random n={n}", x, y)
for n in [6, 50]:
    x = rng.random(n)
    y = -0.5 * x + rng.random(n)
    add(f"random n={n}, less", x, y, "less")
    add(f"random n={n}, greater", x, y, "greater")
x = rng.random(40)
add("uncorrelated n=40", x, rng.random(40))

x = rng.random(200)
add("slope near 1e6", x, 1e6 * x + rng.normal(size=200))
add("slope near -1e6, noise 1e-3", x, -1.0000003e6 * x + 1e-3 * rng.normal(size=200))
x = 1e9 + rng.random(300)
add("x offset 1e9", x, 2.5 * (x - 1e9) + rng.random(300))
add("x and y offset 1e9", x, 1e9 + 3 * (x - 1e9) + rng.normal(size=300))
x = 1e-9 * rng.random(100)
add("scale 1e-9", x, 1e-9 * (0.7 * x / 1e-9 + rng.random(100)))
add("scale 1e-9 in y only", rng.random(100), 1e-9 * rng.random(100))

xs = [i / 10 for i in range(1, 13)]
add("perfect fit in decimal", xs, [float(2 * dec(v) + Fraction(1, 2)) for v in xs])
add("perfect fit, greater", xs, [float(2 * dec(v) + Fraction(1, 2)) for v in xs], "greater")
add("perfect fit 3 points", [1, 2, 3], [2, 4, 6])
add("perfect fit 3 points, less", [1, 2, 3], [2, 4, 6], "less")
add("near-perfect fit (1e-12 noise)", xs, [2 * v + 0.5 + 1e-12 * math.sin(7 * v) for v in xs])
add("constant y", [1, 2, 3, 4], [5, 5, 5, 5])
add("ties in x", [1, 1, 2, 2, 2, 3, 3, 5], [1.2, 0.8, 2.1, 1.9, 2.3, 2.9, 3.2, 5.1])
add("ties in y", [0.5, 1.5, 2.5, 3.5, 4.5], [1, 1, 2, 2, 2])
add("n = 2", [1.5, 4.25], [-2.0, 7.125])
add("n = 2 descending, less", [1.0, 2.0], [7.0, 5.0], "less")
add("n = 2 equal y", [1.0, 2.0], [5.0, 5.0])

# Short decimals (the exact-integer lane): slope and intercept are the exact
# rationals rounded once, which the lane must hit bit for bit. Own generator,
# so the cases below keep their draws.
short = np.random.default_rng(20261208)
add("short decimals: the README's 5 points", [1, 2, 3, 4, 5], [2.1, 3.9, 6.2, 7.8, 10.1])
add("short decimals: 6 points, intercept -4/75", [1, 2, 3, 4, 5, 6],
    [2.1, 3.9, 6.2, 7.8, 10.1, 12.3])
x = [round(v, 2) for v in short.uniform(10, 100, 50)]
add("money, 2 places, n=50", x, [round(1.5 * v + 5 * short.normal(), 2) for v in x])
x = [float(v) for v in short.integers(0, 100, 40)]
add("counts against 1-place y, n=40", x, [round(0.3 * v + short.normal(), 1) for v in x])
x = [round(v, 3) for v in short.uniform(0, 5, 30)]
add("3-place x against integer y, n=30", x, [float(round(7 * v + short.normal())) for v in x])
x = [round(1e6 + v, 3) for v in short.uniform(0, 10, 200)]
add("offset 1e6 with 3 places, n=200", x,
    [round(2 * (v - 1e6) + 3 + short.normal(), 2) for v in x])
x = [round(v, 2) for v in short.uniform(-5, 5, 25)]
add("negative slope, 2 places, n=25", x, [round(-0.7 * v + 0.4 * short.normal(), 2) for v in x],
    "less")

# Tiny p-values: scale the noise so that p lands near 1e-290.
for n in [30, 1000]:
    x = np.linspace(0, 1, n)
    e = rng.normal(size=n)
    lo, hi = 1e-16, 1.0
    for _ in range(200):
        mid = math.sqrt(lo * hi)
        p = exact(list(x), list(x + mid * e), "two-sided")["pvalue"]
        lo, hi = (lo, mid) if p > 1e-290 else (mid, hi)
    sigma = float(f"{lo:.3g}")
    add(f"p near 1e-290, n={n}", x, x + sigma * e)
    add(f"p near 1e-290, n={n}, greater", x, x + sigma * e, "greater")

out = {
    "source": f"golden/linregress.py (scipy {scipy.__version__}, mpmath {mpmath.__version__}, "
    "exact rationals from the decimal inputs)",
    "note": "null = NaN. n = 2 and constant y follow scipy 1.17: constant y gives NaN "
    "rvalue/pvalue/stderrs (n = 2: pvalue 1, stderrs 0); n = 2 gives pvalue 0, stderrs 0.",
    "cases": cases,
    "scipy_off": scipy_off,
}
path = pathlib.Path(__file__).parent.parent / "tests" / "fixtures" / "golden" / "linregress.json"
path.write_text(json.dumps(out, indent=None, separators=(",", ":")) + "\n")
print(f"{len(cases)} cases, {len(scipy_off)} scipy deviations, {path.stat().st_size} bytes")
for o in scipy_off:
    print("  scipy off:", o["case"], o["field"], o["relative_error"])
