/**
 * The playground page: wires the form to the API. Everything it shows comes
 * from the API document (/openapi.json) and the endpoints' own answers.
 */
import * as Plot from '@observablehq/plot';
import { plotsFor } from '../plots/index';
import type { Body } from '../plots/types';
import { CellError, parseCsv, type Table } from './csv';
import { renderResult } from './result';
import {
  buildRequest,
  dataFields,
  defaultMapping,
  exampleAsCsv,
  type FieldSpec,
  labelsOf,
  type Mapping,
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
  result: $<HTMLDivElement>('result-area'),
  plots: $<HTMLDivElement>('plots'),
};

let statistics: StatisticSpec[] = [];
let mapping: Mapping = {};

const current = () => statistics.find((s) => s.name === ui.statistic.value);

function showError(message: string, details: string[] = []): void {
  ui.error.hidden = false;
  ui.error.replaceChildren(
    Object.assign(document.createElement('strong'), { textContent: message }),
    ...(details.length
      ? [
          (() => {
            const ul = document.createElement('ul');
            for (const d of details)
              ul.append(Object.assign(document.createElement('li'), { textContent: d }));
            return ul;
          })(),
        ]
      : []),
  );
}

function clearError(): void {
  ui.error.hidden = true;
  ui.error.replaceChildren();
}

/** The pasted data as a table, or null when it is JSON (or empty). */
function tableOrNull(): Table | null {
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

function optionControl(f: FieldSpec): HTMLElement {
  if (f.kind === 'boolean') {
    const input = Object.assign(document.createElement('input'), {
      type: 'checkbox',
      id: `option-${f.name}`,
    });
    input.checked = f.default === true;
    return input;
  }
  if (f.kind === 'choice') {
    const select = Object.assign(document.createElement('select'), { id: `option-${f.name}` });
    for (const c of f.choices ?? [])
      select.append(new Option(c, c, c === f.default, c === f.default));
    return select;
  }
  const input = Object.assign(document.createElement('input'), {
    type: 'number',
    id: `option-${f.name}`,
    step: f.kind === 'integer' ? '1' : 'any',
    required: f.required,
  });
  if (f.default !== undefined) input.value = String(f.default);
  if (f.minimum !== undefined) input.min = String(f.minimum);
  if (f.maximum !== undefined) input.max = String(f.maximum);
  return input;
}

function renderOptions(): void {
  const spec = current();
  if (!spec) return;
  const fields = optionFields(spec);
  const legend = Object.assign(document.createElement('legend'), { textContent: 'Options' });
  const controls = fields.map((f) =>
    label(`${f.name}${f.required ? ' (required)' : ''}`, optionControl(f), f.description),
  );
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

function readOptions(spec: StatisticSpec): Body {
  const out: Body = {};
  for (const f of optionFields(spec)) {
    const el = document.getElementById(`option-${f.name}`) as
      | HTMLInputElement
      | HTMLSelectElement
      | null;
    if (!el) continue;
    if (f.kind === 'boolean') out[f.name] = (el as HTMLInputElement).checked;
    else if (f.kind === 'choice') out[f.name] = el.value;
    else if (el.value.trim() !== '') {
      const v = Number(el.value);
      if (!Number.isFinite(v)) throw new Error(`Option ${f.name}: "${el.value}" is not a number.`);
      out[f.name] = v;
    } else if (f.required) throw new Error(`Option ${f.name} is required: ${f.description}`);
  }
  return out;
}

function setOptions(values: Body): void {
  for (const [k, v] of Object.entries(values)) {
    const el = document.getElementById(`option-${k}`) as
      | HTMLInputElement
      | HTMLSelectElement
      | null;
    if (!el) continue;
    if (el instanceof HTMLInputElement && el.type === 'checkbox') el.checked = v === true;
    else el.value = String(v);
  }
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
  const example = exampleAsCsv(spec);
  if (example) {
    ui.data.value = example.csv;
    mapping = example.mapping;
  } else {
    ui.data.value = JSON.stringify(spec.example.request, null, 2);
  }
  renderColumns();
  renderOptions();
  if (example) setOptions(example.options);
}

async function run(): Promise<void> {
  const spec = current();
  if (!spec) return;
  clearError();
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
      request = buildRequest(spec, table, mapping, readOptions(spec));
      labels = labelsOf(mapping);
    }
  } catch (e) {
    showError(e instanceof CellError ? `Bad cell. ${e.message}` : (e as Error).message);
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
      const err = (answer.error ?? {}) as {
        message?: string;
        details?: { issues?: { path: string; message: string }[] };
      };
      showError(
        `The API answered ${res.status}: ${err.message ?? res.statusText}`,
        (err.details?.issues ?? []).map((i) => i.message),
      );
      ui.status.textContent = '';
      return;
    }
    ui.result.replaceChildren(renderResult(spec.name, answer));
    renderPlots(spec.name, body, answer, labels);
    ui.status.textContent = `${spec.name}: done.`;
  } catch (e) {
    showError(`Could not reach the API: ${(e as Error).message}`);
    ui.status.textContent = '';
  } finally {
    ui.run.disabled = false;
  }
}

function renderPlots(
  statistic: string,
  request: Body,
  response: Body,
  labels: Record<string, string>,
): void {
  const figures = plotsFor(statistic, request, response, labels).map((spec) => {
    const figure = document.createElement('figure');
    figure.className = spec.id === 'plot-main' ? 'plot main' : 'plot';
    const heading = Object.assign(document.createElement('h3'), { textContent: spec.title });
    const rendered = Plot.plot({
      ...spec.options,
      ariaLabel: spec.title,
      ariaDescription: spec.description,
    });
    const svg =
      rendered instanceof SVGSVGElement
        ? rendered
        : (rendered.querySelector(':scope > svg') as SVGSVGElement);
    svg.dataset.testid = spec.id;
    svg.setAttribute('role', 'img');
    figure.append(
      heading,
      rendered,
      Object.assign(document.createElement('figcaption'), { textContent: spec.description }),
    );
    return figure;
  });
  ui.plots.replaceChildren(...figures);
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
  ui.data.addEventListener('input', () => renderColumns());
  ui.data.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void run();
  });
  ui.file.addEventListener('change', async () => {
    const file = ui.file.files?.[0];
    if (!file) return;
    ui.data.value = await file.text();
    renderColumns();
  });
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
