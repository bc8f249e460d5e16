"""Reference values for the playground's plot specifications.

Run from packages/playground: python3 golden/plots.py
Writes tests/fixtures/plots.json:
- "mean_intervals": the mean and its two-sided 95% Student t interval,
  scipy 1.17 stats.t.interval(0.95, n - 1, loc=mean, scale=sem), for the
  strip plots' means and rules;
- "blom": standard normal quantiles at Blom's positions (i - 3/8) / (n + 1/4),
  scipy stats.norm.ppf, for the Q-Q plots.
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
(HERE.parent / "tests" / "fixtures" / "plots.json").write_text(json.dumps(out, indent=1) + "\n")
