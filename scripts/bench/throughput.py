"""Times scipy/numpy on the benchmark's data, driven by bench/throughput.ts.

Reads one JSON command per line on stdin:
  {"prefix": ..., "fn": ..., "budget_ms": ..., "min_runs": ..., "max_runs": ...}
loads <prefix>.{x,y,z}.f64 (little-endian Float64, written by the Node side),
times the scipy/numpy call like the Node side times its own (warm-up, then
batches of at least 1 ms, median of runs; CPU time of the process, as the
Node side: time.process_time) and answers one JSON line:
  {"ms": <median per call>, "runs": ..., "batch": ...}
"""
import json
import sys
import time
import warnings

import numpy as np
from scipy import stats

warnings.simplefilter("ignore")  # shapiro warns above n = 5000; ks_2samp may fall back
_data = {}


def data(prefix):
    if prefix not in _data:
        _data.clear()
        _data[prefix] = tuple(np.fromfile(f"{prefix}.{c}.f64", dtype="<f8") for c in "xyz")
    return _data[prefix]


CALLS = {
    "linregress": lambda x, y, z: stats.linregress(x, y),
    "ols": lambda x, y, z: np.linalg.lstsq(np.column_stack((np.ones(len(x)), x, z)), y, rcond=None),
    "polyfit": lambda x, y, z: np.polyfit(x, y, 3),
    "pearsonr": lambda x, y, z: stats.pearsonr(x, y),
    "spearmanr": lambda x, y, z: stats.spearmanr(x, y),
    "kendalltau": lambda x, y, z: stats.kendalltau(x, y),
    "ttest_ind": lambda x, y, z: stats.ttest_ind(x, y),
    "ttest_rel": lambda x, y, z: stats.ttest_rel(x, y),
    "ttest_1samp": lambda x, y, z: stats.ttest_1samp(x, x[0]),
    "mannwhitneyu": lambda x, y, z: stats.mannwhitneyu(x, y),
    "ks_2samp": lambda x, y, z: stats.ks_2samp(x, y),
    "shapiro": lambda x, y, z: stats.shapiro(x),
    "f_oneway": lambda x, y, z: stats.f_oneway(x, y, z),
    "describe": lambda x, y, z: stats.describe(x),
}


def measure(call, budget_ms, min_runs, max_runs):
    t = time.process_time()
    call()
    first = (time.process_time() - t) * 1e3
    if first >= budget_ms:
        times = [first]
        for _ in range(min_runs - 1):
            t = time.process_time()
            call()
            times.append((time.process_time() - t) * 1e3)
        return {"ms": float(np.median(times)), "runs": min_runs, "batch": 1, "first_ms": first}
    warm_until = time.process_time() + min(0.2 * budget_ms, 200) / 1e3
    while time.process_time() < warm_until:
        call()
    batch = max(1, int(np.ceil(1.0 / max(first, 1e-6))))
    # re-estimate the per-call time after warm-up
    t = time.process_time()
    for _ in range(batch):
        call()
    per = (time.process_time() - t) * 1e3 / batch
    batch = max(1, int(np.ceil(1.0 / max(per, 1e-6))))
    runs = int(min(max_runs, max(min_runs, round(budget_ms / max(per * batch, 1e-6)))))
    times = []
    for _ in range(runs):
        t = time.process_time()
        for _ in range(batch):
            call()
        times.append((time.process_time() - t) * 1e3 / batch)
    return {"ms": float(np.median(times)), "runs": runs, "batch": batch, "first_ms": first}


for line in sys.stdin:
    cmd = json.loads(line)
    x, y, z = data(cmd["prefix"])
    call = CALLS[cmd["fn"]]
    try:
        out = measure(lambda: call(x, y, z), cmd["budget_ms"], cmd["min_runs"], cmd["max_runs"])
    except Exception as e:  # reported, not fatal: the Node side prints it
        out = {"error": f"{type(e).__name__}: {e}"}
    sys.stdout.write(json.dumps(out) + "\n")
    sys.stdout.flush()
