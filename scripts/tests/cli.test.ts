/**
 * The commands' flags: every mistake gets one line saying what was wrong
 * and the usage, with exit code 2 (1 for input that is not a plan).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('needs the emulator address to plan the local stack', async () => {
    const run = io({});
    expect(await runPlanReview(['--stack', 'local'], run)).toBe(1);
    expect(run.err.join('')).toContain('set LAMBDA_STATS_AWS_ENDPOINT');
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
