/**
 * Benchmark: the robust statistics against scipy 1.17 on the same data
 * (theilslopes and siegelslopes are O(n^2); the one-sample functions O(n)).
 * The same pseudo-random series is written to a temporary file and timed
 * by python3 with scipy (median of the same number of runs), so the two
 * columns are side by side. Informational: nothing is asserted.
 *
 * Run: pnpm --filter @lambda-stats/stats-core bench:robust   (needs python3 with scipy)
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandLine } from '@lambda-stats/lambda-kit/cli';
import { lcg32 } from '@lambda-stats/lambda-kit/random';
import { iqr, medianAbsDeviation, siegelslopes, theilslopes, zscore } from '../src/index';
import { time } from './timing';

commandLine(
  {},
  'usage: pnpm --filter @lambda-stats/stats-core bench:robust (no flags; needs python3 with scipy)',
);

const uniform = lcg32(20261206);
const normal = () =>
  Math.sqrt(-2 * Math.log(uniform() + 1e-300)) * Math.cos(2 * Math.PI * uniform());

const PY = `
import json, sys, time, numpy as np
from scipy import stats
d = json.load(open(sys.argv[1]))
x = np.array(d["x"]); y = np.array(d["y"]); runs = d["runs"]
fns = {
  "theilslopes": lambda: stats.theilslopes(y, x),
  "siegelslopes": lambda: stats.siegelslopes(y, x),
  "median_abs_deviation": lambda: stats.median_abs_deviation(y),
  "iqr": lambda: stats.iqr(y),
  "zscore": lambda: stats.zscore(y),
}
out = {}
for name in d["names"]:
  f = fns[name]; f(); ts = []
  for _ in range(runs):
    t0 = time.perf_counter(); f(); ts.append((time.perf_counter() - t0) * 1000)
  out[name] = sorted(ts)[len(ts) // 2]
print(json.dumps(out))
`;

const dir = mkdtempSync(join(tmpdir(), 'bench-robust-'));
try {
  console.log(
    `${'function'.padEnd(22)} ${'n'.padStart(7)} ${'ours ms'.padStart(10)} ${'scipy ms'.padStart(10)}  ratio`,
  );
  for (const n of [1_000, 10_000]) {
    const x = Float64Array.from({ length: n }, () => uniform() * 100);
    const y = Float64Array.from(x, (v) => 3 + 0.5 * v + normal() * 4);
    const runs = n > 5000 ? 3 : 7;
    const ours: Record<string, number> = {
      theilslopes: time(() => theilslopes(y, x), runs),
      siegelslopes: time(() => siegelslopes(y, x), runs),
      median_abs_deviation: time(() => medianAbsDeviation(y), runs),
      iqr: time(() => iqr(y), runs),
      zscore: time(() => zscore(y), runs),
    };
    const file = join(dir, `data-${n}.json`);
    writeFileSync(
      file,
      JSON.stringify({ x: Array.from(x), y: Array.from(y), runs, names: Object.keys(ours) }),
    );
    const theirs = JSON.parse(
      execFileSync('python3', ['-c', PY, file], { encoding: 'utf8' }),
    ) as Record<string, number>;
    for (const [name, ms] of Object.entries(ours)) {
      const s = theirs[name] as number;
      const ratio = ms <= s ? `${(s / ms).toFixed(2)}x faster` : `${(ms / s).toFixed(2)}x slower`;
      console.log(
        `${name.padEnd(22)} ${String(n).padStart(7)} ${ms.toFixed(2).padStart(10)} ${s.toFixed(2).padStart(10)}  ${ratio}`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
