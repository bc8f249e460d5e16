/**
 * Synth tests: each stack, synthesized in memory from fixture artifacts,
 * holds the resources the stack needs, with the properties its config sets.
 */
import { rmSync } from 'node:fs';
import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { readArtifacts } from '../src/artifacts';
import { environmentConfig, STACK_NAMES } from '../src/config';
import { ANALYTICS_FUNCTIONS, AWS_SERVICES, JOB_FUNCTIONS } from '../src/lambda-stats-stack';
import {
  FIXTURE_FUNCTIONS,
  JOB_FIXTURE_FUNCTIONS,
  writeFixtureArtifacts,
} from './helpers/fixtures';

const ALL_FUNCTIONS = [...FIXTURE_FUNCTIONS, ...JOB_FIXTURE_FUNCTIONS.map((f) => f.name)];
const JOB_ROUTES = JOB_FIXTURE_FUNCTIONS.flatMap((f) => f.routes);

import {
  type Json,
  ref,
  resources,
  synthEveryStack,
  synthStack,
  TEST_ENDPOINT,
} from './helpers/synth';

const stacks = synthEveryStack();
const get = stacks.stack;

describe.each(STACK_NAMES)('the %s stack', (name) => {
  const config = environmentConfig(name);

  it('has one nodejs22.x arm64 function per manifest entry, with the layer, its handler and code hash', () => {
    const { json, tf } = get(name);
    const artifacts = readArtifacts(stacks.root());
    const functions = resources(tf, 'aws_lambda_function');
    expect(functions).toHaveLength(ALL_FUNCTIONS.length);
    for (const fn of artifacts.functions.filter(
      (f) =>
        !(JOB_FUNCTIONS as readonly string[]).includes(f.name) &&
        !(ANALYTICS_FUNCTIONS as readonly string[]).includes(f.name),
    )) {
      expect(
        Testing.toHaveResourceWithProperties(json, 'aws_lambda_function', {
          function_name: `lambda-stats-${name}-${fn.name}`,
          runtime: 'nodejs22.x',
          architectures: [config.architecture],
          handler: fn.handler,
          memory_size: config.memoryMb,
          timeout: config.timeoutSeconds,
          source_code_hash: fn.base64Sha256,
          s3_key: `\${aws_s3_object.artifacts_function-zip-${fn.name}_${logicalSuffix(tf, `function-zip-${fn.name}`)}.key}`,
          layers: [ref('aws_lambda_layer_version.layer.arn')],
          environment: {
            variables: {
              LAMBDA_STATS_STAGE: name,
              POWERTOOLS_SERVICE_NAME: 'lambda-stats',
              POWERTOOLS_LOG_LEVEL: config.logLevel,
            },
          },
        }),
      ).toBe(true);
    }
    expect(config.architecture).toBe('arm64');
  });

  it('uploads every zip under a content-addressed key, from a relative asset path', () => {
    const { tf } = get(name);
    const artifacts = readArtifacts(stacks.root());
    const keys = resources(tf, 'aws_s3_object')
      .map(([, o]) => o.key)
      .sort();
    expect(keys).toEqual(
      [
        ...artifacts.functions.map((f) => `functions/${f.name}/${f.sha256}.zip`),
        `layers/stats-runtime/${artifacts.layer.sha256}.zip`,
      ].sort(),
    );
    for (const [, object] of resources(tf, 'aws_s3_object')) {
      expect(object.source).toMatch(/^assets\/[^/]+\/[0-9a-f]{64}\/[a-z_-]+\.zip$/);
    }
  });

  it('builds the layer version from the layer zip, hashed by the manifest', () => {
    const { json } = get(name);
    const { layer } = readArtifacts(stacks.root());
    expect(
      Testing.toHaveResourceWithProperties(json, 'aws_lambda_layer_version', {
        layer_name: `lambda-stats-${name}-stats-runtime`,
        source_code_hash: layer.base64Sha256,
        compatible_runtimes: ['nodejs22.x'],
        compatible_architectures: ['arm64', 'x86_64'],
      }),
    ).toBe(true);
  });

  it('gives each function its own role with one inline policy: its own log group, no `*` action', () => {
    const { tf } = get(name);
    const roles = resources(tf, 'aws_iam_role');
    const policies = resources(tf, 'aws_iam_role_policy');
    // one per function, plus the job state machine's, plus a state machine's and a schedule's per analysis
    const analyses = config.analyses.length;
    expect(roles).toHaveLength(ALL_FUNCTIONS.length + 1 + 2 * analyses);
    // and the four analytics functions' second policy (analytics.test.ts checks them)
    expect(policies).toHaveLength(ALL_FUNCTIONS.length + 1 + 4 + 2 * analyses);
    // No managed policies anywhere (moto lacks them, and they are broader than needed).
    expect(tf.resource.aws_iam_role_policy_attachment).toBeUndefined();
    for (const [, role] of roles) {
      expect(role.managed_policy_arns).toBeUndefined();
      if (role.name === `lambda-stats-${name}-jobs-states`) continue; // states.amazonaws.com: job tests
      if (/-analysis-.*-(states|schedule)$/.test(role.name)) continue; // analytics.test.ts
      expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ]);
    }
    for (const fn of FIXTURE_FUNCTIONS) {
      const [roleId] = roles.find(([, r]) => r.name === `lambda-stats-${name}-${fn}`)!;
      const [, policy] = policies.find(([, p]) => p.role === `\${aws_iam_role.${roleId}.id}`)!;
      const document = JSON.parse(policy.policy);
      const logGroupId = resources(tf, 'aws_cloudwatch_log_group').find(
        ([, g]) => g.name === `/aws/lambda/lambda-stats-${name}-${fn}`,
      )![0];
      expect(document.Statement).toEqual([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `\${aws_cloudwatch_log_group.${logGroupId}.arn}:*`,
        },
      ]);
      for (const statement of document.Statement) {
        for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
      }
    }
  });

  it(`sets ${config.logRetentionDays}-day retention on every log group (functions and access logs)`, () => {
    const groups = resources(get(name).tf, 'aws_cloudwatch_log_group');
    expect(groups).toHaveLength(ALL_FUNCTIONS.length + 1);
    for (const [, group] of groups) expect(group.retention_in_days).toBe(config.logRetentionDays);
  });

  it('creates the functions only after their log group and policy exist', () => {
    for (const [, fn] of resources(get(name).tf, 'aws_lambda_function')) {
      expect(fn.depends_on).toHaveLength(2);
      expect(fn.depends_on.some((d: string) => d.startsWith('aws_cloudwatch_log_group.'))).toBe(
        true,
      );
      expect(fn.depends_on.some((d: string) => d.startsWith('aws_iam_role_policy.'))).toBe(true);
    }
  });

  it(`routes POST /<name> to each function (proxy, payload 2.0), auth ${config.auth === 'iam' ? 'AWS_IAM' : 'NONE'}`, () => {
    const { json, tf } = get(name);
    expect(resources(tf, 'aws_apigatewayv2_api')).toEqual([
      [
        expect.any(String),
        expect.objectContaining({ name: `lambda-stats-${name}`, protocol_type: 'HTTP' }),
      ],
    ]);
    const routes = resources(tf, 'aws_apigatewayv2_route');
    expect(routes.map(([, r]) => r.route_key).sort()).toEqual(
      [...FIXTURE_FUNCTIONS.map((f) => `POST /${f}`), ...JOB_ROUTES].sort(),
    );
    for (const [, route] of routes) {
      expect(route.authorization_type).toBe(config.auth === 'iam' ? 'AWS_IAM' : 'NONE');
    }
    const integrations = resources(tf, 'aws_apigatewayv2_integration');
    // one integration per function with routes
    expect(integrations).toHaveLength(
      FIXTURE_FUNCTIONS.length + JOB_FIXTURE_FUNCTIONS.filter((f) => f.routes.length > 0).length,
    );
    for (const [, integration] of integrations) {
      expect(integration).toMatchObject({
        integration_type: 'AWS_PROXY',
        integration_method: 'POST',
        payload_format_version: '2.0',
      });
      expect(integration.integration_uri).toMatch(/^\$\{aws_lambda_function\.[^.]+\.arn\}$/);
    }
    expect(
      Testing.toHaveResourceWithProperties(json, 'aws_apigatewayv2_stage', {
        name: '$default',
        auto_deploy: true,
        default_route_settings: {
          throttling_rate_limit: config.throttling.rateLimit,
          throttling_burst_limit: config.throttling.burstLimit,
        },
      }),
    ).toBe(true);
    const [[, stage]] = resources(tf, 'aws_apigatewayv2_stage') as [[string, Json]];
    expect(stage.access_log_settings.destination_arn).toMatch(
      /^\$\{aws_cloudwatch_log_group\.http-api_access-log-group_[0-9A-F]+\.arn\}$/,
    );
    expect(JSON.parse(stage.access_log_settings.format).requestId).toBe('$context.requestId');
  });

  it("scopes each Lambda permission to its route on this API's execution ARN", () => {
    const { tf } = get(name);
    const [[apiId]] = resources(tf, 'aws_apigatewayv2_api') as [[string, unknown]];
    const permissions = resources(tf, 'aws_lambda_permission');
    expect(permissions).toHaveLength(FIXTURE_FUNCTIONS.length + JOB_ROUTES.length);
    const arns = permissions.map(([, p]) => {
      expect(p.action).toBe('lambda:InvokeFunction');
      expect(p.principal).toBe('apigateway.amazonaws.com');
      return p.source_arn;
    });
    expect(arns.sort()).toEqual(
      [
        ...FIXTURE_FUNCTIONS.map((f) => `POST /${f}`),
        ...JOB_ROUTES.map((r) => r.replace(/\{[^}]+\}/g, '*')),
      ]
        .map((r) => r.split(' '))
        .map(([m, p]) => `\${aws_apigatewayv2_api.${apiId}.execution_arn}/*/${m}${p}`)
        .sort(),
    );
  });

  it('keeps the artifact bucket private and encrypted', () => {
    const { json, tf } = get(name);
    expect(resources(tf, 'aws_s3_bucket').filter(([id]) => id.startsWith('artifacts_'))).toEqual([
      [
        expect.any(String),
        expect.objectContaining({
          bucket_prefix: `lambda-stats-${name}-artifacts-`,
          force_destroy: config.forceDestroyArtifacts,
        }),
      ],
    ]);
    expect(
      Testing.toHaveResourceWithProperties(json, 'aws_s3_bucket_public_access_block', {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      }),
    ).toBe(true);
    expect(
      Testing.toHaveResourceWithProperties(
        json,
        'aws_s3_bucket_server_side_encryption_configuration',
        { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] },
      ),
    ).toBe(true);
  });

  it('outputs the API URL, the function names and the artifact bucket', () => {
    const { output } = get(name).tf;
    expect(output.api_url.value).toMatch(/^\$\{aws_apigatewayv2_stage\.[^.]+\.invoke_url\}$/);
    expect(output.function_names.value).toHaveLength(ALL_FUNCTIONS.length);
    expect(output.artifact_bucket.value).toMatch(/^\$\{aws_s3_bucket\.[^.]+\.bucket\}$/);
  });

  it('pins the AWS provider to the version in the offline mirror', () => {
    expect(get(name).tf.terraform.required_providers.aws.version).toBe('5.100.0');
  });
});

