/**
 * The scheduled analyses' panel: shown when the stack has analyses (the
 * function writes their names into the page's `#stack-config`). Lists an
 * analysis's runs (`GET /analyses/{name}/runs`), offers the series its
 * newest run analysed, and plots one series' results
 * (`GET /analyses/{name}/results?series=`): readings, expected band,
 * flagged anomalies.
 */
import { analysisPlots, type ResultsBody } from '../plots/analyses';
import type { Body } from '../plots/types';
import { errorBox, renderPlots } from './render';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The stack's settings the function wrote into the page. */
export function stackConfig(): { analyses: string[] } {
  try {
    const parsed = JSON.parse($('stack-config')?.textContent ?? '{}') as { analyses?: unknown };
    return {
      analyses: Array.isArray(parsed.analyses) ? parsed.analyses.map(String) : [],
    };
  } catch {
    return { analyses: [] };
  }
}

interface Run {
  runId: string;
  status: string;
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
  counts?: Record<string, number>;
  error?: string;
  rejected?: { series: string; reason?: string; message?: string }[];
}

async function getJson(path: string): Promise<{ ok: boolean; status: number; body: Body }> {
  const res = await fetch(new URL(path, location.href));
  return { ok: res.ok, status: res.status, body: (await res.json().catch(() => ({}))) as Body };
}

const message = (body: Body, status: number) =>
  `The API answered ${status}: ${((body.error ?? {}) as { message?: string }).message ?? 'no message'}`;

function runsTable(runs: Run[]): HTMLTableElement {
  const table = document.createElement('table');
  table.append(
    Object.assign(document.createElement('caption'), {
      textContent: `Runs, newest first (${runs.length})`,
    }),
  );
  const head = table.createTHead().insertRow();
  for (const h of ['run', 'status', 'started', 'duration', 'series', 'anomalies', 'rejected'])
    head.append(Object.assign(document.createElement('th'), { scope: 'col', textContent: h }));
  const body = table.createTBody();
  for (const r of runs) {
    const row = body.insertRow();
    row.dataset.status = r.status;
    const counts = r.counts ?? {};
    for (const v of [
      r.runId,
      r.error ? `${r.status} (${r.error})` : r.status,
      r.startedAt ?? '',
      r.durationMs !== undefined ? `${(r.durationMs / 1000).toFixed(1)} s` : '',
      String(counts.series ?? counts.analysed ?? ''),
      String(counts.anomalies ?? counts.flagged ?? ''),
      (r.rejected ?? []).map((x) => `${x.series}: ${x.reason ?? x.message ?? ''}`).join('; '),
    ])
      row.insertCell().textContent = v;
  }
  return table;
}

export function startAnalyses(): void {
  const { analyses } = stackConfig();
  if (analyses.length === 0) return;
  const section = $('analyses');
  const analysis = $<HTMLSelectElement>('analysis');
  const series = $<HTMLSelectElement>('series');
  const show = $<HTMLButtonElement>('show-results');
  const error = $<HTMLDivElement>('analysis-error');
  const status = $<HTMLParagraphElement>('analysis-status');
  const plot = $<HTMLDivElement>('analysis-plot');
  const runs = $<HTMLDivElement>('runs');
  section.hidden = false;
  for (const a of analyses) analysis.append(new Option(a, a));

  const fail = (text: string) => {
    errorBox(error, text);
    status.textContent = '';
  };

  const loadRuns = async () => {
    error.hidden = true;
    runs.replaceChildren();
    series.replaceChildren();
    status.textContent = `Loading the runs of ${analysis.value}…`;
    try {
      const res = await getJson(`analyses/${encodeURIComponent(analysis.value)}/runs`);
      if (!res.ok) return fail(message(res.body, res.status));
      const list = (res.body.runs ?? []) as Run[];
      const names = Array.isArray(res.body.series) ? (res.body.series as string[]) : [];
      for (const n of names) series.append(new Option(n, n));
      runs.replaceChildren(runsTable(list));
      status.textContent =
        list.length === 0
          ? `${analysis.value} has not run yet: it runs on its schedule (locally: pnpm schedule run ${analysis.value}).`
          : `${analysis.value}: ${list.length} run${list.length === 1 ? '' : 's'}, ${names.length} series in the newest.`;
      show.disabled = names.length === 0;
    } catch (e) {
      fail(`Could not reach the API: ${(e as Error).message}`);
    }
  };

  const loadResults = async () => {
    error.hidden = true;
    if (!series.value) return fail('Choose a series first.');
    status.textContent = `Loading ${series.value}…`;
    try {
      const res = await getJson(
        `analyses/${encodeURIComponent(analysis.value)}/results?series=${encodeURIComponent(series.value)}`,
      );
      if (!res.ok) return fail(message(res.body, res.status));
      const body = res.body as unknown as ResultsBody;
      renderPlots(plot, analysisPlots(body));
      const flagged = body.results.filter((r) => r.flag).length;
      status.textContent = `${body.series}: ${body.count} readings, ${flagged} flagged.`;
    } catch (e) {
      fail(`Could not reach the API: ${(e as Error).message}`);
    }
  };

  analysis.addEventListener('change', () => void loadRuns());
  show.addEventListener('click', () => void loadResults());
  void loadRuns();
}
