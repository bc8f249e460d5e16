import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import {
  ApiGatewayV2Client,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
} from '@aws-sdk/client-apigatewayv2';
import {
  GetFunctionCommand,
  GetLayerVersionCommand,
  LambdaClient,
  paginateListFunctions,
} from '@aws-sdk/client-lambda';
import {
  GetObjectCommand,
  ListBucketsCommand,
  paginateListObjectsV2,
  S3Client,
} from '@aws-sdk/client-s3';
import { clientConfig, type EmulatorTarget } from './aws';
import type { FunctionConfiguration } from './runtime/types';

/** A function's configuration as the emulator reports it, with its code's hash. */
export interface DeployedFunction extends FunctionConfiguration {
  codeSha256: string;
}

export interface DeployedLayer {
  arn: string;
  codeSha256: string;
}

export interface DeployedRoute {
  routeKey: string;
  /** NONE (when absent), AWS_IAM (emulated), JWT or CUSTOM (not emulated: `pnpm start` refuses them). */
  authorizationType?: string;
  /** AWS_PROXY (emulated) or what else the integration is, e.g. HTTP_PROXY. */
  integrationType?: string;
  /** Function the route's AWS_PROXY integration invokes, if any. */
  functionName?: string;
  payloadFormatVersion: '1.0' | '2.0';
  integrationTimeoutMs: number;
}

/** An HTTP API's CORS configuration, as API Gateway stores it. */
export interface CorsConfiguration {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  allowCredentials: boolean;
  maxAge?: number;
}

export interface DeployedApi {
  apiId: string;
  name: string;
  /** Absent when the API has no CORS configuration: then the front door adds no CORS headers. */
  cors?: CorsConfiguration;
  /** '$default' or the name of the stage served (its name prefixes every path). */
  stage: string;
  routes: DeployedRoute[];
}

export interface Deployment {
  target: EmulatorTarget;
  functions: DeployedFunction[];
  layers: Map<string, DeployedLayer>;
  apis: DeployedApi[];
}

/** `arn:aws:lambda:r:a:function:NAME[:qualifier]` or an API Gateway invocation URI -> NAME. */
export function functionNameFromUri(uri: string): string | undefined {
  return uri.match(/:function:([A-Za-z0-9_-]+)/)?.[1];
}

/**
 * The deployed function a user means by `name`: its exact name, the function
 * behind the route `/<name>` (e.g. `linregress`), or one named `*-<name>`.
 */
export function resolveFunctionName(deployment: Deployment, name: string): string | undefined {
  const names = deployment.functions.map((f) => f.name);
  if (names.includes(name)) return name;
  for (const api of deployment.apis) {
    const route = api.routes.find((r) => r.functionName && r.routeKey.split(' ')[1] === `/${name}`);
    if (route?.functionName) return route.functionName;
  }
  const suffixed = names.filter((n) => n.endsWith(`-${name}`));
  return suffixed.length === 1 ? suffixed[0] : undefined;
}

/**
 * Reads back what was deployed: every Lambda function (handler, runtime,
 * environment, memory, timeout, layers in order, reserved concurrency), the
 * layer versions they use, and every HTTP API with its routes and
 * integrations. Nothing comes from the build folder.
 */
