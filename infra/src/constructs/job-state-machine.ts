import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { Construct } from 'constructs';
import { assumeRolePolicy, policyDocument } from './iam-documents';
import { distributedProcessor, jsonItemReader, lambdaInvoke, retryTransient } from './states';

export interface JobFunctionArns {
  readonly split: string;
  readonly worker: string;
  readonly reduce: string;
  readonly failure: string;
}

/** Errors retrying cannot fix: the data itself is wrong. */
const INPUT_ERRORS = ['JobInputError'];

const invoke = lambdaInvoke;
const retry = (attempts: number) => retryTransient(INPUT_ERRORS, attempts);

/**
 * The job: Split -> Chunks (Distributed Map over the chunk list the split
 * wrote to S3, read by a JSON ItemReader) -> Reduce. Written for AWS and
 * moto alike: no ItemBatcher, no JSONL reader, no JSONata. Rows never enter
 * the state: workers write partial states to S3 and the Map keeps none of
 * their output (ResultPath null). A chunk that keeps failing records its
 * reason (ChunkFailed) and fails the Map; the Catch records the job FAILED.
 */
export function jobDefinition(arns: JobFunctionArns, maxConcurrency: number) {
  const toFailure = [
    { ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'RecordFailure' },
  ];
  return {
    Comment: 'lambda-stats job: split a dataset into chunks, compute partial states, merge them',
    StartAt: 'Split',
    States: {
      Split: {
        ...invoke(arns.split, '$'),
        ResultSelector: { 'plan.$': '$.Payload' },
        ResultPath: '$.split',
        Retry: retry(2),
        Catch: toFailure,
        Next: 'Chunks',
      },
      Chunks: {
        Type: 'Map',
        ItemReader: jsonItemReader('$.split.plan.bucket', '$.split.plan.chunks_key'),
        ItemProcessor: distributedProcessor('Work', {
          Work: {
            ...invoke(arns.worker, '$'),
            ResultSelector: { 'rows.$': '$.Payload.rows' },
            Retry: retry(3),
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'ChunkFailed' }],
            End: true,
          },
          ChunkFailed: {
            ...invoke(arns.failure, { 'item.$': '$', 'error.$': '$.error' }),
            Retry: retry(2),
            Next: 'ChunkFailedForGood',
          },
          ChunkFailedForGood: {
            Type: 'Fail',
            Error: 'ChunkFailed',
            Cause: "a chunk failed after its retries: the job record holds the chunk's reason",
          },
        }),
        MaxConcurrency: maxConcurrency,
        ResultPath: null,
        Catch: toFailure,
        Next: 'Reduce',
      },
      Reduce: {
        ...invoke(arns.reduce, '$'),
        ResultPath: null,
        Retry: retry(2),
        Catch: toFailure,
        End: true,
      },
      RecordFailure: {
        ...invoke(arns.failure, '$'),
        ResultPath: null,
        Retry: retry(2),
        Next: 'Failed',
      },
      Failed: {
        Type: 'Fail',
        Error: 'JobFailed',
        Cause: 'the job record holds the reason (GET /jobs/{id})',
      },
    },
  };
}

export interface JobStateMachineProps {
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
  readonly functions: JobFunctionArns;
  readonly dataBucketArn: string;
  readonly maxConcurrency: number;
}

/**
 * The state machine and its role: invoke only the four job functions, read
 * only the data bucket's chunk lists, and run and watch only its own child
 * executions (what a Distributed Map needs).
 */
export class JobStateMachine extends Construct {
  readonly stateMachine: SfnStateMachine;
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: JobStateMachineProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      name: `${props.name}-states`,
      assumeRolePolicy: assumeRolePolicy('states.amazonaws.com'),
    });
    const fns = Object.values(props.functions);
    const self = `arn:aws:states:${props.region}:${props.accountId}:stateMachine:${props.name}`;
    const executions = `arn:aws:states:${props.region}:${props.accountId}:execution:${props.name}/*`;
    const policy = new IamRolePolicy(this, 'policy', {
      name: 'run-job',
      role: this.role.id,
      policy: policyDocument([
        {
          Sid: 'InvokeOwnFunctions',
          Effect: 'Allow',
          Action: 'lambda:InvokeFunction',
          Resource: [...fns, ...fns.map((arn) => `${arn}:*`)],
        },
        {
          Sid: 'ReadChunkLists',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: `${props.dataBucketArn}/jobs/*`,
        },
        {
          Sid: 'RunOwnMapRuns',
          Effect: 'Allow',
          Action: ['states:StartExecution'],
          Resource: self,
        },
        {
          Sid: 'WatchOwnMapRuns',
          Effect: 'Allow',
          Action: ['states:DescribeExecution', 'states:StopExecution'],
          Resource: executions,
        },
      ]),
    });
    this.stateMachine = new SfnStateMachine(this, 'state-machine', {
      name: props.name,
      roleArn: this.role.arn,
      type: 'STANDARD',
      definition: JSON.stringify(jobDefinition(props.functions, props.maxConcurrency)),
      dependsOn: [policy],
    });
  }
}
