/**
 * Command-line parsing for the project's CLIs: node:util parseArgs, with a
 * parse error (an unknown flag, a missing value) printed once, followed by
 * the command's usage, for the caller to exit 2.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

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
    process.stderr.write(`${prefix}${(error as Error).message}\n${usage}\n`);
    return null;
  }
}
