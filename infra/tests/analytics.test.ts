/**
 * The analytics resources synthesized from the demo analyses:
 * Scheduler schedules (not EventBridge rules) in a group, each with a role
 * that may start only its own state machine; a state machine per analysis
 * that moto's executor can run (JSON ItemReader, no ItemBatcher/JSONata);
 * the results and runs tables with TTL; the alarm topic with the email
 * subscriptions; and least-privilege policies throughout.
 */
import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { DEMO_ANALYSES, validateAnalyses } from '../src/analyses';
import { Analytics, type AnalyticsFunctions } from '../src/constructs/analytics';
import { type Json, resources } from './helpers/synth';

const fn = (name: string) => ({
  arn: `arn:aws:lambda:us-east-1:123456789012:function:lambda-stats-local-${name}`,
  roleName: `lambda-stats-local-${name}`,
});
const functions: AnalyticsFunctions = {
  list: fn('analytics-list'),
  series: fn('analytics-series'),
  finish: fn('analytics-finish'),
  api: fn('analytics-api'),
};
const analyses = validateAnalyses([
  ...DEMO_ANALYSES,
  {
    ...DEMO_ANALYSES[1]!,
    name: 'paused',
    inputPrefix: 'meters/paused/',
    schedule: {
      expression: 'at(2027-01-01T09:00:00)',
      timezone: 'America/New_York',
      startDate: '2026-12-01T00:00:00Z',
      endDate: '2027-02-01T00:00:00Z',
      enabled: false,
    },
    notify: [],
  },
]);
const BUCKET = { name: 'lambda-stats-local-data', arn: 'arn:aws:s3:::lambda-stats-local-data' };

const json = Testing.synthScope((scope) => {
  new Analytics(scope, 'analytics', {
    prefix: 'lambda-stats-local',
    region: 'us-east-1',
    accountId: '123456789012',
    analyses,
    functions,
    dataBucket: BUCKET,
    maxConcurrency: 8,
  });
});
const tf: Json = JSON.parse(json);
const byName = (type: string, key: string, value: string): Json =>
  resources(tf, type).find(([, r]) => r[key] === value)?.[1];
const policiesOfRole = (roleRef: string): Json[] =>
  resources(tf, 'aws_iam_role_policy')
    .filter(([, p]) => p.role === roleRef)
    .map(([, p]) => JSON.parse(p.policy));
const logicalId = (type: string, key: string, value: string) =>
  resources(tf, type).find(([, r]) => r[key] === value)?.[0];

