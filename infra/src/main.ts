/**
 * The cdktf app: wires one LambdaStatsStack per selected environment.
 * Run it through the root scripts (`pnpm run synth|deploy|diff|destroy`),
 * which set the environment read in env.ts.
 */
import path from 'node:path';
import { App } from 'cdktf';
import { playgroundNotice, readArtifacts } from './artifacts';
import { environmentConfig } from './config';
import { readEnv } from './env';
import { LambdaStatsStack } from './lambda-stats-stack';

try {
  const env = readEnv();
  for (const skipped of env.skipped) console.error(`lambda-stats infra: skipping ${skipped}`);
  const artifacts = readArtifacts(env.artifactsRoot);
  const app = new App();
  const configs = env.stacks.map((name) =>
    environmentConfig(name, {
      stateBucket: env.stateBucket,
      stateRegion: env.stateRegion,
      localAuth: env.localAuth,
      localCorsOrigins: env.localCorsOrigins,
    }),
  );
  const notice = playgroundNotice(artifacts, configs);
  if (notice) console.error(`lambda-stats infra: ${notice}`);
  for (const config of configs) {
    const name = config.name;
    new LambdaStatsStack(app, name, {
      config,
      artifacts,
      localEndpoint: env.localEndpoint,
      // Terraform runs inside <outdir>/stacks/local: keep the path relative to it.
      localStatePath: path.relative(path.join(app.outdir, 'stacks', name), env.localStateFile),
    });
  }
  app.synth();
} catch (error) {
  console.error(`lambda-stats infra: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
