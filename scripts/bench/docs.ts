/**
 * The benchmark's generated documents, pure functions of
 * bench/results/latest.json: docs/performance.md (the whole file) and the
 * README's short worst-shape headline (between the bench-headline markers).
 * `pnpm bench:readme` writes them; scripts/tests/bench-docs.test.ts fails
 * when either is stale.
 */

import { currentWarmHow, REASONS } from './reasons';
import { machineLine, type PanelResult, type Results } from './table';
import { fmtTimeRatio, sampleRatio, sizeLabel, type Worst, worstShapes } from './throughput';
import { fmtMs, fmtRatio } from './util';

export const HEADLINE_START = '<!-- bench-headline:start -->';
export const HEADLINE_END = '<!-- bench-headline:end -->';

const mdCell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
const kindName = (k: string) => (k === 'array' ? 'plain array' : 'Float64Array');

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
  ];
}

const goalText = (goal: number) => (goal < 1 ? `<= ${goal}x (${1 / goal}x faster)` : `<= ${goal}x`);
const verdict = (ratio: number, goal: number) => (ratio <= goal ? 'met' : 'not met');

/** The README's headline: per function, the worst shape's time ratio against scipy/numpy. */
export function renderHeadline(results: Results): string {
  const panel = results.panel;
  if (!panel) {
    return 'No throughput panel in bench/results/latest.json: run `pnpm bench` (or `pnpm bench --only throughput`).';
  }
  const rows = worstShapes(panel).map((w) => [
    `\`${w.fn}\``,
    `${w.shape}, n = ${sizeLabel(w.n)}`,
    fmtTimeRatio(w.ratio),
    goalText(w.goal),
  ]);
  return [
    `Worst data shape per function, our time over ${'scipy/numpy'}'s on the same values (n = 1e4 to 1e6, ${panel.shapes.length} shapes, plain arrays and Float64Array), measured ${results.generatedAt}. Full panel: [docs/performance.md](docs/performance.md).`,
    '',
    ...table(['function', 'worst shape', 'time vs reference', 'goal'], rows),
    ...jobsHeadline(results),
  ].join('\n');
}

/** The jobs section's worker and 100 GB figures, when the run measured them. */
function jobsHeadline(results: Results): string[] {
  const row = (item: string) => results.rows.find((r) => r.section === 'jobs' && r.item === item);
  const decimals = row('worker, 3-4 decimal places: read + linregress state');
  const full = row('worker, 17 significant digits: read + linregress state');
  const model = row('model: linregress over 100 GB');
  if (!decimals || !full || !model) return [];
  return [
    '',
    `Jobs: one worker reads a CSV chunk and builds the linregress state at ${decimals.result}, ${decimals.ratio} \`JSON.parse\` of the same numbers, on 3-4-decimal data and at ${full.result} (${full.ratio}) on 17-digit doubles (goal: at least 1x); linregress over 100 GB at 1,000 workers, modelled from these figures: ${model.result} ([jobs](docs/jobs.md)).`,
  ];
}

/**
 * The reference's own time at each worst case's n and input kind, over every
 * shape (min to max): the same work on other values, so the spread is the
 * measurement's noise, against which the worst ratio should be read.
 */
function referenceSpread(panel: PanelResult, worst: ReturnType<typeof worstShapes>): string[] {
  const rows = worst.map((w) => {
    const times = panel.samples
      .filter((s) => s.fn === w.fn && s.n === w.n && s.referenceMs !== null)
      .map((s) => s.referenceMs as number);
    return [
      `\`${w.fn}\``,
      `n = ${sizeLabel(w.n)}`,
      `${fmtMs(Math.min(...times))} to ${fmtMs(Math.max(...times))}`,
      fmtMs(w.referenceMs),
    ];
  });
  return [
    "The reference's time at the worst case's n over all shapes: most reference functions do the same",
    'work whatever the values, so the spread is the run-to-run noise the worst ratio is read against',
    '(the highest ratio over every shape, size and input kind tends to meet the fastest reference samples).',
    '',
    ...table(
      ['function', 'size', 'reference over all shapes', 'reference in the worst case'],
      rows,
    ),
    '',
  ];
}

