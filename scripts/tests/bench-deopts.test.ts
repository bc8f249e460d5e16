// The deopt census (bench/deopts.ts): its trace parser on V8's own line
// format, its flags, and one small census run end to end.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../bench/args';
import {
  formatCensus,
  parseDeoptArgs,
  parseDeoptTrace,
  STEADY_BEGIN,
  STEADY_END,
} from '../bench/deopts';
import { SCRIPTS_DIR, TSX } from './support/local-stack';

// Lines as node 20's --trace-deopt prints them (addresses shortened).
const bailout = (fn: string, reason: string) =>
  `[bailout (kind: deopt-eager, reason: ${reason}): begin. deoptimizing 0x1c99 <JSFunction ${fn} (sfi = 0x245c)>, 0x13a4 <Code TURBOFAN>, opt id 102, bytecode offset 903, deopt exit 33, FP to SP delta 648, caller SP 0x7fff, pc 0x7f3d]`;
const options = {
  functions: ['ttest_rel', 'shapiro'],
  shapes: ['strong'],
  sizes: [1e5],
  kinds: ['array', 'f64'] as ('array' | 'f64')[],
  warmCalls: 3,
  steadyCalls: 4,
};

describe('parseDeoptTrace', () => {
  const trace = [
    bailout('warmOnly', 'wrong map'),
    `${STEADY_BEGIN} 100000 strong ttest_rel`,
    bailout('onePassPairedSums', 'not a Smi'),
    bailout('onePassPairedSums', 'not a Smi'),
    bailout('exactPairedSums', 'lost precision or NaN'),
    '  ;;; deoptimize at <file:///x.ts:1:3437>',
    STEADY_END,
    bailout('betweenCases', 'wrong map'),
    `${STEADY_BEGIN} 100000 strong shapiro`,
    // two threads' lines run together: the cut-off first one names no function
    `[bailout (kind: deopt-eager, reason: Insufficient type feedback for generic named access): begin. deoptimizing 0x1228${bailout('spreadLevel', 'Insufficient type feedback for compare operation')}`,
    STEADY_END,
  ].join('\n');

  it('counts each case’s steady deopts by function and reason, nothing outside the markers', () => {
    const cases = parseDeoptTrace(trace);
    expect(cases.map((c) => [c.n, c.shape, c.fn])).toEqual([
      [1e5, 'strong', 'ttest_rel'],
      [1e5, 'strong', 'shapiro'],
    ]);
    expect(
      Object.fromEntries([...cases[0]!.deopts].map(([f, r]) => [f, Object.fromEntries(r)])),
    ).toEqual({
      onePassPairedSums: { 'not a Smi': 2 },
      exactPairedSums: { 'lost precision or NaN': 1 },
    });
    expect([...cases[1]!.deopts.keys()]).toEqual(['spreadLevel']);
  });

  it('prints the cases with deopts and how many of all did', () => {
    const text = formatCensus(parseDeoptTrace(trace), options);
    expect(text).toContain('8 steady calls (4 per input kind, after 3 warm ones)');
    expect(text).toContain(
      'n = 100000, strong, ttest_rel: onePassPairedSums x2 (2 not a Smi), exactPairedSums x1 (1 lost precision or NaN)',
    );
    expect(text).toMatch(/2 of 2 cases deoptimised in their steady calls\.$/);
    expect(
      formatCensus(parseDeoptTrace(`${STEADY_BEGIN} 10 weak describe\n${STEADY_END}`), options),
    ).toContain('  none\n0 of 1 cases');
  });
});

describe('parseDeoptArgs', () => {
  it('takes the panel flags, sizes 1e4 and 1e5 unless given', () => {
    const o = parseDeoptArgs(['--functions', 'shapiro', '--kinds', 'f64']);
    expect(o).toMatchObject({ functions: ['shapiro'], kinds: ['f64'], sizes: [1e4, 1e5] });
    expect(parseDeoptArgs(['--sizes', '1e6'])).toMatchObject({ sizes: [1e6] });
    expect(parseDeoptArgs(['--help'])).toBe('help');
  });

  it('refuses the flags of other sections and unknown names, saying which', () => {
    expect(() => parseDeoptArgs(['--only', 'cold'])).toThrow(/does not take --only/);
    expect(() => parseDeoptArgs(['--functions', 'nope'])).toThrow(UsageError);
  });
});

describe('pnpm bench:deopts', () => {
  it('runs a small census end to end and prints its summary', async () => {
    const { stdout } = await promisify(execFile)(
      TSX,
      [
        'bench/deopts.ts',
        '--sizes',
        '1e3',
        '--functions',
        'ttest_rel,describe',
        '--shapes',
        'strong,offset',
      ],
      { cwd: SCRIPTS_DIR, timeout: 120_000 },
    );
    expect(stdout).toContain("Deopts during each case's 8 steady calls");
    expect(stdout).toMatch(/\d+ of 4 cases deoptimised in their steady calls\.\n$/);
  }, 150_000);

  it('exits 2 with the usage on a bad flag', async () => {
    const run = promisify(execFile)(TSX, ['bench/deopts.ts', '--only', 'cold'], {
      cwd: SCRIPTS_DIR,
    });
    await expect(run).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: pnpm bench:deopts'),
    });
  });
});
