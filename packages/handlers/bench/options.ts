/**
 * The benchmark's settings from its command line (node:util parseArgs),
 * checked: a wrong value stops it with one line saying what to change,
 * before anything is built or started.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** 'cold', 'warm', or both. */
  sections: readonly ('cold' | 'warm')[];
  runs: number;
  /** The Node binary the children run on. */
  node: string;
  /** Another built checkout whose zips run interleaved as "<name> (base)" rows. */
  baseline?: string;
  /** The functions to run (all when absent). */
  only?: readonly string[];
  /**
   * --emf: the EMF metric line's A/B. Each function also runs with
   * LAMBDA_STATS_METRICS=off, interleaved, at this log level: `silent` (the
   * bench's default: the line is a write of its own) or `info` (the deployed
   * level: the metric fields ride on the request's log line).
   */
  emf?: 'silent' | 'info';
}

/** `--help`'s text. */
export const BENCH_USAGE = `usage: pnpm --filter @lambda-stats/handlers bench [cold|warm] [flags]
  cold | warm       one section (default: both)
  --runs N          rounds (default 21)
  --node PATH       the Node binary the children run on (default: this one)
  --only a,b        these functions only (default: all)
  --baseline DIR    another built checkout whose zips run interleaved as "<name> (base)" rows
  --emf silent|info the EMF metric line's A/B at that log level`;

/** The parsed command line, or `'help'` when `--help` asked for the usage. */
export function benchOptions(
  argv: readonly string[],
  functionNames: readonly string[],
  defaultNode: string,
): BenchOptions | 'help' {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    throw new Error(
      `${(err as Error).message.split('. ')[0]}: the bench takes cold, warm, or nothing, and --runs, --node, --only, --baseline, --emf (--help says more)`,
    );
  }
  const { positionals, values } = parsed;
  if (values.help) return 'help';
  if (positionals.length > 1) {
    throw new Error(
      `one section at a time (got ${positionals.join(' ')}): use cold, warm, or nothing for both`,
    );
  }
  const which = positionals[0];
  if (which !== undefined && which !== 'cold' && which !== 'warm') {
    throw new Error(`unknown section "${which}": use cold, warm, or nothing for both`);
  }
  const runs = Number(values.runs ?? 21);
  if (values.runs?.trim() === '' || !Number.isInteger(runs) || runs < 1) {
    throw new Error(`--runs ${values.runs} must be a whole number of runs, at least 1`);
  }
  const node = values.node ?? defaultNode;
  if (!existsSync(node)) {
    throw new Error(`--node ${node}: no such file; give the path of a node binary`);
  }
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only?.filter((name) => !functionNames.includes(name)) ?? [];
  if (unknown.length > 0) {
    throw new Error(
      `--only names ${unknown.join(', ')}, which are not functions; choose from ${functionNames.join(', ')}`,
    );
  }
  const baseline = values.baseline;
  if (baseline !== undefined) {
    const missing = [
      path.join('layers/stats-runtime/dist/stats-runtime.zip'),
      ...(only ?? functionNames).map((name) => path.join('packages/handlers/dist', `${name}.zip`)),
    ].filter((file) => !existsSync(path.join(baseline, file)));
    if (missing.length > 0) {
      throw new Error(
        `--baseline ${baseline} has no ${missing[0]}${missing.length > 1 ? ` (and ${missing.length - 1} more)` : ''}: point it at another checkout of this repository and run \`pnpm build\` there first`,
      );
    }
  }
  const emf = values.emf?.trim().toLowerCase();
  if (emf !== undefined && emf !== 'silent' && emf !== 'info') {
    throw new Error(
      `--emf ${values.emf} must be silent (logs silenced: the metric line is its own write) or info (the deployed log level: it rides on the log line)`,
    );
  }
  return {
    sections: which === undefined ? ['cold', 'warm'] : [which],
    runs,
    node,
    ...(baseline !== undefined ? { baseline } : {}),
    ...(only !== undefined ? { only } : {}),
    ...(emf !== undefined ? { emf } : {}),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      runs: { type: 'string' },
      node: { type: 'string' },
      only: { type: 'string' },
      baseline: { type: 'string' },
      emf: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
