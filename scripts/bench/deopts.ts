/**
 * `pnpm bench:deopts`: the deopt census. Runs the throughput panel's
 * functions in its order, in one node process under `--trace-deopt`, and
 * counts the deoptimisations V8 prints during each case's steady calls
 * (after its warm calls), by the function deoptimised and the reason.
 * A kernel that deoptimises on every steady call has fallen into the state
 * docs/architecture.md ("Hot loops under V8") describes: on-stack code
 * compiled before the code after its loop had type feedback, kept and
 * re-entered by every call. Which process falls into it depends on timing,
 * so a clean census is evidence, not proof; a storm it shows is real.
 * Prints figures; exits 0 whatever it finds (2 on bad flags).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs, UsageError } from './args';

/** The child's marker lines (deopts-child.ts). */
export const STEADY_BEGIN = '##deopts-steady';
export const STEADY_END = '##deopts-end';

export interface DeoptOptions {
  functions: string[];
  shapes: string[];
  sizes: number[];
  kinds: ('array' | 'f64')[];
  warmCalls: number;
  steadyCalls: number;
}

/** One case's steady calls: how often each function was deoptimised, and why. */
export interface DeoptCase {
  n: number;
  shape: string;
  fn: string;
  /** function name -> reason -> count */
  deopts: Map<string, Map<string, number>>;
}

/**
 * One deopt in V8's trace. Two threads can print into one line (a bailout
 * cut off by the next), so every match in a line counts, and a cut-off one
 * (no function named) does not.
 */
const BAILOUT =
  /\[bailout \(kind: [^,]+, reason: ([^)]*)\): begin\. deoptimizing \S+ <JSFunction ([^ >]*)/g;

/** The cases of a `--trace-deopt` child's output, in order. */
export function parseDeoptTrace(text: string): DeoptCase[] {
  const cases: DeoptCase[] = [];
  let open: DeoptCase | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith(STEADY_BEGIN)) {
      const [, n, shape, fn] = line.split(' ');
      open = { n: Number(n), shape: shape ?? '', fn: fn ?? '', deopts: new Map() };
      cases.push(open);
    } else if (line.startsWith(STEADY_END)) {
      open = undefined;
    } else if (open !== undefined) {
      for (const [, reason, fn] of line.matchAll(BAILOUT)) {
        const name = fn || '(anonymous)';
        const reasons = open.deopts.get(name) ?? new Map<string, number>();
        reasons.set(reason!, (reasons.get(reason!) ?? 0) + 1);
        open.deopts.set(name, reasons);
      }
    }
  }
  return cases;
}

/** One line per case with deopts, then a summary line. */
export function formatCensus(cases: readonly DeoptCase[], options: DeoptOptions): string {
  const calls = options.steadyCalls * options.kinds.length;
  const lines = cases
    .filter((c) => c.deopts.size > 0)
    .map((c) => {
      const what = [...c.deopts]
        .map(([name, reasons]) => {
          const total = [...reasons.values()].reduce((s, v) => s + v, 0);
          const why = [...reasons].map(([r, k]) => `${k} ${r}`).join('; ');
          return `${name} x${total} (${why})`;
        })
        .join(', ');
      return `  n = ${c.n}, ${c.shape}, ${c.fn}: ${what}`;
    });
  return [
    `Deopts during each case's ${calls} steady calls (${options.steadyCalls} per input kind, after ${options.warmCalls} warm ones):`,
    ...(lines.length > 0 ? lines : ['  none']),
    `${lines.length} of ${cases.length} cases deoptimised in their steady calls.`,
  ].join('\n');
}

export const USAGE = `usage: pnpm bench:deopts [--functions <names>] [--shapes <names>] [--sizes <n,...>] [--kinds array,f64]
  The throughput panel's flags (pnpm bench --help); sizes default to 1e4,1e5 here.
  Runs the panel's calls in one process under node --trace-deopt and prints, per case
  (size, shape, function), the deopts during its steady calls: a kernel deoptimised on
  every call is in the state docs/architecture.md's "Hot loops under V8" describes.`;

/** The census's options from the command line (the throughput panel's flags only). */
export function parseDeoptArgs(argv: readonly string[]): DeoptOptions | 'help' {
  const bench = parseArgs(argv);
  if (bench.help) return 'help';
  const only = argv.find((a) => ['--only', '--quick', '--isolate'].includes(a));
  if (only !== undefined) throw new UsageError(`bench:deopts does not take ${only}\n${USAGE}`);
  const sizesGiven = argv.some((a) => a === '--sizes' || a.startsWith('--sizes='));
  return {
    functions: bench.functions,
    shapes: bench.shapes,
    sizes: sizesGiven ? bench.sizes : [1e4, 1e5],
    kinds: bench.kinds,
    warmCalls: 3,
    steadyCalls: 4,
  };
}

async function main(): Promise<void> {
  let options: DeoptOptions | 'help';
  try {
    options = parseDeoptArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const child = fileURLToPath(new URL('./deopts-child.ts', import.meta.url));
  const run = spawn(
    process.execPath,
    ['--trace-deopt', '--import', 'tsx', child, JSON.stringify(options)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let text = '';
  run.stdout.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => run.on('close', resolve));
  if (code !== 0) {
    process.stderr.write(`bench:deopts: the census process exited with ${code}\n`);
    process.exit(1);
  }
  console.log(formatCensus(parseDeoptTrace(text), options));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
