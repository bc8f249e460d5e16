/**
 * The demo data set and the Smart Alarms analysis on it (the quality
 * bar): the generator is deterministic, every 6-robust-sd spike is
 * flagged, the step change is found, and normal days stay quiet. The
 * figures are printed (docs/analytics-runs.md quotes them).
 */
import { createHash } from 'node:crypto';
import type { AnalysisSpec } from '@lambda-stats/handlers/analytics';
import { DEMO_ANALYSES, validateAnalyses } from '@lambda-stats/infra/analyses';
import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../src/analytics/demo-data';
import { demoQuality } from '../src/analytics/demo-quality';

const specOf = (name: string): AnalysisSpec => {
  const a = validateAnalyses(DEMO_ANALYSES).find((x) => x.name === name)!;
  return {
    name: a.name,
    bucket: 'demo',
    inputPrefix: a.inputPrefix,
    scratchPrefix: `analyses/${a.name}/runs/`,
    columns: a.columns,
    method: a.method,
    threshold: a.threshold,
    resultTtlDays: a.resultTtlDays,
  };
};

describe('the demo data', () => {
  it('is the same bytes every time: tens of meters, half-hourly over weeks, known anomalies', () => {
    const a = generateDemoData();
    const b = generateDemoData();
    expect(createHash('sha256').update(a.csv).digest('hex')).toBe(
      createHash('sha256').update(b.csv).digest('hex'),
    );
    expect(a.series).toHaveLength(30);
    expect(a.readings).toBe(28 * 48);
    expect(a.anomalies.filter((x) => x.kind === 'spike')).toHaveLength(8);
    expect(a.anomalies.filter((x) => x.kind === 'step')).toHaveLength(1);
    expect(a.csv.split('\n')[0]).toBe('series,timestamp,value');
  });
});

describe('Smart Alarms on the demo data', () => {
  it('flags every 6-sd spike and the step change; normal days stay quiet', () => {
    const q = demoQuality(generateDemoData(), specOf('smart-alarms'));
    console.log(
      `smart-alarms: recall ${q.spikesFound}/${q.spikes} spikes, step found: ${q.stepFound}; ` +
        `false alarms ${q.falseAlarms}/${q.scored} readings (${(100 * q.falseAlarmRate).toFixed(3)}%), ` +
        `normal days alarmed ${q.normalDaysAlarmed}/${q.normalDays}; ${q.msPerSeries.toFixed(1)} ms per series`,
    );
    expect(q.spikesFound).toBe(q.spikes);
    expect(q.stepFound).toBe(true);
    // 3.5 robust sds on near-Gaussian noise: about 5e-4 per reading expected
    expect(q.falseAlarmRate).toBeLessThan(1e-3);
    expect(q.normalDaysAlarmed / q.normalDays).toBeLessThan(0.05);
  });
});
