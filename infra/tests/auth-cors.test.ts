/**
 * The HTTP API's auth and CORS from the typed config: each stack's
 * cors_configuration, IAM auth on the local stack's routes when
 * LAMBDA_STATS_LOCAL_AUTH=iam, and the refusals at synth of a CORS
 * configuration API Gateway or browsers would reject.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Testing } from 'cdktf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArtifacts } from '../src/artifacts';
import {
  CORS_DEFAULTS,
  type EnvironmentConfig,
  environmentConfig,
  LOCAL_DEV_ORIGINS,
  validateCors,
} from '../src/config';
import { readEnv } from '../src/env';
import { LambdaStatsStack } from '../src/lambda-stats-stack';
import { writeFixtureArtifacts } from './helpers/fixtures';
import { type Json, resources, TEST_ENDPOINT } from './helpers/synth';

let root: string;
beforeAll(async () => {
  root = await writeFixtureArtifacts();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function synth(config: EnvironmentConfig): Json {
  const outdir = mkdtempSync(path.join(tmpdir(), 'lambda-stats-cdktf-'));
  try {
    const app = Testing.app({ outdir });
    const stack = new LambdaStatsStack(app, config.name, {
      config,
      artifacts: readArtifacts(root),
      localEndpoint: config.name === 'local' ? TEST_ENDPOINT : undefined,
      localStatePath: '../../../terraform.local.tfstate',
    });
    return JSON.parse(Testing.synth(stack));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const api = (tf: Json) => resources(tf, 'aws_apigatewayv2_api')[0]![1];
const routeAuth = (tf: Json) =>
  resources(tf, 'aws_apigatewayv2_route').map(([, r]) => r.authorization_type);

describe('CORS from the typed config', () => {
  it('gives local and dev a cors_configuration for a web dev server on this machine', () => {
    for (const name of ['local', 'dev'] as const) {
      expect(api(synth(environmentConfig(name))).cors_configuration).toEqual({
        allow_origins: [...LOCAL_DEV_ORIGINS],
        allow_methods: [...CORS_DEFAULTS.allowMethods],
        allow_headers: [...CORS_DEFAULTS.allowHeaders],
        expose_headers: [...CORS_DEFAULTS.exposeHeaders],
        max_age: 3600,
        allow_credentials: false,
      });
    }
  });

  it('gives prod none until a web origin is configured', () => {
    expect(api(synth(environmentConfig('prod'))).cors_configuration).toBeUndefined();
  });

  it("takes the local stack's origins from LAMBDA_STATS_LOCAL_CORS_ORIGINS", () => {
    const env = readEnv({
      LAMBDA_STATS_LOCAL_CORS_ORIGINS: 'https://a.example.com, http://localhost:8080',
    });
    expect(env.localCorsOrigins).toEqual(['https://a.example.com', 'http://localhost:8080']);
    const tf = synth(environmentConfig('local', { localCorsOrigins: env.localCorsOrigins }));
    expect(api(tf).cors_configuration.allow_origins).toEqual(env.localCorsOrigins);
  });

  it("refuses '*' with credentials at synth, saying what to do instead", () => {
    const config: EnvironmentConfig = {
      ...environmentConfig('prod'),
      cors: { ...CORS_DEFAULTS, allowOrigins: ['*'], allowCredentials: true },
    };
    expect(() => synth(config)).toThrow(
      "the prod stack's CORS configuration allows any origin ('*') with allowCredentials: browsers refuse that and API Gateway rejects it; list the origins (e.g. https://app.example.com) or set allowCredentials to false",
    );
    // '*' alone is allowed
    expect(() => validateCors('prod', { ...CORS_DEFAULTS, allowOrigins: ['*'] })).not.toThrow();
  });

  it('refuses an origin with a path and a max age API Gateway does not take', () => {
    expect(() =>
      validateCors('dev', { ...CORS_DEFAULTS, allowOrigins: ['https://app.example.com/'] }),
    ).toThrow(
      /has the origin "https:\/\/app\.example\.com\/": an origin is scheme:\/\/host\[:port\]/,
    );
    expect(() =>
      validateCors('dev', {
        ...CORS_DEFAULTS,
        allowOrigins: ['https://a.b'],
        maxAgeSeconds: 90000,
      }),
    ).toThrow(
      "the dev stack's CORS configuration has maxAgeSeconds 90000: API Gateway accepts 0 to 86400",
    );
  });
});

describe('IAM auth on the routes', () => {
  it('is on in prod and off in local by default', () => {
    expect(new Set(routeAuth(synth(environmentConfig('prod'))))).toEqual(new Set(['AWS_IAM']));
    expect(new Set(routeAuth(synth(environmentConfig('local'))))).toEqual(new Set(['NONE']));
  });

  it('is on in local with LAMBDA_STATS_LOCAL_AUTH=iam, and a wrong value is a clear error', () => {
    const env = readEnv({ LAMBDA_STATS_LOCAL_AUTH: 'iam' });
    const tf = synth(environmentConfig('local', { localAuth: env.localAuth }));
    expect(new Set(routeAuth(tf))).toEqual(new Set(['AWS_IAM']));
    expect(() => readEnv({ LAMBDA_STATS_LOCAL_AUTH: 'sigv4' })).toThrow(
      'LAMBDA_STATS_LOCAL_AUTH="sigv4" is not an auth mode: use iam (SigV4 on every route, as prod) or none',
    );
  });
});
