/**
 * IAM policy documents compared statement by statement. Terraform shows a
 * policy as one JSON string, so a one-action change reads as a whole new
 * document; here each statement is matched (by Sid, else by content) and
 * only what changed inside it is reported.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: string;
  [key: string]: unknown;
}

export interface StatementChange {
  kind: 'added' | 'removed' | 'changed';
  /** The Sid, or `#n` (1-based position) for a statement without one. */
  label: string;
  statement: PolicyStatement;
  /** For `changed`: per field, the values added and removed. */
  fields?: { field: string; added: string[]; removed: string[] }[];
}

export interface PolicyDiff {
  changes: StatementChange[];
  unchanged: number;
}

/** Parses a policy document string; undefined when it is not one. */
export function parsePolicy(value: unknown): PolicyStatement[] | undefined {
  if (typeof value !== 'string' || !value.trimStart().startsWith('{')) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null || !('Statement' in doc)) return undefined;
  const raw = (doc as { Statement: unknown }).Statement;
  const list = Array.isArray(raw) ? raw : [raw];
  if (!list.every((s) => typeof s === 'object' && s !== null)) return undefined;
  return list as PolicyStatement[];
}

/** A field's values as a sorted list of strings (IAM allows one or many). */
function values(v: unknown): string[] {
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => (typeof x === 'string' ? x : canonical(x))).sort();
}

/** JSON with object keys sorted and single-element lists as their element. */
export function canonical(v: unknown): string {
  const norm = (x: unknown): unknown => {
    if (Array.isArray(x)) {
      const items = x.map(norm);
      if (items.length === 1) return items[0];
      return items
        .map((i) => JSON.stringify(i))
        .sort()
        .map((s) => JSON.parse(s));
    }
    if (typeof x === 'object' && x !== null) {
      return Object.fromEntries(
        Object.keys(x)
          .sort()
          .map((k) => [k, norm((x as Record<string, unknown>)[k])]),
      );
    }
    return x;
  };
  return JSON.stringify(norm(v));
}

function label(s: PolicyStatement, index: number): string {
  return typeof s.Sid === 'string' && s.Sid !== '' ? s.Sid : `#${index + 1}`;
}

function compareStatements(
  before: PolicyStatement,
  after: PolicyStatement,
): StatementChange['fields'] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const out: NonNullable<StatementChange['fields']> = [];
  for (const field of fields) {
    if (field === 'Sid') continue;
    const b = values(before[field]);
    const a = values(after[field]);
    const added = a.filter((x) => !b.includes(x));
    const removed = b.filter((x) => !a.includes(x));
    if (added.length > 0 || removed.length > 0) out.push({ field, added, removed });
  }
  return out;
}

/** Statement-by-statement difference of two policy documents. */
export function diffPolicies(before: PolicyStatement[], after: PolicyStatement[]): PolicyDiff {
  const changes: StatementChange[] = [];
  let unchanged = 0;
  const remaining = after.map((s, i) => ({ s, i }));
  const take = (pred: (s: PolicyStatement) => boolean) => {
    const at = remaining.findIndex((r) => pred(r.s));
    return at < 0 ? undefined : remaining.splice(at, 1)[0];
  };
  const unmatchedBefore: { s: PolicyStatement; i: number }[] = [];
  // Identical statements first, wherever they moved.
  before.forEach((s, i) => {
    if (take((a) => canonical(a) === canonical(s))) unchanged++;
    else unmatchedBefore.push({ s, i });
  });
  for (const { s, i } of unmatchedBefore) {
    const sid = typeof s.Sid === 'string' && s.Sid !== '' ? s.Sid : undefined;
    const match = sid
      ? take((a) => a.Sid === sid)
      : take((a) => (a.Sid === undefined || a.Sid === '') && a.Effect === s.Effect);
    if (match) {
      changes.push({
        kind: 'changed',
        label: label(match.s, match.i),
        statement: match.s,
        fields: compareStatements(s, match.s),
      });
    } else {
      changes.push({ kind: 'removed', label: label(s, i), statement: s });
    }
  }
  for (const { s, i } of remaining)
    changes.push({ kind: 'added', label: label(s, i), statement: s });
  return { changes, unchanged };
}
