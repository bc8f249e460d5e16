/**
 * `pnpm --filter @lambda-stats/scripts bench:analytics [--series N] [--hw-series N]`:
 * time per series and per run of the scheduled analyses (issue 13), in
 * process: the demo generator's meters (28 days of half-hourly readings,
 * the shapes the demo analyses read), grouped from CSV and analysed as the
 * AnalyseSeries worker does (checks, scoring, result items), one after
 * another. A run's wall time on AWS is about per-series time x series /
 * MaxConcurrency plus the list and finish steps; this measures the per-
 * series part. Holt-Winters estimates its parameters per series (seconds
 * each at m = 48), so it is timed on a sample and extrapolated, said so.
 */
import { parseArgs } from 'node:util';
import { type AnalysisSpec, analyseSeries, groupSeries } from '@lambda-stats/handlers/analytics';
import { DEMO_ANALYSES, validateAnalyses } from '@lambda-stats/infra/analyses';
import { DEMO_OPTIONS, generateDemoData } from '../src/analytics/demo-data';

const { values } = parseArgs({
  options: {
    series: { type: 'string', default: '1000' },
    'hw-series': { type: 'string', default: '10' },
  },
});
const seriesCount = Number(values.series);
const hwCount = Number(values['hw-series']);
if (
  !Number.isInteger(seriesCount) ||
  seriesCount < 1 ||
  !Number.isInteger(hwCount) ||
  hwCount < 1
) {
  console.error('--series and --hw-series take whole numbers >= 1');
  process.exit(2);
}

const spec = (name: string): AnalysisSpec => {
  const a = validateAnalyses(DEMO_ANALYSES).find((x) => x.name === name)!;
  return { ...a, bucket: 'bench', scratchPrefix: `analyses/${a.name}/runs/` };
};

function time(name: string, count: number): { perSeries: number; flagged: number } {
  const data = generateDemoData({ ...DEMO_OPTIONS, meters: count });
  const s = spec(name);
  const t0 = performance.now();
  const groups = groupSeries(data.csv, 'bench.csv', s.columns);
  const tGroup = performance.now() - t0;
  let flagged = 0;
  const t1 = performance.now();
  for (const [id, readings] of groups) {
    const { items } = analyseSeries(s, id, readings, 'bench', new Date());
    flagged += items.filter((i) => i.flag).length;
  }
  const perSeries = (performance.now() - t1) / groups.size;
  console.log(
    `${name}: ${groups.size} series x ${data.readings} readings; CSV grouping ${tGroup.toFixed(0)} ms; ` +
      `${perSeries.toFixed(2)} ms per series; ${flagged} readings flagged`,
  );
  return { perSeries, flagged };
}

const robust = time('smart-alarms', seriesCount);
console.log(
  `smart-alarms, ${seriesCount} series one after another: ${((robust.perSeries * seriesCount) / 1000).toFixed(1)} s`,
);
const hw = time('smart-targets', hwCount);
console.log(
  `smart-targets, ${seriesCount} series one after another (extrapolated from ${hwCount}): ${((hw.perSeries * seriesCount) / 1000).toFixed(0)} s; ` +
    `with 8 workers (the local stack's MaxConcurrency) about ${((hw.perSeries * seriesCount) / 8000).toFixed(0)} s`,
);
