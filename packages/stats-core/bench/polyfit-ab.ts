/**
 * Same-process A/B of polyfit's full-precision path: the QR lane
 * main used for these shapes (`polyfitFloat`) against `polyfit` as it is
 * now (the fused lane, `polyfitFused`, then the QR lane when it declines),
 * degree 3 with intercept as the panel's numpy.polyfit(x, y, 3), on the
 * throughput panel's full-precision shapes, plain arrays (as `JSON.parse`
 * gives them) and Float64Array, interleaved round by round (CPU time,
 * median ms; `ratio` is the median of the per-round new/old ratios).
 * `fused` says whether the fused lane answered; `agree` is the largest
 * relative difference of a coefficient between the two.
 *
 *   pnpm exec tsx bench/polyfit-ab.ts --sizes 1e4,1e5,1e6 --rounds 7
 *
 * `--help` lists the flags and their defaults.
 */
import * as cli from '@lambda-stats/lambda-kit/cli';
import { cpuMs as cpu, SHAPES } from '../../../scripts/bench/harness';
import { polyfit } from '../src/index';
import { polyfitFloat } from '../src/regression/internal/polyfitFloat';
import { polyfitFused } from '../src/regression/internal/polyfitFused';
import * as ab from './ab-flags';

const { values: flags } = cli.commandLine(
  {
    degree: { type: 'string', default: '3' },
    ...ab.fullPrecisionShapes(),
    ...ab.sizesAndRounds(7),
  },
  `usage: pnpm exec tsx bench/polyfit-ab.ts [flags]
  --degree N       the polynomial's degree (default 3)
  --shapes a,b     the panel's shape names (default strong,weak,none,heavy-tails)
${ab.sizesAndRoundsUsage(7)}`,
);
const { degree, names, sizes, rounds } = cli.checkedFlags(() => ({
  degree: cli.wholeNumberFlag('degree', flags.degree, 1),
  names: ab.checkShapes(flags.shapes),
  ...ab.checkSizesAndRounds(flags),
}));
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1] as number;
for (const n of sizes)
  for (const shape of SHAPES.filter((s) => names.includes(s.name))) {
    const f64 = shape.make(n);
    const arr = { x: Array.from(f64.x), y: Array.from(f64.y) };
    for (const [kind, d] of [
      ['arr', arr],
      ['f64', f64],
    ] as const) {
      const old = () => polyfitFloat('polyfit', d.x, d.y, 0, degree + 1, true);
      const now = () => polyfit(d.x, d.y, degree);
      const fused = polyfitFused(d.x, d.y, 0, degree + 1, true) !== null;
      const a = old().coefficients;
      const b = now().coefficients;
      const agree = Math.max(...a.map((v, j) => Math.abs(v - (b[j] as number)) / Math.abs(v)));
      const reps = Math.max(1, Math.round(1e5 / n));
      const to: number[] = [];
      const tn: number[] = [];
      for (let r = 0; r < rounds; r++) {
        let t = cpu();
        for (let k = 0; k < reps; k++) old();
        to.push((cpu() - t) / reps);
        t = cpu();
        for (let k = 0; k < reps; k++) now();
        tn.push((cpu() - t) / reps);
      }
      const ratio = med(to.map((o, i) => (tn[i] as number) / o));
      console.log(
        `${String(n).padEnd(8)} ${shape.name.padEnd(12)} ${kind} old ${med(to).toFixed(2)} new ${med(tn).toFixed(2)} ratio ${ratio.toFixed(2)} fused ${fused} agree ${agree.toExponential(1)}`,
      );
    }
  }
