import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SchedulerScheduleGroup } from '@cdktf/provider-aws/lib/scheduler-schedule-group';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { AnalysisSpec } from '@lambda-stats/lambda-kit/analysis-spec';
import { Construct } from 'constructs';
import type { ResolvedAnalysis } from '../analyses';
import { assumeRolePolicy, policyDocument } from './iam-documents';
import { distributedProcessor, jsonItemReader, lambdaInvoke, retryTransient } from './states';

/** A function the analyses use: its ARN and its role's name (to attach what it may do). */
export interface AnalyticsFunctionRef {
  readonly arn: string;
  readonly roleName: string;
}

export interface AnalyticsFunctions {
  /** Lists an analysis's input, groups rows into series, writes one item per series and the item list. */
  readonly list: AnalyticsFunctionRef;
  /** Analyses one series (Distributed Map worker) and writes its results. */
  readonly series: AnalyticsFunctionRef;
  /** Records the run, emits the EMF metrics, publishes the alarm once per period. */
  readonly finish: AnalyticsFunctionRef;
  /** GET /analyses/{name}/results and /runs. */
  readonly api: AnalyticsFunctionRef;
}

export interface AnalyticsProps {
  /** `lambda-stats-<stage>`: prefixes every name. */
  readonly prefix: string;
  readonly region: string;
  readonly accountId: string;
  readonly analyses: readonly ResolvedAnalysis[];
  readonly functions: AnalyticsFunctions;
  readonly dataBucket: { readonly name: string; readonly arn: string };
  /** Series analysed at once in one run (the Distributed Map's MaxConcurrency). */
  readonly maxConcurrency: number;
}

/** The shared resources' names, known before they exist (the functions' environment needs them). */
export const analyticsNames = (prefix: string) => ({
  resultsTable: `${prefix}-analysis-results`,
  runsTable: `${prefix}-analysis-runs`,
  topic: `${prefix}-analysis-alarms`,
  scheduleGroup: `${prefix}-analyses`,
});

/** Transient Lambda faults are retried; a bad input is not (the functions throw AnalysisInputError). */
const retry = (attempts: number) => retryTransient(['AnalysisInputError'], attempts);

/** What the functions need of the analysis: the config minus what only infra uses. */
export function analysisSpec(analysis: ResolvedAnalysis, bucket: string): AnalysisSpec {
  return {
    name: analysis.name,
    bucket,
    inputPrefix: analysis.inputPrefix,
    scratchPrefix: `analyses/${analysis.name}/runs/`,
    columns: analysis.columns,
    method: analysis.method,
    threshold: analysis.threshold,
    resultTtlDays: analysis.resultTtlDays,
  };
}

/**
 * One run of one analysis: ListSeries -> Series (Distributed Map over the
 * JSON item list ListSeries wrote to S3; each item one series, analysed by
 * a Lambda worker that writes its results and returns its outcome) ->
 * Finish (run record, metrics, one notification). Written for AWS and
 * moto alike: JSON ItemReader, no ItemBatcher, no JSONL, no JSONata.
 * A failure anywhere still reaches Finish, which records the run FAILED,
 * and the execution then fails so `schedule run` and AWS show it.
 */
export function analysisDefinition(
  analysis: ResolvedAnalysis,
  bucket: string,
  functions: AnalyticsFunctions,
  maxConcurrency: number,
) {
  const spec = analysisSpec(analysis, bucket);
  const toFinish = [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'Finish' }];
  // What List and Finish are told about the run: the analysis, the execution's name and start.
  const run = {
    analysis: spec,
    'runId.$': '$$.Execution.Name',
    'startedAt.$': '$$.Execution.StartTime',
  };
  return {
    Comment: `lambda-stats analysis ${analysis.name}: analyse every series of the input, record the run, notify`,
    StartAt: 'ListSeries',
    States: {
      ListSeries: {
        ...lambdaInvoke(functions.list.arn, { ...run, 'trigger.$': '$' }),
        ResultSelector: { 'run.$': '$.Payload' },
        ResultPath: '$.listed',
        Retry: retry(2),
        Catch: toFinish,
        Next: 'Series',
      },
      Series: {
        Type: 'Map',
        ItemReader: jsonItemReader('$.listed.run.bucket', '$.listed.run.itemsKey'),
        ItemSelector: {
          analysis: spec,
          'run.$': '$.listed.run',
          'item.$': '$$.Map.Item.Value',
        },
        ItemProcessor: distributedProcessor('AnalyseSeries', {
          AnalyseSeries: {
            ...lambdaInvoke(functions.series.arn, '$'),
            ResultSelector: { 'outcome.$': '$.Payload' },
            OutputPath: '$.outcome',
            Retry: retry(3),
            End: true,
          },
        }),
        MaxConcurrency: maxConcurrency,
        ResultPath: '$.outcomes',
        Catch: toFinish,
        Next: 'Finish',
      },
      Finish: {
        ...lambdaInvoke(functions.finish.arn, { ...run, 'state.$': '$' }),
        ResultSelector: { 'status.$': '$.Payload.status' },
        ResultPath: '$.finished',
        Retry: retry(2),
        Next: 'Outcome',
      },
      Outcome: {
        Type: 'Choice',
        Choices: [{ Variable: '$.finished.status', StringEquals: 'FAILED', Next: 'Failed' }],
        Default: 'Done',
      },
      Failed: {
        Type: 'Fail',
        Error: 'AnalysisRunFailed',
        Cause: 'the run record holds the reason (GET /analyses/{name}/runs)',
      },
      Done: { Type: 'Succeed' },
    },
  };
}

