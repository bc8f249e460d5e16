/**
 * `pnpm state-review`: what a stack's Terraform state holds, grouped by type
 * with the attributes worth reviewing, and what changed outside Terraform
 * (drift, from a refresh-only plan).
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { STACK_NAMES } from '@lambda-stats/infra/config';
import { formatPath } from './review/attribute-diff';
import { checkStack, type Io, processIo, runReviewCommand, UsageError } from './review/cli';
import { asPlan, type Plan, ReviewInputError, type State } from './review/plan-json';
import { code } from './review/render-markdown';
import { renderStateMarkdown } from './review/render-state';
import { stateOfStack } from './review/stack-terraform';
import { summarizeState } from './review/summarize-state';

export const STATE_USAGE = `Usage:
  pnpm state-review --stack <${STACK_NAMES.join('|')}> [options]   read the stack's state and check drift
  pnpm state-review --state-json <file> [--drift-json <file>] [options]
      summarize \`terraform show -json\` (state) and, optionally, a refresh-only plan
      (\`terraform plan -refresh-only -out=p && terraform show -json p\`)

Options:
  --format <markdown|json>   Markdown for people (default) or JSON for machines
  --title <text>             heading (default: the stack or file name)
  --help                     this text
`;

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ReviewInputError(`cannot read JSON from ${path}: ${(e as Error).message}`);
  }
}

const STATE_COMMAND = {
  name: 'state-review',
  usage: STATE_USAGE,
  flags: { 'state-json': { type: 'string' }, 'drift-json': { type: 'string' } },
  source: 'state-json',
} as const;

export function runStateReview(argv: string[], io: Io): Promise<number> {
  return runReviewCommand(argv, io, STATE_COMMAND, async ({ flags, format }) => {
    if (flags.stack !== undefined && flags['drift-json'] !== undefined) {
      throw new UsageError(
        '--drift-json goes with --state-json; --stack makes its own refresh-only plan',
      );
    }
    let state: State;
    let drift: Plan | undefined;
    let title: string;
    if (flags.stack !== undefined) {
      const stack = checkStack(flags.stack);
      ({ state, drift } = await stateOfStack(stack, io));
      title = flags.title ?? code(stack);
    } else {
      const file = resolve(io.cwd, flags['state-json']!);
      const json = readJson(file) as State & { resource_changes?: unknown };
      if (json.resource_changes !== undefined) {
        throw new ReviewInputError(
          `${file} is a plan, not a state: review it with \`pnpm plan-review --plan-json\``,
        );
      }
      state = json;
      if (flags['drift-json'] !== undefined) {
        const d = resolve(io.cwd, flags['drift-json']);
        drift = asPlan(readJson(d), d);
      }
      title = flags.title ?? code(basename(file));
    }
    const summary = summarizeState(state, drift);
    if (format === 'json') {
      const out = {
        title,
        resourceCount: summary.resourceCount,
        driftChecked: drift !== undefined,
        groups: summary.groups,
        drift: summary.drift.map((d) => ({
          ...d,
          attributes: d.attributes.map((a) => ({ ...a, path: formatPath(a.path) })),
        })),
      };
      io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      io.stdout(renderStateMarkdown(summary, { title, driftChecked: drift !== undefined }));
    }
    return 0;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runStateReview(process.argv.slice(2), processIo());
}
