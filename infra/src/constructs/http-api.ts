import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { Construct } from 'constructs';
import type { ApiAuth, CorsConfig, LogRetentionDays, Throttling } from '../config';

export interface HttpApiProps {
  readonly name: string;
  readonly throttling: Throttling;
  readonly logRetentionDays: LogRetentionDays;
  readonly auth: ApiAuth;
  /** Validated by the stack (validateCors) before it gets here. */
  readonly cors?: CorsConfig;
}

/** One JSON line per request in the access log. */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
});

/**
 * An API Gateway v2 HTTP API with a `$default` stage (auto-deploy,
 * throttling, JSON access logs into a log group with retention) and one
 * Lambda proxy route (payload 2.0) per function.
 */
export class HttpApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;
  private readonly props: HttpApiProps;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    this.props = props;
    const cors = props.cors;
    this.api = new Apigatewayv2Api(this, 'api', {
      name: props.name,
      protocolType: 'HTTP',
      ...(cors
        ? {
            corsConfiguration: {
              allowOrigins: [...cors.allowOrigins],
              allowMethods: [...cors.allowMethods],
              allowHeaders: [...cors.allowHeaders],
              exposeHeaders: [...cors.exposeHeaders],
              maxAge: cors.maxAgeSeconds,
              allowCredentials: cors.allowCredentials,
            },
          }
        : {}),
    });

    const accessLogs = new CloudwatchLogGroup(this, 'access-log-group', {
      name: `/aws/apigateway/${props.name}`,
      retentionInDays: props.logRetentionDays,
    });

    this.stage = new Apigatewayv2Stage(this, 'stage', {
      apiId: this.api.id,
      name: '$default',
      autoDeploy: true,
      defaultRouteSettings: {
        throttlingRateLimit: props.throttling.rateLimit,
        throttlingBurstLimit: props.throttling.burstLimit,
      },
      accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
    });
  }

  /** `routeKey` is `POST /<name>`; IAM auth when the environment asks for it. */
  /**
   * One Lambda proxy integration for `fn` and a route for each route key.
   * A single route keeps the ids `<id>-integration` and `<id>-route`; with
   * several, each route's id ends in its key made safe (`<id>-route-GET-jobs-id`).
   */
  addLambdaRoutes(
    id: string,
    routeKeys: readonly string[],
    fn: LambdaFunction,
  ): Apigatewayv2Route[] {
    if (routeKeys.length === 0) return [];
    const integration = new Apigatewayv2Integration(this, `${id}-integration`, {
      apiId: this.api.id,
      integrationType: 'AWS_PROXY',
      integrationMethod: 'POST',
      integrationUri: fn.arn,
      payloadFormatVersion: '2.0',
    });
    return routeKeys.map(
      (routeKey) =>
        new Apigatewayv2Route(
          this,
          routeKeys.length === 1 ? `${id}-route` : `${id}-route-${routeSlug(routeKey)}`,
          {
            apiId: this.api.id,
            routeKey,
            target: `integrations/${integration.id}`,
            authorizationType: this.props.auth === 'iam' ? 'AWS_IAM' : 'NONE',
          },
        ),
    );
  }
}

/** A route key as a construct id part: `GET /jobs/{id}` -> `GET-jobs-id`. */
export function routeSlug(routeKey: string): string {
  return routeKey.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
