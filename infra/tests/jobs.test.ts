import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { environmentConfig, STACK_NAMES } from '../src/config';
import { jobDefinition } from '../src/constructs/job-state-machine';
import { type Json, resources, synthEveryStack } from './helpers/synth';

const stacks = synthEveryStack();

const ARNS = { split: 'S', worker: 'W', reduce: 'R', failure: 'F' };

/** Every state of a definition, nested Map processors included. */
function allStates(def: Json): [string, Json][] {
  return Object.entries(def.States).flatMap(([k, st]: [string, Json]) => [
    [k, st] as [string, Json],
    ...(st.ItemProcessor ? allStates(st.ItemProcessor) : []),
  ]);
}

describe('the job state machine definition', () => {
  const def = jobDefinition(ARNS, 7);

  it('splits, maps over the chunk list with a JSON ItemReader, then reduces', () => {
    expect(def.StartAt).toBe('Split');
    expect(def.States.Split.Next).toBe('Chunks');
    expect(def.States.Chunks.Next).toBe('Reduce');
    expect(def.States.Chunks.ItemReader).toEqual({
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'JSON' },
      Parameters: { 'Bucket.$': '$.split.plan.bucket', 'Key.$': '$.split.plan.chunks_key' },
    });
    expect(def.States.Chunks.ItemProcessor.ProcessorConfig.Mode).toBe('DISTRIBUTED');
    expect(def.States.Chunks.MaxConcurrency).toBe(7);
  });

  it('keeps worker output out of the state (256 KiB limit): the Map result is dropped', () => {
    expect(def.States.Chunks.ResultPath).toBeNull();
    expect(def.States.Chunks.ItemProcessor.States.Work.ResultSelector).toEqual({
      'rows.$': '$.Payload.rows',
    });
  });

  it('uses nothing moto lacks: no ItemBatcher, no JSONL reader, no JSONata', () => {
    const text = JSON.stringify(def);
    expect(text).not.toContain('ItemBatcher');
    expect(text).not.toContain('JSONL');
    expect(text).not.toContain('JSONata');
    expect(text).not.toContain('QueryLanguage');
  });

  it('retries every Lambda task with backoff, never a data error', () => {
    for (const [name, state] of allStates(def)) {
      if (state.Type !== 'Task') continue;
      expect(state.Retry, name).toEqual([
        { ErrorEquals: ['JobInputError'], MaxAttempts: 0 },
        expect.objectContaining({ ErrorEquals: ['States.ALL'], BackoffRate: 2 }),
      ]);
    }
  });

  it('records a failing chunk, and catches every failure into the job record', () => {
    const work = def.States.Chunks.ItemProcessor.States.Work;
    expect(work.Catch).toEqual([
      { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'ChunkFailed' },
    ]);
    for (const name of ['Split', 'Chunks', 'Reduce'] as const) {
      expect(def.States[name].Catch).toEqual([
        { ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'RecordFailure' },
      ]);
    }
    expect(def.States.RecordFailure.Next).toBe('Failed');
    expect(def.States.Failed.Type).toBe('Fail');
  });
});

