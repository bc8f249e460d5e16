import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { LambdaLayerVersion } from '@cdktf/provider-aws/lib/lambda-layer-version';
import { AwsProvider, type AwsProviderEndpoints } from '@cdktf/provider-aws/lib/provider';
import { LocalBackend, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { validateAnalyses } from './analyses';
import type { Artifacts, FunctionArtifact } from './artifacts';
import { type EnvironmentConfig, validateCors } from './config';
import { Analytics, analyticsNames } from './constructs/analytics';
import { ArtifactBucket } from './constructs/artifact-bucket';
import { DataBucket } from './constructs/data-bucket';
import { HttpApi } from './constructs/http-api';
import { JobStateMachine } from './constructs/job-state-machine';
import { Playground } from './constructs/playground';
import { LAMBDA_RUNTIME, StatsFunction } from './constructs/stats-function';
import { parseLoopbackEndpoint } from './local-endpoint';

export interface LambdaStatsStackProps {
  readonly config: EnvironmentConfig;
  readonly artifacts: Artifacts;
  /** `local` only: the emulator URL (validated to be loopback). */
  readonly localEndpoint?: string;
  /**
   * `local` only: the state file path as Terraform sees it, relative to the
   * synthesized stack directory (cdktf.out/stacks/local), so no absolute path
   * ends up in the JSON.
   */
  readonly localStatePath?: string;
}

/** Every AWS service the stack talks to; `local` points each of them at the emulator. */
export const AWS_SERVICES = [
  'apigatewayv2',
  'cloudwatchlogs',
  'dynamodb',
  'iam',
  'lambda',
  's3',
  'scheduler',
  'sfn',
  'sns',
  'sts',
] as const;

/** Dummy credentials for the emulator (moto accepts any). */
const EMULATOR_CREDENTIALS = { accessKey: 'test', secretKey: 'test' };

const PROJECT = 'lambda-stats';

/** The jobs functions the handlers build makes (packages/handlers/build.ts, jobFunctions). */
export const JOB_FUNCTIONS = [
  'datasets',
  'jobs',
  'job_split',
  'job_worker',
  'job_reduce',
  'job_failure',
] as const;

/** The analytics functions the handlers build makes (packages/handlers/build.ts, analyticsFunctions). */
export const ANALYTICS_FUNCTIONS = [
  'analytics',
  'analytics_list',
  'analytics_series',
  'analytics_finish',
] as const;

interface FunctionExtras {
  memoryMb?: number;
  timeoutSeconds?: number;
  environment?: Record<string, string>;
  statements?: Record<string, unknown>[];
}

/** One deployable unit: the whole service for one environment. */
export class LambdaStatsStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: LambdaStatsStackProps) {
    super(scope, id);
    const { config, artifacts } = props;
    const prefix = `${PROJECT}-${config.name}`;

    const { layer } = artifacts;
    if (!layer.compatibleArchitectures.includes(config.architecture)) {
      throw new Error(
        `the ${layer.name} layer supports ${layer.compatibleArchitectures.join(', ')} but the ${config.name} stack runs ${config.architecture}: fix the layer build or the stack config`,
      );
    }
    if (!layer.compatibleRuntimes.includes(LAMBDA_RUNTIME)) {
      throw new Error(
        `the ${layer.name} layer supports ${layer.compatibleRuntimes.join(', ')}, not ${LAMBDA_RUNTIME}: fix the layer build`,
      );
    }

    // A bad analysis declaration stops the synth here, naming the analysis and the field.
    validateAnalyses(config.analyses);

    if (config.cors) validateCors(config.name, config.cors);
    this.configureProviderAndBackend(props);

    const artifactBucket = new ArtifactBucket(this, 'artifacts', {
      bucketPrefix: `${prefix}-artifacts-`,
      forceDestroy: config.forceDestroyArtifacts,
    });

    const layerObject = artifactBucket.addZip('layer-zip', {
      key: `layers/${layer.name}/${layer.sha256}.zip`,
      zipPath: layer.zipPath,
      sha256: layer.sha256,
    });
    const layerVersion = new LambdaLayerVersion(this, 'layer', {
      layerName: `${prefix}-${layer.name}`,
      s3Bucket: layerObject.bucket,
      s3Key: layerObject.key,
      sourceCodeHash: layer.base64Sha256,
      compatibleRuntimes: layer.compatibleRuntimes,
      compatibleArchitectures: layer.compatibleArchitectures,
      // Publish the new version before deleting the one the functions still use.
      lifecycle: { createBeforeDestroy: true },
    });

