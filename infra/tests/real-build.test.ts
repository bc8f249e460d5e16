/**
 * The real build output (`pnpm build`; turbo builds it before this package's
 * tests) synthesizes into the same shape as the fixtures: one function,
 * route, role and log group per manifest entry, hashes from the manifests.
 */
import { describe, expect, it } from 'vitest';
import { readArtifacts } from '../src/artifacts';
import { environmentConfig, STACK_NAMES } from '../src/config';
import { REPO_ROOT } from '../src/env';
import { resources, synthStack } from './helpers/synth';

describe.each(STACK_NAMES)('the %s stack from the real build', (name) => {
  it('has a function, route, role and log group per manifest entry', () => {
    const artifacts = readArtifacts(REPO_ROOT); // throws "run `pnpm build` first" when absent
    const { tf } = synthStack(name, REPO_ROOT);
    // the playground's function too, in the stacks whose config serves it (local, dev)
    const playground = environmentConfig(name).playground ? artifacts.playground : undefined;
    const entries = [...artifacts.functions, ...(playground ? [playground] : [])];
    const functions = resources(tf, 'aws_lambda_function').map(([, f]) => f);
    const row = (f: { function_name: string; handler: string; source_code_hash: string }) => [
      f.function_name,
      f.handler,
      f.source_code_hash,
    ];
    expect(functions.map(row).sort()).toEqual(
      entries.map((a) => [`lambda-stats-${name}-${a.name}`, a.handler, a.base64Sha256]).sort(),
    );
    expect(
      resources(tf, 'aws_apigatewayv2_route')
        .map(([, r]) => r.route_key)
        .sort(),
    ).toEqual(entries.flatMap((a) => a.routes).sort());
    // one role per function, plus the job state machine's, plus a state machine's and a schedule's per analysis
    const analyses = environmentConfig(name).analyses.length;
    expect(resources(tf, 'aws_iam_role')).toHaveLength(entries.length + 1 + 2 * analyses);
    expect(resources(tf, 'aws_cloudwatch_log_group')).toHaveLength(entries.length + 1);
    expect(resources(tf, 'aws_lambda_layer_version')[0]![1].source_code_hash).toBe(
      artifacts.layer.base64Sha256,
    );
  });
});