describe.each(STACK_NAMES)('the %s stack: jobs', (name) => {
  const config = environmentConfig(name);
  const get = () => stacks.stack(name);

  it('keeps the data bucket private, encrypted, open to browser PUTs, scratch expiring', () => {
    const { tf } = get();
    const buckets = resources(tf, 'aws_s3_bucket').filter(([id]) => id.startsWith('data_'));
    expect(buckets).toEqual([
      [
        expect.any(String),
        expect.objectContaining({
          bucket_prefix: `lambda-stats-${name}-data-`,
          force_destroy: config.jobs.forceDestroyData,
        }),
      ],
    ]);
    const ref = `\${aws_s3_bucket.${buckets[0]![0]}.id}`;
    const of = (type: string) => resources(tf, type).filter(([, r]) => r.bucket === ref);
    expect(of('aws_s3_bucket_public_access_block')[0]![1]).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(of('aws_s3_bucket_server_side_encryption_configuration')).toHaveLength(1);
    expect(of('aws_s3_bucket_cors_configuration')[0]![1].cors_rule).toEqual([
      expect.objectContaining({
        allowed_methods: ['PUT'],
        allowed_origins: [...config.jobs.corsOrigins],
      }),
    ]);
    const rules = of('aws_s3_bucket_lifecycle_configuration')[0]![1].rule;
    expect(rules[0]).toMatchObject({
      status: 'Enabled',
      filter: [{ prefix: 'jobs/' }],
      expiration: [{ days: config.jobs.scratchExpirationDays }],
    });
  });

  it("gives the state machine a role that invokes only the job steps and reads only the bucket's jobs/", () => {
    const { tf } = get();
    // the jobs state machine (the analyses have their own: analytics.test.ts)
    const [smId, sm] = resources(tf, 'aws_sfn_state_machine').find(
      ([, r]) => r.name === `lambda-stats-${name}-jobs`,
    ) as [string, Json];
    expect(sm.name).toBe(`lambda-stats-${name}-jobs`);
    const [roleId, role] = resources(tf, 'aws_iam_role').find(
      ([, r]) => r.name === `lambda-stats-${name}-jobs-states`,
    )!;
    expect(sm.role_arn).toBe(`\${aws_iam_role.${roleId}.arn}`);
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({
      Service: 'states.amazonaws.com',
    });
    const [, policy] = resources(tf, 'aws_iam_role_policy').find(
      ([, p]) => p.role === `\${aws_iam_role.${roleId}.id}`,
    )!;
    const statements = JSON.parse(policy.policy).Statement;
    const invoke = statements.find((s: Json) => s.Action === 'lambda:InvokeFunction');
    const steps = ['job_split', 'job_worker', 'job_reduce', 'job_failure'].map((n) => {
      const [id] = resources(tf, 'aws_lambda_function').find(
        ([, f]) => f.function_name === `lambda-stats-${name}-${n}`,
      )!;
      return `\${aws_lambda_function.${id}.arn}`;
    });
    expect([...invoke.Resource].sort()).toEqual([...steps, ...steps.map((a) => `${a}:*`)].sort());
    const read = statements.find((s: Json) => s.Action === 's3:GetObject');
    expect(read.Resource).toMatch(/^\$\{aws_s3_bucket\.data_bucket_[0-9A-F]+\.arn\}\/jobs\/\*$/);
    for (const s of statements) {
      for (const action of [s.Action].flat()) expect(action).not.toContain('*');
    }
    expect(Testing.toHaveResource(get().json, 'aws_sfn_state_machine')).toBe(true);
    expect(smId).toBeTruthy();
  });

  it('gives the jobs API function StartExecution on this state machine only', () => {
    const { tf } = get();
    const [smId] = resources(tf, 'aws_sfn_state_machine').find(
      ([, r]) => r.name === `lambda-stats-${name}-jobs`,
    )!;
    const [roleId] = resources(tf, 'aws_iam_role').find(
      ([, r]) => r.name === `lambda-stats-${name}-jobs`,
    )!;
    const [, policy] = resources(tf, 'aws_iam_role_policy').find(
      ([, p]) => p.role === `\${aws_iam_role.${roleId}.id}`,
    )!;
    const statements = JSON.parse(policy.policy).Statement;
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'states:StartExecution',
      Resource: `\${aws_sfn_state_machine.${smId}.arn}`,
    });
    const [, fn] = resources(tf, 'aws_lambda_function').find(
      ([, f]) => f.function_name === `lambda-stats-${name}-jobs`,
    )!;
    expect(fn.environment.variables.LAMBDA_STATS_STATE_MACHINE_ARN).toBe(
      `\${aws_sfn_state_machine.${smId}.arn}`,
    );
  });

  it('gives the worker the configured memory and its chunk size', () => {
    const { tf } = get();
    const [, fn] = resources(tf, 'aws_lambda_function').find(
      ([, f]) => f.function_name === `lambda-stats-${name}-job_worker`,
    )!;
    expect(fn.memory_size).toBe(config.jobs.workerMemoryMb);
    expect(fn.timeout).toBe(config.jobs.workerTimeoutSeconds);
    expect(fn.environment.variables.LAMBDA_STATS_CHUNK_BYTES).toBe(String(config.jobs.chunkBytes));
  });
});
