/**
 * `pnpm bench`: one table of where lambda-stats stands (cold start,
 * the throughput panel against scipy/numpy, warm latency, artifact sizes, deploy times,
 * cost), printed and written to bench/results/latest.{json,md}.
 * The root script builds first (`turbo run build`); this file measures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../src/local-config';
import { analyticsBench } from './analytics';
import { parseArgs, USAGE, UsageError } from './args';
import { coldStart } from './cold';
import { PRICES } from './cost';
import { COLD_RATE, costRows } from './cost-rows';
import type { jobsBench } from './jobs';
import { localStack } from './local-stack';
import { sizes } from './sizes';
import { type Results, type Row, renderMarkdown, renderText } from './table';
import { throughput } from './throughput';
import { inFreshProcess, log, machine } from './util';
import { warmInProcessRows } from './warm';

export const RESULTS_DIR = path.join(REPO_ROOT, 'bench', 'results');

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const started = performance.now();
  const m = machine();
  const want = new Set(args.sections);
  const q = args.quick;
  const rows: Row[] = [];
  const notes: string[] = [];
  let coldInit: number | undefined;
  let warmDurations: Record<number, number> | undefined;
  let stackInit: number | undefined;

  if (want.has('cold') || want.has('cost')) {
    log('cold start...');
    const cold = await coldStart({ runs: q ? 7 : 15, unbundledRuns: q ? 3 : 5 });
    if (want.has('cold')) rows.push(...cold.rows);
    coldInit = cold.initMs.linregress;
  }
  let panel: Results['panel'];
  if (want.has('throughput')) {
    log('throughput panel...');
    const t = await throughput({
      ...(q
        ? { rounds: 3, budgetMs: 45, minRuns: 1, maxRuns: 6, capMs: 1500 }
        : { rounds: 5, budgetMs: 150, minRuns: 1, maxRuns: 25, capMs: 3000 }),
      functions: args.functions,
      shapes: args.shapes,
      sizes: args.sizes,
      kinds: args.kinds,
      isolate: args.isolate,
      isolatedWorst: true,
      timings: q ? 1 : 3,
    });
    rows.push(...t.rows);
    notes.push(...t.notes);
    panel = t.panel;
  }
  if (want.has('warm')) {
    log('warm requests in process...');
    rows.push(
      ...(await warmInProcessRows(
        q ? { rounds: 60, budgetMs: 1500 } : { rounds: 200, budgetMs: 4000 },
      )),
    );
  }
  if (want.has('warm') || want.has('deploy') || want.has('cost')) {
    log('local stack...');
    const s = await localStack({
      warmRuns: q ? 10 : 20,
      deploy: want.has('deploy'),
      warm: want.has('warm') || want.has('cost'),
    });
    rows.push(...s.rows.filter((r) => want.has(r.section as never)));
    warmDurations = s.warmDurationMs;
    stackInit = s.initMs;
  }
  if (want.has('sizes')) rows.push(...(await sizes()).rows);
  if (want.has('analytics')) {
    log('scheduled analyses...');
    rows.push(
      ...analyticsBench(q ? { series: 200, hwSeries: 3 } : { series: 1000, hwSeries: 10 }).rows,
    );
  }
  if (want.has('jobs')) {
    log('job worker...');
    // in a process of its own, as a job worker runs: after the other sections in this
    // process the 17-digit rows read 0.60-0.68x against 0.82-0.85x alone
    const options = q ? { chunkMb: 8, runs: 3 } : { chunkMb: 32, runs: 5 };
    rows.push(
      ...(await inFreshProcess<Awaited<ReturnType<typeof jobsBench>>>('jobs', options)).rows,
    );
  }
  if (want.has('cost') && warmDurations) {
    const init = coldInit ?? stackInit ?? 0;
    rows.push(...costRows(warmDurations, init));
    notes.push(
      `Cost uses durations measured on this machine, not on Lambda (whose CPU share scales with memory), at the memory in infra/src/config.ts; ${COLD_RATE * 100}% of requests assumed cold, each billed the median handler-load time of the cold-start rows. Prices: ${PRICES.source}, as of ${PRICES.asOf}.`,
    );
  }
  notes.push(
    'Ratios compare measurements taken side by side in this run; absolute times vary with the machine and its load (2 cores shared with other work here).',
  );

  const results: Results = {
    generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command: `pnpm bench${argv.filter((a) => a !== '--').length ? ` ${argv.filter((a) => a !== '--').join(' ')}` : ''}`,
    machine: m,
    elapsedSeconds: (performance.now() - started) / 1000,
    notes,
    rows,
    ...(panel ? { panel } : {}),
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(RESULTS_DIR, 'latest.md'), renderMarkdown(results));
  process.stdout.write(`${renderText(results)}\n`);
  log(
    `\nwritten: bench/results/latest.json, bench/results/latest.md (pnpm bench:readme writes docs/performance.md and the README headline from them)`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`pnpm bench: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `pnpm bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
