/**
 * Benchmark: linregress on n = 1,000,000 Float64Array points against
 * scipy.stats.linregress on the same data (written to a temporary binary
 * file and timed in a python3 subprocess), median of several runs each.
 * Prints both medians and the ratio. Informational: nothing is asserted.
 *
 * Run: pnpm --filter @lambda-stats/stats-core bench
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { linregress } from '../src/index';

const N = 1_000_000;
const RUNS = 21;

// The seed's example at scale: y = 1.6 x + uniform noise, from a fixed LCG.
let state = 12345678;
const uniform = () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return state / 2 ** 32;
};
const x = new Float64Array(N);
const y = new Float64Array(N);
for (let i = 0; i < N; i++) {
  x[i] = uniform();
  y[i] = 1.6 * (x[i] as number) + uniform();
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

for (let i = 0; i < 5; i++) linregress(x, y); // warm up the JIT
let result = linregress(x, y);

const dir = mkdtempSync(join(tmpdir(), 'linregress-bench-'));
writeFileSync(join(dir, 'x.f64'), new Uint8Array(x.buffer));
writeFileSync(join(dir, 'y.f64'), new Uint8Array(y.buffer));
// A python3 worker that times one scipy.stats.linregress per input line, so
// the two are measured alternately and share whatever load the machine has.
const script = `
import json, sys, time
import numpy as np
from scipy import stats
x = np.fromfile(sys.argv[1], dtype='<f8'); y = np.fromfile(sys.argv[2], dtype='<f8')
for _ in range(3): r = stats.linregress(x, y)
print(json.dumps({"ready": True, "slope": r.slope}), flush=True)
for line in sys.stdin:
    t0 = time.perf_counter(); stats.linregress(x, y); ms = (time.perf_counter() - t0) * 1e3
    print(json.dumps({"ms": ms}), flush=True)
`;
const worker = spawn('python3', ['-c', script, join(dir, 'x.f64'), join(dir, 'y.f64')], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const lines = createInterface({ input: worker.stdout })[Symbol.asyncIterator]();
const next = async () => JSON.parse((await lines.next()).value as string) as Record<string, number>;
try {
  const { slope: scipySlope } = await next();
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    worker.stdin.write('run\n');
    theirs.push((await next()).ms as number);
    const t0 = performance.now();
    result = linregress(x, y);
    ours.push(performance.now() - t0);
  }
  const oursMs = median(ours);
  const scipyMs = median(theirs);
  console.log(
    `linregress, n = ${N.toLocaleString('en')} (Float64Array), median of ${RUNS} alternating runs`,
  );
  console.log(`  lambda-stats: ${oursMs.toFixed(2)} ms`);
  console.log(`  scipy 1.17:   ${scipyMs.toFixed(2)} ms`);
  console.log(`  ratio scipy / lambda-stats: ${(scipyMs / oursMs).toFixed(2)}x`);
  console.log(
    `  slope: ours ${result.slope}, scipy ${scipySlope} (relative difference ${(Math.abs(result.slope - (scipySlope as number)) / Math.abs(scipySlope as number)).toExponential(1)})`,
  );
} finally {
  worker.stdin.end();
  worker.kill();
  rmSync(dir, { recursive: true, force: true });
}
