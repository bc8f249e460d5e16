"""Golden values for the rank statistics at sizes where stats-core radix-sorts
(4096 values and more), on data both sides generate from a seed.

Run from packages/stats-core: python3 golden/rank_large.py
Writes tests/fixtures/golden/rank_large.json. Reference: scipy 1.17.

The samples are not stored: they come from a 32-bit LCG and only exact
float64 operations (integer scaling, powers of two, halves), so
tests/rankLarge.test.ts rebuilds the same doubles bit for bit (it checks a
few stored values first). Shapes: full-precision doubles of both signs over
sixty binary orders of magnitude with some -0 and 0; a grid of 41 halves
(many ties); small integers. spearmanr also carries its statistic from exact
integer sums of the doubled centred ranks (statisticExact), the value the
compensated sums must round to, at a size where plain float64 sums drift.
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
mpmath.mp.dps = 40


class Lcg:
    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def next(self):
        self.state = (self.state * 1664525 + 1013904223) & 0xFFFFFFFF
        return self.state


def doubles(rng, n):
    out = []
    for _ in range(n):
        a, b, c = rng.next(), rng.next(), rng.next()
        u = ((a >> 5) * 67108864 + (b >> 6)) / 2**53
        v = u * 2.0 ** ((c >> 1) % 61 - 30)
        if c % 97 == 0:
            v = -0.0
        elif c % 89 == 0:
            v = 0.0
        out.append(-v if c & 1 else v)
    return out


def grid(rng, n):
    return [(rng.next() % 41) / 2 for _ in range(n)]


def small_int(rng, n):
    return [float(rng.next() % 101) for _ in range(n)]


def partner(rng, x, kind):
    """y paired with x: x plus noise of about its own spread (weak correlation, so
    the p-values are not 0), by exact operations only."""
    out = []
    for v in x:
        c = rng.next()
        if kind == "doubles":
            out.append(v * 0.5 + (c / 2**32 - 0.5) * 2.0 ** ((c >> 3) % 61 - 30))
        elif kind == "grid":
            out.append(v + ((c % 61) - 30) / 2)
        else:
            out.append(v + float(c % 301) - 150)
    return out


MAKERS = {"doubles": doubles, "grid": grid, "small-int": small_int}


def make(kind, seed, n, paired):
    rng = Lcg(seed)
    x = MAKERS[kind](rng, n)
    y = partner(rng, x, kind) if paired else None
    return x, y


def probe(v):
    """A few values the test checks before trusting its own generation."""
    return [enc(v[0]), enc(v[len(v) // 2]), enc(v[-1])]


def exact_spearman(x, y):
    rx = stats.rankdata(x)
    ry = stats.rankdata(y)
    n = len(x)
    dx = [int(v) for v in 2 * rx - (n + 1)]
    dy = [int(v) for v in 2 * ry - (n + 1)]
    sxy = sum(a * b for a, b in zip(dx, dy))
    sxx = sum(a * a for a in dx)
    syy = sum(b * b for b in dy)
    return float(mpmath.mpf(sxy) / mpmath.sqrt(mpmath.mpf(sxx) * syy))


out = {"scipy": scipy.__version__, "paired": [], "twoSample": [], "oneSample": []}
seed = 1
for kind in MAKERS:
    for n in [5000, 70000]:
        seed += 1
        x, y = make(kind, seed, n, True)
        case = {"kind": kind, "seed": seed, "n": n, "probeX": probe(x), "probeY": probe(y)}
        r = stats.spearmanr(x, y)
        case["spearmanr"] = {"statistic": enc(r.statistic), "pvalue": enc(r.pvalue),
                             "statisticExact": exact_spearman(x, y)}
        r = stats.kendalltau(x, y)
        case["kendalltau"] = {"statistic": enc(r.statistic), "pvalue": enc(r.pvalue)}
        out["paired"].append(case)

        seed += 1
        n2 = n + n // 3
        rng = Lcg(seed)
        a = MAKERS[kind](rng, n)
        b = [v + 0.25 for v in MAKERS[kind](rng, n2)] if kind == "doubles" else MAKERS[kind](rng, n2)
        case = {"kind": kind, "seed": seed, "n1": n, "n2": n2, "probeX": probe(a), "probeY": probe(b)}
        r = stats.mannwhitneyu(a, b)
        case["mannwhitneyu"] = {"statistic": enc(r.statistic), "pvalue": enc(r.pvalue)}
        r = stats.ks_2samp(a, b)
        case["ks2samp"] = {"statistic": enc(r.statistic), "pvalue": enc(r.pvalue),
                           "statisticLocation": enc(r.statistic_location), "statisticSign": int(r.statistic_sign)}
        out["twoSample"].append(case)

        r = stats.shapiro(a)
        out["oneSample"].append({"kind": kind, "seed": seed, "n": n, "probeX": probe(a),
                                 "shapiro": {"statistic": enc(r.statistic), "pvalue": enc(r.pvalue)}})

# One spearmanr past 200,000 pairs, where float64 sums of the squared ranks
# (up to n^3 / 3) stop being exact: only the exact statistic is checked.
seed += 1
x, y = make("doubles", seed, 400000, True)
out["spearmanrExact"] = {"kind": "doubles", "seed": seed, "n": 400000, "probeX": probe(x), "probeY": probe(y),
                         "statisticExact": exact_spearman(x, y),
                         "scipyStatistic": enc(stats.spearmanr(x, y).statistic)}

print(write_fixture("rank_large.json", out))
