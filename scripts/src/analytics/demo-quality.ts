/**
 * Recall and false-alarm rate of an analysis on the generated demo data,
 * whose anomalies are known: a spike counts as found when its reading is
 * flagged; the step change when any reading from its start on is flagged;
 * every other flagged reading is a false alarm. A "normal day" is a
 * meter-day without a known anomaly; it is falsely alarmed when any of its
 * readings is flagged.
 */
import { type AnalysisSpec, analyseSeries, groupSeries } from '@lambda-stats/handlers/analytics';
import type { DemoData } from './demo-data';

export interface DemoQuality {
  readonly spikes: number;
  readonly spikesFound: number;
  readonly stepFound: boolean;
  readonly scored: number;
  readonly falseAlarms: number;
  readonly falseAlarmRate: number;
  readonly normalDays: number;
  readonly normalDaysAlarmed: number;
  readonly msPerSeries: number;
}

export function demoQuality(data: DemoData, spec: AnalysisSpec): DemoQuality {
  const groups = groupSeries(data.csv, 'demo.csv', spec.columns);
  const spikes = new Set(
    data.anomalies.filter((a) => a.kind === 'spike').map((a) => `${a.series}@${a.timestamp}`),
  );
  const step = data.anomalies.find((a) => a.kind === 'step');
  const anomalousDays = new Set(
    data.anomalies.map((a) => `${a.series}@${a.timestamp.slice(0, 10)}`),
  );
  if (step) {
    for (
      let t = Date.parse(step.timestamp);
      t < Date.parse(step.timestamp) + 4 * 86_400_000;
      t += 86_400_000
    ) {
      anomalousDays.add(`${step.series}@${new Date(t).toISOString().slice(0, 10)}`);
    }
  }
  let spikesFound = 0;
  let stepFound = false;
  let scored = 0;
  let falseAlarms = 0;
  const days = new Set<string>();
  const alarmedDays = new Set<string>();
  const t0 = performance.now();
  for (const [series, readings] of groups) {
    const { items } = analyseSeries(spec, series, readings, 'demo', new Date());
    for (const item of items) {
      const day = `${series}@${item.period.slice(0, 10)}`;
      const isStep = step !== undefined && series === step.series && item.period >= step.timestamp;
      if (!anomalousDays.has(day)) days.add(day);
      scored++;
      if (!item.flag) continue;
      if (spikes.has(`${series}@${item.period}`)) spikesFound++;
      else if (isStep) stepFound = true;
      else {
        falseAlarms++;
        if (!anomalousDays.has(day)) alarmedDays.add(day);
      }
    }
  }
  const msPerSeries = (performance.now() - t0) / groups.size;
  return {
    spikes: spikes.size,
    spikesFound,
    stepFound,
    scored,
    falseAlarms,
    falseAlarmRate: falseAlarms / scored,
    normalDays: days.size,
    normalDaysAlarmed: alarmedDays.size,
    msPerSeries,
  };
}