export async function readDeployment(target: EmulatorTarget): Promise<Deployment> {
  const lambda = new LambdaClient(clientConfig(target));
  const apigw = new ApiGatewayV2Client(clientConfig(target));
  try {
    const names: string[] = [];
    for await (const page of paginateListFunctions({ client: lambda }, {})) {
      for (const f of page.Functions ?? []) if (f.FunctionName) names.push(f.FunctionName);
    }
    const functions: DeployedFunction[] = [];
    const layers = new Map<string, DeployedLayer>();
    for (const name of names.sort()) {
      const got = await lambda.send(new GetFunctionCommand({ FunctionName: name }));
      const c = got.Configuration;
      if (!c?.FunctionArn || !c.Handler || !c.Runtime || !c.CodeSha256) {
        throw new Error(
          `the emulator reports function ${name} without handler, runtime or code hash`,
        );
      }
      const layerArns = (c.Layers ?? []).map((l) => l.Arn).filter((a): a is string => Boolean(a));
      for (const arn of layerArns) {
        if (layers.has(arn)) continue;
        const m = arn.match(/^(arn:[^:]+:lambda:[^:]+:[^:]+:layer:[^:]+):(\d+)$/);
        if (!m) throw new Error(`function ${name} lists a layer with an unexpected ARN: ${arn}`);
        // moto answers GetLayerVersionByArn with an empty body; GetLayerVersion works.
        const lv = await lambda.send(
          new GetLayerVersionCommand({ LayerName: m[1], VersionNumber: Number(m[2]) }),
        );
        if (!lv.Content?.CodeSha256)
          throw new Error(`the emulator reports layer ${arn} without a code hash`);
        layers.set(arn, { arn, codeSha256: lv.Content.CodeSha256 });
      }
      functions.push({
        name,
        arn: c.FunctionArn,
        runtime: c.Runtime,
        handler: c.Handler,
        memoryMb: c.MemorySize ?? 128,
        timeoutSeconds: c.Timeout ?? 3,
        environment: c.Environment?.Variables ?? {},
        layers: layerArns,
        codeSha256: c.CodeSha256,
        version: c.Version ?? '$LATEST',
        reservedConcurrency: got.Concurrency?.ReservedConcurrentExecutions,
        logGroupName: c.LoggingConfig?.LogGroup ?? `/aws/lambda/${name}`,
      });
    }

    const apis: DeployedApi[] = [];
    const apiList = await apigw.send(new GetApisCommand({}));
    for (const api of apiList.Items ?? []) {
      if (api.ProtocolType !== 'HTTP' || !api.ApiId) continue;
      const [routes, integrations, stages] = await Promise.all([
        apigw.send(new GetRoutesCommand({ ApiId: api.ApiId })),
        apigw.send(new GetIntegrationsCommand({ ApiId: api.ApiId })),
        apigw.send(new GetStagesCommand({ ApiId: api.ApiId })),
      ]);
      const byId = new Map((integrations.Items ?? []).map((i) => [i.IntegrationId, i]));
      const stageNames = (stages.Items ?? []).map((s) => s.StageName ?? '');
      const c = api.CorsConfiguration;
      apis.push({
        apiId: api.ApiId,
        name: api.Name ?? api.ApiId,
        ...(c
          ? {
              cors: {
                allowOrigins: c.AllowOrigins ?? [],
                allowMethods: c.AllowMethods ?? [],
                allowHeaders: c.AllowHeaders ?? [],
                exposeHeaders: c.ExposeHeaders ?? [],
                allowCredentials: c.AllowCredentials ?? false,
                ...(c.MaxAge !== undefined ? { maxAge: c.MaxAge } : {}),
              },
            }
          : {}),
        stage: stageNames.includes('$default') ? '$default' : (stageNames[0] ?? '$default'),
        routes: (routes.Items ?? []).map((r) => {
          const integration = byId.get(r.Target?.replace(/^integrations\//, ''));
          const isLambda =
            integration?.IntegrationType === 'AWS_PROXY' && integration.IntegrationUri;
          return {
            routeKey: r.RouteKey ?? '',
            authorizationType: r.AuthorizationType ?? 'NONE',
            integrationType: integration?.IntegrationType,
            functionName: isLambda
              ? functionNameFromUri(integration.IntegrationUri ?? '')
              : undefined,
            payloadFormatVersion: integration?.PayloadFormatVersion === '1.0' ? '1.0' : '2.0',
            integrationTimeoutMs: integration?.TimeoutInMillis ?? 30_000,
          };
        }),
      });
    }
    return { target, functions, layers, apis };
  } finally {
    lambda.destroy();
    apigw.destroy();
  }
}

/**
 * What the local stack cannot emulate in a deployed API, one line each:
 * authorizers other than AWS_IAM (JWT, Lambda REQUEST authorizers),
 * integrations other than Lambda proxy, payload format 1.0. `pnpm start`
 * stops on the first, naming it, rather than serve the route wrongly.
 */
export function unsupportedSettings(api: DeployedApi): string[] {
  const found: string[] = [];
  for (const r of api.routes) {
    const where = `route "${r.routeKey}" of HTTP API ${api.name}`;
    const auth = r.authorizationType ?? 'NONE';
    if (auth !== 'NONE' && auth !== 'AWS_IAM') {
      const kind = auth === 'CUSTOM' ? 'a Lambda (CUSTOM) authorizer' : `a ${auth} authorizer`;
      found.push(
        `${where} uses ${kind}, which the local stack cannot emulate (it emulates NONE and AWS_IAM)`,
      );
    }
    if (r.integrationType !== undefined && r.integrationType !== 'AWS_PROXY') {
      found.push(
        `${where} has a ${r.integrationType} integration, which the local stack cannot emulate (it runs AWS_PROXY Lambda integrations)`,
      );
    } else if (r.integrationType === 'AWS_PROXY' && r.functionName === undefined) {
      found.push(
        `${where} proxies to something other than a Lambda function, which the local stack cannot emulate`,
      );
    } else if (r.payloadFormatVersion !== '2.0') {
      found.push(
        `${where} uses payload format ${r.payloadFormatVersion}, which the local stack cannot emulate (it sends payload format 2.0)`,
      );
    }
  }
  return found;
}

/** Where Terraform says each function's and layer's code came from. */
export interface StateCodeSources {
  functions: Map<string, { bucket: string; key: string }>;
  layers: Map<string, { bucket: string; key: string }>;
}

interface TfResource {
  type: string;
  mode?: string;
  instances?: { attributes?: Record<string, unknown> }[];
}

/** Reads `s3_bucket`/`s3_key` of aws_lambda_function and aws_lambda_layer_version from a state file. */
export function readStateCodeSources(statePath: string | undefined): StateCodeSources {
  const out: StateCodeSources = { functions: new Map(), layers: new Map() };
  if (!statePath || !existsSync(statePath)) return out;
  const state = JSON.parse(readFileSync(statePath, 'utf8')) as { resources?: TfResource[] };
  for (const r of state.resources ?? []) {
    if (r.mode && r.mode !== 'managed') continue;
    for (const inst of r.instances ?? []) {
      const a = inst.attributes ?? {};
      const bucket = a.s3_bucket;
      const key = a.s3_key;
      if (typeof bucket !== 'string' || typeof key !== 'string' || !bucket || !key) continue;
      if (r.type === 'aws_lambda_function' && typeof a.function_name === 'string') {
        out.functions.set(a.function_name, { bucket, key });
      } else if (r.type === 'aws_lambda_layer_version' && typeof a.arn === 'string') {
        out.layers.set(a.arn, { bucket, key });
      }
    }
  }
  return out;
}

const hexOf = (base64: string) => Buffer.from(base64, 'base64').toString('hex');
const sha256Base64 = (data: Buffer) => createHash('sha256').update(data).digest('base64');

/**
 * Fetches deployed code from the emulator's S3 and checks it against the
 * CodeSha256 the emulator reports. The object Terraform recorded in state is
 * tried first; otherwise the artifact bucket's content-addressed key (one
 * whose name carries the hex sha256) is looked up.
 */
export class CodeFetcher {
  private readonly s3: S3Client;
  private listing?: Promise<{ bucket: string; key: string }[]>;

  constructor(
    target: EmulatorTarget,
    private readonly state: StateCodeSources,
  ) {
    this.s3 = new S3Client(clientConfig(target));
  }

  async fetch(what: {
    kind: 'function' | 'layer';
    id: string;
    codeSha256: string;
  }): Promise<{ zip: Buffer; source: string }> {
    const fromState =
      what.kind === 'function' ? this.state.functions.get(what.id) : this.state.layers.get(what.id);
    const candidates = fromState ? [fromState] : await this.byHash(what.codeSha256);
    if (candidates.length === 0) {
      throw new Error(
        `no code found for ${what.kind} ${what.id}: Terraform state records no s3_bucket/s3_key for it, and no object in the emulator's S3 has a key containing its sha256 ${hexOf(what.codeSha256)}. Deploy with code uploaded to the artifact bucket (pnpm run deploy local).`,
      );
    }
    for (const c of candidates) {
      const res = await this.s3.send(new GetObjectCommand({ Bucket: c.bucket, Key: c.key }));
      const zip = Buffer.from(await res.Body!.transformToByteArray());
      const got = sha256Base64(zip);
      if (got === what.codeSha256) return { zip, source: `s3://${c.bucket}/${c.key}` };
      if (fromState) {
        throw new Error(
          `${what.kind} ${what.id}: s3://${c.bucket}/${c.key} (from Terraform state) has sha256 ${got}, but the emulator reports CodeSha256 ${what.codeSha256}. The deployment is out of date: redeploy.`,
        );
      }
    }
    throw new Error(
      `${what.kind} ${what.id}: no object matches the CodeSha256 ${what.codeSha256} the emulator reports`,
    );
  }

  private async byHash(codeSha256: string): Promise<{ bucket: string; key: string }[]> {
    this.listing ??= (async () => {
      const out: { bucket: string; key: string }[] = [];
      const buckets = await this.s3.send(new ListBucketsCommand({}));
      for (const b of buckets.Buckets ?? []) {
        for await (const page of paginateListObjectsV2({ client: this.s3 }, { Bucket: b.Name })) {
          for (const o of page.Contents ?? []) if (o.Key) out.push({ bucket: b.Name!, key: o.Key });
        }
      }
      return out;
    })();
    const hex = hexOf(codeSha256);
    return (await this.listing).filter((o) => o.key.includes(hex));
  }

  close(): void {
    this.s3.destroy();
  }
}
