/**
 * The `local` stack deployed for real, through the root scripts' wrapper,
 * cdktf, Terraform and the AWS provider, to a moto server this test starts
 * on a free loopback port. Checked through the AWS API (not Terraform's
 * word), re-planned (no changes), destroyed (nothing left), moto stopped.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ApiGatewayV2Client,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
} from '@aws-sdk/client-iam';
import {
  GetFunctionCommand,
  GetPolicyCommand,
  LambdaClient,
  ListFunctionsCommand,
  ListLayerVersionsCommand,
} from '@aws-sdk/client-lambda';
import { ListBucketsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { type MotoServer, startMoto } from '@lambda-stats/lambda-kit/moto-server';
import { processAlive } from '@lambda-stats/lambda-kit/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Artifacts, readArtifacts } from '../src/artifacts';
import { environmentConfig } from '../src/config';
import { ANALYTICS_FUNCTIONS, JOB_FUNCTIONS } from '../src/lambda-stats-stack';
import { writeFixtureArtifacts } from './helpers/fixtures';
import { type RunResult, runWrapper, tail } from './helpers/wrapper';

const config = environmentConfig('local');
const PREFIX = 'lambda-stats-local';
const ACCOUNT = '123456789012'; // moto's default account

let moto: MotoServer;
let scratch: string;
let artifacts: Artifacts;
/** The statistics functions (the jobs functions are tested in scripts/tests/jobs.test.ts). */
// the statistics functions; the jobs and analytics functions have roles and settings of their own
// (tests/jobs.test.ts, tests/analytics.test.ts)
const statsFunctions = () =>
  artifacts.functions.filter(
    (f) => !([...JOB_FUNCTIONS, ...ANALYTICS_FUNCTIONS] as readonly string[]).includes(f.name),
  );
let env: Record<string, string>;
const timings: Record<string, number> = {};
let clients: {
  lambda: LambdaClient;
  iam: IAMClient;
  logs: CloudWatchLogsClient;
  apigw: ApiGatewayV2Client;
  s3: S3Client;
};

async function wrapper(command: string): Promise<RunResult> {
  const result = await runWrapper([command, 'local'], env);
  timings[command] = result.seconds;
  expect(result.code, tail(result)).toBe(0);
  return result;
}

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'lambda-stats-emulator-'));
  const root = await writeFixtureArtifacts({ root: path.join(scratch, 'artifacts') });
  artifacts = readArtifacts(root);
  moto = await startMoto();
  env = {
    LAMBDA_STATS_AWS_ENDPOINT: moto.endpoint,
    LAMBDA_STATS_ARTIFACTS_DIR: root,
    LAMBDA_STATS_CDKTF_OUT: path.join(scratch, 'cdktf.out'),
    LAMBDA_STATS_WORK_DIR: path.join(scratch, 'work'),
    LAMBDA_STATS_LOCAL_STATE: path.join(scratch, 'terraform.local.tfstate'),
  };
  const common = {
    endpoint: moto.endpoint,
    region: config.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  clients = {
    lambda: new LambdaClient(common),
    iam: new IAMClient(common),
    logs: new CloudWatchLogsClient(common),
    apigw: new ApiGatewayV2Client(common),
    s3: new S3Client({
      ...common,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  };
});

afterAll(async () => {
  for (const client of Object.values(clients ?? {})) client.destroy();
  if (moto) {
    await moto.stop();
    expect(processAlive(moto.pid), 'moto_server still running').toBe(false);
  }
  if (scratch) {
    // Nothing cdktf or Terraform started may still be running in our directories.
    expect(processesInside(scratch)).toEqual([]);
    rmSync(scratch, { recursive: true, force: true });
  }
  console.info(
    `local stack timings (s): ${Object.entries(timings)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ')}`,
  );
});

/** Processes whose working directory is inside `dir` (Linux /proc; empty elsewhere). */
function processesInside(dir: string): string[] {
  if (!existsSync('/proc/self/cwd')) return [];
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const cwd = readlinkSync(`/proc/${pid}/cwd`);
        return cwd.startsWith(dir) ? [`${pid} (cwd ${cwd})`] : [];
      } catch {
        return []; // gone, or not ours to inspect
      }
    });
}

