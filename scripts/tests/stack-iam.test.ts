// `LAMBDA_STATS_LOCAL_AUTH=iam pnpm start`: the real local deploy (Terraform
// on moto) with AWS_IAM on every route, as prod has. The front door reads
// the routes' authorization back from the emulator and enforces it: an
// unsigned request gets API Gateway's 403, the client signing with the
// emulator's keys and the curl `pnpm start` prints both get the answer.
// Free ports, a temporary work dir; everything is stopped at the end.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createClient } from '@lambda-stats/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SCRIPTS_DIR = fileURLToPath(new URL('..', import.meta.url));
const TSX = path.join(SCRIPTS_DIR, 'node_modules', '.bin', 'tsx');
const START = path.join(SCRIPTS_DIR, 'src', 'cli', 'start.ts');

let work: string;
let start: ChildProcess;
let output = '';
let apiUrl: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'lambda-stats-start-iam-'));
  start = spawn(TSX, [START], {
    cwd: SCRIPTS_DIR,
    env: {
      ...process.env,
      LAMBDA_STATS_LOCAL_AUTH: 'iam',
      LAMBDA_STATS_API_PORT: '0',
      LAMBDA_STATS_MOTO_PORT: '0',
      LAMBDA_STATS_WORK_DIR: path.join(work, 'work'),
      LAMBDA_STATS_LOCAL_STATE: path.join(work, 'local.tfstate'),
      LAMBDA_STATS_CDKTF_OUT: path.join(work, 'cdktf.out'),
      LAMBDA_STATS_SKIP_BUILD: '1',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const s of [start.stdout, start.stderr]) {
    s?.on('data', (d) => {
      output += d;
    });
  }
  const localJson = path.join(work, 'work', 'local.json');
  const deadline = Date.now() + 170_000;
  while (!existsSync(localJson)) {
    if (start.exitCode !== null) throw new Error(`pnpm start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`pnpm start was not ready in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  apiUrl = (JSON.parse(readFileSync(localJson, 'utf8')) as { apiUrl: string }).apiUrl;
}, 180_000);

afterAll(async () => {
  if (start && start.exitCode === null) {
    const exited = new Promise((r) => start.once('exit', r));
    start.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  }
  rmSync(work, { recursive: true, force: true });
});

describe('LAMBDA_STATS_LOCAL_AUTH=iam pnpm start', () => {
  it('says the routes need SigV4 and how to sign', () => {
    expect(output).toContain(
      'Routes require SigV4 (AWS_IAM): sign with access key test, secret test, region us-east-1, service execute-api; unsigned requests get 403.',
    );
  });

  it("answers an unsigned request with API Gateway's 403", async () => {
    const res = await fetch(`${apiUrl}/describe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":[1,2,3]}',
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ message: 'Forbidden' });
  });

  it('answers the client signing with the emulator’s keys', async () => {
    const stats = createClient({
      baseUrl: apiUrl,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const got = await stats.describe({ a: [1, 2, 3, 4] });
    expect(got.nobs).toBe(4);
    expect(got.mean).toBe(2.5);
  });

  it('answers the signed curl it printed', async () => {
    const curl = output.match(/^ {2}(curl .*--aws-sigv4.*)$/m)?.[1];
    expect(curl).toBeDefined();
    const run = await promisify(execFile)('sh', ['-c', curl!], { timeout: 60_000 });
    expect(JSON.parse(run.stdout).slope).toBeCloseTo(1.9448642607472153, 12);
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => start.once('exit', (code) => r(code)));
    start.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
