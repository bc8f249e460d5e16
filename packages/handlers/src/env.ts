/**
 * Every environment variable the handlers' functions read, in one place,
 * validated: a bad value fails the function with a message naming the
 * variable, rather than misbehaving on every request.
 *
 * Each group is read by its own function on first use and cached, and no
 * group is read at module load, so a function's bundle (esbuild drops what
 * it does not call) reads only the variables of the groups it uses: an
 * endpoint never reads the jobs' or the analytics' settings.
 */

/**
 * Lambda caps a synchronous invocation's request payload at 6 MB (6,291,456
 * bytes), the body included, so a larger body can never arrive anyway.
 */
export const DEFAULT_MAX_BODY_BYTES = 6 * 1024 * 1024;

/** Every HTTP function's settings. */
export interface HandlerEnv {
  /** Largest accepted request body in bytes (after base64 decoding); larger is a 413. */
  readonly maxBodyBytes: number;
  /** One EMF metric line per invocation on stdout (LAMBDA_STATS_METRICS, on unless `off`). */
  readonly metrics: boolean;
}

export function readEnv(source: NodeJS.ProcessEnv): HandlerEnv {
  const raw = source.LAMBDA_STATS_MAX_BODY_BYTES;
  let maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
  if (raw !== undefined && raw !== '') {
    if (!/^[1-9][0-9]*$/.test(raw.trim())) {
      throw new Error(
        `LAMBDA_STATS_MAX_BODY_BYTES must be a positive whole number of bytes (got "${raw}"); unset it for the default ${DEFAULT_MAX_BODY_BYTES}`,
      );
    }
    maxBodyBytes = Number(raw.trim());
  }
  const rawMetrics = source.LAMBDA_STATS_METRICS?.trim().toLowerCase();
  if (
    rawMetrics !== undefined &&
    rawMetrics !== '' &&
    rawMetrics !== 'on' &&
    rawMetrics !== 'off'
  ) {
    throw new Error(
      `LAMBDA_STATS_METRICS must be on or off (got "${source.LAMBDA_STATS_METRICS}"); unset it for on`,
    );
  }
  return { maxBodyBytes, metrics: rawMetrics !== 'off' };
}

let handler: HandlerEnv | undefined;
/** The HTTP functions' settings (their modules call this at load: a bad value fails the cold start). */
export function handlerEnv(): HandlerEnv {
  handler ??= readEnv(process.env);
  return handler;
}

/**
 * What the logger reads: the log level once (AWS_LAMBDA_LOG_LEVEL, set by
 * Lambda's advanced logging controls, then POWERTOOLS_LOG_LEVEL, then
 * LOG_LEVEL), and the X-Ray trace header, which Lambda sets anew for each
 * invocation, so it is read live, not cached. Tests pass their own.
 */
export function loggerEnv(): NodeJS.ProcessEnv {
  return process.env;
}

/** The analytics functions' settings (set by infra). */
export interface AnalyticsEnv {
  readonly resultsTable: string;
  readonly runsTable: string;
  readonly alarmTopicArn: string;
  /** The analyses the stack declares (the API's 404 for any other name). */
  readonly analyses: readonly string[];
}

export function readAnalyticsEnv(source: NodeJS.ProcessEnv): AnalyticsEnv {
  const names = (source.LAMBDA_STATS_ANALYSES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    resultsTable: source.LAMBDA_STATS_RESULTS_TABLE ?? '',
    runsTable: source.LAMBDA_STATS_RUNS_TABLE ?? '',
    alarmTopicArn: source.LAMBDA_STATS_ALARM_TOPIC_ARN ?? '',
    analyses: names,
  };
}

let analytics: AnalyticsEnv | undefined;
/** The analytics functions' settings, read on first use (so a test can set them before). */
export function analyticsEnv(): AnalyticsEnv {
  analytics ??= readAnalyticsEnv(process.env);
  return analytics;
}

/** The jobs functions' settings (set by infra). */
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
  };
}

let jobs: JobsEnv | undefined;
/** The jobs functions' settings, read on first use (so a test can set them before). */
export function jobsEnv(): JobsEnv {
  jobs ??= readJobsEnv(process.env);
  return jobs;
}

/**
 * AWS_ENDPOINT_URL: set only when an emulator stands in for AWS (S3 then
 * takes path-style URLs); every function with an S3 client reads it, the
 * analytics ones included, so it is not part of the jobs' settings.
 */
export function awsEndpointUrl(): string {
  return process.env.AWS_ENDPOINT_URL ?? '';
}

/** A setting infra must have given this function: its value, or an error naming the variable. */
export function requireSetting(value: string, name: string): string {
  if (value === '') throw new Error(`${name} is not set: the function was deployed without it`);
  return value;
}

/**
 * Runs `f` with these variables set (and the cached groups read afresh),
 * then puts everything back: for generating the API document's examples
 * from the real functions at build time, never in a deployed function.
 */
export async function withVariables<T>(
  variables: Record<string, string>,
  f: () => Promise<T>,
): Promise<T> {
  const saved = Object.fromEntries(Object.keys(variables).map((k) => [k, process.env[k]]));
  const cached = { handler, analytics, jobs };
  Object.assign(process.env, variables);
  handler = analytics = jobs = undefined;
  try {
    return await f();
  } finally {
    for (const [k, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[k];
      else process.env[k] = value;
    }
    ({ handler, analytics, jobs } = cached);
  }
}