describe('a changed build', () => {
  it('changes the changed code keys and hashes only', async () => {
    const changedRoot = await writeFixtureArtifacts({ handlerBody: ', headers: {}' });
    try {
      const before = get('dev').tf;
      const after = synthStack('dev', changedRoot).tf;
      const code = (tf: Json) =>
        resources(tf, 'aws_lambda_function')
          .filter(([, f]) => FIXTURE_FUNCTIONS.some((n) => f.function_name.endsWith(`-${n}`)))
          .map(([, f]) => f.source_code_hash);
      const keys = (tf: Json) => resources(tf, 'aws_s3_object').map(([, o]) => o.key);
      expect(code(after)).toHaveLength(2);
      for (const [i, hash] of code(after).entries()) expect(hash).not.toBe(code(before)[i]);
      const changedKeys = keys(after).filter((k: string) => !keys(before).includes(k));
      expect(changedKeys.map((k: string) => k.split('/').slice(0, 2).join('/')).sort()).toEqual([
        'functions/linregress',
        'functions/ols',
      ]);
      expect(resources(after, 'aws_lambda_layer_version')).toEqual(
        resources(before, 'aws_lambda_layer_version'),
      );
    } finally {
      rmSync(changedRoot, { recursive: true, force: true });
    }
  });
});

