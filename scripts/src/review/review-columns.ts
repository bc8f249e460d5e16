/**
 * The attributes a reviewer cares about, per resource type: the state
 * review's table columns and the plan review's summary of a created or
 * deleted resource.
 */
import { parsePolicy } from './policy-diff';

/** One column of a type's table: a heading and how to read it from the values. */
export interface Column {
  heading: string;
  /** The top-level attribute the value comes from. */
  key: string;
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

function col(heading: string, key: string, ...rest: (string | number)[]): Column {
  return { heading, key, read: at(key, ...rest) };
}

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
    col('Runtime', 'runtime'),
    col('Memory (MB)', 'memory_size'),
    col('Timeout (s)', 'timeout'),
    col('Architecture', 'architectures'),
    col('Handler', 'handler'),
    { heading: 'Layers', key: 'layers', read: layerVersions },
    col('Code SHA-256', 'code_sha256'),
  ],
  aws_lambda_layer_version: [
    col('Layer', 'layer_name'),
    col('Version', 'version'),
    col('Runtimes', 'compatible_runtimes'),
    col('Code SHA-256', 'code_sha256'),
  ],
  aws_cloudwatch_log_group: [
    col('Name', 'name'),
    {
      heading: 'Retention (days)',
      key: 'retention_in_days',
      read: (v) => v.retention_in_days || 'never expires',
    },
  ],
  aws_apigatewayv2_api: [
    col('Name', 'name'),
    col('Protocol', 'protocol_type'),
    col('Endpoint', 'api_endpoint'),
  ],
  aws_apigatewayv2_integration: [
    col('Type', 'integration_type'),
    {
      heading: 'Function',
      key: 'integration_uri',
      read: (v) => String(v.integration_uri ?? '').match(/function:([^/:]+)/)?.[1],
    },
    col('Payload', 'payload_format_version'),
  ],
  aws_apigatewayv2_route: [
    col('Route', 'route_key'),
    col('Auth', 'authorization_type'),
    col('Target', 'target'),
  ],
  aws_apigatewayv2_stage: [
    col('Stage', 'name'),
    col('Burst limit', 'default_route_settings', 0, 'throttling_burst_limit'),
    col('Rate limit', 'default_route_settings', 0, 'throttling_rate_limit'),
    col('Access logs', 'access_log_settings', 0, 'destination_arn'),
  ],
  aws_iam_role: [col('Name', 'name')],
  aws_iam_role_policy: [
    col('Role', 'role'),
    col('Name', 'name'),
    { heading: 'Actions', key: 'policy', read: policyActions },
  ],
  aws_lambda_permission: [
    col('Function', 'function_name'),
    col('Principal', 'principal'),
    col('Source ARN', 'source_arn'),
  ],
  aws_s3_bucket: [col('Bucket', 'bucket')],
  aws_s3_object: [col('Bucket', 'bucket'), col('Key', 'key')],
};

const FALLBACK: Column[] = [col('ID', 'id')];

/** The columns worth reviewing for a resource type (its id for types not listed). */
export function columnsFor(type: string): Column[] {
  return REVIEW_COLUMNS[type] ?? FALLBACK;
}
