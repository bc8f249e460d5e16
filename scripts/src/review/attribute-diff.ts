import type { PathStep } from './plan-json';

/** A value as a reviewer sees it: real, hidden, or not known yet. */
export type ShownValue =
  | { kind: 'value'; value: unknown }
  | { kind: 'sensitive' }
  | { kind: 'unknown' }
  | { kind: 'absent' };

export interface AttributeChange {
  path: PathStep[];
  before: ShownValue;
  after: ShownValue;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** null, "", [] and {} all mean "nothing set"; providers flip between them. */
function isEmpty(v: unknown): boolean {
  return (
    v === null ||
    v === undefined ||
    v === '' ||
    (Array.isArray(v) && v.length === 0) ||
    (isRecord(v) && Object.keys(v).length === 0)
  );
}

/** Follows one step into a mirror structure (after_unknown, *_sensitive). */
function step(mirror: unknown, key: PathStep): unknown {
  if (mirror === true) return true;
  if (Array.isArray(mirror) && typeof key === 'number') return mirror[key];
  if (isRecord(mirror) && typeof key === 'string') return mirror[key];
  return undefined;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!deepEqual(a[k], b[k])) return false;
    return true;
  }
  return a === b;
}

/** True when a mirror marks anything at or below this point. */
function anyMarked(mirror: unknown): boolean {
  if (mirror === true) return true;
  if (Array.isArray(mirror)) return mirror.some(anyMarked);
  if (isRecord(mirror)) return Object.values(mirror).some(anyMarked);
  return false;
}

function shown(value: unknown, sensitive: unknown, unknown = false): ShownValue {
  if (unknown) return { kind: 'unknown' };
  if (anyMarked(sensitive)) return { kind: 'sensitive' };
  if (value === undefined) return { kind: 'absent' };
  return { kind: 'value', value };
}

export interface DiffInput {
  before: unknown;
  after: unknown;
  afterUnknown?: unknown;
  beforeSensitive?: unknown;
  afterSensitive?: unknown;
}

/**
 * The attributes that differ between `before` and `after`, as leaf paths.
 * Objects and equal-length lists are walked element by element; lists whose
 * length changes are shown whole. Values Terraform will only know after the
 * apply come out as `unknown`, sensitive ones as `sensitive` (a sensitive
 * value that did not change is not listed, and its value is never shown).
 */
export function diffAttributes(input: DiffInput): AttributeChange[] {
  const out: AttributeChange[] = [];
  const walk = (
    path: PathStep[],
    before: unknown,
    after: unknown,
    unknown: unknown,
    bSens: unknown,
    aSens: unknown,
  ): void => {
    if (unknown === true) {
      out.push({ path, before: shown(before, bSens), after: { kind: 'unknown' } });
      return;
    }
    if (deepEqual(before, after) && !anyMarked(unknown)) return;
    const bothRecords = isRecord(before) && isRecord(after);
    const sameLengthLists =
      Array.isArray(before) && Array.isArray(after) && before.length === after.length;
    if ((bothRecords || sameLengthLists) && bSens !== true && aSens !== true) {
      const keys: PathStep[] = bothRecords
        ? [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
        : (before as unknown[]).map((_, i) => i);
      for (const key of keys) {
        walk(
          [...path, key],
          step(before, key),
          step(after, key),
          step(unknown, key),
          step(bSens, key),
          step(aSens, key),
        );
      }
      return;
    }
    if (isRecord(after) && isEmpty(before) && anyMarked(unknown)) {
      // A new block whose parts are partly unknown: list its parts.
      for (const key of Object.keys(after).sort()) {
        walk([...path, key], undefined, after[key], step(unknown, key), bSens, step(aSens, key));
      }
      return;
    }
    out.push({ path, before: shown(before, bSens), after: shown(after, aSens) });
  };
  walk(
    [],
    input.before,
    input.after,
    input.afterUnknown,
    input.beforeSensitive,
    input.afterSensitive,
  );
  return out;
}

/** `environment[0].variables.NODE_OPTIONS` */
export function formatPath(path: PathStep[]): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(p)) s += s === '' ? p : `.${p}`;
    else s += `[${JSON.stringify(p)}]`;
  }
  return s;
}