describe('state backends', () => {
  it.each(['dev', 'prod'] as const)('%s keeps encrypted, natively locked state in S3', (name) => {
    const backend = get(name).tf.terraform.backend;
    expect(Object.keys(backend)).toEqual(['s3']);
    expect(backend.s3).toEqual({
      bucket: 'lambda-stats-terraform-state',
      key: `lambda-stats/${name}/terraform.tfstate`,
      region: environmentConfig(name).region,
      encrypt: true,
      use_lockfile: true,
    });
  });

  it('local keeps state in a file, by a relative path', () => {
    expect(get('local').tf.terraform.backend).toEqual({
      local: { path: '../../../terraform.local.tfstate' },
    });
  });
});

describe('the local stack cannot reach a real account', () => {
  it('points every AWS service the stack uses at the emulator, with dummy keys and the skip flags', () => {
    const { json, tf } = get('local');
    const used = new Set(
      Object.keys(tf.resource).map((type) => {
        const service = type.replace(/^aws_/, '').split('_')[0]!;
        return { cloudwatch: 'cloudwatchlogs' }[service] ?? service;
      }),
    );
    // The provider's own calls (caller identity) go to STS.
    used.add('sts');
    expect([...used].sort()).toEqual([...AWS_SERVICES].sort());
    const [provider] = tf.provider.aws;
    expect(provider.endpoints).toEqual([
      Object.fromEntries(AWS_SERVICES.map((s) => [s, TEST_ENDPOINT])),
    ]);
    expect(provider.skip_requesting_account_id).toBeUndefined(); // STS is the emulator too
    expect(
      Testing.toHaveProviderWithProperties(json, 'aws', {
        access_key: 'test',
        secret_key: 'test',
        skip_credentials_validation: true,
        skip_metadata_api_check: 'true',
        s3_use_path_style: true,
      }),
    ).toBe(true);
  });

  it('dev and prod use the default credential chain and real endpoints', () => {
    for (const name of ['dev', 'prod']) {
      const [provider] = get(name).tf.provider.aws;
      expect(provider.endpoints).toBeUndefined();
      expect(provider.access_key).toBeUndefined();
    }
  });
});

/** The hash suffix cdktf gives a construct's logical id (looked up, not hard-coded). */
function logicalSuffix(tf: Json, id: string): string {
  const key = Object.keys(tf.resource.aws_s3_object).find((k) => k.startsWith(`artifacts_${id}_`))!;
  return key.slice(`artifacts_${id}_`.length);
}
