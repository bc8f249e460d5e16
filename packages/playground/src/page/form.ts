/**
 * The options form, built from each field's schema (statistics.ts says
 * which control each kind gets): controls with ids `option-<name>` (nested
 * fields `option-<parent>-<name>`), read back into the request's JSON
 * values with `parseOption`, and set from an example's values.
 */
import type { Body } from '../plots/types';
import {
  encodeChoice,
  type FieldSpec,
  OptionError,
  optionText,
  parseOption,
  UNION_VALUE,
} from './statistics';

const idOf = (path: string[]) => `option-${path.join('-')}`;

function labelled(text: string, control: HTMLElement, help?: string): HTMLLabelElement {
  const l = document.createElement('label');
  l.append(Object.assign(document.createElement('span'), { textContent: text }), control);
  if (help) l.title = help;
  return l;
}

function numberInput(id: string, f: FieldSpec, integer: boolean): HTMLInputElement {
  const input = Object.assign(document.createElement('input'), {
    type: 'number',
    id,
    step: integer ? '1' : 'any',
  });
  if (f.minimum !== undefined) input.min = String(f.minimum);
  if (f.maximum !== undefined) input.max = String(f.maximum);
  return input;
}

const choiceLabel = (c: string | null) => (c === null ? 'none (null)' : c);

/** One option's control (a group of controls for a nested object), labelled. */
export function optionControl(f: FieldSpec, path: string[] = [f.name]): HTMLElement {
  const id = idOf(path);
  const title = `${f.name}${f.required ? ' (required)' : ''}`;
  switch (f.kind) {
    case 'boolean': {
      const input = Object.assign(document.createElement('input'), { type: 'checkbox', id });
      input.checked = f.default === true;
      return labelled(title, input, f.description);
    }
    case 'choice': {
      const select = Object.assign(document.createElement('select'), { id });
      for (const c of f.choices ?? []) {
        const chosen = c === (f.default ?? null) || (f.default === undefined && c === null);
        select.append(new Option(choiceLabel(c), encodeChoice(c), chosen, chosen));
      }
      return labelled(title, select, f.description);
    }
    case 'union': {
      const select = Object.assign(document.createElement('select'), { id });
      const input = numberInput(`${id}-value`, f, f.valueKind === 'integer');
      input.setAttribute('aria-label', `${f.name}: number`);
      for (const c of f.choices ?? []) select.append(new Option(choiceLabel(c), encodeChoice(c)));
      select.append(new Option('a number:', UNION_VALUE));
      const numeric = typeof f.default === 'number';
      select.value = numeric ? UNION_VALUE : encodeChoice((f.default as string | null) ?? null);
      if (numeric) input.value = String(f.default);
      const sync = () => {
        input.disabled = select.value !== UNION_VALUE;
      };
      select.addEventListener('change', sync);
      sync();
      const box = Object.assign(document.createElement('span'), { className: 'union' });
      box.append(select, input);
      return labelled(title, box, f.description);
    }
    case 'numbers': {
      const input = Object.assign(document.createElement('input'), {
        type: 'text',
        id,
        inputMode: 'decimal',
        placeholder:
          f.minItems !== undefined && f.minItems === f.maxItems
            ? `${f.minItems} numbers, comma-separated`
            : 'numbers, comma-separated',
      });
      input.value = optionText(f.default);
      return labelled(`${title} (numbers)`, input, f.description);
    }
    case 'object': {
      const set = document.createElement('fieldset');
      set.id = id;
      set.append(
        Object.assign(document.createElement('legend'), {
          textContent: `${f.name} (optional group)`,
          title: f.description,
        }),
        ...(f.fields ?? [])
          .filter((g) => g.kind !== 'hidden')
          .map((g) => optionControl(g, [...path, g.name])),
      );
      return set;
    }
    default: {
      const input = numberInput(id, f, f.kind === 'integer');
      input.required = f.required;
      if (f.default !== undefined) input.value = String(f.default);
      return labelled(title, input, f.description);
    }
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The options' values: what each control holds, omitted when it is empty
 * or equal to the API's default (the API then applies its default, and
 * estimates what has none); a nested group with nothing set is omitted.
 */
export function readOptions(fields: FieldSpec[], path: string[] = []): Body {
  const out: Body = {};
  for (const f of fields) {
    const at = [...path, f.name];
    const id = idOf(at);
    if (f.kind === 'object') {
      const inner = readOptions(f.fields ?? [], at);
      if (Object.keys(inner).length > 0) out[f.name] = inner;
      continue;
    }
    const el = document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null;
    if (!el) continue;
    const value = parseOption(
      f,
      {
        text:
          f.kind === 'union'
            ? (document.getElementById(`${id}-value`) as HTMLInputElement)?.value
            : el.value,
        selected: el.value,
        checked: (el as HTMLInputElement).checked,
      },
      at.join('.'),
    );
    if (value === undefined || (f.default !== undefined && same(value, f.default))) continue;
    out[f.name] = value;
  }
  return out;
}

/** Sets the controls from values (an example's options). */
export function setOptions(fields: FieldSpec[], values: Body, path: string[] = []): void {
  for (const f of fields) {
    if (!(f.name in values)) continue;
    const v = values[f.name];
    const at = [...path, f.name];
    if (f.kind === 'object') {
      if (v && typeof v === 'object') setOptions(f.fields ?? [], v as Body, at);
      continue;
    }
    const el = document.getElementById(idOf(at)) as HTMLInputElement | HTMLSelectElement | null;
    if (!el) continue;
    if (f.kind === 'boolean') (el as HTMLInputElement).checked = v === true;
    else if (f.kind === 'choice') el.value = encodeChoice((v as string | null) ?? null);
    else if (f.kind === 'union') {
      const input = document.getElementById(`${idOf(at)}-value`) as HTMLInputElement;
      if (typeof v === 'number') {
        el.value = UNION_VALUE;
        input.value = String(v);
      } else el.value = encodeChoice((v as string | null) ?? null);
      input.disabled = el.value !== UNION_VALUE;
    } else el.value = optionText(v);
  }
}

export { OptionError };
