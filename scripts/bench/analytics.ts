/**
 * The scheduled analyses' time per series and per run (Smart Targets and
 * Smart Alarms), in
 * process: `pnpm bench --only analytics`, or alone with
 * `pnpm --filter @lambda-stats/scripts bench:analytics [--series N] [--hw-series N]`.
 * The demo generator's meters (28 days of half-hourly readings, the shapes
 * the demo analyses read), grouped from CSV and analysed as the
 * AnalyseSeries worker does (checks, scoring, result items), one after
 * another. A run's wall time on AWS is about per-series time x series /
 * MaxConcurrency plus the list and finish steps; this measures the per-
 * series part. Holt-Winters estimates its parameters per series (seconds
 * each at m = 48), so it is timed on a sample and extrapolated, said so.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AnalysisSpec, analyseSeries, groupSeries } from '@lambda-stats/handlers/analytics';
import { DEMO_ANALYSES, validateAnalyses } from '@lambda-stats/infra/analyses';
import { checkedFlags, commandLine, wholeNumberFlag } from '@lambda-stats/lambda-kit/cli';
import { DEMO_OPTIONS, generateDemoData } from '../src/analytics/demo-data';
import type { Row } from './table';

const spec = (name: string): AnalysisSpec => {
  const a = validateAnalyses(DEMO_ANALYSES).find((x) => x.name === name)!;
  return { ...a, bucket: 'bench', scratchPrefix: `analyses/${a.name}/runs/` };
};

interface Timing {
  series: number;
  readings: number;
  groupMs: number;
  perSeriesMs: number;
  flagged: number;
}

function time(name: string, count: number): Timing {
  const data = generateDemoData({ ...DEMO_OPTIONS, meters: count });
  const s = spec(name);
  const t0 = performance.now();
  const groups = groupSeries(data.csv, 'bench.csv', s.columns);
  const groupMs = performance.now() - t0;
  let flagged = 0;
  const t1 = performance.now();
  for (const [id, readings] of groups) {
    const { items } = analyseSeries(s, id, readings, 'bench', new Date());
    flagged += items.filter((i) => i.flag).length;
  }
  const perSeriesMs = (performance.now() - t1) / groups.size;
  return { series: groups.size, readings: data.readings, groupMs, perSeriesMs, flagged };
}

/** Times both demo analyses: smart-alarms on `series` meters, smart-targets on `hwSeries` and extrapolated to `series`. */
export function analyticsBench(options: { series: number; hwSeries: number }): { rows: Row[] } {
  const { series, hwSeries } = options;
  const rows: Row[] = [];
  for (const [name, count] of [
    ['smart-alarms', series],
    ['smart-targets', hwSeries],
  ] as const) {
    const t = time(name, count);
    const runS = (t.perSeriesMs * series) / 1000;
    const sampled = count < series ? `, extrapolated from ${count} series` : '';
    rows.push({
      section: 'analytics',
      item: `${name}: time per series`,
      result: `${t.perSeriesMs.toFixed(2)} ms`,
      baseline: '',
      ratio: '',
      how: `${t.series} generated meters x ${t.readings} readings, analysed one after another in process as the AnalyseSeries worker does; ${t.flagged} readings flagged; CSV grouping ${t.groupMs.toFixed(0)} ms`,
      data: { ...t },
    });
    rows.push({
      section: 'analytics',
      item: `${name}: run over ${series} series`,
      result: `${runS.toFixed(1)} s one after another; about ${(runS / 8).toFixed(1)} s with 8 workers`,
      baseline: '',
      ratio: '',
      how: `per-series time x ${series}${sampled}; 8 is the local stack's MaxConcurrency; the list and finish steps not included`,
      data: { series, runSeconds: runS },
    });
  }
  return { rows };
}

function main(): void {
  const { values } = commandLine(
    {
      series: { type: 'string', default: '1000' },
      'hw-series': { type: 'string', default: '10' },
    },
    'usage: pnpm --filter @lambda-stats/scripts bench:analytics [--series N] [--hw-series N]',
  );
  const { series, hwSeries } = checkedFlags(() => ({
    series: wholeNumberFlag('series', values.series, 1),
    hwSeries: wholeNumberFlag('hw-series', values['hw-series'], 1),
  }));
  for (const r of analyticsBench({ series, hwSeries }).rows) {
    console.log(`${r.item}: ${r.result} (${r.how})`);
  }
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  main();
}
