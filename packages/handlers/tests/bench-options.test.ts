/**
 * The handlers benchmark's command line (bench/options.ts): each wrong value
 * is refused with a message that says what to change.
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
    expect(benchOptions([], names, node)).toEqual({
      sections: ['cold', 'warm'],
      runs: 21,
      node,
    });
    expect(benchOptions(['cold', '--runs', '5', '--only', 'ols'], names, node)).toEqual({
      sections: ['cold'],
      runs: 5,
      node,
      only: ['ols'],
    });
  });

  it('takes the EMF A/B at either log level', () => {
    const emf = (argv: string[]) => {
      const options = benchOptions(argv, names, node);
      return options === 'help' ? options : options.emf;
    };
    expect(emf(['cold', '--emf', 'silent'])).toBe('silent');
    expect(emf(['cold', '--emf= INFO '])).toBe('info');
    expect(emf(['cold'])).toBeUndefined();
  });

  it('answers --help with "help" (the bench prints its usage)', () => {
    expect(benchOptions(['--help'], names, node)).toBe('help');
    expect(benchOptions(['cold', '-h'], names, node)).toBe('help');
  });

  it.each([
    [['hot'], 'unknown section "hot": use cold, warm, or nothing for both'],
    [['cold', 'warm'], 'one section at a time (got cold warm)'],
    [['--rounds=3'], "Unknown option '--rounds': the bench takes cold, warm, or nothing"],
    [['--runs'], "Option '--runs <value>' argument missing: the bench takes cold, warm"],
    [['--emf', 'on'], '--emf on must be silent (logs silenced'],
    [['--runs', '0'], '--runs 0 must be a whole number of runs, at least 1'],
    [['--runs', 'many'], '--runs many must be a whole number of runs'],
    [['--node', '/nowhere/node'], '--node /nowhere/node: no such file'],
    [
      ['--only', 'ols,lingress'],
      '--only names lingress, which are not functions; choose from linregress, ols',
    ],
  ])('refuses %j', (argv, message) => {
    expect(() => benchOptions(argv, names, node)).toThrow(message);
  });

  it('refuses a baseline that is not a built checkout, naming the missing file', () => {
    expect(() => benchOptions(['--baseline', checkout], names, node)).toThrow(
      `--baseline ${checkout} has no layers/stats-runtime/dist/stats-runtime.zip (and 2 more): point it at another checkout of this repository and run \`pnpm build\` there first`,
    );
    mkdirSync(path.join(checkout, 'layers/stats-runtime/dist'), { recursive: true });
    mkdirSync(path.join(checkout, 'packages/handlers/dist'), { recursive: true });
    writeFileSync(path.join(checkout, 'layers/stats-runtime/dist/stats-runtime.zip'), '');
    writeFileSync(path.join(checkout, 'packages/handlers/dist/ols.zip'), '');
    expect(benchOptions(['--baseline', checkout, '--only', 'ols'], names, node)).toMatchObject({
      baseline: checkout,
      only: ['ols'],
    });
  });
});
