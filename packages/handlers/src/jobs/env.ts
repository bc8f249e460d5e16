/**
 * The jobs functions' configuration, read once from the environment (set by
 * infra) and validated: a bad value fails the cold start naming the variable.
 */

export interface JobsEnv {
  /** The stack's data bucket: datasets and job scratch objects. */
  readonly dataBucket: string;
  /** The job state machine (only the jobs API starts executions). */
  readonly stateMachineArn: string;
  /** Nominal chunk size in bytes for the split step. */
  readonly chunkBytes: number;
  /** The worker's memory in MB, from which the rank statistics' row limit follows. */
  readonly workerMemoryMb: number;
  /** Lifetime of a presigned upload URL in seconds. */
  readonly uploadUrlSeconds: number;
  /** AWS_ENDPOINT_URL: set only when an emulator stands in for AWS (S3 then takes path-style URLs). */
  readonly awsEndpointUrl: string;
}

/** 64 MiB: about 3 million x/y rows per worker, a few seconds of parsing. */
export const DEFAULT_CHUNK_BYTES = 64 * 1024 * 1024;

function positive(source: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = source[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[1-9][0-9]*$/.test(raw.trim())) {
    throw new Error(`${name} must be a positive whole number (got "${raw}")`);
  }
  return Number(raw.trim());
}

export function readJobsEnv(source: NodeJS.ProcessEnv): JobsEnv {
  return {
    dataBucket: source.LAMBDA_STATS_DATA_BUCKET ?? '',
    stateMachineArn: source.LAMBDA_STATS_STATE_MACHINE_ARN ?? '',
    chunkBytes: positive(source, 'LAMBDA_STATS_CHUNK_BYTES', DEFAULT_CHUNK_BYTES),
    workerMemoryMb: positive(source, 'LAMBDA_STATS_WORKER_MEMORY_MB', 1024),
    uploadUrlSeconds: positive(source, 'LAMBDA_STATS_UPLOAD_URL_SECONDS', 3600),
    awsEndpointUrl: source.AWS_ENDPOINT_URL ?? '',
  };
}

let cached: JobsEnv | undefined;
/** The environment, read on first use (so a test can set it before). */
export function jobsEnv(): JobsEnv {
  cached ??= readJobsEnv(process.env);
  return cached;
}

export function requireSetting(value: string, name: string): string {
  if (value === '') throw new Error(`${name} is not set: the function was deployed without it`);
  return value;
}