describe('analytics resources', () => {
  it('uses EventBridge Scheduler schedules in one group, never legacy scheduled rules', () => {
    expect(resources(tf, 'aws_cloudwatch_event_rule')).toHaveLength(0);
    expect(resources(tf, 'aws_scheduler_schedule')).toHaveLength(3);
    expect(
      Testing.toHaveResourceWithProperties(json, 'aws_scheduler_schedule_group', {
        name: 'lambda-stats-local-analyses',
      }),
    ).toBe(true);
  });

  it('carries each schedule as declared: expression, time zone, dates, enabled state, a target input with the context attributes', () => {
    const targets = byName('aws_scheduler_schedule', 'name', 'smart-targets');
    expect(targets.schedule_expression).toBe('cron(0 6 * * ? *)');
    expect(targets.schedule_expression_timezone).toBe('Europe/Berlin');
    expect(targets.state).toBe('ENABLED');
    expect(targets.flexible_time_window).toEqual({ mode: 'OFF' });
    const smId = logicalId(
      'aws_sfn_state_machine',
      'name',
      'lambda-stats-local-analysis-smart-targets',
    );
    expect(targets.target.arn).toBe(`\${aws_sfn_state_machine.${smId}.arn}`);
    expect(JSON.parse(targets.target.input)).toEqual({
      analysis: 'smart-targets',
      scheduledTime: '<aws.scheduler.scheduled-time>',
      scheduleArn: '<aws.scheduler.schedule-arn>',
      executionId: '<aws.scheduler.execution-id>',
    });
    const paused = byName('aws_scheduler_schedule', 'name', 'paused');
    expect(paused).toMatchObject({
      state: 'DISABLED',
      schedule_expression: 'at(2027-01-01T09:00:00)',
      schedule_expression_timezone: 'America/New_York',
      start_date: '2026-12-01T00:00:00Z',
      end_date: '2027-02-01T00:00:00Z',
    });
  });

  it('gives each schedule a role Scheduler alone may assume, for this account, that may start only its own state machine', () => {
    for (const analysis of analyses) {
      const roleId = logicalId(
        'aws_iam_role',
        'name',
        `lambda-stats-local-analysis-${analysis.name}-schedule`,
      );
      const role = tf.resource.aws_iam_role[roleId!];
      expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
        },
      ]);
      const smId = logicalId(
        'aws_sfn_state_machine',
        'name',
        `lambda-stats-local-analysis-${analysis.name}`,
      );
      expect(policiesOfRole(`\${aws_iam_role.${roleId}.id}`)).toEqual([
        {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'StartOwnAnalysis',
              Effect: 'Allow',
              Action: 'states:StartExecution',
              Resource: `\${aws_sfn_state_machine.${smId}.arn}`,
            },
          ],
        },
      ]);
    }
  });

  it('defines per analysis a Distributed Map over a JSON ItemReader, without what moto lacks', () => {
    const sm = byName('aws_sfn_state_machine', 'name', 'lambda-stats-local-analysis-smart-alarms');
    const def = JSON.parse(sm.definition);
    expect(Object.keys(def.States)).toEqual([
      'ListSeries',
      'Series',
      'Finish',
      'Outcome',
      'Failed',
      'Done',
    ]);
    expect(def.States.Series.ItemReader).toMatchObject({
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'JSON' },
    });
    expect(def.States.Series.ItemProcessor.ProcessorConfig.Mode).toBe('DISTRIBUTED');
    expect(sm.definition).not.toMatch(/ItemBatcher|JSONL|JSONata|QueryLanguage/);
    // the analysis's config travels in the definition: the functions are shared
    expect(def.States.ListSeries.Parameters.Payload.analysis).toMatchObject({
      name: 'smart-alarms',
      bucket: BUCKET.name,
      inputPrefix: 'analyses/smart-alarms/input/',
      method: { kind: 'modified-zscore', seasonalPeriods: 336 },
      threshold: 3.5,
    });
    expect(def.States.Series.ItemSelector.analysis).toEqual(
      def.States.ListSeries.Parameters.Payload.analysis,
    );
    // failures reach Finish, which records them; the execution then fails
    expect(def.States.ListSeries.Catch[0].Next).toBe('Finish');
    expect(def.States.Series.Catch[0].Next).toBe('Finish');
  });

  it("lets each state machine invoke only the analysis functions, read only its own run's item list and run only its own map runs", () => {
    const roleId = logicalId('aws_iam_role', 'name', 'lambda-stats-local-analysis-paused-states');
    const [policy] = policiesOfRole(`\${aws_iam_role.${roleId}.id}`);
    const sids = Object.fromEntries(policy.Statement.map((s: Json) => [s.Sid, s]));
    expect(sids.InvokeAnalysisFunctions.Resource).toHaveLength(6);
    expect(sids.InvokeAnalysisFunctions.Resource).not.toContain(functions.api.arn);
    expect(sids.ReadSeriesList.Resource).toBe(`${BUCKET.arn}/analyses/paused/runs/*`);
    expect(sids.RunOwnMapRuns.Resource).toBe(
      'arn:aws:states:us-east-1:123456789012:stateMachine:lambda-stats-local-analysis-paused',
    );
    expect(sids.WatchOwnMapRuns.Resource).toBe(
      'arn:aws:states:us-east-1:123456789012:execution:lambda-stats-local-analysis-paused/*',
    );
    for (const s of policy.Statement) expect(JSON.stringify(s.Action)).not.toMatch(/\*/);
  });

  it('gives the functions only what each needs: inputs to list, results to write, runs to record, the topic to publish to', () => {
    const statementsOf = (role: string) => policiesOfRole(role).flatMap((p) => p.Statement);
    const list = statementsOf(functions.list.roleName);
    expect(list.find((s) => s.Sid === 'ListInputs').Condition.StringLike['s3:prefix']).toEqual([
      'analyses/smart-targets/input/*',
      'analyses/smart-alarms/input/*',
      'meters/paused/*',
    ]);
    expect(list.find((s) => s.Sid === 'ReadInputs').Resource).toContain(
      `${BUCKET.arn}/meters/paused/*`,
    );
    const results = `\${aws_dynamodb_table.${logicalId('aws_dynamodb_table', 'name', 'lambda-stats-local-analysis-results')}.arn}`;
    const runs = `\${aws_dynamodb_table.${logicalId('aws_dynamodb_table', 'name', 'lambda-stats-local-analysis-runs')}.arn}`;
    const topic = `\${aws_sns_topic.${logicalId('aws_sns_topic', 'name', 'lambda-stats-local-analysis-alarms')}.arn}`;
    expect(
      statementsOf(functions.series.roleName).find((s) => s.Sid === 'WriteResults').Resource,
    ).toBe(results);
    const finish = statementsOf(functions.finish.roleName);
    expect(finish.find((s) => s.Sid === 'RecordRuns').Resource).toBe(runs);
    expect(finish.find((s) => s.Sid === 'PublishAlarms')).toMatchObject({
      Action: 'sns:Publish',
      Resource: topic,
    });
    expect(statementsOf(functions.api.roleName)).toEqual([
      {
        Sid: 'ReadResultsAndRuns',
        Effect: 'Allow',
        Action: 'dynamodb:Query',
        Resource: [results, runs],
      },
    ]);
  });

  it('keys results by analysis+series and period, and runs by analysis, both with a TTL', () => {
    expect(
      Testing.toHaveResourceWithProperties(json, 'aws_dynamodb_table', {
        name: 'lambda-stats-local-analysis-results',
        hash_key: 'pk',
        range_key: 'period',
        billing_mode: 'PAY_PER_REQUEST',
        ttl: { attribute_name: 'expiresAt', enabled: true },
      }),
    ).toBe(true);
    expect(
      Testing.toHaveResourceWithProperties(json, 'aws_dynamodb_table', {
        name: 'lambda-stats-local-analysis-runs',
        hash_key: 'analysis',
        range_key: 'sk',
        ttl: { attribute_name: 'expiresAt', enabled: true },
      }),
    ).toBe(true);
  });

  it('subscribes each configured email to its analysis alarms only', () => {
    const subs = resources(tf, 'aws_sns_topic_subscription').map(([, s]) => s);
    const found = subs.map((s) => [s.protocol, s.endpoint, JSON.parse(s.filter_policy)]);
    expect(found.sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
      ['email', 'alarms@example.com', { analysis: ['smart-alarms'] }],
      ['email', 'energy-team@example.com', { analysis: ['smart-targets'] }],
    ]);
  });
});
