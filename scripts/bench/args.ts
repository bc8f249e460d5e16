/** `pnpm bench` flags, parsed without side effects so the tests can check them. */

export const SECTIONS = ['cold', 'throughput', 'warm', 'sizes', 'deploy', 'cost'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchArgs {
  quick: boolean;
  sections: Section[];
  help: boolean;
}

export const USAGE = `usage: pnpm bench [--quick] [--only <sections>] [--help]
  --quick            fewer runs per measurement (about a third of the time)
  --only <sections>  comma-separated subset of: ${SECTIONS.join(', ')}
                     (warm and deploy share one local stack; cost uses the cold and warm figures)
  --help             this text
Results: bench/results/latest.json and latest.md; \`pnpm bench:readme\` copies them into docs/performance.md.`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { quick: false, sections: [...SECTIONS], help: false };
  const rest = argv.filter((a) => a !== '--');
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--quick') args.quick = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? rest[++i] : arg.slice('--only='.length);
      if (value === undefined || value === '' || value.startsWith('--')) {
        throw new UsageError(`--only needs a list of sections (one of ${SECTIONS.join(', ')})`);
      }
      const names = value.split(',').map((s) => s.trim());
      const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
      if (unknown.length > 0) {
        throw new UsageError(
          `unknown section${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => JSON.stringify(u)).join(', ')} in --only (choose from ${SECTIONS.join(', ')})`,
        );
      }
      args.sections = SECTIONS.filter((s) => names.includes(s));
    } else {
      throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  return args;
}