/** Where the time goes, for each function whose goal is not met (scripts/bench/reasons.ts). */
function notMet(worst: ReturnType<typeof worstShapes>): string[] {
  const missed = worst.filter((w) => w.ratio > w.goal);
  if (missed.length === 0) return [];
  return [
    '## Goals not met: where the time goes',
    '',
    'What profiles and same-process A/B runs measured for each function above its goal, from',
    '`scripts/bench/reasons.ts`; functions without an entry have no profile yet. The rounds before',
    '2026-12-08, run by run: [performance-history.md](performance-history.md).',
    '',
    ...missed.map((w) => {
      const reason = REASONS[w.fn];
      return reason
        ? `- \`${w.fn}\` (${w.ratio.toFixed(2)}x the reference): ${reason.why} See [${reason.doc}](${reason.doc}).`
        : `- \`${w.fn}\` (${w.ratio.toFixed(2)}x the reference): not profiled yet; compare the reference's spread above.`;
    }),
    '',
  ];
}

/** Which lane answered, per function and shape: "float64 8/8" style, over sizes and input kinds. */
function laneRows(panel: PanelResult): string[][] {
  return panel.functions.map((f) => [
    `\`${f.name}\``,
    ...panel.shapes.map((s) => {
      const counts = new Map<string, number>();
      let total = 0;
      for (const sample of panel.samples) {
        if (sample.fn !== f.name || sample.shape !== s.name) continue;
        for (const o of Object.values(sample.ours)) {
          if (!o) continue;
          counts.set(o.lane, (counts.get(o.lane) ?? 0) + 1);
          total++;
        }
      }
      if (total === 0) return '';
      return [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([lane, c]) => `${lane} ${c}/${total}`)
        .join(', ');
    }),
  ]);
}

function detailRows(panel: PanelResult, fn: string): string[][] {
  const rows: string[][] = [];
  for (const s of panel.shapes) {
    for (const sample of panel.samples) {
      if (sample.fn !== fn || sample.shape !== s.name) continue;
      const ref = sample.referenceMs;
      const cell = (kind: 'array' | 'f64') => {
        const o = sample.ours[kind];
        if (!o) return '';
        const r = sampleRatio(sample, kind);
        const ratio = r === null ? '' : ` (${r.toFixed(r < 10 ? 2 : 1)}x)`;
        return `${fmtMs(o.ms)}${ratio}`;
      };
      const lanes = [...new Set(Object.values(sample.ours).map((o) => o?.lane))].join(', ');
      rows.push([
        s.name,
        sizeLabel(sample.n),
        cell('array'),
        cell('f64'),
        ref === null ? `failed: ${sample.referenceError ?? ''}` : fmtMs(ref),
        lanes,
      ]);
    }
  }
  return rows;
}

/**
 * The worst-shape table; with the isolated timings (a shared panel whose
 * worst cases were timed again alone), both ratios side by side.
 */
function worstTable(worst: readonly Worst[]): string[] {
  const beside = worst.some((w) => w.isolated);
  const head = ['function', 'reference', 'worst shape', 'ours', 'reference time', 'ratio'];
  return table(
    [...head, ...(beside ? ['shared process', 'alone'] : []), 'goal', ''],
    worst.map((w) => [
      `\`${w.fn}\``,
      w.reference,
      `${w.shape}, n = ${sizeLabel(w.n)}, ${kindName(w.kind)}`,
      fmtMs(w.oursMs),
      fmtMs(w.referenceMs),
      fmtTimeRatio(w.ratio),
      ...(beside
        ? [
            `${fmtRatio(w.shared.ratio)} (${fmtMs(w.shared.oursMs)} / ${fmtMs(w.shared.referenceMs)})`,
            w.isolated
              ? `${fmtRatio(w.isolated.ratio)} (${fmtMs(w.isolated.oursMs)} / ${fmtMs(w.isolated.referenceMs)})`
              : '',
          ]
        : []),
      goalText(w.goal),
      verdict(w.ratio, w.goal),
    ]),
  );
}

/** The reference process's fixed malloc thresholds, when the results record them. */
function mallocText(panel: PanelResult): string[] {
  if (!panel.referenceMalloc) return [];
  return [
    `The reference process runs with glibc's malloc thresholds fixed (${panel.referenceMalloc}): by default`,
    "numpy's large temporaries are fresh page-faulting mmaps until some earlier call has freed a larger",
    'block, which made its time at n = 1e6 depend on what it ran before (up to 2x).',
  ];
}

/** Which process the panel's functions ran in, and how the two figures combine. */
function processText(panel: PanelResult, worst: readonly Worst[]): string[] {
  if (panel.process === 'isolated') {
    return ['Each function ran in a node process of its own (`--isolate`).'];
  }
  if (!worst.some((w) => w.isolated)) return [];
  return [
    'All functions ran one after another in one node process (what a library user calling many',
    'functions gets). Each worst case was then timed again, same values and rule, in a fresh process',
    `running that function alone${panel.settled ? ' on that input kind alone' : ''} (what one Lambda serving one statistic`,
    'gets): "shared process" and "alone" are the two ratios, and "ratio" is the worse of them.',
    ...timingsText(panel),
  ];
}

