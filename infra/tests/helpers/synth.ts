import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Testing } from 'cdktf';
import { afterAll, beforeAll } from 'vitest';
import { readArtifacts } from '../../src/artifacts';
import {
  type EnvironmentConfig,
  environmentConfig,
  STACK_NAMES,
  type StackName,
} from '../../src/config';
import { LambdaStatsStack } from '../../src/lambda-stats-stack';
import { writeFixtureArtifacts } from './fixtures';

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

/**
 * Every stack, synthesized once for the whole test file from fixture
 * artifacts written before its tests (and removed after them). `root()` is
 * the artifacts' directory, `stack(name)` the synthesized stack.
 */
export function synthEveryStack(): { root: () => string; stack: (name: string) => Synthesized } {
  let root = '';
  const synthesized = new Map<string, Synthesized>();
  beforeAll(async () => {
    root = await writeFixtureArtifacts();
    for (const name of STACK_NAMES) synthesized.set(name, synthStack(name, root));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return {
    root: () => root,
    stack: (name) => {
      const s = synthesized.get(name);
      if (!s) throw new Error(`no synthesized stack ${name}`);
      return s;
    },
  };
}
