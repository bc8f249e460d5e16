import type { RawReading } from './csv';
import type { AnalysisMethod } from './spec';

/** Why a series was not analysed; each comes with a message naming the line(s) and what to fix. */
export type RejectReason =
  | 'unparsable-timestamp'
  | 'unparsable-value'
  | 'duplicate-timestamp'
  | 'missing-reading'
  | 'irregular-spacing'
  | 'too-short'
  | 'model-error';

export type CheckedSeries =
  | { ok: true; times: number[]; values: Float64Array; cadenceMs: number }
  | { ok: false; reason: RejectReason; message: string };

const ISO_INSTANT =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const where = (r: RawReading) => `${r.file} line ${r.line}`;
const iso = (t: number) => new Date(t).toISOString();
const duration = (ms: number) =>
  ms % 86_400_000 === 0
    ? `${ms / 86_400_000} d`
    : ms % 3_600_000 === 0
      ? `${ms / 3_600_000} h`
      : ms % 60_000 === 0
        ? `${ms / 60_000} min`
        : `${ms / 1000} s`;

/** The fewest readings a method needs: two seasonal cycles to learn from, plus the readings it scores. */
export function minimumReadings(method: AnalysisMethod): number {
  const m = method.seasonalPeriods;
  return method.kind === 'holt-winters'
    ? 2 * m + method.evaluatePeriods
    : Math.max(2 * m, method.evaluatePeriods);
}

/**
 * Checks one series before it is analysed: every timestamp an ISO 8601
 * instant with a zone, every value a decimal number, no timestamp twice,
 * readings evenly spaced at the series' own cadence (the most common gap)
 * with none missing, and enough of them for the method. The first problem
 * found is the series' outcome; other series are not affected.
 */
export function checkSeries(
  readings: readonly RawReading[],
  method: AnalysisMethod,
): CheckedSeries {
  const parsed: { t: number; v: number; r: RawReading }[] = [];
  for (const r of readings) {
    const t = ISO_INSTANT.test(r.timestamp) ? Date.parse(r.timestamp) : Number.NaN;
    if (Number.isNaN(t)) {
      return {
        ok: false,
        reason: 'unparsable-timestamp',
        message: `${where(r)}: timestamp ${JSON.stringify(r.timestamp)} is not an ISO 8601 instant with a zone (for example 2026-03-01T00:30:00Z)`,
      };
    }
    const v = DECIMAL.test(r.value) ? Number(r.value) : Number.NaN;
    if (!Number.isFinite(v)) {
      return {
        ok: false,
        reason: 'unparsable-value',
        message: `${where(r)}: value ${JSON.stringify(r.value)} is not a number; write a decimal such as 12.5 (an empty cell is a missing value)`,
      };
    }
    parsed.push({ t, v, r });
  }
  parsed.sort((a, b) => a.t - b.t);
  for (let i = 1; i < parsed.length; i++) {
    if (parsed[i]!.t === parsed[i - 1]!.t) {
      return {
        ok: false,
        reason: 'duplicate-timestamp',
        message: `${iso(parsed[i]!.t)} appears twice (${where(parsed[i - 1]!.r)} and ${where(parsed[i]!.r)}); keep one reading per timestamp`,
      };
    }
  }
  const need = minimumReadings(method);
  if (parsed.length < need) {
    const why =
      method.kind === 'holt-winters'
        ? `2 seasonal cycles of ${method.seasonalPeriods} to fit and ${method.evaluatePeriods} to score`
        : `2 seasonal cycles of ${method.seasonalPeriods} and at least the ${method.evaluatePeriods} it scores`;
    return {
      ok: false,
      reason: 'too-short',
      message: `${parsed.length} readings; the method needs at least ${need} (${why})`,
    };
  }
  // the cadence: the most common gap between consecutive readings
  const counts = new Map<number, number>();
  for (let i = 1; i < parsed.length; i++) {
    const gap = parsed[i]!.t - parsed[i - 1]!.t;
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let cadenceMs = 0;
  let best = 0;
  for (const [gap, count] of counts) {
    if (count > best || (count === best && gap < cadenceMs)) {
      cadenceMs = gap;
      best = count;
    }
  }
  for (let i = 1; i < parsed.length; i++) {
    const gap = parsed[i]!.t - parsed[i - 1]!.t;
    if (gap === cadenceMs) continue;
    const a = parsed[i - 1]!;
    const b = parsed[i]!;
    if (gap > cadenceMs && gap % cadenceMs === 0) {
      const missing = gap / cadenceMs - 1;
      return {
        ok: false,
        reason: 'missing-reading',
        message: `${missing} reading${missing === 1 ? '' : 's'} missing between ${iso(a.t)} (${where(a.r)}) and ${iso(b.t)} (${where(b.r)}); the series has one every ${duration(cadenceMs)}`,
      };
    }
    return {
      ok: false,
      reason: 'irregular-spacing',
      message: `${iso(a.t)} to ${iso(b.t)} (${where(b.r)}) is ${duration(gap)} apart; the series has one reading every ${duration(cadenceMs)}`,
    };
  }
  return {
    ok: true,
    times: parsed.map((p) => p.t),
    values: Float64Array.from(parsed, (p) => p.v),
    cadenceMs,
  };
}
