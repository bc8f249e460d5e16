/**
 * The answer as a table (`data-testid="result"`): one row per field, each
 * value shown to 10 significant digits with the exact JSON number in
 * `data-value` (and the tooltip). Long arrays are cut to their first 8.
 */
import type { Body } from '../plots/types';

const SHOWN = 8;

export function formatValue(v: unknown): string {
  if (v === null) return 'null (undefined for these data)';
  if (typeof v === 'number')
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(10)));
  if (Array.isArray(v)) {
    const parts = v.slice(0, SHOWN).map(formatValue);
    return `[${parts.join(', ')}${v.length > SHOWN ? `, … (${v.length} values)` : ''}]`;
  }
  if (typeof v === 'object')
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${formatValue(x)}`)
      .join(', ')}}`;
  return String(v);
}

export function renderResult(statistic: string, answer: Body): HTMLTableElement {
  const table = document.createElement('table');
  table.dataset.testid = 'result';
  const caption = Object.assign(document.createElement('caption'), {
    textContent: `${statistic}: the API's answer`,
  });
  const body = document.createElement('tbody');
  for (const [key, value] of Object.entries(answer)) {
    if (key === 'prediction' && value && typeof value === 'object') {
      const p = value as Body;
      const n = Array.isArray(p.mean) ? p.mean.length : 0;
      body.append(
        row(
          key,
          `${n} points at ${formatValue(p.confidence_level)} confidence (plotted below)`,
          '',
        ),
      );
      continue;
    }
    body.append(row(key, formatValue(value), JSON.stringify(value)));
  }
  table.append(caption, body);
  return table;
}

function row(key: string, text: string, exact: string): HTMLTableRowElement {
  const tr = document.createElement('tr');
  const th = Object.assign(document.createElement('th'), { scope: 'row', textContent: key });
  const td = Object.assign(document.createElement('td'), { textContent: text });
  td.dataset.field = key;
  if (exact) {
    td.dataset.value = exact;
    td.title = exact;
  }
  tr.append(th, td);
  return tr;
}
