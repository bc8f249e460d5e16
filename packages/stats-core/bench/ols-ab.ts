/**
 * Same-process A/B of ols or polyfit against an earlier copy of
 * the stats core, on the throughput panel's shapes: ols on [x, z] rows (plain
 * arrays as `JSON.parse` gives them, and Float64Array rows), polyfit degree
 * 3 on x; the two versions interleaved round by round, which goes first
 * alternating (CPU time, median ms; `ratio` is the median of the per-round
 * ratios, ours over the base's; `agree` the largest relative difference of
 * a coefficient).
 *
 *   git archive main src | tar -x -C bench/_base   # the base, not committed
 *   pnpm exec tsx bench/ols-ab.ts --sizes 1e4,1e6 --rounds 9 --function ols
 *
 * As the handlers ship (each side an esbuild bundle with the handlers'
 * options: minified CommonJS; an unminified ESM bundle leaves module
 * constants as variables and times differently):
 *
 *   E=$(ls -d ../../node_modules/.pnpm/esbuild@*)/node_modules/esbuild/bin/esbuild
 *   O='--bundle --platform=node --format=cjs --minify --target=node22'
 *   $E src/index.ts $O --outfile=/tmp/next.cjs
 *   $E bench/_base/src/index.ts $O --outfile=/tmp/base.cjs
 *   pnpm exec tsx bench/ols-ab.ts --next /tmp/next.cjs --base /tmp/base.cjs
 *
 * `--help` lists the flags and their defaults.
 */
import * as cli from '@lambda-stats/lambda-kit/cli';
import { cpuMs as cpu, SHAPES } from '../../../scripts/bench/harness';
import type * as Core from '../src/index';
import * as ab from './ab-flags';

const { values: flags } = cli.commandLine(
  {
    function: { type: 'string', default: 'ols' },
    ...ab.fullPrecisionShapes(),
    next: { type: 'string', default: '../src/index' },
    ...ab.sizesAndRounds(7),
    ...ab.baseFlag(),
  },
  `usage: pnpm exec tsx bench/ols-ab.ts [flags]
  --function ols|polyfit  what to time (default ols)
  --shapes a,b            the panel's shape names (default strong,weak,none,heavy-tails)
${ab.sizesAndRoundsUsage(7)}
  --next PATH      the new version's index module (default ../src/index)
  --base PATH      the base's index module (default ./_base/src/index)`,
);
const { fn, names, sizes, rounds } = cli.checkedFlags(() => ({
  fn: cli.choiceFlag('function', flags.function, ['ols', 'polyfit']),
  names: ab.checkShapes(flags.shapes),
  ...ab.checkSizesAndRounds(flags),
}));
const next = await cli.importFlag(
  'next',
  flags.next,
  (m) => import(m) as Promise<typeof Core>,
  'a built index module or ../src/index',
);
const base = await ab.loadBase<typeof Core>(flags.base);
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1] as number;
const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
for (const n of sizes)
  for (const shape of SHAPES.filter((s) => names.includes(s.name))) {
    const d = shape.make(n);
    const kinds = [
      [
        'arr',
        json(Array.from(d.x, (v, i) => [v, d.z[i] as number])),
        json(Array.from(d.y)),
        json(Array.from(d.x)),
      ],
      ['f64', Array.from(d.x, (v, i) => Float64Array.of(v, d.z[i] as number)), d.y, d.x],
    ] as const;
    for (const [kind, rows, y, x] of kinds) {
      const call = (c: typeof Core) =>
        fn === 'ols' ? () => c.ols(rows, y) : () => c.polyfit(x, y, 3);
      const old = call(base);
      const now = call(next);
      const a = old();
      const b = now();
      const agree = Math.max(
        ...a.coefficients.map((v, j) => Math.abs(v - (b.coefficients[j] as number)) / Math.abs(v)),
      );
      const reps = Math.max(1, Math.round(2e5 / n));
      const time = (f: () => unknown) => {
        const t = cpu();
        for (let k = 0; k < reps; k++) f();
        return (cpu() - t) / reps;
      };
      const to: number[] = [];
      const tn: number[] = [];
      for (let r = 0; r < rounds; r++) {
        // (the second call of a pair pays the first one's garbage)
        if (r % 2 === 0) {
          to.push(time(old));
          tn.push(time(now));
        } else {
          tn.push(time(now));
          to.push(time(old));
        }
      }
      const ratio = med(to.map((o, i) => (tn[i] as number) / o));
      console.log(
        `${fn} ${String(n).padEnd(8)} ${shape.name.padEnd(12)} ${kind} old ${med(to).toFixed(3)} new ${med(tn).toFixed(3)} ratio ${ratio.toFixed(2)} ${b.method} agree ${agree.toExponential(1)}`,
      );
    }
  }
