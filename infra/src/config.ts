/**
 * Per-environment configuration: everything that differs between `local`,
 * `dev` and `prod` lives here, typed, so a stack is a pure function of
 * (config, built artifacts).
 */

import { type AnalysisConfig, DEMO_ANALYSES } from './analyses';

/** The stacks this app can deploy, in the order they are listed to users. */
export const STACK_NAMES = ['local', 'dev', 'prod'] as const;
export type StackName = (typeof STACK_NAMES)[number];

/** CloudWatch Logs only accepts these retention periods (days). */
export type LogRetentionDays =
  | 1
  | 3
  | 5
  | 7
  | 14
  | 30
  | 60
  | 90
  | 120
  | 150
  | 180
  | 365
  | 400
  | 545
  | 731
  | 1096
  | 1827
  | 2192
  | 2557
  | 2922
  | 3288
  | 3653;

export type Architecture = 'arm64' | 'x86_64';

/** How callers of the HTTP API authenticate. */
export type ApiAuth = 'none' | 'iam';

export interface Throttling {
  /** Steady-state requests per second across the stage. */
  readonly rateLimit: number;
  /** Burst bucket size. */
  readonly burstLimit: number;
}

export interface RemoteState {
  /** S3 bucket holding the Terraform state (created once, by hand; see README). */
  readonly bucket: string;
  readonly region: string;
}

/** The jobs engine: datasets in S3, jobs on a Step Functions Distributed Map. */
export interface JobsConfig {
  /** Memory of the worker and reduce functions (the rank statistics' row limit follows from it). */
  readonly workerMemoryMb: number;
  readonly workerTimeoutSeconds: number;
  /** Nominal byte size of one worker's chunk (a job may ask for another). */
  readonly chunkBytes: number;
  /** Workers running at once in one job (the Distributed Map's MaxConcurrency). */
  readonly maxConcurrency: number;
  /** Job scratch objects (jobs/ prefix: chunk plans, partial states, records) expire after this. */
  readonly scratchExpirationDays: number;
  /** Browser origins allowed to PUT uploads to the data bucket. */
  readonly corsOrigins: readonly string[];
  /** Let `destroy` delete the data bucket with its datasets. */
  readonly forceDestroyData: boolean;
}

export interface EnvironmentConfig {
  readonly name: StackName;
  readonly region: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly architecture: Architecture;
  readonly logRetentionDays: LogRetentionDays;
  readonly throttling: Throttling;
  readonly auth: ApiAuth;
  /** Log level handed to the handlers (Powertools logger). */
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Let `destroy` delete the artifact bucket even if something else wrote into it. */
  readonly forceDestroyArtifacts: boolean;
  readonly jobs: JobsConfig;
  /** `local` keeps state in a file; dev and prod in S3 (see RemoteState). */
  readonly state: { readonly kind: 'local' } | ({ readonly kind: 's3' } & RemoteState);
  /** Scheduled analyses (issue 13); checked at synth by validateAnalyses (analyses.ts). */
  readonly analyses: readonly AnalysisConfig[];
}

/** The default S3 state bucket; override with LAMBDA_STATS_STATE_BUCKET (bucket names are global). */
export const DEFAULT_STATE_BUCKET = 'lambda-stats-terraform-state';

const REGION = 'eu-central-1';

/** The configuration of each stack. `stateBucket` overrides the remote state bucket. */
export function environmentConfig(
  name: StackName,
  options: { stateBucket?: string; stateRegion?: string } = {},
): EnvironmentConfig {
  const remote = (): { kind: 's3' } & RemoteState => ({
    kind: 's3',
    bucket: options.stateBucket ?? DEFAULT_STATE_BUCKET,
    region: options.stateRegion ?? REGION,
  });
  switch (name) {
    case 'local':
      return {
        name,
        region: 'us-east-1',
        memoryMb: 512,
        timeoutSeconds: 10,
        architecture: 'arm64',
        logRetentionDays: 1,
        throttling: { rateLimit: 50, burstLimit: 100 },
        auth: 'none',
        logLevel: 'DEBUG',
        forceDestroyArtifacts: true,
        jobs: {
          workerMemoryMb: 1024,
          workerTimeoutSeconds: 120,
          chunkBytes: 16 * 1024 * 1024,
          maxConcurrency: 8,
          scratchExpirationDays: 1,
          corsOrigins: ['*'],
          forceDestroyData: true,
        },
        state: { kind: 'local' },
        // the demo pair over generated meter data (scripts/src/analytics/demo)
        analyses: DEMO_ANALYSES,
      };
    case 'dev':
      return {
        name,
        region: REGION,
        memoryMb: 512,
        timeoutSeconds: 10,
        architecture: 'arm64',
        logRetentionDays: 14,
        throttling: { rateLimit: 20, burstLimit: 50 },
        auth: 'none',
        logLevel: 'DEBUG',
        forceDestroyArtifacts: true,
        jobs: {
          workerMemoryMb: 1769,
          workerTimeoutSeconds: 300,
          chunkBytes: 64 * 1024 * 1024,
          maxConcurrency: 100,
          scratchExpirationDays: 3,
          corsOrigins: ['*'],
          forceDestroyData: true,
        },
        state: remote(),
        analyses: [],
      };
    case 'prod':
      return {
        name,
        region: REGION,
        memoryMb: 1024,
        timeoutSeconds: 10,
        architecture: 'arm64',
        logRetentionDays: 90,
        throttling: { rateLimit: 200, burstLimit: 500 },
        auth: 'iam',
        logLevel: 'INFO',
        forceDestroyArtifacts: false,
        jobs: {
          // 1,769 MB is one full vCPU: parsing is CPU-bound
          workerMemoryMb: 1769,
          workerTimeoutSeconds: 300,
          chunkBytes: 64 * 1024 * 1024,
          maxConcurrency: 1000,
          scratchExpirationDays: 7,
          corsOrigins: ['https://lambda-stats.example.com'],
          forceDestroyData: false,
        },
        state: remote(),
        analyses: [],
      };
  }
}

/** Narrows a user-supplied name to a stack, or says which names exist. */
export function parseStackName(value: string | undefined): StackName {
  if (value !== undefined && (STACK_NAMES as readonly string[]).includes(value)) {
    return value as StackName;
  }
  const got = value === undefined || value === '' ? 'no stack name' : `"${value}"`;
  throw new Error(`unknown stack: got ${got}; valid stacks are ${STACK_NAMES.join(', ')}`);
}
