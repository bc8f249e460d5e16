import { describe, expect, it } from 'vitest';
import { environmentConfig, parseStackName, STACK_NAMES } from '../src/config';
import { readEnv } from '../src/env';
import { parseLoopbackEndpoint } from '../src/local-endpoint';

describe('stack names', () => {
  it('accepts local, dev and prod', () => {
    for (const name of STACK_NAMES) expect(parseStackName(name)).toBe(name);
  });

  it.each([['staging'], [''], [undefined]])('rejects %j, listing the valid stacks', (value) => {
    expect(() => parseStackName(value)).toThrow(/valid stacks are local, dev, prod/);
  });

  it('LAMBDA_STATS_STACKS selects stacks, and a typo in it is an error', () => {
    expect(readEnv({ LAMBDA_STATS_STACKS: 'dev' }).stacks).toEqual(['dev']);
    expect(readEnv({ LAMBDA_STATS_STACKS: 'local,prod' }).stacks).toEqual(['local', 'prod']);
    expect(() => readEnv({ LAMBDA_STATS_STACKS: 'dev,qa' })).toThrow(/got "qa"/);
  });
});

describe('plain cdktf (no LAMBDA_STATS_STACKS)', () => {
  it('synthesizes every stack when the emulator endpoint is set', () => {
    const env = readEnv({ LAMBDA_STATS_AWS_ENDPOINT: 'http://127.0.0.1:5000' });
    expect(env.stacks).toEqual(['local', 'dev', 'prod']);
    expect(env.skipped).toEqual([]);
  });

  it('leaves local out without it, saying how to include it, so `cdktf deploy dev` needs no emulator', () => {
    const env = readEnv({});
    expect(env.stacks).toEqual(['dev', 'prod']);
    expect(env.skipped).toEqual([
      'local (set LAMBDA_STATS_AWS_ENDPOINT=http://127.0.0.1:<port> to synth it)',
    ]);
  });
});

describe('environment config', () => {
  it('runs arm64 everywhere and requires IAM auth in prod only', () => {
    for (const name of STACK_NAMES) expect(environmentConfig(name).architecture).toBe('arm64');
    expect(STACK_NAMES.map((n) => environmentConfig(n).auth)).toEqual(['none', 'none', 'iam']);
  });

  it('takes the state bucket from the override', () => {
    expect(environmentConfig('prod', { stateBucket: 'my-state' }).state).toMatchObject({
      kind: 's3',
      bucket: 'my-state',
    });
    expect(environmentConfig('local').state).toEqual({ kind: 'local' });
  });
});

describe('the local endpoint', () => {
  it.each([
    ['http://127.0.0.1:5000', 'http://127.0.0.1:5000'],
    ['http://localhost:4566/', 'http://localhost:4566'],
    ['http://[::1]:5000', 'http://[::1]:5000'],
  ])('accepts loopback %s', (value, expected) => {
    expect(parseLoopbackEndpoint(value)).toBe(expected);
  });

  it.each([
    ['https://lambda.us-east-1.amazonaws.com', /not a loopback/],
    ['http://10.0.0.5:5000', /not a loopback/],
    ['http://127.0.0.1.nip.io:5000', /not a loopback/],
    ['ftp://127.0.0.1:5000', /not a loopback/],
    ['127.0.0.1:5000', /not a loopback|not a URL/],
    ['http://127.0.0.1:5000/prefix', /scheme:\/\/host:port only/],
    [undefined, /needs an AWS emulator endpoint/],
    ['', /needs an AWS emulator endpoint/],
  ])('refuses %j', (value, message) => {
    expect(() => parseLoopbackEndpoint(value)).toThrow(message);
    expect(() => parseLoopbackEndpoint(value)).toThrow(/LAMBDA_STATS_AWS_ENDPOINT/);
  });
});