    const api = new HttpApi(this, 'http-api', {
      name: prefix,
      throttling: config.throttling,
      logRetentionDays: config.logRetentionDays,
      auth: config.auth,
      cors: config.cors,
    });

    const byName = new Map<string, StatsFunction>();
    const makeFunction = (fn: FunctionArtifact, extra: FunctionExtras = {}) => {
      const code = artifactBucket.addZip(`function-zip-${fn.name}`, {
        key: `functions/${fn.name}/${fn.sha256}.zip`,
        zipPath: fn.zipPath,
        sha256: fn.sha256,
      });
      const statsFunction = new StatsFunction(this, `function-${fn.name}`, {
        functionName: `${prefix}-${fn.name}`,
        code,
        base64Sha256: fn.base64Sha256,
        handler: fn.handler,
        layerArns: [layerVersion.arn],
        architecture: config.architecture,
        memoryMb: extra.memoryMb ?? config.memoryMb,
        timeoutSeconds: extra.timeoutSeconds ?? config.timeoutSeconds,
        logRetentionDays: config.logRetentionDays,
        environment: {
          LAMBDA_STATS_STAGE: config.name,
          POWERTOOLS_SERVICE_NAME: PROJECT,
          POWERTOOLS_LOG_LEVEL: config.logLevel,
          ...extra.environment,
        },
        invokedBy: { executionArn: api.api.executionArn, routes: fn.routes },
        statements: extra.statements,
      });
      api.addLambdaRoutes(fn.name, fn.routes, statsFunction.function);
      byName.set(fn.name, statsFunction);
      return statsFunction;
    };

    const special = [...JOB_FUNCTIONS, ...ANALYTICS_FUNCTIONS] as readonly string[];
    for (const fn of artifacts.functions) {
      if (!special.includes(fn.name)) makeFunction(fn);
    }
    // A build always has the jobs functions; stand-in artifacts (review fixtures) may not.
    const present = JOB_FUNCTIONS.filter((n) => artifacts.functions.some((f) => f.name === n));
    if (present.length > 0 && present.length < JOB_FUNCTIONS.length) {
      throw new Error(
        `the handlers build has only some of the jobs functions (${present.join(', ')}): run \`pnpm build\` again`,
      );
    }
    const jobs = present.length > 0 ? this.jobsEngine(prefix, props, makeFunction) : undefined;
    // the analyses read their input from the jobs' data bucket
    const analytics = jobs ? this.analytics(prefix, props, makeFunction, jobs) : undefined;

    // Without a playground build the stack deploys without it; main.ts says so (playgroundNotice).
    const artifact = config.playground ? artifacts.playground : undefined;
    let playgroundFunction: StatsFunction | undefined;
    if (artifact !== undefined) {
      const playground = new Playground(this, 'playground', {
        artifact,
        code: artifactBucket.addZip('function-zip-playground', {
          key: `functions/${artifact.name}/${artifact.sha256}.zip`,
          zipPath: artifact.zipPath,
          sha256: artifact.sha256,
        }),
        functionName: `${prefix}-${artifact.name}`,
        config,
        api,
        // The page offers the analyses' results, and its CSP lets it PUT large files to the data bucket.
        environment: {
          LAMBDA_STATS_STAGE: config.name,
          ...(analytics && config.analyses.length > 0
            ? { LAMBDA_STATS_ANALYSES: config.analyses.map((a) => a.name).join(',') }
            : {}),
          ...(jobs ? { LAMBDA_STATS_DATA_BUCKET: jobs.dataBucket.bucket.bucket } : {}),
        },
      });
      playgroundFunction = playground.function;
      new TerraformOutput(this, 'playground_url', {
        // The $default stage's invoke URL ends in a slash.
        value: `${api.stage.invokeUrl}playground`,
        description: 'The playground page: GET it in a browser',
      });
    }

