import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Testing } from 'cdktf';
import { readArtifacts } from '../../src/artifacts';
import { type EnvironmentConfig, environmentConfig, type StackName } from '../../src/config';
import { LambdaStatsStack } from '../../src/lambda-stats-stack';

export const TEST_ENDPOINT = 'http://127.0.0.1:4566';

/** A synthesized stack as Terraform JSON (string, for Testing matchers) and parsed. */
// biome-ignore lint/suspicious/noExplicitAny: synthesized Terraform JSON is untyped by nature; tests index into it freely.
export type Json = any;

export interface Synthesized {
  readonly json: string;
  readonly tf: Json;
}

/** A Terraform reference as cdktf writes it: `${expr}`. */
export const ref = (expr: string) => `\${${expr}}`;

/** Synthesizes one stack in memory from fixture artifacts below `artifactsRoot` (`overrides` change its config). */
export function synthStack(
  name: StackName,
  artifactsRoot: string,
  overrides: Partial<EnvironmentConfig> = {},
): Synthesized {
  const outdir = mkdtempSync(path.join(tmpdir(), 'lambda-stats-cdktf-'));
  const app = Testing.app({ outdir });
  const stack = new LambdaStatsStack(app, name, {
    config: { ...environmentConfig(name), ...overrides },
    artifacts: readArtifacts(artifactsRoot),
    localEndpoint: name === 'local' ? TEST_ENDPOINT : undefined,
    localStatePath: '../../../terraform.local.tfstate',
  });
  const json = Testing.synth(stack);
  rmSync(outdir, { recursive: true, force: true });
  return { json, tf: JSON.parse(json) };
}

/** The resources of one type, as [logical id, config] pairs. */
export function resources(tf: Json, type: string): [string, Json][] {
  return Object.entries(tf.resource?.[type] ?? {});
}
