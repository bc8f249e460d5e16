/**
 * Same-process A/B of the moment functions against an earlier copy of the
 * stats core, on the throughput panel's shapes, both array kinds, the two
 * versions interleaved round by round (CPU time, median of the per-round
 * ratios printed as `ratio`: ours over the base's).
 *
 *   git archive <commit> src | tar -x -C bench/_base   # the base, not committed
 *   pnpm exec tsx bench/moments-ab.ts --functions ttest_1samp,pearsonr --sizes 1e5,1e6 --rounds 7
 *
 * `--help` lists the flags and their defaults.
 */
import * as cli from '@lambda-stats/lambda-kit/cli';
import { cpuMs as cpu, SHAPES } from '../../../scripts/bench/harness';
import * as next from '../src/index';
import * as ab from './ab-flags';

const { values: flags } = cli.commandLine(
  { functions: { type: 'string' }, ...ab.sizesAndRounds(9), ...ab.baseFlag() },
  `usage: pnpm exec tsx bench/moments-ab.ts [flags]
  --functions a,b  scipy names (default: all of linregress, pearsonr, ttest_ind, ttest_rel, ttest_1samp, f_oneway, describe)
${ab.sizesAndRoundsUsage(9)}
  --base PATH      the base's index.ts (default ./_base/src/index)`,
);
type C = typeof next;
/** One shape's columns, as Float64Arrays or as plain arrays. */
type Columns = {
  x: number[] | Float64Array;
  y: number[] | Float64Array;
  z: number[] | Float64Array;
};
const FN: Record<string, (c: C, d: Columns) => unknown> = {
  linregress: (c, d) => c.linregress(d.x, d.y),
  pearsonr: (c, d) => c.pearsonr(d.x, d.y),
  ttest_ind: (c, d) => c.ttestInd(d.x, d.y),
  ttest_rel: (c, d) => c.ttestRel(d.x, d.y),
  ttest_1samp: (c, d) => c.ttest1samp(d.x, d.x[0] as number),
  f_oneway: (c, d) => c.fOneway(d.x, d.y, d.z),
  describe: (c, d) => c.describe(d.x),
};
const { fns, sizes, rounds } = cli.checkedFlags(() => ({
  fns: cli.namesFlag('functions', flags.functions ?? Object.keys(FN).join(','), Object.keys(FN)),
  ...ab.checkSizesAndRounds(flags),
}));
const base = await ab.loadBase<typeof next>(flags.base);
for (const n of sizes)
  for (const shape of SHAPES) {
    const f64 = shape.make(n);
    const arr = { x: Array.from(f64.x), y: Array.from(f64.y), z: Array.from(f64.z) };
    for (const fn of fns)
      for (const [kind, d] of [
        ['f64', f64],
        ['arr', arr],
      ] as const) {
        const reps = Math.max(1, Math.round(1e6 / n / 4));
        const tb: number[] = [],
          tn: number[] = [];
        for (let r = 0; r < 3; r++) {
          FN[fn]!(base as C, d);
          FN[fn]!(next, d);
        }
        for (let r = 0; r < rounds; r++) {
          let t = cpu();
          for (let k = 0; k < reps; k++) FN[fn]!(base as C, d);
          tb.push((cpu() - t) / reps);
          t = cpu();
          for (let k = 0; k < reps; k++) FN[fn]!(next, d);
          tn.push((cpu() - t) / reps);
        }
        const ratios = tb.map((b, i) => tn[i]! / b).sort((a, b) => a - b);
        const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
        const q = ratios[ratios.length >> 1]!;
        console.log(
          `${fn.padEnd(12)} ${String(n).padEnd(8)} ${shape.name.padEnd(12)} ${kind} base ${med(tb).toFixed(3)} new ${med(tn).toFixed(3)} ratio ${q.toFixed(2)}`,
        );
      }
  }
