import {
  type AttributeChange,
  diffAttributes,
  formatPath,
  type ShownValue,
} from './attribute-diff';
import type { PathStep, Plan, ResourceChange } from './plan-json';
import { diffPolicies, type PolicyDiff, parsePolicy } from './policy-diff';
import { REVIEW_COLUMNS } from './review-columns';

/** What happens to a resource, with a replacement counted as one thing. */
export type ReviewAction = 'create' | 'update' | 'replace' | 'delete' | 'read' | 'forget' | 'no-op';

/** Order of the counts line and of the table: the risky ones first. */
export const ACTION_ORDER: ReviewAction[] = [
  'replace',
  'delete',
  'forget',
  'update',
  'create',
  'read',
  'no-op',
];

export interface PolicyChange {
  /** The attribute holding the document, e.g. `policy`. */
  attribute: string;
  diff: PolicyDiff;
}

export interface ResourceReview {
  address: string;
  type: string;
  action: ReviewAction;
  /** For a replacement: true when the new object is created before the old is destroyed. */
  createBeforeDestroy?: boolean;
  /** Why Terraform deletes or replaces it, in words. */
  reason?: string;
  /** Terraform's own reason code (`action_reason`). */
  reasonCode?: string;
  replacePaths: string[];
  /** Attributes that change (updates and replacements), policies excepted. */
  attributes: AttributeChange[];
  /** For a replacement: computed attributes Terraform knows only after apply. */
  knownAfterApply: string[];
  policies: PolicyChange[];
  /** For a create or delete: what the resource is (route key, runtime, memory...). */
  highlights: { heading: string; value: ShownValue }[];
  movedFrom?: string;
  importing?: string;
}

export interface PlanSummary {
  counts: Record<ReviewAction, number>;
  /** Every resource with a change (no-ops and data reads are only counted). */
  resources: ResourceReview[];
  terraformVersion?: string;
  /** Root module outputs whose value changes. */
  outputChanges: string[];
  /** Resources whose real object changed outside Terraform since the last apply. */
  driftedAddresses: string[];
  errored: boolean;
}

export function reviewAction(rc: ResourceChange): ReviewAction {
  const a = rc.change.actions;
  if (a.length === 2 && a.includes('delete') && a.includes('create')) return 'replace';
  const first = a[0];
  if (first === undefined) return 'no-op';
  return first;
}

function quoteList(items: string[]): string {
  const q = items.map((i) => `\`${i}\``);
  if (q.length <= 1) return q.join('');
  return `${q.slice(0, -1).join(', ')} and ${q.at(-1)}`;
}

/** The reason for a delete or replace, in words a reviewer can act on. */
export function reasonInWords(
  action: ReviewAction,
  code: string | undefined,
  replacePaths: string[],
): string | undefined {
  if (action === 'replace') {
    switch (code) {
      case 'replace_because_cannot_update':
        return replacePaths.length > 0
          ? `replaced because ${quoteList(replacePaths)} cannot be updated in place`
          : 'replaced because the change cannot be made in place';
      case 'replace_because_tainted':
        return 'replaced because it is tainted (an earlier apply failed part-way, or it was marked with `terraform taint`)';
      case 'replace_by_request':
        return 'replaced because the plan was run with `-replace`';
      case 'replace_by_triggers':
        return 'replaced because something in its `replace_triggered_by` changed';
      default:
        return replacePaths.length > 0
          ? `replaced because of a change to ${quoteList(replacePaths)}`
          : 'replaced';
    }
  }
  if (action === 'delete') {
    switch (code) {
      case 'delete_because_no_resource_config':
        return 'deleted because it is no longer in the configuration';
      case 'delete_because_no_module':
        return 'deleted because its module is no longer in the configuration';
      case 'delete_because_wrong_repetition':
        return 'deleted because its resource switched between `count`, `for_each` and a single instance';
      case 'delete_because_count_index':
        return 'deleted because `count` no longer reaches its index';
      case 'delete_because_each_key':
        return 'deleted because `for_each` no longer has its key';
      case 'delete_because_no_move_target':
        return 'deleted because the target of its `moved` block is not in the configuration';
      default:
        return 'deleted (the plan destroys it)';
    }
  }
  if (action === 'forget') {
    return 'removed from the state but left running (a `removed` block with `destroy = false`)';
  }
  return undefined;
}

