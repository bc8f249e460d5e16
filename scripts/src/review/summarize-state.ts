import { type AttributeChange, formatPath } from './attribute-diff';
import type { Plan, State, StateModule, StateResource } from './plan-json';
import { diffPolicies, type PolicyDiff, parsePolicy } from './policy-diff';
import { driftedAttributes, reviewAction } from './summarize-plan';

/** One column of a type's table: a heading and how to read it from the values. */
interface Column {
  heading: string;
  read: (v: Record<string, unknown>) => unknown;
}

const at =
  (...path: (string | number)[]) =>
  (v: Record<string, unknown>): unknown => {
    let cur: unknown = v;
    for (const p of path) {
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string | number, unknown>)[p];
    }
    return cur;
  };

/** `arn:aws:lambda:…:layer:stats-runtime:3` -> `stats-runtime:3` */
function layerVersions(v: Record<string, unknown>): unknown {
  const layers = v.layers;
  if (!Array.isArray(layers)) return undefined;
  return layers.map((arn) => String(arn).split(':layer:')[1] ?? String(arn));
}

function policyActions(v: Record<string, unknown>): unknown {
  const statements = parsePolicy(v.policy);
  if (!statements) return undefined;
  return statements.flatMap((s) => {
    const a = s.Action ?? s.NotAction;
    return Array.isArray(a) ? a : a === undefined ? [] : [a];
  });
}

/** The attributes a reviewer cares about, per resource type. */
export const REVIEW_COLUMNS: Record<string, Column[]> = {
  aws_lambda_function: [
    { heading: 'Runtime', read: at('runtime') },
    { heading: 'Memory (MB)', read: at('memory_size') },
    { heading: 'Timeout (s)', read: at('timeout') },
    { heading: 'Architecture', read: at('architectures') },
    { heading: 'Handler', read: at('handler') },
    { heading: 'Layers', read: layerVersions },
    { heading: 'Code SHA-256', read: at('code_sha256') },
  ],
  aws_lambda_layer_version: [
    { heading: 'Layer', read: at('layer_name') },
    { heading: 'Version', read: at('version') },
    { heading: 'Runtimes', read: at('compatible_runtimes') },
    { heading: 'Code SHA-256', read: at('code_sha256') },
  ],
  aws_cloudwatch_log_group: [
    { heading: 'Name', read: at('name') },
    { heading: 'Retention (days)', read: (v) => v.retention_in_days || 'never expires' },
  ],
  aws_apigatewayv2_api: [
    { heading: 'Name', read: at('name') },
    { heading: 'Protocol', read: at('protocol_type') },
    { heading: 'Endpoint', read: at('api_endpoint') },
  ],
  aws_apigatewayv2_integration: [
    { heading: 'Type', read: at('integration_type') },
    {
      heading: 'Function',
      read: (v) => String(v.integration_uri ?? '').match(/function:([^/:]+)/)?.[1],
    },
    { heading: 'Payload', read: at('payload_format_version') },
  ],
  aws_apigatewayv2_route: [
    { heading: 'Route', read: at('route_key') },
    { heading: 'Auth', read: at('authorization_type') },
    { heading: 'Target', read: at('target') },
  ],
  aws_apigatewayv2_stage: [
    { heading: 'Stage', read: at('name') },
    { heading: 'Burst limit', read: at('default_route_settings', 0, 'throttling_burst_limit') },
    { heading: 'Rate limit', read: at('default_route_settings', 0, 'throttling_rate_limit') },
    { heading: 'Access logs', read: at('access_log_settings', 0, 'destination_arn') },
  ],
  aws_iam_role: [{ heading: 'Name', read: at('name') }],
  aws_iam_role_policy: [
    { heading: 'Role', read: at('role') },
    { heading: 'Name', read: at('name') },
    { heading: 'Actions', read: policyActions },
  ],
  aws_lambda_permission: [
    { heading: 'Function', read: at('function_name') },
    { heading: 'Principal', read: at('principal') },
    { heading: 'Source ARN', read: at('source_arn') },
  ],
  aws_s3_bucket: [{ heading: 'Bucket', read: at('bucket') }],
  aws_s3_object: [
    { heading: 'Bucket', read: at('bucket') },
    { heading: 'Key', read: at('key') },
  ],
};

const FALLBACK: Column[] = [{ heading: 'ID', read: at('id') }];

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
    const cols = REVIEW_COLUMNS[type] ?? FALLBACK;
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