    new TerraformOutput(this, 'api_url', {
      value: api.stage.invokeUrl,
      description: 'Base URL of the HTTP API ($default stage); POST <url>/<function>',
    });
    new TerraformOutput(this, 'function_names', {
      // in the manifest's order
      value: [
        ...artifacts.functions.map((a) => byName.get(a.name)!.function.functionName),
        ...(playgroundFunction ? [playgroundFunction.function.functionName] : []),
      ],
    });
    if (analytics) {
      new TerraformOutput(this, 'analysis_schedule_group', {
        value: analytics.construct.scheduleGroup.name,
      });
      new TerraformOutput(this, 'analysis_alarm_topic_arn', {
        value: analytics.construct.topic.arn,
      });
    }
    if (jobs) {
      new TerraformOutput(this, 'data_bucket', { value: jobs.dataBucket.bucket.bucket });
      new TerraformOutput(this, 'job_state_machine_arn', {
        value: jobs.stateMachine.stateMachine.arn,
      });
    }
    new TerraformOutput(this, 'artifact_bucket', { value: artifactBucket.bucket.bucket });
    new TerraformOutput(this, 'layer_version_arn', { value: layerVersion.arn });
  }

  /**
   * Datasets and jobs: the data bucket, the job steps (split, worker,
   * reduce, failure), the state machine running them, and the two API
   * functions. Each function's role reaches only the prefixes it uses.
   */
  private jobsEngine(
    prefix: string,
    props: LambdaStatsStackProps,
    makeFunction: (fn: FunctionArtifact, extra?: FunctionExtras) => StatsFunction,
  ) {
    const { config, artifacts } = props;
    const jobsConfig = config.jobs;
    const byName = (name: string) => {
      const fn = artifacts.functions.find((f) => f.name === name);
      if (!fn) {
        throw new Error(`the handlers build has no ${name} function: run \`pnpm build\` first`);
      }
      return fn;
    };
    const dataBucket = new DataBucket(this, 'data', {
      bucketPrefix: `${prefix}-data-`,
      forceDestroy: jobsConfig.forceDestroyData,
      corsOrigins: jobsConfig.corsOrigins,
      scratchExpirationDays: jobsConfig.scratchExpirationDays,
    });
    const bucketArn = dataBucket.bucket.arn;
    const identity = new DataAwsCallerIdentity(this, 'caller');
    const environment = {
      LAMBDA_STATS_DATA_BUCKET: dataBucket.bucket.bucket,
      LAMBDA_STATS_CHUNK_BYTES: String(jobsConfig.chunkBytes),
      LAMBDA_STATS_WORKER_MEMORY_MB: String(jobsConfig.workerMemoryMb),
    };
    const list = (prefixes: string[]) => ({
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: bucketArn,
      Condition: { StringLike: { 's3:prefix': prefixes } },
    });
    const stepStatements = [
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: [`${bucketArn}/datasets/*`, `${bucketArn}/jobs/*`],
      },
      { Effect: 'Allow', Action: 's3:PutObject', Resource: `${bucketArn}/jobs/*` },
      list(['datasets/*', 'jobs/*']),
    ];
    const step = (name: string) =>
      makeFunction(byName(name), {
        memoryMb: jobsConfig.workerMemoryMb,
        timeoutSeconds: jobsConfig.workerTimeoutSeconds,
        environment,
        statements: stepStatements,
      });
    const split = step('job_split');
    const worker = step('job_worker');
    const reduce = step('job_reduce');
    const failure = step('job_failure');
    const stateMachine = new JobStateMachine(this, 'job-state-machine', {
      name: `${prefix}-jobs`,
      region: config.region,
      accountId: identity.accountId,
      dataBucketArn: bucketArn,
      maxConcurrency: jobsConfig.maxConcurrency,
      functions: {
        split: split.function.arn,
        worker: worker.function.arn,
        reduce: reduce.function.arn,
        failure: failure.function.arn,
      },
    });
    const datasets = makeFunction(byName('datasets'), {
      environment,
      statements: [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: `${bucketArn}/datasets/*`,
        },
        list(['datasets/*']),
      ],
    });
    const jobsApi = makeFunction(byName('jobs'), {
      environment: {
        ...environment,
        LAMBDA_STATS_STATE_MACHINE_ARN: stateMachine.stateMachine.arn,
      },
      statements: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: [`${bucketArn}/datasets/*`, `${bucketArn}/jobs/*`],
        },
        list(['datasets/*', 'jobs/*']),
        {
          Effect: 'Allow',
          Action: 'states:StartExecution',
          Resource: stateMachine.stateMachine.arn,
        },
        {
          Effect: 'Allow',
          Action: 'states:DescribeExecution',
          Resource: `arn:aws:states:${config.region}:${identity.accountId}:execution:${prefix}-jobs:*`,
        },
      ],
    });
    return {
      dataBucket,
      identity,
      stateMachine,
      functions: [split, worker, reduce, failure, datasets, jobsApi],
    };
  }

  /**
   * Scheduled analyses: the four shared analytics functions and
   * the Analytics construct (tables, topic, schedules, a state machine per
   * analysis), over the jobs engine's data bucket.
   */
  private analytics(
    prefix: string,
    props: LambdaStatsStackProps,
    makeFunction: (fn: FunctionArtifact, extra?: FunctionExtras) => StatsFunction,
    jobs: { dataBucket: DataBucket; identity: DataAwsCallerIdentity },
  ) {
    const { config, artifacts } = props;
    const analyses = validateAnalyses(config.analyses);
    const byName = (name: string) => {
      const fn = artifacts.functions.find((f) => f.name === name);
      if (!fn)
        throw new Error(`the handlers build has no ${name} function: run \`pnpm build\` first`);
      return fn;
    };
    const names = analyticsNames(prefix);
    const environment = {
      LAMBDA_STATS_RESULTS_TABLE: names.resultsTable,
      LAMBDA_STATS_RUNS_TABLE: names.runsTable,
      LAMBDA_STATS_ALARM_TOPIC_ARN: `arn:aws:sns:${config.region}:${jobs.identity.accountId}:${names.topic}`,
      LAMBDA_STATS_ANALYSES: analyses.map((a) => a.name).join(','),
    };
    const step = (name: string) =>
      makeFunction(byName(name), {
        memoryMb: config.jobs.workerMemoryMb,
        timeoutSeconds: config.jobs.workerTimeoutSeconds,
        environment,
      });
    const list = step('analytics_list');
    const series = step('analytics_series');
    const finish = makeFunction(byName('analytics_finish'), { environment });
    const api = makeFunction(byName('analytics'), { environment });
    const ref = (f: StatsFunction) => ({ arn: f.function.arn, roleName: f.role.name });
    const construct = new Analytics(this, 'analytics', {
      prefix,
      region: config.region,
      accountId: jobs.identity.accountId,
      analyses,
      functions: { list: ref(list), series: ref(series), finish: ref(finish), api: ref(api) },
      dataBucket: { name: jobs.dataBucket.bucket.bucket, arn: jobs.dataBucket.bucket.arn },
      maxConcurrency: config.jobs.maxConcurrency,
    });
    return { construct, functions: [list, series, finish, api] };
  }

  private configureProviderAndBackend(props: LambdaStatsStackProps): void {
    const { config } = props;
    const defaultTags = [{ tags: { project: PROJECT, environment: config.name } }];

    if (config.state.kind === 'local') {
      const endpoint = parseLoopbackEndpoint(props.localEndpoint);
      const endpoints: AwsProviderEndpoints = Object.fromEntries(
        AWS_SERVICES.map((service) => [service, endpoint]),
      );
      new AwsProvider(this, 'aws', {
        region: config.region,
        ...EMULATOR_CREDENTIALS,
        endpoints: [endpoints],
        skipCredentialsValidation: true,
        // The account id is asked of STS, which is the emulator too (moto's
        // 123456789012), so ARNs the provider builds (the API's execution ARN
        // in each function's permission) carry an account as on AWS.
        skipMetadataApiCheck: 'true',
        skipRegionValidation: true,
        s3UsePathStyle: true,
        defaultTags,
      });
      new LocalBackend(this, { path: props.localStatePath ?? 'terraform.local.tfstate' });
      return;
    }

    new AwsProvider(this, 'aws', { region: config.region, defaultTags });
    new S3Backend(this, {
      bucket: config.state.bucket,
      key: `${PROJECT}/${config.name}/terraform.tfstate`,
      region: config.state.region,
      encrypt: true,
    });
    // S3 native state locking (Terraform >= 1.10); cdktf 0.21's S3Backend has no typed field.
    this.addOverride('terraform.backend.s3.use_lockfile', true);
  }
}
