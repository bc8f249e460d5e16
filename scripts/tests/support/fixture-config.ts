/**
 * A small Terraform JSON configuration shaped like the `local` stack: a
 * layer, functions with a role, an inline policy and a log group each, and an
 * HTTP API with a route per function. Tests vary it step by step to make
 * real plans of every kind (create, update, replace, delete).
 */
export interface FixtureFunction {
  name: string;
  memory: number;
  timeout: number;
  /** `METHOD /path`; undefined leaves the function without a route. */
  route?: string;
  /** Actions the inline policy allows on the function's own log group. */
  logActions: string[];
}

export interface FixtureSpec {
  layerName: string;
  functions: FixtureFunction[];
}

export const baseSpec: FixtureSpec = {
  layerName: 'stats-runtime',
  functions: [
    {
      name: 'linregress',
      memory: 512,
      timeout: 10,
      route: 'POST /linregress',
      logActions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    },
    {
      name: 'ols',
      memory: 512,
      timeout: 10,
      route: 'POST /ols',
      logActions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    },
  ],
};

/** A Terraform interpolation, `${expr}`. */
const tf = (expr: string): string => `\${${expr}}`;

/** The whole configuration as Terraform JSON for a moto server at `endpoint`. */
export function fixtureConfig(spec: FixtureSpec, endpoint: string): object {
  const services = ['apigatewayv2', 'cloudwatchlogs', 'iam', 'lambda', 's3', 'sts'];
  const resource: Record<string, Record<string, object>> = {
    aws_lambda_layer_version: {
      runtime: {
        layer_name: spec.layerName,
        filename: 'layer.zip',
        source_code_hash: tf('filebase64sha256("layer.zip")'),
        compatible_runtimes: ['nodejs22.x'],
      },
    },
    aws_apigatewayv2_api: {
      http: { name: 'lambda-stats', protocol_type: 'HTTP' },
    },
    aws_apigatewayv2_stage: {
      default: {
        api_id: tf('aws_apigatewayv2_api.http.id'),
        name: '$default',
        auto_deploy: true,
        default_route_settings: { throttling_burst_limit: 50, throttling_rate_limit: 100 },
      },
    },
    aws_iam_role: {},
    aws_iam_role_policy: {},
    aws_cloudwatch_log_group: {},
    aws_lambda_function: {},
    aws_apigatewayv2_integration: {},
    aws_apigatewayv2_route: {},
  };
  for (const fn of spec.functions) {
    const n = fn.name;
    resource.aws_iam_role![n] = {
      name: `lambda-stats-${n}`,
      assume_role_policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    };
    resource.aws_cloudwatch_log_group![n] = {
      name: `/aws/lambda/lambda-stats-${n}`,
      retention_in_days: 14,
    };
    resource.aws_iam_role_policy![n] = {
      name: 'logs',
      role: `\${aws_iam_role.${n}.id}`,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'OwnLogGroup',
            Effect: 'Allow',
            Action: fn.logActions,
            Resource: `arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/lambda-stats-${n}:*`,
          },
        ],
      }),
    };
    resource.aws_lambda_function![n] = {
      function_name: `lambda-stats-${n}`,
      role: `\${aws_iam_role.${n}.arn}`,
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      architectures: ['arm64'],
      memory_size: fn.memory,
      timeout: fn.timeout,
      filename: 'function.zip',
      source_code_hash: tf('filebase64sha256("function.zip")'),
      layers: [tf('aws_lambda_layer_version.runtime.arn')],
      environment: { variables: { NODE_OPTIONS: '--enable-source-maps' } },
      depends_on: [`aws_cloudwatch_log_group.${n}`, `aws_iam_role_policy.${n}`],
    };
    resource.aws_apigatewayv2_integration![n] = {
      api_id: tf('aws_apigatewayv2_api.http.id'),
      integration_type: 'AWS_PROXY',
      integration_uri: `\${aws_lambda_function.${n}.invoke_arn}`,
      payload_format_version: '2.0',
    };
    if (fn.route === undefined) continue;
    resource.aws_apigatewayv2_route![n] = {
      api_id: tf('aws_apigatewayv2_api.http.id'),
      route_key: fn.route,
      target: `integrations/\${aws_apigatewayv2_integration.${n}.id}`,
    };
  }
  return {
    terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } },
    provider: {
      aws: {
        region: 'us-east-1',
        access_key: 'testing',
        secret_key: 'testing',
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        s3_use_path_style: true,
        endpoints: [Object.fromEntries(services.map((s) => [s, endpoint]))],
      },
    },
    resource: Object.fromEntries(
      Object.entries(resource).filter(([, blocks]) => Object.keys(blocks).length > 0),
    ),
  };
}
