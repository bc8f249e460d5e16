import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import type { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { Construct } from 'constructs';
import type { PlaygroundArtifact } from '../artifacts';
import type { EnvironmentConfig } from '../config';
import type { HttpApi } from './http-api';
import { StatsFunction } from './stats-function';

export interface PlaygroundProps {
  readonly artifact: PlaygroundArtifact;
  readonly code: S3Object;
  readonly functionName: string;
  readonly config: EnvironmentConfig;
  readonly api: HttpApi;
  readonly environment: Record<string, string>;
}

/**
 * The playground page's function (packages/playground): one function, no
 * layer (the page and the API document are built into its code), a GET
 * route per entry of its manifest, and an invoke permission for each of
 * those routes only.
 */
export class Playground extends Construct {
  readonly function: StatsFunction;

  constructor(scope: Construct, id: string, props: PlaygroundProps) {
    super(scope, id);
    const { artifact, config, api } = props;
    const [first, ...more] = artifact.routes;
    this.function = new StatsFunction(this, 'function', {
      functionName: props.functionName,
      code: props.code,
      base64Sha256: artifact.base64Sha256,
      handler: artifact.handler,
      layerArns: [],
      architecture: config.architecture,
      // Serving a built-in string: the smallest memory size is plenty.
      memoryMb: 128,
      timeoutSeconds: 3,
      logRetentionDays: config.logRetentionDays,
      environment: props.environment,
      invokedBy: { executionArn: api.api.executionArn, route: first as string },
    });
    api.addLambdaRoute(`${artifact.name}-0`, first as string, this.function.function);
    more.forEach((route, i) => {
      const [method, routePath] = route.split(' ');
      new LambdaPermission(this, `invoke-permission-${i + 1}`, {
        statementId: `AllowHttpApiInvoke${i + 1}`,
        action: 'lambda:InvokeFunction',
        functionName: this.function.function.functionName,
        principal: 'apigateway.amazonaws.com',
        sourceArn: `${api.api.executionArn}/*/${method}${routePath}`,
      });
      api.addLambdaRoute(`${artifact.name}-${i + 1}`, route, this.function.function);
    });
  }
}