/** Every string below `value` that is an IAM policy document, by path. */
function findPolicies(value: unknown, path: PathStep[] = []): { path: PathStep[]; doc: string }[] {
  if (typeof value === 'string') {
    return parsePolicy(value) ? [{ path, doc: value }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findPolicies(v, [...path, i]));
  if (typeof value === 'object' && value !== null) {
    return Object.keys(value)
      .sort()
      .flatMap((k) => findPolicies((value as Record<string, unknown>)[k], [...path, k]));
  }
  return [];
}

function marked(mirror: unknown, key: string): boolean {
  if (mirror === true) return true;
  if (typeof mirror !== 'object' || mirror === null) return false;
  const v = (mirror as Record<string, unknown>)[key];
  return v === true || (typeof v === 'object' && v !== null && JSON.stringify(v).includes('true'));
}

/** The first few reviewed attributes of a created (after) or deleted (before) object. */
function highlights(rc: ResourceChange, side: 'after' | 'before'): ResourceReview['highlights'] {
  const cols = (REVIEW_COLUMNS[rc.type] ?? []).slice(0, 3);
  const values = (rc.change[side] ?? {}) as Record<string, unknown>;
  const unknown = side === 'after' ? rc.change.after_unknown : undefined;
  const sensitive = side === 'after' ? rc.change.after_sensitive : rc.change.before_sensitive;
  const out: ResourceReview['highlights'] = [];
  for (const c of cols) {
    if (marked(unknown, c.key)) out.push({ heading: c.heading, value: { kind: 'unknown' } });
    else if (marked(sensitive, c.key))
      out.push({ heading: c.heading, value: { kind: 'sensitive' } });
    else {
      const v = c.read(values);
      if (v !== undefined && v !== null && v !== '') {
        out.push({ heading: c.heading, value: { kind: 'value', value: v } });
      }
    }
  }
  return out;
}

function reviewResource(rc: ResourceChange): ResourceReview {
  const action = reviewAction(rc);
  const c = rc.change;
  const replacePaths = (c.replace_paths ?? []).map(formatPath);
  const review: ResourceReview = {
    address: rc.deposed ? `${rc.address} (deposed ${rc.deposed})` : rc.address,
    type: rc.type,
    action,
    replacePaths,
    attributes: [],
    knownAfterApply: [],
    policies: [],
    highlights: [],
  };
  if (action === 'create' || action === 'delete') {
    review.highlights = highlights(rc, action === 'create' ? 'after' : 'before');
  }
  if (action === 'replace') review.createBeforeDestroy = c.actions[0] === 'create';
  const reason = reasonInWords(action, rc.action_reason, replacePaths);
  if (reason) review.reason = reason;
  if (rc.action_reason) review.reasonCode = rc.action_reason;
  if (rc.previous_address && rc.previous_address !== rc.address) {
    review.movedFrom = rc.previous_address;
  }
  if (c.importing) review.importing = c.importing.id ?? '(import)';

  if (action === 'update' || action === 'replace') {
    const changes = diffAttributes({
      before: c.before,
      after: c.after,
      afterUnknown: c.after_unknown,
      beforeSensitive: c.before_sensitive,
      afterSensitive: c.after_sensitive,
    });
    for (const ch of changes) {
      const b = ch.before.kind === 'value' ? parsePolicy(ch.before.value) : undefined;
      const a = ch.after.kind === 'value' ? parsePolicy(ch.after.value) : undefined;
      const beforeEmpty =
        ch.before.kind === 'absent' || (ch.before.kind === 'value' && !ch.before.value);
      if (a && (b || beforeEmpty)) {
        review.policies.push({ attribute: formatPath(ch.path), diff: diffPolicies(b ?? [], a) });
      } else if (
        action === 'replace' &&
        ch.after.kind === 'unknown' &&
        !replacePaths.includes(formatPath(ch.path))
      ) {
        review.knownAfterApply.push(formatPath(ch.path));
      } else {
        review.attributes.push(ch);
      }
    }
  } else if (action === 'create') {
    for (const p of findPolicies(c.after)) {
      review.policies.push({
        attribute: formatPath(p.path),
        diff: diffPolicies([], parsePolicy(p.doc) ?? []),
      });
    }
  }
  return review;
}

/** Reads a `terraform show -json` plan into what the review shows. */
export function summarizePlan(plan: Plan): PlanSummary {
  const counts = Object.fromEntries(ACTION_ORDER.map((a) => [a, 0])) as Record<
    ReviewAction,
    number
  >;
  const resources: ResourceReview[] = [];
  for (const rc of plan.resource_changes ?? []) {
    const action = reviewAction(rc);
    counts[action]++;
    const moved = rc.previous_address !== undefined && rc.previous_address !== rc.address;
    if (action === 'no-op' && !moved && !rc.change.importing) continue;
    if (action === 'read') continue;
    resources.push(reviewResource(rc));
  }
  const rank = (a: ReviewAction) => ACTION_ORDER.indexOf(a);
  resources.sort((x, y) => rank(x.action) - rank(y.action) || x.address.localeCompare(y.address));
  const summary: PlanSummary = {
    counts,
    resources,
    outputChanges: Object.entries(plan.output_changes ?? {})
      .filter(([, c]) => !c.actions.every((a) => a === 'no-op'))
      .map(([name]) => name)
      .sort(),
    driftedAddresses: (plan.resource_drift ?? [])
      .filter((d) => relevantDrift(d, plan.relevant_attributes ?? []))
      .map((d) => d.address)
      .sort(),
    errored: plan.errored === true,
  };
  if (plan.terraform_version) summary.terraformVersion = plan.terraform_version;
  return summary;
}

/** The attributes that changed outside Terraform, per a drift entry. */
export function driftedAttributes(d: ResourceChange): AttributeChange[] {
  return diffAttributes({
    before: d.change.before,
    after: d.change.after,
    beforeSensitive: d.change.before_sensitive,
    afterSensitive: d.change.after_sensitive,
  });
}

/**
 * Drift that matters to this plan, as Terraform's own plan output decides:
 * a drifted attribute that the configuration reads (`relevant_attributes`).
 */
function relevantDrift(
  d: ResourceChange,
  relevant: { resource: string; attribute: PathStep[] }[],
): boolean {
  if (reviewAction(d) !== 'update') return reviewAction(d) !== 'no-op';
  const mine = relevant.filter((r) => r.resource === d.address).map((r) => r.attribute);
  if (mine.length === 0) return false;
  const prefix = (a: PathStep[], b: PathStep[]) => a.every((x, i) => i >= b.length || b[i] === x);
  return driftedAttributes(d).some((c) => mine.some((m) => prefix(m, c.path) || prefix(c.path, m)));
}

/** True when applying the plan would change nothing. */
export function hasNoChanges(s: PlanSummary): boolean {
  return s.resources.length === 0 && s.outputChanges.length === 0;
}
