"""Golden values for polyfit's exact lane on short decimals (values on a
large offset, near-collinear x, no intercept): the least-squares fit of the
decimals as written, in exact rational arithmetic.

Run from packages/stats-core: python3 golden/polyfit_exact.py
Writes tests/fixtures/golden/polyfit_exact.json.

Each case holds x and y (decimals with a fixed number of places, from a
seeded numpy generator) and, for the polynomial of the given degree
(with or without the constant term):
- the coefficients, the standard errors, the residual standard deviation,
  R^2, adjusted R^2 and F, from X^T X and X^T y as exact fractions
  (Gauss-Jordan on Fractions), square roots in mpmath at 60 digits, each
  rounded once to float64;
- the 2-norm condition number of the design in powers of x: the square root
  of the extreme eigenvalues' ratio of the exact X^T X, in mpmath at 200
  digits (the float64 QR cannot resolve it: about 4e44 for values near 1e9).
numpy.polyfit is not the reference: on these designs it loses most digits.
"""

from fractions import Fraction

import mpmath
import numpy as np

from common import dec, write_fixture

mpmath.mp.dps = 200


def case(name, seed, n, offset, spread, places, degree, intercept=True, slope=0.8):
    rng = np.random.default_rng(seed)
    dx = rng.standard_normal(n)
    dy = slope * dx + 0.6 * rng.standard_normal(n)
    # The double nearest each decimal of `places` places: it prints as that decimal.
    written = lambda v: float(f"{v:.{places}f}")
    x = [written(offset + spread * v) for v in dx]
    y = [written(offset + spread * v) for v in dy]
    return {"name": name, "x": x, "y": y, "degree": degree, "intercept": intercept}


def solve(c):
    x = [dec(v) for v in c["x"]]
    y = [dec(v) for v in c["y"]]
    first = 0 if c["intercept"] else 1
    powers = list(range(first, c["degree"] + 1))
    p = len(powers)
    n = len(x)
    gram = [[sum(v ** (a + b) for v in x) for b in powers] for a in powers]
    rhs = [sum(v**a * w for v, w in zip(x, y)) for a in powers]
    # Gauss-Jordan on [G | r | I]
    m = [gram[i][:] + [rhs[i]] + [Fraction(int(i == j)) for j in range(p)] for i in range(p)]
    for k in range(p):
        piv = m[k][k]
        m[k] = [v / piv for v in m[k]]
        for i in range(p):
            if i != k and m[i][k] != 0:
                f = m[i][k]
                m[i] = [a - f * b for a, b in zip(m[i], m[k])]
    b = [m[i][p] for i in range(p)]
    inv_diag = [m[j][p + 1 + j] for j in range(p)]
    rss = sum((w - sum(bj * v**a for bj, a in zip(b, powers))) ** 2 for v, w in zip(x, y))
    sy = sum(y)
    tss = sum(w * w for w in y) - (sy * sy / n if c["intercept"] else 0)
    df = n - p
    k0 = 1 if c["intercept"] else 0
    s2 = rss / df
    r2 = 1 - rss / tss
    sqrt = lambda q: float(mpmath.sqrt(mpmath.mpf(q.numerator) / q.denominator))
    G = mpmath.matrix([[mpmath.mpf(v.numerator) / v.denominator for v in row] for row in gram])
    ev = mpmath.eigsy(G)[0]
    evs = [ev[i] for i in range(p)]
    return {
        "coefficients": [float(v) for v in b],
        "standardErrors": [sqrt(s2 * g) for g in inv_diag],
        "residualStandardDeviation": sqrt(s2),
        "rSquared": float(r2),
        "adjustedRSquared": float(1 - (1 - r2) * (n - k0) / df),
        "fStatistic": float((tss - rss) / (p - k0) / s2),
        "conditionNumber": float(mpmath.sqrt(max(evs) / min(evs))),
    }


CASES = [
    case("1e9, 3 places, degree 3 (the bench's offset shape)", 1, 400, 1e9, 1000, 3, 3),
    case("1e9, 3 places, degree 1", 2, 200, 1e9, 1000, 3, 1),
    case("-5e7, 2 places, degree 2", 3, 300, -5e7, 500, 2, 2),
    case("1e12, 1 place, degree 3", 4, 250, 1e12, 2000, 1, 3),
    case("near-collinear: 1e6 + 0.001 steps, 4 places, degree 3", 5, 300, 1e6, 0.01, 4, 3),
    case("two places around 500, degree 3, no intercept", 6, 300, 500, 200, 2, 3, intercept=False),
]

if __name__ == "__main__":
    out = []
    for c in CASES:
        c["expected"] = solve(c)
        out.append(c)
    print(write_fixture("polyfit_exact.json", {"cases": out}))
