import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import type { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { Construct } from 'constructs';
import type { Architecture, LogRetentionDays } from '../config';
import { routeSlug } from './http-api';
import { assumeRolePolicy, policyDocument } from './iam-documents';

export const LAMBDA_RUNTIME = 'nodejs22.x';

export interface StatsFunctionProps {
  readonly functionName: string;
  /** The code zip, already uploaded to the artifact bucket. */
  readonly code: S3Object;
  readonly base64Sha256: string;
  readonly handler: string;
  readonly layerArns: string[];
  readonly architecture: Architecture;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly logRetentionDays: LogRetentionDays;
  readonly environment: Record<string, string>;
  /**
   * The API allowed to invoke this function: its execution ARN and the routes
   * (`POST /x`, `GET /jobs/{id}`). No routes: no API permission (a function
   * invoked by a state machine or a schedule gets its permission elsewhere).
   */
  readonly invokedBy: { readonly executionArn: string; readonly routes: readonly string[] };
  /** IAM statements beyond writing its own logs (the jobs functions' S3 and Step Functions access). */
  readonly statements?: readonly Record<string, unknown>[];
}

/**
 * One Lambda function with everything it owns: its log group (with
 * retention), its own role whose only inline policy lets it write to that
 * log group, and the permission for exactly one API route to invoke it.
 */
export class StatsFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: StatsFunctionProps) {
    super(scope, id);

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays,
    });

    this.role = new IamRole(this, 'role', {
      name: props.functionName,
      assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com'),
    });

    // Least privilege: write log events to this function's own log group;
    // the group itself is created by Terraform, so no logs:CreateLogGroup.
    const policy = new IamRolePolicy(this, 'policy', {
      name: 'write-own-logs',
      role: this.role.id,
      policy: policyDocument([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${this.logGroup.arn}:*`,
        },
        ...(props.statements ?? []),
      ]),
    });

    this.function = new LambdaFunction(this, 'function', {
      functionName: props.functionName,
      role: this.role.arn,
      runtime: LAMBDA_RUNTIME,
      architectures: [props.architecture],
      handler: props.handler,
      s3Bucket: props.code.bucket,
      s3Key: props.code.key,
      sourceCodeHash: props.base64Sha256,
      layers: props.layerArns,
      memorySize: props.memoryMb,
      timeout: props.timeoutSeconds,
      environment: { variables: props.environment },
      // The log group and the policy exist before the first invocation can log.
      dependsOn: [this.logGroup, policy],
    });

    const { routes } = props.invokedBy;
    for (const route of routes) {
      const [method = '', routePath = ''] = route.split(' ');
      const single = routes.length === 1;
      new LambdaPermission(
        this,
        single ? 'invoke-permission' : `invoke-permission-${routeSlug(route)}`,
        {
          statementId: single ? 'AllowHttpApiInvoke' : `AllowHttpApiInvoke-${routeSlug(route)}`,
          action: 'lambda:InvokeFunction',
          functionName: this.function.functionName,
          principal: 'apigateway.amazonaws.com',
          // <execution arn>/<stage>/<method>/<path>: only this route, any stage of
          // this API. API Gateway writes ANY as `*` and path parameters as `*`.
          sourceArn: `${props.invokedBy.executionArn}/*/${method === 'ANY' ? '*' : method}${routePath.replace(/\{[^}]+\}/g, '*')}`,
        },
      );
    }
  }
}
