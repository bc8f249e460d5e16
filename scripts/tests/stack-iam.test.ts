// `LAMBDA_STATS_LOCAL_AUTH=iam pnpm start`: the real local deploy (Terraform
// on moto) with AWS_IAM on every route, as prod has. The front door reads
// the routes' authorization back from the emulator and enforces it: an
// unsigned request gets API Gateway's 403, the client signing with the
// emulator's keys and the curl `pnpm start` prints both get the answer.
// Free ports, a temporary work dir; everything is stopped at the end.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createClient } from '@lambda-stats/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, START_HOOK_TIMEOUT_MS, startLocalStack } from './support/local-stack';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({ env: { LAMBDA_STATS_LOCAL_AUTH: 'iam' } });
}, START_HOOK_TIMEOUT_MS);

afterAll(() => stack?.stop());

describe('LAMBDA_STATS_LOCAL_AUTH=iam pnpm start', () => {
  it('says the routes need SigV4 and how to sign', () => {
    expect(stack.output()).toContain(
      'Routes require SigV4 (AWS_IAM): sign with access key test, secret test, region us-east-1, service execute-api; unsigned requests get 403.',
    );
  });

  it("answers an unsigned request with API Gateway's 403", async () => {
    const res = await fetch(`${stack.apiUrl}/describe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":[1,2,3]}',
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ message: 'Forbidden' });
  });

  it('answers the client signing with the emulator’s keys', async () => {
    const stats = createClient({
      baseUrl: stack.apiUrl,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const got = await stats.describe({ a: [1, 2, 3, 4] });
    expect(got.nobs).toBe(4);
    expect(got.mean).toBe(2.5);
  });

  it('answers the signed curl it printed', async () => {
    const curl = stack.output().match(/^ {2}(curl .*--aws-sigv4.*)$/m)?.[1];
    expect(curl).toBeDefined();
    const run = await promisify(execFile)('sh', ['-c', curl!], { timeout: 60_000 });
    expect(JSON.parse(run.stdout).slope).toBeCloseTo(1.9448642607472153, 12);
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => stack.child.once('exit', (code) => r(code)));
    stack.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
