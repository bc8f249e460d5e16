import type { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { Construct } from 'constructs';
import type { FunctionArtifact } from '../artifacts';
import type { EnvironmentConfig } from '../config';
import type { HttpApi } from './http-api';
import { StatsFunction } from './stats-function';

export interface PlaygroundProps {
  readonly artifact: FunctionArtifact;
  readonly code: S3Object;
  readonly functionName: string;
  readonly config: EnvironmentConfig;
  readonly api: HttpApi;
  readonly environment: Record<string, string>;
}

/**
 * The playground page's function (packages/playground): no layer (the page
 * and the API document are built into its code), the smallest memory size,
 * and its manifest's GET routes, each with its own invoke permission.
 */
export class Playground extends Construct {
  readonly function: StatsFunction;

  constructor(scope: Construct, id: string, props: PlaygroundProps) {
    super(scope, id);
    const { artifact, config, api } = props;
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
      invokedBy: { executionArn: api.api.executionArn, routes: artifact.routes },
    });
    api.addLambdaRoutes(artifact.name, artifact.routes, this.function.function);
  }
}
