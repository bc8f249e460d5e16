import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractZip } from '@lambda-stats/lambda-kit/zip';
import { describe, expect, it } from 'vitest';
import * as env from '../src/env';

describe('readEnv', () => {
  it("defaults the body limit to Lambda's 6 MB synchronous payload", () => {
    expect(env.DEFAULT_MAX_BODY_BYTES).toBe(6_291_456);
    expect(env.readEnv({}).maxBodyBytes).toBe(env.DEFAULT_MAX_BODY_BYTES);
    expect(env.readEnv({ LAMBDA_STATS_MAX_BODY_BYTES: '' }).maxBodyBytes).toBe(
      env.DEFAULT_MAX_BODY_BYTES,
    );
  });

  it('takes a positive whole number of bytes', () => {
    expect(env.readEnv({ LAMBDA_STATS_MAX_BODY_BYTES: '1048576' }).maxBodyBytes).toBe(1_048_576);
  });

  it.each(['0', '-1', '1.5', '1e6', 'lots'])('rejects %s naming the variable', (v) => {
    expect(() => env.readEnv({ LAMBDA_STATS_MAX_BODY_BYTES: v })).toThrow(
      /LAMBDA_STATS_MAX_BODY_BYTES must be a positive whole number/,
    );
  });
});

describe('the jobs and analytics settings', () => {
  it('read their variables, with defaults', () => {
    expect(env.readJobsEnv({})).toEqual({
      dataBucket: '',
      stateMachineArn: '',
      chunkBytes: env.DEFAULT_CHUNK_BYTES,
      workerMemoryMb: 1024,
      uploadUrlSeconds: 3600,
    });
    expect(
      env.readAnalyticsEnv({ LAMBDA_STATS_ANALYSES: ' smart-alarms,,smart-targets ' }).analyses,
    ).toEqual(['smart-alarms', 'smart-targets']);
  });

  it('refuse a chunk size that is not a positive whole number, naming the variable', () => {
    expect(() => env.readJobsEnv({ LAMBDA_STATS_CHUNK_BYTES: '64MiB' })).toThrow(
      'LAMBDA_STATS_CHUNK_BYTES must be a positive whole number (got "64MiB")',
    );
  });

  it('name a setting the function was deployed without', () => {
    expect(() => env.requireSetting('', 'LAMBDA_STATS_RUNS_TABLE')).toThrow(
      'LAMBDA_STATS_RUNS_TABLE is not set: the function was deployed without it',
    );
    expect(env.requireSetting('runs', 'LAMBDA_STATS_RUNS_TABLE')).toBe('runs');
  });
});

describe('withVariables (the API document examples, at build time)', () => {
  it('sets the variables for the call, reads the settings afresh, then restores both', async () => {
    const name = 'LAMBDA_STATS_ANALYSES';
    const before = process.env[name];
    const cachedBefore = env.analyticsEnv().analyses;
    const inside = await env.withVariables(
      { [name]: 'a,b' },
      async () => env.analyticsEnv().analyses,
    );
    expect(inside).toEqual(['a', 'b']);
    expect(process.env[name]).toBe(before);
    expect(env.analyticsEnv().analyses).toEqual(cachedBefore);
  });
});

/**
 * Each bundle reads only the settings of the functions it holds (the env
 * module's groups are read on first use, so esbuild drops the others):
 * checked on the built zips, which the test task builds first.
 */
describe('the built bundles', () => {
  const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  const code = async (name: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'env-bundle-'));
    try {
      await extractZip(path.join(dist, `${name}.zip`), dir);
      return readFileSync(path.join(dir, 'index.js'), 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it.each([
    [
      'describe',
      ['LAMBDA_STATS_MAX_BODY_BYTES'],
      ['LAMBDA_STATS_CHUNK_BYTES', 'LAMBDA_STATS_RUNS_TABLE'],
    ],
    [
      'job_worker',
      ['AWS_ENDPOINT_URL'],
      ['LAMBDA_STATS_MAX_BODY_BYTES', 'LAMBDA_STATS_RUNS_TABLE'],
    ],
    [
      'jobs',
      ['LAMBDA_STATS_MAX_BODY_BYTES', 'LAMBDA_STATS_CHUNK_BYTES'],
      ['LAMBDA_STATS_RUNS_TABLE'],
    ],
    [
      'analytics_series',
      ['LAMBDA_STATS_RESULTS_TABLE'],
      ['LAMBDA_STATS_CHUNK_BYTES', 'LAMBDA_STATS_MAX_BODY_BYTES'],
    ],
  ])('%s reads %j and not %j', async (name, reads, skips) => {
    const text = await code(name);
    for (const v of reads) expect(text).toContain(v);
    for (const v of skips) expect(text).not.toContain(v);
  });
});
