/**
 * Deploys an HTTP API with Lambda functions to a moto server through the
 * AWS SDK, as Terraform would: code in an artifact bucket, layers, one
 * AWS_PROXY integration per route, each route's authorization type, and
 * the API's CORS configuration. Quicker than a `cdktf deploy`, for tests of
 * the front door's auth and CORS and of the client.
 */
import { createHash } from 'node:crypto';
import {
  ApiGatewayV2Client,
  type Cors,
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  LambdaClient,
  PublishLayerVersionCommand,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { clientConfig, type EmulatorTarget } from '../../src/aws';

export interface FunctionDef {
  name: string;
  zip: Buffer;
  handler?: string;
  /** Layer zips, attached in order. */
  layers?: Buffer[];
  environment?: Record<string, string>;
  /** Default 10. */
  timeoutSeconds?: number;
  /** Default 512. */
  memoryMb?: number;
  reservedConcurrency?: number;
}

export interface RouteDef {
  routeKey: string;
  /** The function the route's AWS_PROXY integration invokes. */
  fn: string;
  authorizationType?: 'NONE' | 'AWS_IAM' | 'JWT' | 'CUSTOM';
  integrationType?: 'AWS_PROXY' | 'HTTP_PROXY';
}

export interface ApiDef {
  name: string;
  /** The artifact bucket (default `artifacts-<name>`). */
  bucket?: string;
  functions: FunctionDef[];
  routes: RouteDef[];
  cors?: Cors;
}

const sha256Hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export interface DeployedApi {
  apiId: string;
  /** Per function, the layer version ARNs attached, in order. */
  layerArns: Map<string, string[]>;
}

export async function deployApi(target: EmulatorTarget, def: ApiDef): Promise<DeployedApi> {
  const cfg = clientConfig(target);
  const s3 = new S3Client(cfg);
  const lambda = new LambdaClient(cfg);
  const apigw = new ApiGatewayV2Client(cfg);
  const iam = new IAMClient(cfg);
  const bucket = def.bucket ?? `artifacts-${def.name}`.toLowerCase();
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const upload = async (prefix: string, zip: Buffer) => {
      const key = `${prefix}/${sha256Hex(zip)}.zip`;
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: zip }));
      return key;
    };
    const role = await iam.send(
      new CreateRoleCommand({
        RoleName: `${def.name}-role`,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'lambda.amazonaws.com' },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
      }),
    );
    const arns = new Map<string, string>();
    const layerArnsByFunction = new Map<string, string[]>();
    // one layer version per distinct zip, shared by the functions that use it
    const layerBySha = new Map<string, string>();
    for (const f of def.functions) {
      const layerArns: string[] = [];
      for (const zip of f.layers ?? []) {
        const sha = sha256Hex(zip);
        if (!layerBySha.has(sha)) {
          const layer = await lambda.send(
            new PublishLayerVersionCommand({
              LayerName: `${def.name}-layer-${sha.slice(0, 12)}`,
              Content: { S3Bucket: bucket, S3Key: await upload('layers', zip) },
              CompatibleRuntimes: ['nodejs22.x'],
            }),
          );
          layerBySha.set(sha, layer.LayerVersionArn!);
        }
        layerArns.push(layerBySha.get(sha)!);
      }
      const existing = await lambda
        .send(new GetFunctionCommand({ FunctionName: f.name }))
        .catch(() => undefined);
      const created =
        existing?.Configuration ??
        (await lambda.send(
          new CreateFunctionCommand({
            FunctionName: f.name,
            Runtime: 'nodejs22.x',
            Role: role.Role!.Arn!,
            Handler: f.handler ?? 'index.handler',
            Code: { S3Bucket: bucket, S3Key: await upload(`functions/${f.name}`, f.zip) },
            Timeout: f.timeoutSeconds ?? 10,
            MemorySize: f.memoryMb ?? 512,
            Layers: layerArns,
            Environment: { Variables: f.environment ?? {} },
          }),
        ));
      if (!existing && f.reservedConcurrency !== undefined) {
        await lambda.send(
          new PutFunctionConcurrencyCommand({
            FunctionName: f.name,
            ReservedConcurrentExecutions: f.reservedConcurrency,
          }),
        );
      }
      arns.set(f.name, created.FunctionArn!);
      layerArnsByFunction.set(f.name, layerArns);
    }
    const api = await apigw.send(
      new CreateApiCommand({
        Name: def.name,
        ProtocolType: 'HTTP',
        ...(def.cors ? { CorsConfiguration: def.cors } : {}),
      }),
    );
    let authorizerId: string | undefined;
    for (const r of def.routes) {
      const integration = await apigw.send(
        new CreateIntegrationCommand({
          ApiId: api.ApiId!,
          IntegrationType: r.integrationType ?? 'AWS_PROXY',
          ...(r.integrationType === 'HTTP_PROXY'
            ? { IntegrationUri: 'https://example.com/', IntegrationMethod: 'ANY' }
            : { IntegrationUri: arns.get(r.fn), PayloadFormatVersion: '2.0' }),
        }),
      );
      if (r.authorizationType === 'JWT' && authorizerId === undefined) {
        const authorizer = await apigw.send(
          new CreateAuthorizerCommand({
            ApiId: api.ApiId!,
            Name: 'jwt',
            AuthorizerType: 'JWT',
            IdentitySource: ['$request.header.Authorization'],
            JwtConfiguration: { Audience: ['a'], Issuer: 'https://issuer.example.com' },
          }),
        );
        authorizerId = authorizer.AuthorizerId;
      }
      await apigw.send(
        new CreateRouteCommand({
          ApiId: api.ApiId!,
          RouteKey: r.routeKey,
          Target: `integrations/${integration.IntegrationId}`,
          AuthorizationType: r.authorizationType ?? 'NONE',
          ...(r.authorizationType === 'JWT' ? { AuthorizerId: authorizerId } : {}),
        }),
      );
    }
    await apigw.send(
      new CreateStageCommand({ ApiId: api.ApiId!, StageName: '$default', AutoDeploy: true }),
    );
    return { apiId: api.ApiId!, layerArns: layerArnsByFunction };
  } finally {
    for (const c of [s3, lambda, apigw, iam]) c.destroy();
  }
}
