/**
 * State review rules on small states written here: grouping by type with the
 * reviewed attributes, and which refresh differences count as drift.
 */
import { describe, expect, it } from 'vitest';
import type { Plan, ResourceChange, State } from '../src/review/plan-json';
import { renderStateMarkdown } from '../src/review/render-state';
import { summarizeState } from '../src/review/summarize-state';

const state: State = {
  format_version: '1.0',
  values: {
    root_module: {
      resources: [
        {
          address: 'aws_lambda_function.f',
          mode: 'managed',
          type: 'aws_lambda_function',
          name: 'f',
          values: {
            function_name: 'f',
            runtime: 'nodejs22.x',
            memory_size: 512,
            timeout: 10,
            architectures: ['arm64'],
            handler: 'index.handler',
            layers: ['arn:aws:lambda:eu-central-1:1:layer:stats-runtime:7'],
            code_sha256: 'abc=',
          },
        },
        {
          address: 'aws_iam_role.r',
          mode: 'managed',
          type: 'aws_iam_role',
          name: 'r',
          values: { name: 'role-f' },
        },
        {
          address: 'aws_iam_role_policy.p',
          mode: 'managed',
          type: 'aws_iam_role_policy',
          name: 'p',
          values: {
            role: 'role-f',
            name: 'logs',
            policy: '{"Statement":{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"*"}}',
          },
        },
        {
          address: 'aws_cloudwatch_log_group.g',
          mode: 'managed',
          type: 'aws_cloudwatch_log_group',
          name: 'g',
          values: { name: '/aws/lambda/f', retention_in_days: 0 },
        },
        {
          address: 'data.aws_caller_identity.me',
          mode: 'data',
          type: 'aws_caller_identity',
          name: 'me',
          values: {},
        },
      ],
    },
  },
};

function drift(address: string, type: string, before: object, after: object): ResourceChange {
  return {
    address,
    mode: 'managed',
    type,
    name: address.split('.')[1]!,
    change: { actions: ['update'], before, after },
  };
}

describe('state review', () => {
  it('groups managed resources by type with the attributes worth reviewing', () => {
    const s = summarizeState(state);
    expect(s.resourceCount).toBe(4);
    expect(s.groups.map((g) => g.type)).toEqual([
      'aws_cloudwatch_log_group',
      'aws_iam_role',
      'aws_iam_role_policy',
      'aws_lambda_function',
    ]);
    const md = renderStateMarkdown(s, { title: '`t`', driftChecked: false });
    expect(md).toContain(
      '| `aws_lambda_function.f` | `nodejs22.x` | `512` | `10` | `arm64` | `index.handler` | `stats-runtime:7` | `abc=` |',
    );
    expect(md).toContain('| `aws_cloudwatch_log_group.g` | `/aws/lambda/f` | `never expires` |');
    expect(md).toContain('| `aws_iam_role_policy.p` | `role-f` | `logs` | `logs:PutLogEvents` |');
    expect(md).toContain('Drift was not checked');
  });

  it('reports real drift attribute by attribute and sets apart what is not drift', () => {
    const refresh: Plan = {
      format_version: '1.2',
      resource_drift: [
        drift(
          'aws_lambda_function.f',
          'aws_lambda_function',
          { memory_size: 512, timeout: 10 },
          { memory_size: 512, timeout: 30 },
        ),
        drift(
          'aws_iam_role.r',
          'aws_iam_role',
          { name: 'role-f', inline_policy: [] },
          { name: 'role-f', inline_policy: [{ name: 'logs' }] },
        ),
        {
          address: 'aws_cloudwatch_log_group.g',
          mode: 'managed',
          type: 'aws_cloudwatch_log_group',
          name: 'g',
          change: { actions: ['delete'], before: { name: '/aws/lambda/f' }, after: null },
        },
      ],
    };
    const s = summarizeState(state, refresh);
    expect(s.drift.map((d) => [d.address, d.benign === undefined])).toEqual([
      ['aws_cloudwatch_log_group.g', true],
      ['aws_lambda_function.f', true],
      ['aws_iam_role.r', false],
    ]);
    const md = renderStateMarkdown(s, { title: '`t`', driftChecked: true });
    expect(md).toContain('**Drift**: 2 resources changed outside Terraform');
    expect(md).toContain('- `aws_cloudwatch_log_group.g` was **deleted** outside Terraform');
    expect(md).toContain('  - `timeout`: state has `10`, AWS has `30`');
    expect(md).toContain(
      '- `aws_iam_role.r`: `inline_policy`: managed by an `aws_iam_role_policy`',
    );
  });

  it('calls an inline policy nobody manages drift', () => {
    const alone: State = structuredClone(state);
    alone.values!.root_module!.resources = alone.values!.root_module!.resources!.filter(
      (r) => r.type !== 'aws_iam_role_policy',
    );
    const s = summarizeState(alone, {
      format_version: '1.2',
      resource_drift: [
        drift(
          'aws_iam_role.r',
          'aws_iam_role',
          { name: 'role-f', inline_policy: [] },
          { name: 'role-f', inline_policy: [{ name: 'x' }] },
        ),
      ],
    });
    expect(s.drift[0]?.benign).toBeUndefined();
  });
});
