/** The one results table: rows, and its text and Markdown renderings. */

export interface Row {
  /** cold start, throughput, warm, sizes, deploy, cost, analytics, jobs. */
  section: string;
  item: string;
  /** The measured figure, with its unit. */
  result: string;
  /** What it is compared with, and that figure. */
  baseline: string;
  /** result / baseline, or a limit's share; '' when none. */
  ratio: string;
  /** How it was measured: runs, median, what exactly. */
  how: string;
  /** Raw numbers for the JSON file. */
  data?: Record<string, number | string | null>;
}

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  python: string;
  platform: string;
  loadAverage: [number, number, number];
}

/** One (function, shape, size) of the throughput panel: our times per input kind and the reference's. */
export interface PanelSample {
  fn: string;
  shape: string;
  n: number;
  /** Per input kind ('array': as JSON.parse returns them; 'f64': Float64Array). */
  ours: Partial<
    Record<
      'array' | 'f64',
      {
        ms: number;
        runs: number;
        batch: number;
        lane: string;
        /** Median of the per-round ratios to the reference (interleaved rounds); absent in older results. */
        ratio?: number;
      }
    >
  >;
  /** scipy/numpy on the same values; null when it failed (referenceError says why). */
  referenceMs: number | null;
  referenceError: string | null;
  /**
   * How many timings of the case the figures are the median of (throughput.ts
   * mergeTimings); absent for one.
   */
  timings?: number;
}

/** The throughput panel in full (bench/throughput.ts). */
export interface PanelResult {
  sizes: number[];
  kinds: ('array' | 'f64')[];
  shapes: { name: string; description: string }[];
  functions: { name: string; reference: string; goal: number }[];
  samples: PanelSample[];
  /** Cases stopped before the largest size, and why. */
  skipped: string[];
  /**
   * 'shared': every function ran in one process, in SPECS order per (size,
   * shape); 'isolated': each function in a process of its own (--isolate).
   * Absent in older results (shared).
   */
  process?: 'shared' | 'isolated';
  /**
   * Each function's worst case of a shared panel, timed again alone in a
   * fresh process (same rule, same values; since `settled`, on the worst
   * case's input kind only); absent when not taken.
   */
  isolated?: PanelSample[];
  /**
   * Whether our process was left idle before each case (harness.ts
   * settleProcess); absent in older results.
   */
  settled?: boolean;
  /**
   * The one CPU both sides were pinned to (`taskset -c`, util.ts panelCpu);
   * absent when unpinned.
   */
  cpu?: number;
  /** The reference process's fixed glibc malloc settings (throughput.ts referenceEnv); absent in older results. */
  referenceMalloc?: string;
}

export interface Results {
  generatedAt: string;
  command: string;
  machine: Machine;
  elapsedSeconds: number;
  notes: string[];
  rows: Row[];
  /** Present when the throughput section ran. */
  panel?: PanelResult;
}

const COLUMNS = ['section', 'item', 'result', 'baseline', 'ratio', 'how'] as const;
const HEADERS: Record<(typeof COLUMNS)[number], string> = {
  section: 'section',
  item: 'item',
  result: 'result',
  baseline: 'baseline',
  ratio: 'ratio',
  how: 'how measured',
};

export function machineLine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.platform}, node ${m.node}, ${m.python}, load average at start ${m.loadAverage.map((l) => l.toFixed(2)).join(' ')}`;
}

/** A fixed-width plain-text table for the terminal. */
export function renderText(results: Results): string {
  const cells = [
    COLUMNS.map((c) => HEADERS[c]),
    ...results.rows.map((r) => COLUMNS.map((c) => r[c])),
  ];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === COLUMNS.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const row of cells.slice(1)) out.push(line(row));
  return [
    `lambda-stats benchmark, ${results.generatedAt} (${results.elapsedSeconds.toFixed(0)} s, \`${results.command}\`)`,
    `machine: ${machineLine(results.machine)}`,
    '',
    ...out,
    '',
    ...results.notes.map((n) => `note: ${n}`),
  ].join('\n');
}

const mdCell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** A GitHub Markdown table with the machine and notes. */
export function renderMarkdown(results: Results): string {
  return [
    `Measured ${results.generatedAt} by \`${results.command}\` in ${results.elapsedSeconds.toFixed(0)} s on: ${machineLine(results.machine)}.`,
    '',
    `| ${COLUMNS.map((c) => HEADERS[c]).join(' | ')} |`,
    `| ${COLUMNS.map(() => '---').join(' | ')} |`,
    ...results.rows.map((r) => `| ${COLUMNS.map((c) => mdCell(r[c])).join(' | ')} |`),
    '',
    ...results.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}

/** "2.97x faster than scipy" or "8947x slower than scipy", from scipy time / JS time. */
export function versusScipy(speedup: number): string {
  if (!Number.isFinite(speedup) || speedup <= 0) return 'scipy n/a';
  const r = speedup >= 1 ? speedup : 1 / speedup;
  return `${r < 10 ? r.toFixed(2) : r.toFixed(0)}x ${speedup >= 1 ? 'faster' : 'slower'} than scipy`;
}
