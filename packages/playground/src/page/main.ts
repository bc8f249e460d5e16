/**
 * The playground page: wires the form to the API. Everything it shows comes
 * from the API document (/openapi.json) and the endpoints' own answers.
 */
import { plotsFor } from '../plots/index';
import type { Body } from '../plots/types';
import { startAnalyses } from './analyses';
import { CellError, parseCsv, type Table } from './csv';
import { optionControl, readOptions, setOptions } from './form';
import { runJob } from './job-runner';
import { completeLines, formatBytes, SYNC_LIMIT_BYTES } from './jobs';
import { errorBox, renderPlots } from './render';
import { renderResult } from './result';
import {
  buildRequest,
  dataFields,
  defaultMapping,
  exampleAsCsv,
  labelsOf,
  type Mapping,
  OptionError,
  optionFields,
  type StatisticSpec,
  statisticsFromOpenApi,
  withPlotRequests,
} from './statistics';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const ui = {
  statistic: $<HTMLSelectElement>('statistic'),
  summary: $<HTMLParagraphElement>('summary'),
  data: $<HTMLTextAreaElement>('data'),
  file: $<HTMLInputElement>('file'),
  columns: $<HTMLFieldSetElement>('columns'),
  options: $<HTMLFieldSetElement>('options'),
  run: $<HTMLButtonElement>('run'),
  example: $<HTMLButtonElement>('example'),
  error: $<HTMLDivElement>('error'),
  status: $<HTMLParagraphElement>('status'),
  progress: $<HTMLProgressElement>('progress'),
  fileInfo: $<HTMLDivElement>('file-info'),
  result: $<HTMLDivElement>('result-area'),
  plots: $<HTMLDivElement>('plots'),
};

let statistics: StatisticSpec[] = [];
let mapping: Mapping = {};
/** A picked file above the synchronous limit (run as a job), with its header row. */
let largeFile: { file: File; header: string[] } | null = null;

const current = () => statistics.find((s) => s.name === ui.statistic.value);

function showError(message: string, details: string[] = []): void {
  errorBox(ui.error, message, details);
}

function clearError(): void {
  ui.error.hidden = true;
  ui.error.replaceChildren();
}

/** The pasted data as a table, or null when it is JSON (or empty). */
function tableOrNull(): Table | null {
  if (largeFile) return { header: largeFile.header, rows: [] };
  const text = ui.data.value.trim();
  if (text === '' || text.startsWith('{')) return null;
  return parseCsv(text);
}

function label(text: string, control: HTMLElement, help?: string): HTMLLabelElement {
  const l = document.createElement('label');
  l.append(Object.assign(document.createElement('span'), { textContent: text }), control);
  if (help) l.title = help;
  return l;
}

/** Column pickers for the data fields, from the current header. */
function renderColumns(): void {
  const spec = current();
  if (!spec) return;
  let header: string[] = [];
  try {
    header = tableOrNull()?.header ?? [];
  } catch {
    header = [];
  }
  const fresh = defaultMapping(spec, header);
  for (const [k, v] of Object.entries(mapping)) {
    const ok = Array.isArray(v)
      ? v.every((c) => header.includes(c)) && v.length > 0
      : header.includes(v);
    if (ok && k in fresh) fresh[k] = v;
  }
  mapping = fresh;
  const legend = Object.assign(document.createElement('legend'), { textContent: 'Columns' });
  const controls = dataFields(spec).map((f) => {
    const select = document.createElement('select');
    select.id = `column-${f.name}`;
    select.dataset.field = f.name;
    select.multiple = f.kind !== 'column';
    if (select.multiple) select.size = Math.min(Math.max(header.length, 2), 6);
    const chosen = mapping[f.name];
    if (!select.multiple && !f.required)
      select.append(new Option('(none: 0, 1, 2, …)', '', chosen === '', chosen === ''));
    for (const h of header) {
      const option = new Option(h, h);
      option.selected = Array.isArray(chosen) ? chosen.includes(h) : chosen === h;
      select.append(option);
    }
    select.addEventListener('change', () => {
      mapping[f.name] = select.multiple
        ? [...select.selectedOptions].map((o) => o.value)
        : select.value;
    });
    const what =
      f.kind === 'column'
        ? ''
        : f.kind === 'rows'
          ? ' (columns, one row each)'
          : ' (one sample per column)';
    return label(`${f.name}${what}`, select, f.description);
  });
  const hint = header.length
    ? []
    : [
        Object.assign(document.createElement('p'), {
          className: 'hint',
          textContent: 'Paste CSV with a header row to choose columns (or paste a JSON request).',
        }),
      ];
  ui.columns.replaceChildren(legend, ...hint, ...controls);
}

