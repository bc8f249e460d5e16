/**
 * Same-process A/B of the rank statistics against an earlier copy of the
 * stats core, on the throughput panel's shapes plus the warm request's data
 * ("warm": 2-decimal values on 0..100 and a 3-decimal response, as
 * packages/handlers/support/bench.ts builds them), both array kinds, the two
 * versions interleaved round by round (CPU time, median of the per-round
 * ratios printed as `ratio`: new over base).
 *
 *   git archive <commit> packages/stats-core/src | tar -x -C /tmp   # then move
 *   /tmp/packages/stats-core/src to bench/_base/src (not committed)
 *   pnpm exec tsx bench/rank-ab.ts --functions shapiro,kendalltau --sizes 1e4,1e5 --rounds 9
 *
 * `--help` lists the flags and their defaults; `--base ../src/index` times
 * the code against itself: the noise floor.
 */
import * as cli from '@lambda-stats/lambda-kit/cli';
import { cpuMs as cpu, SHAPES } from '../../../scripts/bench/harness';
import * as next from '../src/index';
import * as ab from './ab-flags';

const { values: flags } = cli.commandLine(
  {
    functions: { type: 'string' },
    shapes: { type: 'string' },
    kinds: { type: 'string', default: 'f64,arr' },
    ...ab.sizesAndRounds(9),
    ...ab.baseFlag(),
  },
  `usage: pnpm exec tsx bench/rank-ab.ts [flags]
  --functions a,b  scipy names (default: all of spearmanr, kendalltau, mannwhitneyu, ks_2samp, shapiro, median_abs_deviation, iqr, modified_zscore)
  --shapes a,b     the panel's shape names and warm (default: all)
  --kinds f64,arr  input kinds (default f64,arr)
${ab.sizesAndRoundsUsage(9)}
  --base PATH      the base's index.ts (default ./_base/src/index)`,
);
type C = typeof next;
type Vec = number[] | Float64Array;
type Columns = { x: Vec; y: Vec };
const FN: Record<string, (c: C, d: Columns) => unknown> = {
  spearmanr: (c, d) => c.spearmanr(d.x, d.y),
  kendalltau: (c, d) => c.kendalltau(d.x, d.y),
  mannwhitneyu: (c, d) => c.mannwhitneyu(d.x, d.y),
  ks_2samp: (c, d) => c.ks2samp(d.x, d.y),
  shapiro: (c, d) => c.shapiro(d.x),
  median_abs_deviation: (c, d) => c.medianAbsDeviation(d.x),
  iqr: (c, d) => c.iqr(d.x),
  modified_zscore: (c, d) => c.modifiedZscore(d.x).scores[0],
};

/** The warm request's two samples (packages/handlers/support/bench.ts's warmRequest). */
function warm(n: number): { x: Float64Array; y: Float64Array } {
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const x = Array.from({ length: n }, () => Number((rand() * 100).toFixed(2)));
  const y = x.map((v) => Number((3 + 0.5 * v + (rand() - 0.5) * 40).toFixed(3)));
  return { x: Float64Array.from(x), y: Float64Array.from(y) };
}
const allShapes = [...SHAPES, { name: 'warm', make: warm }];
const { shapes, fns, kinds, sizes, rounds } = cli.checkedFlags(() => {
  const names = allShapes.map((s) => s.name);
  const chosen = cli.namesFlag('shapes', flags.shapes ?? names.join(','), names);
  return {
    shapes: allShapes.filter((s) => chosen.includes(s.name)),
    fns: cli.namesFlag('functions', flags.functions ?? Object.keys(FN).join(','), Object.keys(FN)),
    kinds: cli.namesFlag('kinds', flags.kinds, ['f64', 'arr']),
    ...ab.checkSizesAndRounds(flags),
  };
});
const base = await ab.loadBase<typeof next>(flags.base);
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
for (const n of sizes)
  for (const shape of shapes) {
    const f64 = shape.make(n);
    const arr = {
      x: JSON.parse(JSON.stringify(Array.from(f64.x))),
      y: JSON.parse(JSON.stringify(Array.from(f64.y))),
    };
    for (const fn of fns)
      for (const [kind, d] of [
        ['f64', f64],
        ['arr', arr],
      ] as const) {
        if (!kinds.includes(kind)) continue;
        const reps = Math.max(1, Math.round(2e5 / n));
        const tb: number[] = [];
        const tn: number[] = [];
        for (let r = 0; r < 3; r++) {
          FN[fn]!(base as C, d);
          FN[fn]!(next, d);
        }
        const a = JSON.stringify(FN[fn]!(base as C, d));
        const b = JSON.stringify(FN[fn]!(next, d));
        if (a !== b) console.log(`  DIFFERENT ${fn} ${shape.name} ${n}: ${a} vs ${b}`);
        const time = (c: C) => {
          const t = cpu();
          for (let k = 0; k < reps; k++) FN[fn]!(c, d);
          return (cpu() - t) / reps;
        };
        for (let r = 0; r < rounds; r++) {
          // Each version runs first in every other round, so neither always follows the other.
          const first = r % 2 === 0 ? base : next;
          const t1 = time(first as C);
          const t2 = time((first === base ? next : base) as C);
          tb.push(first === base ? t1 : t2);
          tn.push(first === base ? t2 : t1);
        }
        const q = med(tb.map((b, i) => tn[i]! / b));
        console.log(
          `${fn.padEnd(12)} ${String(n).padEnd(8)} ${shape.name.padEnd(12)} ${kind} base ${med(tb).toFixed(3)} new ${med(tn).toFixed(3)} ratio ${q.toFixed(2)}`,
        );
      }
  }