describe('the local stack on moto', () => {
  it('deploys with `pnpm run deploy local`', async () => {
    await wrapper('deploy');
    const outputs = JSON.parse(
      readFileSync(path.join(scratch, 'work', 'outputs.local.json'), 'utf8'),
    );
    expect(outputs.local.function_names).toEqual(
      artifacts.functions.map((f) => `${PREFIX}-${f.name}`),
    );
    expect(outputs.local.api_url).toMatch(/^https:\/\/[a-z0-9]+\.execute-api\.us-east-1\./);
    expect(outputs.local.artifact_bucket).toMatch(new RegExp(`^${PREFIX}-artifacts-`));
  });

  it('created each function as configured, with the layer attached', async () => {
    const layers = await clients.lambda.send(
      new ListLayerVersionsCommand({ LayerName: `${PREFIX}-stats-runtime` }),
    );
    expect(layers.LayerVersions).toHaveLength(1);
    const [layer] = layers.LayerVersions!;
    expect(layer!.CompatibleRuntimes).toEqual(['nodejs22.x']);
    expect([...layer!.CompatibleArchitectures!].sort()).toEqual(['arm64', 'x86_64']);

    for (const fn of statsFunctions()) {
      const { Configuration: c } = await clients.lambda.send(
        new GetFunctionCommand({ FunctionName: `${PREFIX}-${fn.name}` }),
      );
      expect(c).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: fn.handler,
        MemorySize: config.memoryMb,
        Timeout: config.timeoutSeconds,
        CodeSha256: fn.base64Sha256,
        Role: `arn:aws:iam::${ACCOUNT}:role/${PREFIX}-${fn.name}`,
        Environment: {
          Variables: {
            LAMBDA_STATS_STAGE: 'local',
            POWERTOOLS_SERVICE_NAME: 'lambda-stats',
            POWERTOOLS_LOG_LEVEL: config.logLevel,
          },
        },
      });
      expect(c!.Layers?.map((l) => l.Arn)).toEqual([layer!.LayerVersionArn]);
    }
  });

  it('gave each role exactly one inline policy: write to its own log group', async () => {
    for (const fn of statsFunctions()) {
      const RoleName = `${PREFIX}-${fn.name}`;
      const attached = await clients.iam.send(new ListAttachedRolePoliciesCommand({ RoleName }));
      expect(attached.AttachedPolicies).toEqual([]);
      const inline = await clients.iam.send(new ListRolePoliciesCommand({ RoleName }));
      expect(inline.PolicyNames).toEqual(['write-own-logs']);
      const { PolicyDocument } = await clients.iam.send(
        new GetRolePolicyCommand({ RoleName, PolicyName: 'write-own-logs' }),
      );
      const document = JSON.parse(decodeURIComponent(PolicyDocument!));
      expect(document.Statement).toEqual([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `arn:aws:logs:${config.region}:${ACCOUNT}:log-group:/aws/lambda/${RoleName}:*`,
        },
      ]);
    }
  });

  it('set retention on every log group', async () => {
    const groups = await clients.logs.send(new DescribeLogGroupsCommand({}));
    const ours = (groups.logGroups ?? []).filter((g) => g.logGroupName!.includes(PREFIX));
    expect(ours.map((g) => g.logGroupName).sort()).toEqual(
      [
        `/aws/apigateway/${PREFIX}`,
        ...artifacts.functions.map((f) => `/aws/lambda/${PREFIX}-${f.name}`),
      ].sort(),
    );
    for (const group of ours) expect(group.retentionInDays).toBe(config.logRetentionDays);
  });

  it('routes POST /<name> through a throttled, logged $default stage, invokable only by that API', async () => {
    const apis = (await clients.apigw.send(new GetApisCommand({}))).Items ?? [];
    expect(apis.map((a) => a.Name)).toEqual([PREFIX]);
    const ApiId = apis[0]!.ApiId!;
    const routes = (await clients.apigw.send(new GetRoutesCommand({ ApiId }))).Items ?? [];
    const integrations =
      (await clients.apigw.send(new GetIntegrationsCommand({ ApiId }))).Items ?? [];
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(
      artifacts.functions.flatMap((f) => f.routes).sort(),
    );
    for (const fn of statsFunctions()) {
      const route = routes.find((r) => r.RouteKey === `POST /${fn.name}`)!;
      expect(route.AuthorizationType).toBe('NONE');
      const integration = integrations.find(
        (i) => `integrations/${i.IntegrationId}` === route.Target,
      );
      expect(integration).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: `arn:aws:lambda:${config.region}:${ACCOUNT}:function:${PREFIX}-${fn.name}`,
      });
      const policy = await clients.lambda.send(
        new GetPolicyCommand({ FunctionName: `${PREFIX}-${fn.name}` }),
      );
      const statements = JSON.parse(policy.Policy!).Statement;
      expect(statements).toHaveLength(1);
      // The provider asks the emulator's STS for the account, as on AWS.
      expect(statements[0].Condition.ArnLike['AWS:SourceArn']).toBe(
        `arn:aws:execute-api:${config.region}:${ACCOUNT}:${ApiId}/*/POST/${fn.name}`,
      );
      expect(statements[0]).toMatchObject({
        Action: 'lambda:InvokeFunction',
        Principal: { Service: 'apigateway.amazonaws.com' },
      });
    }
    const stage = await clients.apigw.send(new GetStageCommand({ ApiId, StageName: '$default' }));
    expect(stage.AutoDeploy).toBe(true);
    expect(stage.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: config.throttling.rateLimit,
      ThrottlingBurstLimit: config.throttling.burstLimit,
    });
    expect(stage.AccessLogSettings?.DestinationArn).toBe(
      `arn:aws:logs:${config.region}:${ACCOUNT}:log-group:/aws/apigateway/${PREFIX}`,
    );
  });

  it('uploaded the zips under content-addressed keys', async () => {
    const buckets = (await clients.s3.send(new ListBucketsCommand({}))).Buckets ?? [];
    const ours = buckets.filter((b) => b.Name!.startsWith(`${PREFIX}-artifacts-`));
    expect(ours).toHaveLength(1);
    const objects = await clients.s3.send(new ListObjectsV2Command({ Bucket: ours[0]!.Name! }));
    expect((objects.Contents ?? []).map((o) => o.Key).sort()).toEqual(
      [
        ...artifacts.functions.map((f) => `functions/${f.name}/${f.sha256}.zip`),
        `layers/stats-runtime/${artifacts.layer.sha256}.zip`,
      ].sort(),
    );
  });

  it('plans no changes on a second run (`pnpm run diff local`)', async () => {
    const result = await wrapper('diff');
    expect(result.stdout, tail(result)).toContain(
      'No changes. Your infrastructure matches the configuration.',
    );
  });

  it('destroys everything (`pnpm run destroy local`)', async () => {
    await wrapper('destroy');
    const state = JSON.parse(readFileSync(path.join(scratch, 'terraform.local.tfstate'), 'utf8'));
    expect(state.resources).toEqual([]);

    const functions = (await clients.lambda.send(new ListFunctionsCommand({}))).Functions ?? [];
    expect(functions.filter((f) => f.FunctionName!.startsWith(PREFIX))).toEqual([]);
    const layers = await clients.lambda.send(
      new ListLayerVersionsCommand({ LayerName: `${PREFIX}-stats-runtime` }),
    );
    expect(layers.LayerVersions ?? []).toEqual([]);
    const roles = (await clients.iam.send(new ListRolesCommand({}))).Roles ?? [];
    expect(roles.filter((r) => r.RoleName!.startsWith(PREFIX))).toEqual([]);
    const groups = (await clients.logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? [];
    expect(groups.filter((g) => g.logGroupName!.includes(PREFIX))).toEqual([]);
    const apis = (await clients.apigw.send(new GetApisCommand({}))).Items ?? [];
    expect(apis).toEqual([]);
    const buckets = (await clients.s3.send(new ListBucketsCommand({}))).Buckets ?? [];
    expect(buckets.filter((b) => b.Name!.startsWith(PREFIX))).toEqual([]);
  });
});
