/**
 * Amazon States Language fragments the state machines share (the jobs and
 * the scheduled analyses), written for AWS and moto alike: Lambda tasks
 * through `lambda:invoke`, Distributed Maps over a JSON item list in S3.
 */

/** A Task invoking a Lambda function with a fixed payload or the JSONPath of one (`'$'`). */
export const lambdaInvoke = (functionName: string, payload: Record<string, unknown> | string) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: {
    FunctionName: functionName,
    ...(typeof payload === 'string' ? { 'Payload.$': payload } : { Payload: payload }),
  },
});

/**
 * Retry transient faults with exponential backoff, `attempts` times; the
 * `inputErrors` (the data itself is wrong) are never retried.
 */
export const retryTransient = (inputErrors: readonly string[], attempts: number) => [
  { ErrorEquals: [...inputErrors], MaxAttempts: 0 },
  { ErrorEquals: ['States.ALL'], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: attempts },
];

/** A Map's ItemReader for the JSON array at the bucket and key these JSONPaths name. */
export const jsonItemReader = (bucketPath: string, keyPath: string) => ({
  Resource: 'arn:aws:states:::s3:getObject',
  ReaderConfig: { InputType: 'JSON' },
  Parameters: { 'Bucket.$': bucketPath, 'Key.$': keyPath },
});

/** A Distributed Map's ItemProcessor: child executions of these states, from `startAt`. */
export const distributedProcessor = <S extends Record<string, unknown>>(
  startAt: string,
  states: S,
) => ({
  ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
  StartAt: startAt,
  States: states,
});
