/**
 * Same-process A/B of the partial-state builders (declared places, as the
 * job worker calls them) against an earlier copy of the stats core: both
 * versions build the state of the same columns, interleaved round by round
 * (CPU time; `old/new` is the median of the per-round ratios), and the
 * states' JSON must be identical.
 *
 *   git archive <commit> src | tar -x -C bench/_base   # the base, not committed
 *   pnpm exec tsx bench/partial-ab.ts [--shape full|decimals] [--rows N] [--rounds N]
 *
 * full: x in [1, 1000) and y = 3x + [0, 10) at 17 significant digits (the
 * jobs bench's rows); decimals: 3 and 4 places. `--help` lists the flags.
 */
import * as cli from '@lambda-stats/lambda-kit/cli';
import { mulberry32 } from '@lambda-stats/lambda-kit/random';
import { median, pairedRounds } from '../../../scripts/bench/harness';
import * as next from '../src/partial/index';
import * as ab from './ab-flags';

const BUILDERS = ['linregress', 'describe', 'ttest_1samp', 'ttest_rel'] as const;
const { values: flags } = cli.commandLine(
  {
    shape: { type: 'string', default: 'full' },
    rows: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '9' },
    only: { type: 'string' },
    ...ab.baseFlag('./_base/src/partial/index'),
  },
  `usage: pnpm exec tsx bench/partial-ab.ts [flags]
  --shape full|decimals  the data (default full)
  --rows N               rows (default 200000)
  --rounds N             interleaved rounds (default 9)
  --only NAME            one builder: ${BUILDERS.join(', ')} (default: all)
  --base PATH            the base's partial/index.ts (default ./_base/src/partial/index)`,
);
const { shape, n, rounds, only } = cli.checkedFlags(() => ({
  shape: cli.choiceFlag('shape', flags.shape, ['full', 'decimals']),
  n: cli.wholeNumberFlag('rows', flags.rows, 1),
  rounds: cli.wholeNumberFlag('rounds', flags.rounds, 1),
  only: flags.only === undefined ? undefined : cli.choiceFlag('only', flags.only, BUILDERS),
}));
const base = await ab.loadBase<typeof next>(flags.base);
const random = mulberry32(12345);
const x = new Float64Array(n);
const y = new Float64Array(n);
for (let i = 0; i < n; i++) {
  if (shape === 'full') {
    x[i] = 1 + random() * 999;
    y[i] = 3 * (x[i] as number) + random() * 10;
  } else {
    x[i] = Math.round(random() * 100000) / 1000;
    y[i] = Math.round((3 * (x[i] as number) + random() * 10) * 10000) / 10000;
  }
}
/** The places String(v) writes (what tabular's reader declares). */
const places = (a: Float64Array) =>
  Int8Array.from(a, (v) => {
    const t = String(v);
    const d = t.indexOf('.');
    return t.includes('e') ? next.NO_PLACES : d < 0 ? 0 : t.length - d - 1;
  });
const px = places(x);
const py = places(y);
const columns = (c: typeof next) =>
  [c.withDecimalPlaces(x.slice(), px), c.withDecimalPlaces(y.slice(), py)] as const;
const [nx, ny] = columns(next);
const [bx, by] = columns(base);
const builders: Record<string, [() => unknown, () => unknown]> = {
  linregress: [() => next.linregressPartial(nx, ny), () => base.linregressPartial(bx, by)],
  describe: [() => next.describePartial(nx), () => base.describePartial(bx)],
  ttest_1samp: [() => next.ttest1sampPartial(nx), () => base.ttest1sampPartial(bx)],
  ttest_rel: [() => next.ttestRelPartial(nx, ny), () => base.ttestRelPartial(bx, by)],
};
for (const [name, [ours, theirs]] of Object.entries(builders)) {
  if ((only ?? name) !== name) continue;
  const same = JSON.stringify(ours()) === JSON.stringify(theirs());
  const { ours: a, theirs: b, ratios } = pairedRounds(ours, theirs, rounds);
  const ns = (v: number[]) => ((median(v) * 1e6) / n).toFixed(1);
  console.log(
    `${shape} n=${n} ${name}: new ${ns(a)} ns/row, old ${ns(b)} ns/row, old/new ${median(ratios).toFixed(2)} [${(ratios[0] as number).toFixed(2)}-${(ratios[ratios.length - 1] as number).toFixed(2)}] identical=${same}`,
  );
}
