/**
 * The statistic alone on a warm request's 10,000 values, against scipy's
 * own time on the same values and against JSON.parse of the request body:
 * whether a warm row over its goal (the handler at most 1.2x JSON.parse)
 * is over because of our code or because the statistic costs more than
 * reading its input in any language. Both sides are timed by the panel's
 * rule (bench/harness.ts measure, throughput.py), in interleaved rounds;
 * figures are medians over the rounds. It prints; nothing is written.
 *
 *   pnpm exec tsx bench/warm-statistic.ts [--functions spearmanr,shapiro] [--rounds 7]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { endpoints } from '@lambda-stats/handlers/endpoints';
import { warmRequest } from '@lambda-stats/handlers/support/bench';
import { type MeasureOptions, measure, median } from './harness';
import { Python, SPECS } from './throughput';

const DEFAULT = ['spearmanr', 'kendalltau', 'mannwhitneyu', 'ks_2samp', 'shapiro'];

const { values } = parseArgs({
  options: {
    functions: { type: 'string', default: DEFAULT.join(',') },
    rounds: { type: 'string', default: '7' },
  },
  strict: true,
});
const names = values.functions.split(',').filter(Boolean);
const rounds = Number(values.rounds);
const known = SPECS.map((s) => s.name);
const unknown = names.filter((n) => !known.includes(n) || !endpoints.some((e) => e.name === n));
if (unknown.length > 0 || !Number.isInteger(rounds) || rounds < 1) {
  console.error(
    unknown.length > 0
      ? `unknown function ${unknown.join(', ')}: choose from ${known.join(', ')}`
      : `--rounds ${values.rounds}: give a whole number, at least 1`,
  );
  process.exit(2);
}

const per: MeasureOptions = { budgetMs: 150, minRuns: 5, maxRuns: 200 };
const ms = (x: number) => `${x.toFixed(3)} ms`;
const dir = mkdtempSync(path.join(tmpdir(), 'lambda-stats-warm-statistic-'));
const python = new Python();
try {
  console.log(
    'function       JSON.parse   ours alone   scipy alone   ours/scipy   ours/JSON.parse   scipy/JSON.parse',
  );
  for (const name of names) {
    const spec = SPECS.find((s) => s.name === name)!;
    const example = endpoints.find((e) => e.name === name)!.example.request;
    const body = JSON.stringify(warmRequest(example as Record<string, unknown>));
    const samples = Object.values(JSON.parse(body) as Record<string, unknown>).filter(
      (v): v is number[] => Array.isArray(v),
    );
    const [x, y = x] = samples as [number[], number[]?];
    const d = { x, y, z: y, rows: [] };
    const prefix = path.join(dir, name);
    for (const [c, v] of [
      ['x', x],
      ['y', y],
      ['z', y],
    ] as const) {
      writeFileSync(`${prefix}.${c}.f64`, new Uint8Array(Float64Array.from(v).buffer));
    }
    const parse: number[] = [];
    const ours: number[] = [];
    const ref: number[] = [];
    for (let r = 0; r < rounds; r++) {
      parse.push(measure(() => JSON.parse(body), per).ms);
      ours.push(measure(() => spec.js(d), per).ms);
      const py = await python.run({
        prefix,
        fn: name,
        budget_ms: per.budgetMs,
        min_runs: per.minRuns,
        max_runs: per.maxRuns,
      });
      if (py.ms === undefined) throw new Error(`${name}: scipy failed: ${py.error}`);
      ref.push(py.ms);
    }
    const ratio = (a: number[], b: number[]) => median(a.map((v, i) => v / b[i]!));
    console.log(
      `${name.padEnd(14)} ${ms(median(parse)).padStart(10)} ${ms(median(ours)).padStart(12)} ${ms(median(ref)).padStart(13)} ${`${ratio(ours, ref).toFixed(2)}x`.padStart(12)} ${`${ratio(ours, parse).toFixed(2)}x`.padStart(17)} ${`${ratio(ref, parse).toFixed(2)}x`.padStart(18)}`,
    );
  }
} finally {
  await python.close();
  rmSync(dir, { recursive: true, force: true });
}
