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

/**
 * The HTTP API's CORS configuration (API Gateway's `cors_configuration`):
 * which browser origins may call the API. API Gateway then answers
 * preflight requests itself and adds the headers to responses; see
 * docs/auth-cors.md.
 */
export interface CorsConfig {
  /** Exact origins (`https://app.example.com`), or `['*']` for any (never with credentials). */
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  /** How long a browser may cache a preflight answer (0-86400 s). */
  readonly maxAgeSeconds: number;
  /** Let browsers send cookies or HTTP auth; never together with `*`. */
  readonly allowCredentials: boolean;
}

/** What every stack's CORS allows besides its origins: SigV4's headers, the request id. */
export const CORS_DEFAULTS: Omit<CorsConfig, 'allowOrigins'> = {
  allowMethods: ['GET', 'POST', 'OPTIONS'],
  allowHeaders: [
    'content-type',
    'authorization',
    'x-amz-date',
    'x-amz-security-token',
    'x-amz-content-sha256',
  ],
  exposeHeaders: ['x-request-id', 'apigw-requestid'],
  maxAgeSeconds: 3600,
  allowCredentials: false,
};

/** A web app's dev server on this machine (Vite's default port). */
export const LOCAL_DEV_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'] as const;

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
  /** CORS of the HTTP API; absent: no CORS headers, and browsers on other origins are refused. */
  readonly cors?: CorsConfig;
  /** Log level handed to the handlers (Powertools logger). */
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Let `destroy` delete the artifact bucket even if something else wrote into it. */
  readonly forceDestroyArtifacts: boolean;
  /**
   * Serve the playground page (GET /playground, and GET /openapi.json for
   * it) from its own function. On in local and dev; off in prod, where the
   * API's routes need IAM signatures that a page in a browser cannot make.
   */
  readonly playground: boolean;
  readonly jobs: JobsConfig;
  /** `local` keeps state in a file; dev and prod in S3 (see RemoteState). */
  readonly state: { readonly kind: 'local' } | ({ readonly kind: 's3' } & RemoteState);
  /** Scheduled analyses; checked at synth by validateAnalyses (analyses.ts). */
  readonly analyses: readonly AnalysisConfig[];
}

/** The default S3 state bucket; override with LAMBDA_STATS_STATE_BUCKET (bucket names are global). */
export const DEFAULT_STATE_BUCKET = 'lambda-stats-terraform-state';

const REGION = 'eu-central-1';

/** The configuration of each stack. `stateBucket` overrides the remote state bucket. */
export interface ConfigOptions {
  stateBucket?: string;
  stateRegion?: string;
  /** `local` only: IAM auth on its routes, as prod (LAMBDA_STATS_LOCAL_AUTH=iam). */
  localAuth?: ApiAuth;
  /** `local` only: the origins its CORS allows (LAMBDA_STATS_LOCAL_CORS_ORIGINS). */
  localCorsOrigins?: readonly string[];
}

export function environmentConfig(name: StackName, options: ConfigOptions = {}): EnvironmentConfig {
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
        auth: options.localAuth ?? 'none',
        cors: {
          ...CORS_DEFAULTS,
          allowOrigins: options.localCorsOrigins ?? LOCAL_DEV_ORIGINS,
        },
        logLevel: 'DEBUG',
        forceDestroyArtifacts: true,
        playground: true,
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
        // a web app under development on a laptop may call dev
        cors: { ...CORS_DEFAULTS, allowOrigins: LOCAL_DEV_ORIGINS },
        logLevel: 'DEBUG',
        forceDestroyArtifacts: true,
        playground: true,
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
        // No browser origin calls prod yet: add the web app's origin here
        // (`cors: { ...CORS_DEFAULTS, allowOrigins: ['https://app.example.com'] }`).
        logLevel: 'INFO',
        forceDestroyArtifacts: false,
        playground: false,
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

/** Narrows a user-supplied auth mode (LAMBDA_STATS_LOCAL_AUTH), or says which exist. */
export function parseApiAuth(value: string, variable: string): ApiAuth {
  if (value === 'none' || value === 'iam') return value;
  throw new Error(
    `${variable}="${value}" is not an auth mode: use iam (SigV4 on every route, as prod) or none`,
  );
}

const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;

/**
 * Checks a stack's CORS configuration before anything is synthesized: `*`
 * with credentials (browsers refuse it and API Gateway rejects it), origins
 * that are not scheme://host[:port], a max age API Gateway does not accept.
 */
export function validateCors(stack: string, cors: CorsConfig): void {
  const where = `the ${stack} stack's CORS configuration`;
  if (cors.allowOrigins.length === 0) {
    throw new Error(`${where} lists no allowOrigins: list the web app origins, or remove cors`);
  }
  if (cors.allowCredentials && cors.allowOrigins.includes('*')) {
    throw new Error(
      `${where} allows any origin ('*') with allowCredentials: browsers refuse that and API Gateway rejects it; list the origins (e.g. https://app.example.com) or set allowCredentials to false`,
    );
  }
  for (const origin of cors.allowOrigins) {
    if (origin !== '*' && !ORIGIN.test(origin)) {
      throw new Error(
        `${where} has the origin "${origin}": an origin is scheme://host[:port] with no path or trailing slash, e.g. https://app.example.com`,
      );
    }
  }
  if (
    !Number.isInteger(cors.maxAgeSeconds) ||
    cors.maxAgeSeconds < 0 ||
    cors.maxAgeSeconds > 86400
  ) {
    throw new Error(
      `${where} has maxAgeSeconds ${cors.maxAgeSeconds}: API Gateway accepts 0 to 86400`,
    );
  }
}
