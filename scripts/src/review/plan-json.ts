/**
 * The subset of Terraform's machine-readable plan and state
 * (`terraform show -json`, format 1.x) that the reviews read. Field names
 * are Terraform's. See https://developer.hashicorp.com/terraform/internals/json-format
 */

/** One step of an attribute path: an attribute name or a list index. */
export type PathStep = string | number;

export type ChangeAction = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

export interface PlanChange {
  actions: ChangeAction[];
  before: unknown;
  after: unknown;
  /** Mirrors `after`: `true` where the value is known only after apply. */
  after_unknown?: unknown;
  /** Mirror `before`/`after`: `true` where the value is sensitive. */
  before_sensitive?: unknown;
  after_sensitive?: unknown;
  /** Attribute paths whose change forces the replacement. */
  replace_paths?: PathStep[][];
  importing?: { id?: string } | null;
}

export interface ResourceChange {
  address: string;
  previous_address?: string;
  module_address?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: string | number;
  deposed?: string;
  change: PlanChange;
  action_reason?: string;
}

export interface Plan {
  format_version: string;
  terraform_version?: string;
  resource_changes?: ResourceChange[];
  resource_drift?: ResourceChange[];
  output_changes?: Record<string, PlanChange>;
  relevant_attributes?: { resource: string; attribute: PathStep[] }[];
  errored?: boolean;
}

export interface StateResource {
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: string | number;
  values: Record<string, unknown>;
  sensitive_values?: unknown;
}

export interface StateModule {
  resources?: StateResource[];
  child_modules?: StateModule[];
}

export interface State {
  format_version?: string;
  terraform_version?: string;
  values?: { root_module?: StateModule; outputs?: Record<string, unknown> };
}

/** A clear error for JSON that is not a Terraform plan. */
export class ReviewInputError extends Error {
  override name = 'ReviewInputError';
}

/** Checks that `value` is a plan from `terraform show -json <planfile>`. */
export function asPlan(value: unknown, source: string): Plan {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ReviewInputError(`${source} is not a Terraform JSON plan: expected a JSON object`);
  }
  const plan = value as Partial<Plan> & { values?: unknown };
  if (typeof plan.format_version !== 'string') {
    throw new ReviewInputError(
      `${source} is not a Terraform JSON plan: it has no "format_version". Write one with ` +
        '`terraform plan -out=tfplan && terraform show -json tfplan > plan.json`',
    );
  }
  if (plan.resource_changes === undefined && plan.values !== undefined) {
    throw new ReviewInputError(
      `${source} is a Terraform state, not a plan (it has "values" but no "resource_changes"). ` +
        'Pass the plan file to `terraform show -json`, or review state with `pnpm state-review`',
    );
  }
  if (plan.resource_changes !== undefined && !Array.isArray(plan.resource_changes)) {
    throw new ReviewInputError(`${source}: "resource_changes" must be an array`);
  }
  return plan as Plan;
}
