import { type AttributeChange, formatPath } from './attribute-diff';
import type { Plan, State, StateModule, StateResource } from './plan-json';
import { diffPolicies, type PolicyDiff, parsePolicy } from './policy-diff';
import { columnsFor } from './review-columns';
import { driftedAttributes, reviewAction } from './summarize-plan';

export interface StateGroup {
  type: string;
  headings: string[];
  rows: { address: string; cells: unknown[] }[];
}

export interface DriftEntry {
  address: string;
  type: string;
  /** `update`: attributes changed; `delete`: the object is gone. */
  action: string;
  attributes: AttributeChange[];
  policies: { attribute: string; diff: PolicyDiff }[];
  /** Set when the difference is a known artefact, not a change made by someone. */
  benign?: string;
}

export interface StateSummary {
  resourceCount: number;
  groups: StateGroup[];
  drift: DriftEntry[];
}

function allResources(m: StateModule | undefined): StateResource[] {
  if (!m) return [];
  return [...(m.resources ?? []), ...(m.child_modules ?? []).flatMap(allResources)];
}

/** Bucket settings that have their own `aws_s3_bucket_*` resource since provider v4. */
const S3_SPLIT: Record<string, string> = {
  server_side_encryption_configuration: 'aws_s3_bucket_server_side_encryption_configuration',
  versioning: 'aws_s3_bucket_versioning',
  lifecycle_rule: 'aws_s3_bucket_lifecycle_configuration',
  logging: 'aws_s3_bucket_logging',
  policy: 'aws_s3_bucket_policy',
  cors_rule: 'aws_s3_bucket_cors_configuration',
  website: 'aws_s3_bucket_website_configuration',
  replication_configuration: 'aws_s3_bucket_replication_configuration',
  object_lock_configuration: 'aws_s3_bucket_object_lock_configuration',
  acl: 'aws_s3_bucket_acl',
  grant: 'aws_s3_bucket_acl',
};

/**
 * Why a difference found by a refresh is not drift, or undefined when it is:
 * an attribute that another resource in the state manages (the parent
 * records it at its next refresh), or an attribute the configuration leaves
 * unset that AWS reports at its default.
 */
function benignReason(
  type: string,
  change: AttributeChange,
  values: Record<string, unknown>,
  state: StateResource[],
): string | undefined {
  const top = change.path[0];
  const managedBy = (other: string, key: string, value: unknown) =>
    state.some((r) => r.type === other && r.values[key] === value);
  if (type === 'aws_iam_role' && top === 'inline_policy') {
    if (managedBy('aws_iam_role_policy', 'role', values.name)) {
      return 'managed by an `aws_iam_role_policy`; the role records it at its next refresh';
    }
  }
  if (type === 'aws_s3_bucket' && typeof top === 'string' && S3_SPLIT[top]) {
    if (managedBy(S3_SPLIT[top], 'bucket', values.bucket)) {
      return `managed by an \`${S3_SPLIT[top]}\`; the bucket records it at its next refresh`;
    }
  }
  const b = change.before;
  const a = change.after;
  if (
    b.kind === 'value' &&
    b.value === null &&
    a.kind === 'value' &&
    (a.value === false || a.value === 0)
  ) {
    return 'not set in the configuration; AWS reports its default';
  }
  return undefined;
}

/**
 * What the state holds, grouped by type with the attributes worth reviewing,
 * and (given a refresh-only plan) what changed outside Terraform.
 */
export function summarizeState(state: State, refreshOnly?: Plan): StateSummary {
  const resources = allResources(state.values?.root_module).filter((r) => r.mode === 'managed');
  const byType = new Map<string, StateResource[]>();
  for (const r of resources) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
  const groups: StateGroup[] = [...byType.keys()].sort().map((type) => {
    const cols = columnsFor(type);
    return {
      type,
      headings: cols.map((c) => c.heading),
      rows: byType
        .get(type)!
        .sort((a, b) => a.address.localeCompare(b.address))
        .map((r) => ({ address: r.address, cells: cols.map((c) => c.read(r.values)) })),
    };
  });
  const drift: DriftEntry[] = [];
  for (const d of refreshOnly?.resource_drift ?? []) {
    const action = reviewAction(d);
    if (action === 'no-op') continue;
    const entry: DriftEntry = {
      address: d.address,
      type: d.type,
      action,
      attributes: [],
      policies: [],
    };
    if (action === 'update') {
      const values = (d.change.before ?? {}) as Record<string, unknown>;
      const reasons = new Set<string>();
      let real = 0;
      for (const ch of driftedAttributes(d)) {
        const why = benignReason(d.type, ch, values, resources);
        if (why) reasons.add(why);
        else real++;
        const b = ch.before.kind === 'value' ? parsePolicy(ch.before.value) : undefined;
        const a = ch.after.kind === 'value' ? parsePolicy(ch.after.value) : undefined;
        if (a && b)
          entry.policies.push({ attribute: formatPath(ch.path), diff: diffPolicies(b, a) });
        else entry.attributes.push(ch);
      }
      if (entry.attributes.length + entry.policies.length === 0) continue;
      if (real === 0 && reasons.size > 0) entry.benign = [...reasons].join('; ');
    }
    drift.push(entry);
  }
  drift.sort(
    (a, b) => Number(!!a.benign) - Number(!!b.benign) || a.address.localeCompare(b.address),
  );
  return { resourceCount: resources.length, groups, drift };
}