/** How many timings a worst case's figures are the median of, when more than one. */
function timingsText(panel: PanelResult): string[] {
  const shared = Math.max(1, ...panel.samples.map((s) => s.timings ?? 1));
  const alone = Math.max(1, ...(panel.isolated ?? []).map((s) => s.timings ?? 1));
  if (shared === 1 && alone === 1) return [];
  const perFunction = Math.max(
    ...panel.functions.map(
      (f) => panel.samples.filter((s) => s.fn === f.name && (s.timings ?? 1) > 1).length,
    ),
  );
  return [
    `One timing of a case can fall in a stretch of machine noise, so each function's ${perFunction} worst`,
    `cases were timed ${shared} times in the shared process (again after the whole panel) and the worst`,
    `alone in ${alone} fresh processes; each figure is the median of its timings.`,
  ];
}

/** How the panel paired the two sides (results before interleaving carry no per-kind ratio). */
function isPaired(panel: PanelResult): boolean {
  return panel.samples.some((s) => Object.values(s.ours).some((o) => o?.ratio !== undefined));
}

/** The one CPU both sides ran on, when the results record it. */
function pinnedText(panel: PanelResult): string[] {
  if (panel.cpu === undefined) return [];
  return [
    `Both sides ran pinned to one CPU (\`taskset -c ${panel.cpu}\`; a Lambda function of up to 1,769 MB has at most`,
    'one vCPU). Unpinned on this 2-vCPU machine, stretches of consecutive cases ran 1.4-2x slower on our side',
    'only (every function together, in wall time as in CPU time), and 8-61 of 194 rows read over 1.3x their',
    'median ratio across six panels of five functions on 2026-12-08; pinned, 1 did (scripts/bench/util.ts,',
    'panelCpu).',
  ];
}

/** Whether our process idled before each case (results before 2026-12-08 did not record it). */
function settledText(panel: PanelResult): string {
  return panel.settled
    ? "; our process left idle before each case, so V8 frees the previous case's garbage off its clock"
    : '';
}

function timingRule(panel: PanelResult): string {
  return isPaired(panel)
    ? ', in interleaved rounds (ours, then the reference, each round); a ratio is the median of the per-round ratios'
    : '';
}

