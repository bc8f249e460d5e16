/**
 * The handlers benchmark's settings (bench/options.ts): each wrong value is
 * refused with a message that says what to change.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchOptions } from '../bench/options';

const names = ['linregress', 'ols'];
const node = process.execPath;
const checkout = mkdtempSync(path.join(tmpdir(), 'bench-baseline-'));
afterAll(() => rmSync(checkout, { recursive: true, force: true }));

describe('benchOptions', () => {
  it('defaults to both sections, 21 runs, this node, all functions', () => {
    expect(benchOptions([], {}, names, node)).toEqual({
      sections: ['cold', 'warm'],
      runs: 21,
      node,
    });
    expect(benchOptions(['cold'], { BENCH_RUNS: '5', BENCH_ONLY: 'ols' }, names, node)).toEqual({
      sections: ['cold'],
      runs: 5,
      node,
      only: ['ols'],
    });
  });

  it('takes the EMF A/B at either log level', () => {
    expect(benchOptions(['cold'], { BENCH_EMF: 'silent' }, names, node).emf).toBe('silent');
    expect(benchOptions(['cold'], { BENCH_EMF: ' INFO ' }, names, node).emf).toBe('info');
    expect(benchOptions(['cold'], {}, names, node).emf).toBeUndefined();
  });

  it.each([
    [['hot'], {}, 'unknown section "hot": use cold, warm, or nothing for both'],
    [['cold', 'warm'], {}, 'one section at a time (got cold warm)'],
    [['--runs=3'], {}, "Unknown option '--runs': the bench takes cold, warm, or nothing"],
    [[], { BENCH_EMF: 'on' }, 'BENCH_EMF=on must be silent (logs silenced'],
    [[], { BENCH_RUNS: '0' }, 'BENCH_RUNS=0 must be a whole number of runs, at least 1'],
    [[], { BENCH_RUNS: 'many' }, 'BENCH_RUNS=many must be a whole number of runs'],
    [[], { BENCH_NODE: '/nowhere/node' }, 'BENCH_NODE=/nowhere/node: no such file'],
    [
      [],
      { BENCH_ONLY: 'ols,lingress' },
      'BENCH_ONLY names lingress, which are not functions; choose from linregress, ols',
    ],
  ])('refuses %j %j', (argv, env, message) => {
    expect(() => benchOptions(argv, env, names, node)).toThrow(message);
  });

  it('refuses a baseline that is not a built checkout, naming the missing file', () => {
    expect(() => benchOptions([], { BENCH_BASELINE: checkout }, names, node)).toThrow(
      `BENCH_BASELINE=${checkout} has no layers/stats-runtime/dist/stats-runtime.zip (and 2 more): point it at another checkout of this repository and run \`pnpm build\` there first`,
    );
    mkdirSync(path.join(checkout, 'layers/stats-runtime/dist'), { recursive: true });
    mkdirSync(path.join(checkout, 'packages/handlers/dist'), { recursive: true });
    writeFileSync(path.join(checkout, 'layers/stats-runtime/dist/stats-runtime.zip'), '');
    writeFileSync(path.join(checkout, 'packages/handlers/dist/ols.zip'), '');
    expect(
      benchOptions([], { BENCH_BASELINE: checkout, BENCH_ONLY: 'ols' }, names, node),
    ).toMatchObject({ baseline: checkout, only: ['ols'] });
  });
});