function renderOptions(): void {
  const spec = current();
  if (!spec) return;
  const fields = optionFields(spec);
  const legend = Object.assign(document.createElement('legend'), { textContent: 'Options' });
  const controls = fields.map((f) => optionControl(f));
  ui.options.replaceChildren(
    legend,
    ...(controls.length
      ? controls
      : [
          Object.assign(document.createElement('p'), {
            className: 'hint',
            textContent: 'No options.',
          }),
        ]),
  );
}

function selectStatistic(name: string): void {
  ui.statistic.value = name;
  const spec = current();
  ui.summary.textContent = spec?.summary ?? '';
  const url = new URL(location.href);
  url.searchParams.set('statistic', name);
  url.searchParams.delete('example');
  history.replaceState(null, '', url);
  renderColumns();
  renderOptions();
}

function loadExample(): void {
  const spec = current();
  if (!spec) return;
  largeFile = null;
  ui.fileInfo.hidden = true;
  const example = exampleAsCsv(spec);
  if (example) {
    ui.data.value = example.csv;
    mapping = example.mapping;
  } else {
    ui.data.value = JSON.stringify(spec.example.request, null, 2);
  }
  renderColumns();
  renderOptions();
  if (example) setOptions(optionFields(spec), example.options);
}

async function run(): Promise<void> {
  const spec = current();
  if (!spec) return;
  clearError();
  if (largeFile) {
    await runAsJob(spec, largeFile.file, largeFile.header);
    return;
  }
  let request: Body;
  let labels: Record<string, string> = {};
  try {
    const text = ui.data.value.trim();
    if (text === '')
      throw new Error('Paste CSV (with a header row) or a JSON request first, or pick a file.');
    if (text.startsWith('{')) {
      try {
        request = JSON.parse(text) as Body;
      } catch (e) {
        throw new Error(`The JSON does not parse: ${(e as Error).message}`);
      }
    } else {
      const table = parseCsv(text);
      if (new Blob([text]).size > SYNC_LIMIT_BYTES) {
        await runAsJob(spec, new File([text], 'pasted.csv', { type: 'text/csv' }), table.header);
        return;
      }
      request = buildRequest(spec, table, mapping, readOptions(optionFields(spec)));
      labels = labelsOf(mapping);
    }
  } catch (e) {
    showError(
      e instanceof CellError
        ? `Bad cell. ${e.message}`
        : e instanceof OptionError
          ? e.message
          : (e as Error).message,
    );
    return;
  }
  const body = withPlotRequests(spec.name, request);
  ui.run.disabled = true;
  ui.status.textContent = `Running ${spec.name}…`;
  try {
    const res = await fetch(new URL(spec.name, location.href), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await res.json().catch(() => ({}))) as Body;
    if (!res.ok) {
      showApiError(res.status, res.statusText, answer);
      ui.status.textContent = '';
      return;
    }
    ui.result.replaceChildren(renderResult(spec.name, answer));
    renderPlots(ui.plots, plotsFor(spec.name, body, answer, labels));
    ui.status.textContent = `${spec.name}: done.`;
  } catch (e) {
    showError(`Could not reach the API: ${(e as Error).message}`);
    ui.status.textContent = '';
  } finally {
    ui.run.disabled = false;
  }
}

/** An API error body (`{error: {message, details: {issues}}}`) in the error box. */
function showApiError(status: number, statusText: string, answer: Body, box = ui.error): void {
  const err = (answer.error ?? {}) as {
    message?: string;
    details?: { issues?: { path: string; message: string }[] };
  };
  errorBox(
    box,
    `The API answered ${status}: ${err.message ?? statusText}`,
    (err.details?.issues ?? []).map((i) => i.message),
  );
}

