/**
 * The command-line helpers every command and benchmark parses with: --help
 * prints the usage and exits 0; a flag that does not parse, or a value it
 * does not accept, is one line naming the flag and what it takes, and exit 2.
 * process.exit, stdout and stderr are stubbed so each exit is seen in process.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  checkedFlags,
  choiceFlag,
  commandLine,
  FlagError,
  importFlag,
  namesFlag,
  parseCommand,
  parseCommandLine,
  sizesFlag,
  wholeNumberFlag,
} from '../src/cli';

class Exit extends Error {
  constructor(readonly code: number | undefined) {
    super(`exit ${code}`);
  }
}

/** Runs `f` with process.argv's arguments set to `args`; returns what it wrote and its exit code. */
async function run(args: string[], f: () => unknown) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
  vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Exit(code as number | undefined);
  });
  const argv = process.argv;
  process.argv = [argv[0] ?? 'node', 'script.ts', ...args];
  let code: number | undefined;
  let value: unknown;
  try {
    value = await f();
  } catch (error) {
    if (!(error instanceof Exit)) throw error;
    code = error.code;
  } finally {
    process.argv = argv;
    vi.restoreAllMocks();
  }
  return { out: out.join(''), err: err.join(''), code, value };
}

afterEach(() => vi.restoreAllMocks());

const USAGE = 'usage: script [--rounds N]';
const options = { rounds: { type: 'string', default: '9' } } as const;

describe('commandLine', () => {
  it('returns the flags with their defaults', async () => {
    const r = await run([], () => commandLine(options, USAGE).values.rounds);
    expect(r).toMatchObject({ code: undefined, value: '9', err: '' });
    expect((await run(['--rounds', '3'], () => commandLine(options, USAGE).values)).value).toEqual({
      rounds: '3',
    });
  });

  it('prints the usage on --help or -h and exits 0', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await run([flag], () => commandLine(options, USAGE));
      expect(r).toMatchObject({ code: 0, out: `${USAGE}\n`, err: '' });
    }
  });

  it("names an unknown flag in one line (parseArgs's first sentence), then the usage; exit 2", async () => {
    const r = await run(['--round', '3'], () => commandLine(options, USAGE));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`Unknown option '--round'\n${USAGE}\n`);
  });

  it('refuses positionals unless asked for them', async () => {
    expect((await run(['5'], () => commandLine(options, USAGE))).code).toBe(2);
    const r = await run(['5'], () => commandLine(options, USAGE, { positionals: true }));
    expect(r).toMatchObject({ code: undefined, value: { positionals: ['5'] } });
  });
});

describe('checkedFlags', () => {
  it('prints a FlagError as its one line and exits 2', async () => {
    const r = await run([], () => checkedFlags(() => wholeNumberFlag('rounds', 'x', 1)));
    expect(r).toMatchObject({ code: 2, err: '--rounds takes a whole number >= 1 (got "x")\n' });
  });

  it('passes any other error on', async () => {
    await expect(
      run([], () =>
        checkedFlags(() => {
          throw new TypeError('a bug');
        }),
      ),
    ).rejects.toThrow('a bug');
  });
});

describe('the value checkers', () => {
  it('read what they accept', () => {
    expect(wholeNumberFlag('rounds', '7', 1)).toBe(7);
    expect(sizesFlag('sizes', '1e4, 1e5,1000')).toEqual([1e4, 1e5, 1000]);
    expect(namesFlag('kinds', 'f64,arr', ['f64', 'arr'])).toEqual(['f64', 'arr']);
    expect(choiceFlag('shape', 'full', ['full', 'decimals'])).toBe('full');
  });

  it.each([
    [() => wholeNumberFlag('rounds', '', 1), '--rounds takes a whole number >= 1 (got "")'],
    [() => wholeNumberFlag('rounds', '2.5', 1), '--rounds takes a whole number >= 1 (got "2.5")'],
    [() => wholeNumberFlag('<rows>', '10', 1000), '<rows> takes a whole number >= 1000 (got "10")'],
    [
      () => sizesFlag('sizes', '1e4,x'),
      '--sizes takes comma-separated whole numbers >= 1, such as 1e4,1e5 (got "1e4,x")',
    ],
    [
      () => namesFlag('kinds', 'f64,f32', ['f64', 'arr']),
      '--kinds takes a comma-separated list of f64, arr (got "f64,f32")',
    ],
    [() => namesFlag('kinds', ',', ['f64']), '--kinds takes a comma-separated list of f64'],
    [
      () => choiceFlag('shape', 'round', ['full', 'decimals']),
      '--shape takes one of full, decimals (got "round")',
    ],
  ])('refuse a value naming the flag and what it takes (%#)', (read, message) => {
    expect(read).toThrow(FlagError);
    expect(read).toThrow(message);
  });
});

describe('importFlag', () => {
  it("returns the module the caller's loader gives", async () => {
    const r = await run([], () => importFlag('base', 'x', async () => ({ v: 1 }), 'hint'));
    expect(r.value).toEqual({ v: 1 });
  });

  it('says which flag named a module that does not load, and how to make it; exit 2', async () => {
    const r = await run([], () =>
      importFlag(
        'base',
        './nowhere',
        async () => {
          throw new Error('Cannot find module ./nowhere. Require stack: ...');
        },
        'make it with git archive',
      ),
    );
    expect(r).toMatchObject({
      code: 2,
      err: '--base ./nowhere: Cannot find module ./nowhere (make it with git archive)\n',
    });
  });
});

describe('parseCommandLine', () => {
  it('returns null after the message and the usage, for the caller to exit 2', async () => {
    const r = await run([], () =>
      parseCommandLine({ args: ['--json', 'x'], options: { json: { type: 'boolean' } } }, USAGE),
    );
    expect(r.value).toBeNull();
    expect(r.err).toMatch(/^Unexpected argument 'x'\nusage: script/);
  });
});

describe('parseCommand', () => {
  const config = (args: string[]) => ({ args, options: { json: { type: 'boolean' } } }) as const;

  it('returns the parsed arguments', async () => {
    const r = await run([], () => parseCommand(config(['--json']), USAGE, 'tool: '));
    expect(r.value).toMatchObject({ values: { json: true } });
  });

  it('answers --help with the usage on stdout and 0, a parse error with one line and 2', async () => {
    expect(await run([], () => parseCommand(config(['-h']), USAGE))).toMatchObject({
      value: 0,
      out: `${USAGE}\n`,
    });
    const r = await run([], () => parseCommand(config(['--jsn']), USAGE, 'tool: '));
    expect(r).toMatchObject({ value: 2, err: `tool: Unknown option '--jsn'\n${USAGE}\n` });
  });
});
