/**
 * Command-line parsing for the project's commands and benchmarks:
 * node:util parseArgs, `--help` printing the usage, and a bad flag or value
 * reported as one line that names it and what it accepts, for an exit
 * status of 2 (the same for every command, so scripts can tell a usage
 * error from a failure).
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A flag's value that does not parse: the message names the flag and what it accepts. */
export class FlagError extends Error {
  override name = 'FlagError';
}

/**
 * `parseArgs(config)`, or null after writing `<prefix><message>\n<usage>`
 * to stderr when the arguments do not parse; the caller then exits 2.
 */
export function parseCommandLine<T extends ParseArgsConfig>(
  config: T,
  usage: string,
  prefix = '',
): ReturnType<typeof parseArgs<T>> | null {
  try {
    return parseArgs(config);
  } catch (error) {
    process.stderr.write(`${prefix}${firstSentence((error as Error).message)}\n${usage}\n`);
    return null;
  }
}

/**
 * For a command's `main`: `parseCommandLine` with `--help` (`-h`) added; the
 * parsed arguments, or the exit status when there is nothing more to do (0
 * after printing the usage for `--help`, 2 after a parse error).
 */
export function parseCommand<T extends ParseArgsConfig>(
  config: T,
  usage: string,
  prefix = '',
): ReturnType<typeof parseArgs<T>> | 0 | 2 {
  const parsed = parseCommandLine(
    { ...config, options: { ...config.options, help: { type: 'boolean', short: 'h' } } },
    usage,
    prefix,
  );
  if (parsed === null) return 2;
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  return parsed as never;
}

/** parseArgs's messages go on to explain `--`; the first sentence names the flag. */
function firstSentence(message: string): string {
  const end = message.indexOf('. ');
  return end < 0 ? message : message.slice(0, end);
}

/**
 * For a script that runs at the top level (a benchmark): parses
 * `process.argv` with `options` and `--help`; prints the usage and exits 0
 * on `--help`, and exits 2 after one line on a flag that does not parse.
 * Read the values with the checkers below, inside `checkedFlags`.
 */
export function commandLine<T extends NonNullable<ParseArgsConfig['options']>>(
  options: T,
  usage: string,
  { positionals = false }: { positionals?: boolean } = {},
): ReturnType<typeof parseArgs<{ options: T; allowPositionals: boolean; strict: true }>> {
  const parsed = parseCommand({ options, allowPositionals: positionals, strict: true }, usage);
  if (typeof parsed === 'number') process.exit(parsed);
  return parsed as never;
}

/**
 * Runs `read` (which checks flags with the functions below); a FlagError
 * is printed as one line and the process exits 2.
 */
export function checkedFlags<R>(read: () => R): R {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

/** `--name` for a flag; a positional's name as given, such as `<rows>`. */
function label(flag: string): string {
  return flag.startsWith('<') ? flag : `--${flag}`;
}

/** A whole number of at least `min`. */
export function wholeNumberFlag(flag: string, raw: string, min: number): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < min) {
    throw new FlagError(`${label(flag)} takes a whole number >= ${min} (got "${raw}")`);
  }
  return n;
}

/** A comma-separated list of sizes, each a whole number of at least `min` (1e4 is fine). */
export function sizesFlag(flag: string, raw: string, min = 1): number[] {
  const sizes = raw.split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < min)) {
    throw new FlagError(
      `${label(flag)} takes comma-separated whole numbers >= ${min}, such as 1e4,1e5 (got "${raw}")`,
    );
  }
  return sizes;
}

/** A comma-separated list whose every entry is one of `allowed`. */
export function namesFlag<N extends string>(flag: string, raw: string, allowed: readonly N[]): N[] {
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !allowed.includes(n as N));
  if (names.length === 0 || unknown.length > 0) {
    throw new FlagError(
      `${label(flag)} takes a comma-separated list of ${allowed.join(', ')} (got "${raw}")`,
    );
  }
  return names as N[];
}

/** One of `allowed`. */
export function choiceFlag<N extends string>(flag: string, raw: string, allowed: readonly N[]): N {
  if (!allowed.includes(raw as N)) {
    throw new FlagError(`${label(flag)} takes one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as N;
}

/**
 * The module a flag names (another version's code for an A/B), imported by
 * the caller's `load` (so a relative path resolves from the caller's
 * file); a module that does not load is one line saying how to make it.
 */
export async function importFlag<M>(
  flag: string,
  specifier: string,
  load: (specifier: string) => Promise<M>,
  hint: string,
): Promise<M> {
  try {
    return await load(specifier);
  } catch (error) {
    process.stderr.write(
      `--${flag} ${specifier}: ${firstSentence((error as Error).message).split('\n')[0]} (${hint})\n`,
    );
    process.exit(2);
  }
}