/** A file too large for one request: through the datasets and jobs API, with progress. */
async function runAsJob(spec: StatisticSpec, file: File, header: string[]): Promise<void> {
  ui.run.disabled = true;
  ui.progress.hidden = false;
  ui.progress.removeAttribute('value');
  ui.plots.replaceChildren();
  try {
    const outcome = await runJob({
      spec,
      file,
      header,
      mapping,
      options: readOptions(optionFields(spec)),
      base: location.href,
      progress: (text, fraction) => {
        ui.status.textContent = text;
        if (fraction === undefined) ui.progress.removeAttribute('value');
        else ui.progress.value = fraction;
      },
    });
    if (outcome.kind === 'error') {
      showError(outcome.message, outcome.details);
      ui.status.textContent = '';
      return;
    }
    ui.result.replaceChildren(renderResult(spec.name, outcome.result));
    const note = Object.assign(document.createElement('p'), {
      className: 'hint',
      textContent: `Computed by job ${outcome.jobId} over ${outcome.summary}. The plots are drawn for files under ${formatBytes(SYNC_LIMIT_BYTES)}: this many points are beyond what a page should draw.`,
    });
    note.dataset.testid = 'job-summary';
    ui.plots.replaceChildren(note);
    ui.status.textContent = `${spec.name}: done (as job ${outcome.jobId}).`;
  } finally {
    ui.progress.hidden = true;
    ui.run.disabled = false;
  }
}

/** A picked file: small ones into the data box, large ones kept aside for a job (only their head is read). */
async function pickFile(file: File): Promise<void> {
  clearError();
  if (file.size <= SYNC_LIMIT_BYTES) {
    largeFile = null;
    ui.fileInfo.hidden = true;
    ui.data.value = await file.text();
    renderColumns();
    return;
  }
  const head = await file.slice(0, 64 * 1024).text();
  let header: string[];
  try {
    header = parseCsv(completeLines(head)).header;
  } catch (e) {
    showError(
      `The start of ${file.name} does not read as CSV with a header row: ${(e as Error).message}`,
    );
    return;
  }
  largeFile = { file, header };
  ui.data.value = '';
  ui.fileInfo.hidden = false;
  ui.fileInfo.textContent = `${file.name}: ${formatBytes(file.size)} (${file.size.toLocaleString('en')} bytes), over the ${formatBytes(SYNC_LIMIT_BYTES)} a single request can carry. Run sends it to the datasets API and runs the statistic as a job (columns: ${header.join(', ')}). Typing in the data box drops the file.`;
  renderColumns();
}

async function start(): Promise<void> {
  try {
    const res = await fetch(new URL('openapi.json', location.href));
    if (!res.ok) throw new Error(`GET /openapi.json answered ${res.status}`);
    statistics = statisticsFromOpenApi(await res.json());
  } catch (e) {
    showError(`Could not load the API document: ${(e as Error).message}`);
    return;
  }
  for (const s of statistics) ui.statistic.append(new Option(s.name, s.name));
  const params = new URLSearchParams(location.search);
  const wanted = params.get('statistic');
  const known = statistics.some((s) => s.name === wanted);
  selectStatistic(known ? (wanted as string) : (statistics[0]?.name ?? ''));
  if (wanted && !known) showError(`There is no statistic "${wanted}"; choose one from the list.`);
  ui.statistic.addEventListener('change', () => selectStatistic(ui.statistic.value));
  ui.data.addEventListener('input', () => {
    if (largeFile) {
      largeFile = null;
      ui.fileInfo.hidden = true;
    }
    renderColumns();
  });
  ui.data.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void run();
  });
  ui.file.addEventListener('change', () => {
    const file = ui.file.files?.[0];
    if (file) void pickFile(file);
  });
  startAnalyses();
  ui.run.addEventListener('click', () => void run());
  ui.example.addEventListener('click', () => loadExample());
  document.body.dataset.ready = 'true';
  if (known && params.get('example') !== null) {
    loadExample();
    const url = new URL(location.href);
    url.searchParams.set('example', params.get('example') ?? '1');
    history.replaceState(null, '', url);
    await run();
  }
}

void start();
