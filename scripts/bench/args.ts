/** `pnpm bench` flags (node:util parseArgs), parsed without side effects so the tests can check them. */
import { parseArgs as parseFlags } from 'node:util';
import { SHAPES } from './harness';

export const SECTIONS = [
  'cold',
  'throughput',
  'warm',
  'sizes',
  'deploy',
  'cost',
  'analytics',
  'jobs',
] as const;
export type Section = (typeof SECTIONS)[number];
/** The panel's functions, by scipy's names (bench/throughput.ts SPECS, in that order). */
export const FUNCTIONS = [
  'linregress',
  'ols',
  'polyfit',
  'pearsonr',
  'spearmanr',
  'kendalltau',
  'ttest_ind',
  'ttest_rel',
  'ttest_1samp',
  'mannwhitneyu',
  'ks_2samp',
  'shapiro',
  'f_oneway',
  'describe',
] as const;
export const SHAPE_NAMES = SHAPES.map((s) => s.name);
export const SIZES = [1e3, 1e4, 1e5, 1e6] as const;
export const KINDS = ['array', 'f64'] as const;

export interface BenchArgs {
  quick: boolean;
  sections: Section[];
  help: boolean;
  functions: string[];
  shapes: string[];
  sizes: number[];
  kinds: ('array' | 'f64')[];
  /** Throughput panel: each function in a process of its own. */
  isolate: boolean;
}

export const USAGE = `usage: pnpm bench [--quick] [--only <sections>] [--functions <names>] [--shapes <names>]
                  [--sizes <n,...>] [--kinds array,f64] [--isolate] [--help]
  --quick              fewer runs per measurement (about a third of the time)
  --only <sections>    comma-separated subset of: ${SECTIONS.join(', ')}
                       (warm and deploy share one local stack; cost uses the cold and warm figures;
                       analytics times the scheduled analyses per series and per run of 1,000 series;
                       jobs times one job worker against JSON.parse and models 100 GB)
  --functions <names>  throughput panel: subset of ${FUNCTIONS.join(', ')}
  --shapes <names>     throughput panel: subset of ${SHAPE_NAMES.join(', ')}
  --sizes <n,...>      throughput panel: subset of ${SIZES.join(', ')} (1e4 style accepted)
  --kinds <kinds>      throughput panel: array (as JSON.parse returns them), f64 (Float64Array)
  --isolate            throughput panel: each function in a process of its own (without it, all
                       functions share one process, and each function's worst case is then timed
                       again alone and reported beside it; the worse of the two is the headline)
  --help               this text
Results: bench/results/latest.json and latest.md; \`pnpm bench:readme\` writes docs/performance.md and the README headline.
Example, one function on two shapes: pnpm bench --only throughput --functions linregress --shapes weak,heavy-tails`;

export class UsageError extends Error {
  override name = 'UsageError';
}

function list<T extends string>(flag: string, value: string, allowed: readonly T[]): T[] {
  if (value === '' || value.startsWith('--')) {
    throw new UsageError(`--${flag} needs a list (one or more of ${allowed.join(', ')})`);
  }
  const names = value.split(',').map((s) => s.trim());
  const unknown = names.filter((n) => !(allowed as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown ${flag === 'only' ? 'section' : flag.replace(/s$/, '')}${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => JSON.stringify(u)).join(', ')} in --${flag} (choose from ${allowed.join(', ')})`,
    );
  }
  return allowed.filter((a) => names.includes(a));
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseFlags({
      args: argv.filter((a) => a !== '--'),
      options: {
        quick: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        only: { type: 'string' },
        functions: { type: 'string' },
        shapes: { type: 'string' },
        sizes: { type: 'string' },
        kinds: { type: 'string' },
        isolate: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    const message = (error as Error).message;
    const flag = /'(--?[\w-]+)/.exec(message)?.[1];
    if (/argument missing|ambiguous/.test(message) && flag) {
      const name = flag.replace(/^--?/, '');
      const allowed: Record<string, readonly string[]> = {
        only: SECTIONS,
        functions: FUNCTIONS,
        shapes: SHAPE_NAMES,
        sizes: SIZES.map(String),
        kinds: KINDS,
      };
      list(name, '', allowed[name] ?? []);
    }
    const unknown = /Unknown option '([^']+)'|Unexpected argument '([^']+)'/.exec(message);
    throw new UsageError(
      unknown ? `unknown argument ${JSON.stringify(unknown[1] ?? unknown[2])}` : message,
    );
  }
  const str = (k: string) => values[k] as string | undefined;
  const sizeNames = SIZES.map(String);
  const sizes =
    str('sizes') === undefined
      ? [...SIZES]
      : list(
          'sizes',
          str('sizes')!
            .split(',')
            .map((s) => (/^\s*\d+(\.\d+)?e\d+\s*$/i.test(s) ? String(Number(s)) : s.trim()))
            .join(','),
          sizeNames,
        ).map(Number);
  return {
    quick: values.quick === true,
    help: values.help === true,
    sections: str('only') === undefined ? [...SECTIONS] : list('only', str('only')!, SECTIONS),
    functions:
      str('functions') === undefined
        ? [...FUNCTIONS]
        : list('functions', str('functions')!, FUNCTIONS),
    shapes:
      str('shapes') === undefined ? [...SHAPE_NAMES] : list('shapes', str('shapes')!, SHAPE_NAMES),
    sizes,
    kinds: str('kinds') === undefined ? [...KINDS] : list('kinds', str('kinds')!, KINDS),
    isolate: values.isolate === true,
  };
}
