/**
 * The commands' flags: every mistake gets one line saying what was wrong
 * and the usage, with exit code 2 (1 for input that is not a plan).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runPlanReview } from '../src/plan-review';
import type { Io } from '../src/review/cli';
import { runStateReview } from '../src/state-review';

const dir = mkdtempSync(join(tmpdir(), 'review-cli-'));
writeFileSync(join(dir, 'not-json.json'), 'Terraform will perform the following actions:\n');
writeFileSync(join(dir, 'state.json'), JSON.stringify({ format_version: '1.0', values: {} }));
writeFileSync(
  join(dir, 'plan.json'),
  JSON.stringify({ format_version: '1.2', resource_changes: [] }),
);

function io(env: NodeJS.ProcessEnv = {}): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: dir, env };
}

describe('pnpm plan-review flags', () => {
  it.each([
    [['--plan'], "unknown flag '--plan'"],
    [[], 'give exactly one of --plan-json <file> or --stack <name>'],
    [['--plan-json', 'plan.json', '--stack', 'dev'], 'give exactly one of'],
    [['--stack', 'staging'], "unknown stack 'staging': use one of local, dev, prod"],
    [
      ['--plan-json', 'plan.json', '--format', 'yaml'],
      "unknown format 'yaml': use markdown or json",
    ],
    [['--plan-json', 'plan.json', '--max-chars', 'lots'], '--max-chars must be a whole number'],
    [['--plan-json'], "Option '--plan-json <value>' argument missing"],
    [['plan.json'], "Unexpected argument 'plan.json'"],
  ])('%j -> usage error', async (argv, message) => {
    const run = io();
    expect(await runPlanReview(argv, run)).toBe(2);
    const err = run.err.join('');
    expect(err).toContain(message);
    expect(err).toContain('Usage:\n  pnpm plan-review --plan-json <file>');
    expect(run.out).toEqual([]);
  });

  it.each([
    ['missing.json', 'cannot read'],
    ['not-json.json', 'is not JSON. Write the plan with `terraform show -json tfplan'],
    ['state.json', 'is a Terraform state, not a plan'],
  ])('--plan-json %s -> a clear input error', async (file, message) => {
    const run = io();
    expect(await runPlanReview(['--plan-json', file], run)).toBe(1);
    expect(run.err.join('')).toContain(message);
  });

  it('finds the local stack as `pnpm invoke` does, and says to start it when it is not running', async () => {
    // an empty work dir: no local.json
    const run = io({ LAMBDA_STATS_WORK_DIR: mkdtempSync(join(tmpdir(), 'review-work-')) });
    expect(await runPlanReview(['--stack', 'local'], run)).toBe(1);
    expect(run.err.join('')).toContain(
      'the local stack is not running: start it with `pnpm start` in another terminal',
    );
    expect(run.err.join('')).toContain('or set LAMBDA_STATS_AWS_ENDPOINT');
    // a local.json whose emulator is gone (nothing listens on port 9 of loopback)
    const work = mkdtempSync(join(tmpdir(), 'review-work-'));
    writeFileSync(
      join(work, 'local.json'),
      JSON.stringify({
        apiUrl: 'http://127.0.0.1:9',
        awsEndpoint: 'http://127.0.0.1:9',
        region: 'us-east-1',
      }),
    );
    const stale = io({ LAMBDA_STATS_WORK_DIR: work });
    expect(await runStateReview(['--stack', 'local'], stale)).toBe(1);
    expect(stale.err.join('')).toContain('nothing answers at http://127.0.0.1:9');
  });

  it('prints the usage for --help', async () => {
    const run = io();
    expect(await runPlanReview(['--help'], run)).toBe(0);
    expect(run.out.join('')).toContain('--format <markdown|json>');
  });
});

describe('pnpm state-review flags', () => {
  it.each([
    [['--stack', 'dev', '--drift-json', 'plan.json'], '--drift-json goes with --state-json'],
    [['--state'], "unknown flag '--state'"],
    [[], 'give exactly one of --stack <name> or --state-json <file>'],
  ])('%j -> usage error', async (argv, message) => {
    const run = io();
    expect(await runStateReview(argv, run)).toBe(2);
    expect(run.err.join('')).toContain(message);
    expect(run.err.join('')).toContain('Usage:\n  pnpm state-review --stack');
  });

  it('refuses a plan given as state', async () => {
    const run = io();
    expect(await runStateReview(['--state-json', 'plan.json'], run)).toBe(1);
    expect(run.err.join('')).toContain('is a plan, not a state');
  });
});

describe('root scripts show the tool’s own output and exit status', () => {
  const repo = fileURLToPath(new URL('../../', import.meta.url));
  // the Makefile's pinned pnpm, else the one on PATH (CI's setup action)
  const pinned = join(repo, '.tools', 'node_modules', '.bin', 'pnpm');
  const pnpm = existsSync(pinned) ? pinned : 'pnpm';

  it.each([
    [
      ['invoke', 'nosuch', '--event', 'missing.json'],
      'lambda-stats invoke: cannot read --event missing.json: no such file',
    ],
    [['state-review', '--stack', 'nosuch'], "state-review: unknown stack 'nosuch'"],
    [['logs', 'linregress', '--tail'], 'lambda-stats logs: unknown option --tail'],
  ])('pnpm %j exits 2 with one error line and no recursive-run banner', (args, line) => {
    const run = spawnSync(pnpm, args, {
      cwd: repo,
      env: { ...process.env, LAMBDA_STATS_WORK_DIR: mkdtempSync(join(tmpdir(), 'root-cli-')) },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(line);
    expect(run.stderr + run.stdout).not.toMatch(/RECURSIVE|recursive run/);
  });
});
