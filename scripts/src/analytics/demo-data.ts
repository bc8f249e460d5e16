/**
 * The demo's meter readings: tens of meters, half-hourly
 * readings over a few weeks with a daily and a weekly cycle and noise, a
 * few injected spikes and one step change. Seeded, so every run writes the
 * same bytes; the known anomalies come with it so recall and the
 * false-alarm rate can be measured.
 */

import { gaussian, mulberry32 } from '@lambda-stats/lambda-kit/random';

export interface DemoOptions {
  readonly seed: number;
  readonly meters: number;
  readonly days: number;
  /** The first reading (UTC, on a Monday so the weekly cycle lines up with the calendar). */
  readonly start: string;
  /** Spikes injected, all in the last week (the period the demo analyses score). */
  readonly spikes: number;
  /** Spike size in robust standard deviations of the noise. */
  readonly spikeSds: number;
}

export const DEMO_OPTIONS: DemoOptions = {
  seed: 20261206,
  meters: 30,
  days: 28,
  start: '2026-11-02T00:00:00Z',
  spikes: 8,
  spikeSds: 6,
};

export interface DemoAnomaly {
  readonly series: string;
  readonly timestamp: string;
  readonly kind: 'spike' | 'step';
}

export interface DemoData {
  readonly csv: string;
  readonly anomalies: readonly DemoAnomaly[];
  /** Readings per series. */
  readonly readings: number;
  readonly series: readonly string[];
  /** sd of the Gaussian noise of each meter (the spike unit). */
  readonly noiseSd: ReadonlyMap<string, number>;
}

const HALF_HOUR = 30 * 60 * 1000;

export function generateDemoData(options: DemoOptions = DEMO_OPTIONS): DemoData {
  const random = mulberry32(options.seed);
  const perDay = 48;
  const n = options.days * perDay;
  const start = Date.parse(options.start);
  const series = Array.from(
    { length: options.meters },
    (_, i) => `meter-${String(i + 1).padStart(3, '0')}`,
  );
  const lastWeek = n - 7 * perDay;
  // spikes in distinct meters, in the last week, away from its first and last readings
  const spikeAt = new Map<string, number>();
  const spikeMeters = [...series].sort(() => random() - 0.5).slice(0, options.spikes);
  for (const meter of spikeMeters)
    spikeAt.set(meter, lastWeek + 4 + Math.floor(random() * (7 * perDay - 8)));
  // one step change: a meter not spiked whose base load rises for the last 3 days
  const stepMeter = series.find((s) => !spikeAt.has(s))!;
  const stepFrom = n - 3 * perDay;

  const rows: string[] = ['series,timestamp,value'];
  const anomalies: DemoAnomaly[] = [];
  const noiseSd = new Map<string, number>();
  for (const meter of series) {
    const base = 20 + random() * 60;
    const daily = base * (0.3 + random() * 0.3);
    const weekend = base * (0.15 + random() * 0.15);
    const sd = base * 0.04;
    noiseSd.set(meter, sd);
    const peak = 12 + random() * 8; // hour of the daily peak
    for (let i = 0; i < n; i++) {
      const t = start + i * HALF_HOUR;
      const hour = (i % perDay) / 2;
      const weekday = Math.floor(i / perDay) % 7; // 0 = Monday
      let value =
        base +
        daily * Math.cos(((hour - peak) / 24) * 2 * Math.PI) -
        (weekday >= 5 ? weekend : 0) +
        sd * gaussian(random);
      const timestamp = new Date(t).toISOString();
      if (spikeAt.get(meter) === i) {
        value += options.spikeSds * sd;
        anomalies.push({ series: meter, timestamp, kind: 'spike' });
      }
      if (meter === stepMeter && i >= stepFrom) {
        value += base * 0.5;
        if (i === stepFrom) anomalies.push({ series: meter, timestamp, kind: 'step' });
      }
      rows.push(`${meter},${timestamp},${value.toFixed(3)}`);
    }
  }
  return { csv: `${rows.join('\n')}\n`, anomalies, readings: n, series, noiseSd };
}
