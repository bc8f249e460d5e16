/**
 * The summarizer's rules on small plans written here (sensitive values,
 * reasons, policies) and on a recorded real plan of the local stack
 * (tests/fixtures/plans/, written by local-stack-review.test.ts), made
 * large on purpose to test the size limit.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Plan, ResourceChange } from '../src/review/plan-json';
import { diffPolicies, parsePolicy } from '../src/review/policy-diff';
import { DEFAULT_MAX_CHARS, renderPlanMarkdown } from '../src/review/render-markdown';
import { reasonInWords, summarizePlan } from '../src/review/summarize-plan';

const recorded = JSON.parse(
  readFileSync(new URL('./fixtures/plans/local-all-changes.json', import.meta.url), 'utf8'),
) as Plan;

function plan(...changes: ResourceChange[]): Plan {
  return { format_version: '1.2', resource_changes: changes };
}

function update(
  address: string,
  before: object,
  after: object,
  extra: object = {},
): ResourceChange {
  const [type = '', name = ''] = address.split('.');
  return {
    address,
    mode: 'managed',
    type,
    name,
    change: { actions: ['update'], before, after, ...extra },
  };
}

const render = (p: Plan, maxChars?: number) =>
  renderPlanMarkdown(summarizePlan(p), { title: '`test`', ...(maxChars ? { maxChars } : {}) });

describe('attribute changes', () => {
  it('shows sensitive values as sensitive and never prints them', () => {
    const md = render(
      plan(
        update(
          'aws_lambda_function.f',
          { environment: [{ variables: { TOKEN: 'old-secret' } }], memory_size: 128 },
          { environment: [{ variables: { TOKEN: 'new-secret' } }], memory_size: 128 },
          {
            before_sensitive: { environment: [{ variables: { TOKEN: true } }] },
            after_sensitive: { environment: [{ variables: { TOKEN: true } }] },
          },
        ),
      ),
    );
    expect(md).toContain('| `environment[0].variables.TOKEN` | _(sensitive)_ | _(sensitive)_ |');
    expect(md).not.toContain('secret');
    expect(md).not.toContain('memory_size');
  });

  it('shows values known only after apply as such', () => {
    const md = render(
      plan(
        update(
          'aws_lambda_function.f',
          { layers: ['arn:aws:lambda:us-east-1:1:layer:x:1'], timeout: 3 },
          { timeout: 30 },
          { after_unknown: { layers: true } },
        ),
      ),
    );
    expect(md).toContain(
      '| `layers` | `["arn:aws:lambda:us-east-1:1:layer:x:1"]` | _(known after apply)_ |',
    );
    expect(md).toContain('| `timeout` | `3` | `30` |');
  });

  it('ignores null versus empty, which providers flip between', () => {
    const s = summarizePlan(
      plan(update('aws_s3_bucket.b', { tags: null, bucket: 'x' }, { tags: {}, bucket: 'x' })),
    );
    expect(s.resources[0]?.attributes).toEqual([]);
  });
});

describe('reasons in words', () => {
  it.each([
    [
      'replace',
      'replace_because_cannot_update',
      ['layer_name', 's3_key'],
      'replaced because `layer_name` and `s3_key` cannot be updated in place',
    ],
    ['replace', 'replace_because_tainted', [], 'replaced because it is tainted'],
    ['replace', 'replace_by_request', [], 'replaced because the plan was run with `-replace`'],
    [
      'replace',
      'replace_by_triggers',
      [],
      'replaced because something in its `replace_triggered_by` changed',
    ],
    [
      'delete',
      'delete_because_no_resource_config',
      [],
      'deleted because it is no longer in the configuration',
    ],
    [
      'delete',
      'delete_because_count_index',
      [],
      'deleted because `count` no longer reaches its index',
    ],
    ['delete', 'delete_because_each_key', [], 'deleted because `for_each` no longer has its key'],
    [
      'delete',
      'delete_because_no_module',
      [],
      'deleted because its module is no longer in the configuration',
    ],
    ['delete', undefined, [], 'deleted (the plan destroys it)'],
  ] as const)('%s / %s', (action, code, paths, words) => {
    expect(reasonInWords(action, code, [...paths])).toContain(words);
  });

  it('counts create-before-destroy as one replacement and says so', () => {
    const rc: ResourceChange = {
      address: 'aws_lambda_layer_version.l',
      mode: 'managed',
      type: 'aws_lambda_layer_version',
      name: 'l',
      change: {
        actions: ['create', 'delete'],
        before: { layer_name: 'a' },
        after: { layer_name: 'b' },
        replace_paths: [['layer_name']],
      },
      action_reason: 'replace_because_cannot_update',
    };
    const s = summarizePlan(plan(rc));
    expect(s.counts.replace).toBe(1);
    expect(s.counts.create + s.counts.delete).toBe(0);
    expect(render(plan(rc))).toContain('cannot be updated in place (new one created first)');
  });
});

describe('IAM policies, statement by statement', () => {
  const doc = (...statements: object[]) =>
    JSON.stringify({ Version: '2012-10-17', Statement: statements });

  it('treats one action and a list of one as the same', () => {
    const d = diffPolicies(
      parsePolicy(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }))!,
      parsePolicy(doc({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }))!,
    );
    expect(d).toEqual({ changes: [], unchanged: 1 });
  });

  it('matches statements by Sid and reports added and removed ones', () => {
    const d = diffPolicies(
      parsePolicy(
        doc(
          { Sid: 'Logs', Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: 'a' },
          { Sid: 'Old', Effect: 'Allow', Action: 's3:GetObject', Resource: 'b' },
        ),
      )!,
      parsePolicy(
        doc(
          { Sid: 'New', Effect: 'Deny', Action: 's3:*', Resource: 'c' },
          {
            Sid: 'Logs',
            Effect: 'Allow',
            Action: ['logs:PutLogEvents', 'logs:CreateLogStream'],
            Resource: 'a',
          },
        ),
      )!,
    );
    expect(d.unchanged).toBe(0);
    expect(d.changes.map((c) => [c.kind, c.label])).toEqual([
      ['changed', 'Logs'],
      ['removed', 'Old'],
      ['added', 'New'],
    ]);
    expect(d.changes[0]?.fields).toEqual([
      { field: 'Action', added: ['logs:CreateLogStream'], removed: [] },
    ]);
  });

  it('renders a policy change as statements, not as one JSON string', () => {
    const before = doc({ Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: 'r' });
    const after = doc(
      { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: 'r' },
      { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
    );
    const md = render(plan(update('aws_iam_role_policy.p', { policy: before }, { policy: after })));
    expect(md).toContain('Policy `policy`, statement by statement (1 added, 1 unchanged):');
    expect(md).toContain(
      '- added statement `Read`: Allow: Action `s3:GetObject`; Resource `arn:aws:s3:::b/*`',
    );
    expect(md).not.toContain('2012-10-17');
  });
});

describe('a recorded plan of the local stack', () => {
  it('says "No changes" in one line when nothing changes', () => {
    const noop = structuredClone(recorded);
    for (const rc of noop.resource_changes ?? []) rc.change.actions = ['no-op'];
    noop.output_changes = {};
    const md = render(noop);
    expect(md.trim().split('\n').slice(2)).toEqual([
      `**No changes.** The infrastructure matches the configuration (${noop.resource_changes?.length} resources unchanged).`,
    ]);
  });

  it('stays under the limit on a huge plan, cutting the largest details with a note', () => {
    // 300 copies of the recorded function update, each with a long new environment.
    const fn = recorded.resource_changes!.find(
      (rc) => rc.type === 'aws_lambda_function' && rc.change.actions[0] === 'update',
    )!;
    const big = structuredClone(recorded);
    for (let i = 0; i < 300; i++) {
      const copy = structuredClone(fn);
      copy.address = `${fn.type}.copy_${String(i).padStart(3, '0')}`;
      const vars = Object.fromEntries(
        Array.from({ length: 20 + (i % 50) }, (_, k) => [
          `VAR_${k}`,
          `value-${i}-${k}-${'x'.repeat(40)}`,
        ]),
      );
      (copy.change.after as { environment: unknown }).environment = [{ variables: vars }];
      big.resource_changes!.push(copy);
    }
    const md = render(big);
    expect(md.length).toBeLessThanOrEqual(DEFAULT_MAX_CHARS);
    expect(md).toContain('[!WARNING]');
    expect(md).toContain('is replaced because `layer_name` cannot be updated in place');
    expect(md).toMatch(/_Cut: .+ to keep this comment under 60,000 characters/);
    // The rendering is cut, not broken: every opened <details> is closed.
    expect(md.split('<details>').length).toBe(md.split('</details>').length);
  });

  it('says what a created or deleted resource is, not just its address', () => {
    const md = render(recorded);
    expect(md).toMatch(
      /\| \*\*delete\*\* \| `aws_apigatewayv2_route\.[^`]+` \| Route `POST \/ols`, Auth `NONE`/,
    );
    expect(md).toMatch(
      /\| create \| `aws_lambda_function\.[^`]+` \| Runtime `nodejs22\.x`, Memory \(MB\) `512`, Timeout \(s\) `10` \|/,
    );
  });

  it('honours a smaller limit, such as two stacks sharing one comment', () => {
    const md = render(recorded, 3000);
    expect(md.length).toBeLessThanOrEqual(3000);
    expect(md).toContain('| Action | Resource | What changes |');
  });
});
