import { parseArgs } from 'node:util';
import { STACK_NAMES, type StackName } from '@lambda-stats/infra/config';
import { invokingCwd, processEnv } from '../env';
import { ReviewInputError } from './plan-json';
import { TerraformError } from './terraform';

export type { StackName };

/** Where a command writes and which directory relative paths start from. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The directory the user ran the command from. */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function processIo(): Io {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    // relative paths mean where the user typed the command
    cwd: invokingCwd(),
    env: processEnv(),
  };
}

type Options = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

/** The flags both review commands take (each adds its own inputs). */
export const REVIEW_FLAGS = {
  stack: { type: 'string' },
  format: { type: 'string' },
  title: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Strict flag parsing whose errors name the flag and the fix. */
export function parseFlags<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    const msg = (e as Error).message
      .replace(/\. To specify a positional argument.*$/s, '')
      .replace(/^Unknown option '(.+?)'.*$/s, "unknown flag '$1'");
    throw new UsageError(msg);
  }
}

/** A review command: its name, usage, own flags, and the flag naming its input file. */
export interface ReviewCommand<T extends Options> {
  name: string;
  usage: string;
  flags: T;
  /** The file flag that stands instead of `--stack` (exactly one of the two is given). */
  source: keyof T & string;
}

/**
 * Runs a review command: parses its flags (REVIEW_FLAGS and its own),
 * answers `--help` with the usage, checks `--format` and that exactly one
 * source is given (`--stack` or the file flag), then runs `body`; errors
 * exit as reviewExit says.
 */
export async function runReviewCommand<T extends Options>(
  argv: string[],
  io: Io,
  command: ReviewCommand<T>,
  body: (parsed: {
    flags: ReturnType<typeof parseFlags<typeof REVIEW_FLAGS & T>>;
    format: 'markdown' | 'json';
  }) => Promise<number>,
): Promise<number> {
  try {
    const flags = parseFlags(argv, { ...REVIEW_FLAGS, ...command.flags });
    const given = flags as Record<string, string | boolean | undefined>;
    if (given.help) {
      io.stdout(command.usage);
      return 0;
    }
    const format = checkFormat(given.format as string | undefined);
    if ((given[command.source] === undefined) === (given.stack === undefined)) {
      throw new UsageError(
        command.source === 'plan-json'
          ? 'give exactly one of --plan-json <file> or --stack <name>'
          : `give exactly one of --stack <name> or --${command.source} <file>`,
      );
    }
    return await body({ flags, format });
  } catch (e) {
    return reviewExit(command.name, command.usage, e, io);
  }
}

export function checkStack(value: string): StackName {
  if (!(STACK_NAMES as readonly string[]).includes(value)) {
    throw new UsageError(`unknown stack '${value}': use one of ${STACK_NAMES.join(', ')}`);
  }
  return value as StackName;
}

export function checkFormat(value: string | undefined): 'markdown' | 'json' {
  const f = value ?? 'markdown';
  if (f !== 'markdown' && f !== 'json') {
    throw new UsageError(`unknown format '${f}': use markdown or json`);
  }
  return f;
}

/**
 * The review commands' exit for an error: a usage error prints the message
 * and the usage (exit 2), a bad input file or a failed Terraform call its
 * message (exit 1); anything else is a bug and is rethrown.
 */
export function reviewExit(command: string, usage: string, e: unknown, io: Io): number {
  if (e instanceof UsageError) {
    io.stderr(`${command}: ${e.message}\n\n${usage}`);
    return 2;
  }
  if (e instanceof ReviewInputError || e instanceof TerraformError) {
    io.stderr(`${command}: ${e.message}\n`);
    return 1;
  }
  throw e;
}
