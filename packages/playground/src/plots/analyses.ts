/**
 * A scheduled analysis's results for one series
 * (`GET /analyses/{name}/results?series=`): the readings over time, the
 * expected value with its band (low to high), and the flagged anomalies.
 */
import { band, COLORS, dataDots, figure, fittedLine, flaggedRings } from './marks';
import type { PlotSpec } from './types';

/** One row of `/analyses/{name}/results` (null where the analysis had no expectation yet). */
export interface ResultRow {
  period: string;
  expected: number | null;
  low: number | null;
  high: number | null;
  actual: number | null;
  score: number | null;
  flag: boolean;
  runId?: string;
}

export interface ResultsBody {
  analysis: string;
  series: string;
  count: number;
  truncated: boolean;
  results: ResultRow[];
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function analysisPlots(body: ResultsBody, unit = ''): PlotSpec[] {
  const rows = body.results.map((r) => ({ ...r, at: new Date(r.period) }));
  const readings = rows.filter((r) => finite(r.actual));
  const expected = rows.filter((r) => finite(r.expected));
  const banded = rows.filter((r) => finite(r.low) && finite(r.high));
  const anomalies = readings.filter((r) => r.flag);
  const valueLabel = unit ? `${body.series} (${unit})` : `${body.series} reading`;
  const from = rows[0]?.period ?? '';
  const to = rows.at(-1)?.period ?? '';
  return [
    figure(
      'plot-main',
      `${body.analysis}: ${body.series}, expected band and ${anomalies.length} anomal${anomalies.length === 1 ? 'y' : 'ies'}`,
      `${readings.length} readings from ${from} to ${to} (dots), the expected value (line) and its band (shaded, low to high); ${anomalies.length === 1 ? 'the reading the analysis flagged is' : `the ${anomalies.length} readings the analysis flagged are`} ringed in red.${body.truncated ? ' Only the first 5,000 rows are shown (the API truncated the answer).' : ''}`,
      { x: { label: 'time (UTC)', type: 'utc' }, y: { label: valueLabel } },
      [
        band(banded, 'at', 'low', 'high', 'expected-band', COLORS.bandLight),
        fittedLine(expected, 'at', 'expected', 'expected-line', { width: 1.5 }),
        dataDots(readings, 'at', 'actual', {
          r: 2.5,
          stroke: 'none',
          fill: (d: { flag: boolean }) => (d.flag ? COLORS.flagged : COLORS.points),
        }),
        flaggedRings(anomalies, 'at', 'actual', 'anomalies'),
      ],
    ),
  ];
}