/**
 * Scheduled analyses: one results table and one runs table for all of
 * them, one SNS topic for their alarms, one Scheduler schedule group; per
 * analysis a state machine (its config is baked into the definition, so
 * the functions are shared and the state machine's role reads only that
 * analysis's prefixes) and a schedule whose role may start only it.
 */
export class Analytics extends Construct {
  readonly results: DynamodbTable;
  readonly runs: DynamodbTable;
  readonly topic: SnsTopic;
  readonly scheduleGroup: SchedulerScheduleGroup;
  readonly stateMachines = new Map<string, SfnStateMachine>();
  readonly schedules = new Map<string, SchedulerSchedule>();

  constructor(scope: Construct, id: string, props: AnalyticsProps) {
    super(scope, id);
    const { prefix, analyses, functions, dataBucket } = props;
    const names = analyticsNames(prefix);

    /** On-demand, encrypted, items expiring at `expiresAt`, keyed by two string attributes. */
    const table = (id: string, name: string, hashKey: string, rangeKey: string) =>
      new DynamodbTable(this, id, {
        name,
        billingMode: 'PAY_PER_REQUEST',
        hashKey,
        rangeKey,
        attribute: [
          { name: hashKey, type: 'S' },
          { name: rangeKey, type: 'S' },
        ],
        ttl: { attributeName: 'expiresAt', enabled: true },
        serverSideEncryption: { enabled: true },
      });
    this.results = table('results', names.resultsTable, 'pk', 'period');
    this.runs = table('runs', names.runsTable, 'analysis', 'sk');
    this.topic = new SnsTopic(this, 'alarms', { name: names.topic });
    this.scheduleGroup = new SchedulerScheduleGroup(this, 'schedule-group', {
      name: names.scheduleGroup,
    });

    const stateMachineArn = (name: string) =>
      `arn:aws:states:${props.region}:${props.accountId}:stateMachine:${name}`;
    const executionArns = (name: string) =>
      `arn:aws:states:${props.region}:${props.accountId}:execution:${name}/*`;
    const inputObjects = analyses.map((a) => `${dataBucket.arn}/${a.inputPrefix}*`);
    const scratchObjects = analyses.map((a) => `${dataBucket.arn}/analyses/${a.name}/runs/*`);

    // What each shared function may do, over every declared analysis and nothing else.
    const functionPolicies: [string, AnalyticsFunctionRef, Record<string, unknown>[]][] = [
      [
        'list',
        functions.list,
        [
          {
            Sid: 'ListInputs',
            Effect: 'Allow',
            Action: 's3:ListBucket',
            Resource: dataBucket.arn,
            Condition: { StringLike: { 's3:prefix': analyses.map((a) => `${a.inputPrefix}*`) } },
          },
          { Sid: 'ReadInputs', Effect: 'Allow', Action: 's3:GetObject', Resource: inputObjects },
          {
            Sid: 'WriteSeriesItems',
            Effect: 'Allow',
            Action: 's3:PutObject',
            Resource: scratchObjects,
          },
        ],
      ],
      [
        'series',
        functions.series,
        [
          {
            Sid: 'ReadSeriesItems',
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: scratchObjects,
          },
          {
            Sid: 'WriteResults',
            Effect: 'Allow',
            Action: ['dynamodb:BatchWriteItem', 'dynamodb:Query'],
            Resource: this.results.arn,
          },
        ],
      ],
      [
        'finish',
        functions.finish,
        [
          {
            Sid: 'RecordRuns',
            Effect: 'Allow',
            Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
            Resource: this.runs.arn,
          },
          {
            Sid: 'PublishAlarms',
            Effect: 'Allow',
            Action: 'sns:Publish',
            Resource: this.topic.arn,
          },
        ],
      ],
      [
        'api',
        functions.api,
        [
          {
            Sid: 'ReadResultsAndRuns',
            Effect: 'Allow',
            Action: 'dynamodb:Query',
            Resource: [this.results.arn, this.runs.arn],
          },
        ],
      ],
    ];
    for (const [name, fn, statements] of functionPolicies) {
      // a stack without analyses keeps the tables, topic and API, but no S3 access
      const used =
        analyses.length > 0
          ? statements
          : statements.filter((s) => !String(s.Action).startsWith('s3:'));
      new IamRolePolicy(this, `function-policy-${name}`, {
        name: 'analyses',
        role: fn.roleName,
        policy: policyDocument(used),
      });
    }

    const fnArns = [functions.list.arn, functions.series.arn, functions.finish.arn];
    for (const analysis of analyses) {
      const name = `${prefix}-analysis-${analysis.name}`;
      const role = new IamRole(this, `${analysis.name}-states-role`, {
        name: `${name}-states`,
        assumeRolePolicy: assumeRolePolicy('states.amazonaws.com'),
      });
      const policy = new IamRolePolicy(this, `${analysis.name}-states-policy`, {
        name: 'run-analysis',
        role: role.id,
        policy: policyDocument([
          {
            Sid: 'InvokeAnalysisFunctions',
            Effect: 'Allow',
            Action: 'lambda:InvokeFunction',
            Resource: [...fnArns, ...fnArns.map((arn) => `${arn}:*`)],
          },
          {
            Sid: 'ReadSeriesList',
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: `${dataBucket.arn}/analyses/${analysis.name}/runs/*`,
          },
          {
            Sid: 'RunOwnMapRuns',
            Effect: 'Allow',
            Action: 'states:StartExecution',
            Resource: stateMachineArn(name),
          },
          {
            Sid: 'WatchOwnMapRuns',
            Effect: 'Allow',
            Action: ['states:DescribeExecution', 'states:StopExecution'],
            Resource: executionArns(name),
          },
        ]),
      });
      const stateMachine = new SfnStateMachine(this, `${analysis.name}-state-machine`, {
        name,
        roleArn: role.arn,
        type: 'STANDARD',
        definition: JSON.stringify(
          analysisDefinition(analysis, dataBucket.name, functions, props.maxConcurrency),
        ),
        dependsOn: [policy],
      });
      this.stateMachines.set(analysis.name, stateMachine);

      // The schedule's role: assumable by Scheduler for this account only, and may start only this state machine.
      const scheduleRole = new IamRole(this, `${analysis.name}-schedule-role`, {
        name: `${name}-schedule`,
        assumeRolePolicy: assumeRolePolicy('scheduler.amazonaws.com', {
          StringEquals: { 'aws:SourceAccount': props.accountId },
        }),
      });
      const schedulePolicy = new IamRolePolicy(this, `${analysis.name}-schedule-policy`, {
        name: 'start-analysis',
        role: scheduleRole.id,
        policy: policyDocument([
          {
            Sid: 'StartOwnAnalysis',
            Effect: 'Allow',
            Action: 'states:StartExecution',
            Resource: stateMachine.arn,
          },
        ]),
      });
      const { schedule } = analysis;
      this.schedules.set(
        analysis.name,
        new SchedulerSchedule(this, `${analysis.name}-schedule`, {
          name: analysis.name,
          groupName: this.scheduleGroup.name,
          description: `lambda-stats analysis ${analysis.name} (${analysis.method.kind})`,
          scheduleExpression: schedule.expression,
          scheduleExpressionTimezone: schedule.timezone,
          ...(schedule.startDate ? { startDate: schedule.startDate } : {}),
          ...(schedule.endDate ? { endDate: schedule.endDate } : {}),
          state: schedule.enabled ? 'ENABLED' : 'DISABLED',
          flexibleTimeWindow: { mode: 'OFF' },
          target: {
            arn: stateMachine.arn,
            roleArn: scheduleRole.arn,
            // Scheduler fills the context attributes in at each firing.
            input: JSON.stringify({
              analysis: analysis.name,
              scheduledTime: '<aws.scheduler.scheduled-time>',
              scheduleArn: '<aws.scheduler.schedule-arn>',
              executionId: '<aws.scheduler.execution-id>',
            }),
            retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
          },
          dependsOn: [schedulePolicy],
        }),
      );

      for (const email of analysis.notify) {
        new SnsTopicSubscription(
          this,
          `${analysis.name}-email-${email.replace(/[^a-zA-Z0-9]/g, '-')}`,
          {
            topicArn: this.topic.arn,
            protocol: 'email',
            endpoint: email,
            // Each address gets only its own analyses' alarms.
            filterPolicy: JSON.stringify({ analysis: [analysis.name] }),
          },
        );
      }
    }
  }
}
