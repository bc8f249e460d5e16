/**
 * (3b) Warm latency in process, the goal: a 10,000-point request
 * through the bundled handler at most 1.2x `JSON.parse` of the same body.
 * Each function zip and the layer are laid out as Lambda does; one child
 * process per function loads the handler once, warms it up, then times
 * JSON.parse of the body, the handler on the API Gateway v2 event and the
 * handler on the already-parsed object, interleaved round by round
 * (packages/handlers/support/bench.ts). The figure is the median of the
 * per-round ratios; their middle half is the spread. The third timing
 * says where the rest goes: what the handler costs beyond reading the
 * body (validation, the statistic, the response, the log and metric line).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { endpoints } from '@lambda-stats/handlers/endpoints';
import {
  quartiles,
  WARM_FUNCTIONS,
  WARM_POINTS,
  warmInProcess,
  warmRequest,
} from '@lambda-stats/handlers/support/bench';
import { type Layout, layOut } from '@lambda-stats/handlers/support/lambda-layout';
import { generateEvent } from '../src/events';
import { REPO_ROOT } from '../src/local-config';
import { median } from './harness';
import { WARM_GOAL, warmOverGoal } from './reasons';
import type { Row } from './table';
import { fmtMs, fmtRatio, log } from './util';

const FUNCTION_DIST = path.join(REPO_ROOT, 'packages', 'handlers', 'dist');
const LAYER_ZIP = path.join(REPO_ROOT, 'layers', 'stats-runtime', 'dist', 'stats-runtime.zip');

export { WARM_GOAL };

export async function warmInProcessRows(opts: {
  rounds: number;
  budgetMs: number;
  functions?: readonly string[];
}): Promise<Row[]> {
  const rows: Row[] = [];
  for (const e of endpoints) {
    if (!(WARM_FUNCTIONS as readonly string[]).includes(e.name)) continue;
    if (opts.functions && !opts.functions.includes(e.name)) continue;
    log(`  warm in process: ${e.name}`);
    let layout: Layout | undefined;
    try {
      layout = await layOut(path.join(FUNCTION_DIST, `${e.name}.zip`), LAYER_ZIP);
      const request = warmRequest(e.example.request as Record<string, unknown>);
      const event = generateEvent(undefined, e.name, request) as { body: string };
      const t = await warmInProcess(layout, event, {
        rounds: opts.rounds,
        budgetMs: opts.budgetMs,
      });
      const n = Math.min(t.parse.length, t.handler.length);
      const ratios = Array.from({ length: n }, (_, k) => t.handler[k]! / t.parse[k]!);
      const ratio = median(ratios);
      const [lo, hi] = quartiles(ratios);
      const parse = median(t.parse);
      const handler = median(t.handler);
      const direct = median(t.direct);
      rows.push({
        section: 'warm',
        item: `${e.name} ${WARM_POINTS.toLocaleString('en-US')} points, in process`,
        result: fmtMs(handler),
        baseline: `JSON.parse ${fmtMs(parse)}`,
        ratio: fmtRatio(ratio),
        how: `bundled handler loaded once, API Gateway v2 event with a ${(event.body.length / 1024).toFixed(0)} KiB body of 2- and 3-decimal values, interleaved with JSON.parse of the same body; median of ${n} per-round ratios (middle half ${lo.toFixed(2)}-${hi.toFixed(2)}x); the handler on the parsed object (no body to read) ${fmtMs(direct)} = ${fmtRatio(direct / parse)} JSON.parse; goal <= ${WARM_GOAL}x${warmOverGoal(e.name, ratio)}`,
        data: {
          handlerMs: handler,
          parseMs: parse,
          directMs: direct,
          ratio,
          ratioQ1: lo,
          ratioQ3: hi,
          rounds: n,
          bodyBytes: event.body.length,
        },
      });
    } finally {
      if (layout !== undefined) {
        rmSync(path.dirname(path.dirname(layout.taskRoot)), { recursive: true, force: true });
      }
    }
  }
  return rows;
}
