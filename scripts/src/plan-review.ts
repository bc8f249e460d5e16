/**
 * `pnpm plan-review`: a Terraform plan as a review a person reads in a
 * minute. Run it on a plan JSON (`--plan-json`) or on a stack, which it
 * synthesizes and plans (`--stack`). See the README, "Reviewing
 * infrastructure changes".
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { STACK_NAMES } from '@lambda-stats/infra/config';
import { formatPath } from './review/attribute-diff';
import { checkStack, type Io, processIo, runReviewCommand, UsageError } from './review/cli';
import { asPlan, type Plan, ReviewInputError } from './review/plan-json';
import { code, DEFAULT_MAX_CHARS, renderPlanMarkdown } from './review/render-markdown';
import { planStack } from './review/stack-terraform';
import { type PlanSummary, summarizePlan } from './review/summarize-plan';

export const PLAN_USAGE = `Usage:
  pnpm plan-review --plan-json <file> [options]   summarize a plan written by \`terraform show -json\`
  pnpm plan-review --stack <${STACK_NAMES.join('|')}> [options]   synthesize, plan and summarize a stack

Options:
  --format <markdown|json>   Markdown for people (default) or a JSON summary for machines
  --title <text>             heading of the summary (default: the stack or file name)
  --max-chars <n>            cap on the Markdown length (default ${DEFAULT_MAX_CHARS})
  --help                     this text
`;

/** The machine summary (`--format json`). */
export function planSummaryJson(s: PlanSummary, title: string): object {
  return {
    title,
    hasChanges: s.resources.length > 0,
    counts: s.counts,
    resources: s.resources.map((r) => ({
      ...r,
      attributes: r.attributes.map((a) => ({ ...a, path: formatPath(a.path) })),
    })),
    outputChanges: s.outputChanges,
    driftedAddresses: s.driftedAddresses,
    errored: s.errored,
  };
}

function readPlanFile(path: string): Plan {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ReviewInputError(`cannot read ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ReviewInputError(
      `${path} is not JSON. Write the plan with \`terraform show -json tfplan > ${basename(path)}\` (the binary plan file itself cannot be read)`,
    );
  }
  return asPlan(json, path);
}

const PLAN_COMMAND = {
  name: 'plan-review',
  usage: PLAN_USAGE,
  flags: { 'plan-json': { type: 'string' }, 'max-chars': { type: 'string' } },
  source: 'plan-json',
} as const;

export function runPlanReview(argv: string[], io: Io): Promise<number> {
  return runReviewCommand(argv, io, PLAN_COMMAND, async ({ flags, format }) => {
    let maxChars = DEFAULT_MAX_CHARS;
    if (flags['max-chars'] !== undefined) {
      maxChars = Number(flags['max-chars']);
      if (!Number.isInteger(maxChars) || maxChars < 2000) {
        throw new UsageError(
          `--max-chars must be a whole number of at least 2000 (got '${flags['max-chars']}')`,
        );
      }
    }
    let plan: Plan;
    let title: string;
    if (flags.stack !== undefined) {
      const stack = checkStack(flags.stack);
      plan = await planStack(stack, io);
      title = flags.title ?? code(stack);
    } else {
      const file = resolve(io.cwd, flags['plan-json']!);
      plan = readPlanFile(file);
      title = flags.title ?? code(basename(file));
    }
    const summary = summarizePlan(plan);
    if (format === 'json')
      io.stdout(`${JSON.stringify(planSummaryJson(summary, title), null, 2)}\n`);
    else io.stdout(renderPlanMarkdown(summary, { title, maxChars }));
    return summary.errored ? 1 : 0;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runPlanReview(process.argv.slice(2), processIo());
}
