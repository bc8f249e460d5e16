// `pnpm logs`: lines shipped by the local runtime's LogShipper to a real
// moto server's CloudWatch Logs, read back by the CLI (src/cli/logs.ts) as
// `sam logs` prints them; --since, --follow, an unknown function, bad flags.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { type MotoServer, startMoto } from '@lambda-stats/lambda-kit/moto-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig } from '../src/aws';
import { parseDuration, parseLogsArgs } from '../src/logs';
import { LogShipper } from '../src/observability';

const execFileAsync = promisify(execFile);
const SCRIPTS_DIR = fileURLToPath(new URL('..', import.meta.url));
const TSX = path.join(SCRIPTS_DIR, 'node_modules', '.bin', 'tsx');
const CLI = path.join(SCRIPTS_DIR, 'src', 'cli', 'logs.ts');
const region = 'us-east-1';

let moto: MotoServer;
let work: string;
let shipper: LogShipper;
const fn = 'lambda-stats-local-linregress';

const env = () => ({ ...process.env, LAMBDA_STATS_WORK_DIR: work, NO_COLOR: '1' });

/** Runs the CLI to completion (async: moto answers from another process, but keep the loop free). */
async function logs(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await execFileAsync(TSX, [CLI, ...args], {
      cwd: SCRIPTS_DIR,
      env: env(),
      timeout: 60_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(async () => {
  moto = await startMoto();
  work = mkdtempSync(path.join(tmpdir(), 'lambda-stats-logs-'));
  mkdirSync(work, { recursive: true });
  writeFileSync(
    path.join(work, 'local.json'),
    JSON.stringify({ apiUrl: 'http://127.0.0.1:1', awsEndpoint: moto.endpoint, region }),
  );
  const target = { endpoint: moto.endpoint, region };
  const cw = new CloudWatchLogsClient(clientConfig(target));
  for (const name of [fn, 'lambda-stats-local-describe']) {
    await cw.send(new CreateLogGroupCommand({ logGroupName: `/aws/lambda/${name}` }));
  }
  cw.destroy();
  shipper = new LogShipper(target, new Map([[fn, `/aws/lambda/${fn}`]]), (m) => {
    throw new Error(m);
  });
  const now = Date.now();
  shipper.push(fn, 'an old line, from 20 minutes ago', now - 20 * 60_000);
  shipper.push(fn, 'START RequestId: r1 Version: $LATEST', now - 3000);
  shipper.push(
    fn,
    '{"level":"INFO","message":"request handled","endpoint":"linregress"}',
    now - 2000,
  );
  shipper.push(fn, 'END RequestId: r1', now - 1000);
  shipper.push('not-deployed', 'ignored: no log group known for it', now);
  await shipper.flush();
});

afterAll(async () => {
  await shipper?.close();
  await moto?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('pnpm logs against the local stack', () => {
  it('prints the last 10 minutes of the function’s log group, as sam logs does', async () => {
    const r = await logs('linregress');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(' ').slice(2).join(' '))).toEqual([
      'START RequestId: r1 Version: $LATEST',
      '{"level":"INFO","message":"request handled","endpoint":"linregress"}',
      'END RequestId: r1',
    ]);
    for (const line of lines) {
      expect(line).toMatch(
        /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32} \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z /,
      );
    }
  });

  it('goes further back with --since', async () => {
    const r = await logs('linregress', '--since', '1h');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('an old line, from 20 minutes ago');
  });

  it('follows new lines with --follow until stopped', async () => {
    const child: ChildProcess = spawn(TSX, [CLI, 'linregress', '--follow', '--since', '1m'], {
      cwd: SCRIPTS_DIR,
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    const waitFor = async (text: string) => {
      const deadline = Date.now() + 30_000;
      while (!out.includes(text)) {
        if (Date.now() > deadline) throw new Error(`no "${text}" in:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await waitFor('END RequestId: r1');
    shipper.push(fn, 'START RequestId: r2 Version: $LATEST');
    await shipper.flush();
    await waitFor('START RequestId: r2');
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // each event once, although every poll overlaps the last
    expect(out.match(/END RequestId: r1/g)).toHaveLength(1);
  });

  it('names the functions that do have log groups when the one asked for has none', async () => {
    const r = await logs('ttest_ind');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      'lambda-stats logs: no log group /aws/lambda/lambda-stats-local-ttest_ind in the local stack: its functions are describe, linregress',
    );
  });

  it('refuses a bad command line in one line, exit 2', async () => {
    for (const [args, message] of [
      [['linregress', '--tail'], 'unknown option --tail'],
      [
        ['linregress', '--since', 'ten'],
        '--since takes a duration such as 30s, 10m, 2h or 1d (got "ten")',
      ],
      [
        ['linregress', '--stack', 'staging'],
        '--stack must be one of local, dev, prod (got "staging")',
      ],
      [[], 'which function?'],
    ] as const) {
      const r = await logs(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`lambda-stats logs: ${message}`);
    }
  });
});

describe('argument parsing', () => {
  it('reads durations and flags in either form', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseLogsArgs(['ols', '--stack=prod', '-f', '--since=2h'])).toEqual({
      fn: 'ols',
      stack: 'prod',
      follow: true,
      sinceMs: 7_200_000,
    });
    expect(() => parseLogsArgs(['a', 'b'])).toThrow(/one function at a time/);
  });
});