/** docs/performance.md, whole. */
export function renderPerformanceDoc(results: Results): string {
  const out: string[] = [
    '# Performance',
    '',
    '<!-- Generated by `pnpm bench:readme` from bench/results/latest.json; do not edit by hand. -->',
    '',
    '`pnpm bench` builds what is stale, then measures: cold start per function in a Lambda-shaped',
    'process, the throughput panel of the stats core against scipy/numpy on the same values in the',
    'same run, warm latency in process (a 10,000-point request against JSON.parse of its body) and',
    'through the local stack, artifact sizes, deploy times and cost, and the',
    "scheduled analyses' time per series and per run of 1,000 series (`--only analytics`) and one job",
    'worker against `JSON.parse` with the 100 GB model (`--only jobs`). It writes',
    '`bench/results/latest.json` and `latest.md`; `pnpm bench:readme` turns the JSON into this file',
    "and the README's headline table. A test fails while either is stale.",
    '',
    'Subsets (the full run takes several minutes on 2 cores):',
    '',
    '```sh',
    'pnpm bench --only throughput                          # the panel alone',
    'pnpm bench --only throughput --functions linregress,ols --shapes weak,heavy-tails --sizes 1e5',
    'pnpm bench --only throughput --kinds f64 --quick        # Float64Array only, fewer runs',
    'pnpm bench --only throughput --functions ttest_1samp --isolate   # each function in its own process',
    'pnpm bench --only cold,sizes                          # no panel, no local stack',
    '```',
    '',
    `Measured ${results.generatedAt} by \`${results.command}\` in ${results.elapsedSeconds.toFixed(0)} s on: ${machineLine(results.machine)}.`,
    '',
  ];
  const panel = results.panel;
  if (panel) {
    const worst = worstShapes(panel);
    out.push(
      '## Throughput: the worst shape per function',
      '',
      'Each function runs on every data shape below, at each size, with the values as `JSON.parse`',
      'returns them (plain arrays) and as Float64Array; scipy/numpy run on the same values (numpy',
      `arrays) in the same run, timed by the same rule (CPU time of the process; warm-up, batches of at least 1 ms, median${settledText(panel)})${timingRule(panel)}.`,
      "The figure is the worst case over shapes, sizes 1e4 to 1e6 and both input kinds: our time over the reference's.",
      ...processText(panel, worst),
      ...pinnedText(panel),
      ...mallocText(panel),
      '',
      ...worstTable(worst),
      '',
      ...referenceSpread(panel, worst),
      ...notMet(worst),
      '## Data shapes',
      '',
      ...table(
        ['shape', 'values'],
        panel.shapes.map((s) => [s.name, s.description]),
      ),
      '',
      '## Which precision lane answered',
      '',
      'Per function and shape, how many of the measured (size, input kind) cases each lane answered.',
      '`float64` is the fast lane with its a posteriori error bound; `decimal-integers` sums short',
      'decimals as exact integers; `decimal-shift` shifts values on a large offset exactly by a',
      'decimal reference; `double-double`, `exact` (BigInt) and `bignumber` are the slower lanes the',
      'bound falls back to. See docs/numerics.md for the accuracy contract.',
      '',
      ...table(['function', ...panel.shapes.map((s) => s.name)], laneRows(panel)),
      '',
      '## Every measurement',
      '',
      isPaired(panel)
        ? 'Milliseconds per call (median of the rounds); in brackets our time over the reference (median of the per-round ratios).'
        : 'Milliseconds per call (median); in brackets our time over the reference.',
      '',
    );
    for (const f of panel.functions) {
      out.push(
        `### ${f.name}`,
        '',
        `Reference: ${f.reference}.`,
        '',
        ...table(
          ['shape', 'n', 'plain array', 'Float64Array', 'reference', 'lane'],
          detailRows(panel, f.name),
        ),
        '',
      );
    }
    if (panel.skipped.length > 0) {
      out.push('Stopped before the largest size:', '', ...panel.skipped.map((s) => `- ${s}`), '');
    }
  }
  const others = results.rows.filter((r) => r.section !== 'throughput');
  if (others.length > 0) {
    out.push(
      '## Cold start, warm latency, sizes, deploy and cost',
      '',
      ...table(
        ['section', 'item', 'result', 'baseline', 'ratio', 'how measured'],
        others.map((r) => [r.section, r.item, r.result, r.baseline, r.ratio, howNow(r)]),
      ),
      '',
    );
  }
  if (results.notes.length > 0) out.push('## Notes', '', ...results.notes.map((n) => `- ${n}`), '');
  return `${out.join('\n').trimEnd()}\n`;
}

/** A row's "how", a warm in-process row's with its note as reasons.ts has it now. */
function howNow(r: Results['rows'][number]): string {
  const ratio = (r.data as { ratio?: unknown } | undefined)?.ratio;
  if (r.section !== 'warm' || !r.item.endsWith(', in process') || typeof ratio !== 'number') {
    return r.how;
  }
  return currentWarmHow(r.how, r.item.slice(0, r.item.indexOf(' ')), ratio);
}

/**
 * `readme` with the text between the headline markers replaced by `body`.
 * Throws, saying what to add, when the markers are missing, repeated or out of order.
 */
export function spliceHeadline(readme: string, body: string): string {
  const start = readme.indexOf(HEADLINE_START);
  const end = readme.indexOf(HEADLINE_END);
  if (start < 0 || end < 0) {
    throw new Error(
      `README.md has no ${start < 0 ? HEADLINE_START : HEADLINE_END} marker: put the pair ${HEADLINE_START} ... ${HEADLINE_END} where the worst-shape headline table should go, then rerun`,
    );
  }
  if (
    readme.indexOf(HEADLINE_START, start + 1) >= 0 ||
    readme.indexOf(HEADLINE_END, end + 1) >= 0
  ) {
    throw new Error(
      `README.md has ${HEADLINE_START} or ${HEADLINE_END} more than once; keep one pair`,
    );
  }
  if (end < start) throw new Error(`README.md has ${HEADLINE_END} before ${HEADLINE_START}`);
  return `${readme.slice(0, start + HEADLINE_START.length)}\n${body.trim()}\n${readme.slice(end)}`;
}

/** The README's current headline body, or undefined without the markers. */
export function currentHeadline(readme: string): string | undefined {
  const start = readme.indexOf(HEADLINE_START);
  const end = readme.indexOf(HEADLINE_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + HEADLINE_START.length, end).trim();
}
