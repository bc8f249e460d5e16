// The benchmark's pure parts: flags, the price formula, the table and the
// README splice, how a case's timings merge, and the wait for an idle process
// before a case (bounded, not timed).
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { parseArgs, SECTIONS, UsageError } from '../bench/args';
import { costPerMillion, PRICES } from '../bench/cost';
import {
  HEADLINE_END as END,
  HEADLINE_START as START,
  spliceHeadline as spliceReadme,
} from '../bench/docs';
import { settleProcess } from '../bench/harness';
import { type Results, renderMarkdown, renderText, versusScipy } from '../bench/table';
import { mergeTimings, worstCases } from '../bench/throughput';
import { highestOfSeveralCpus } from '../bench/util';

describe('parseArgs', () => {
  it('runs every section by default', () => {
    const all = parseArgs([]);
    expect(all.sections).toEqual([...SECTIONS]);
    expect([all.quick, all.help]).toEqual([false, false]);
    expect(all.functions).toContain('linregress');
    expect(all.sizes).toEqual([1e3, 1e4, 1e5, 1e6]);
    expect(all.kinds).toEqual(['array', 'f64']);
  });

  it('takes --quick, --help and --only in both spellings, keeping the table order', () => {
    expect(parseArgs(['--', '--quick', '--only', 'warm,cold']).sections).toEqual(['cold', 'warm']);
    expect(parseArgs(['--only=sizes']).sections).toEqual(['sizes']);
    expect(parseArgs(['--quick']).quick).toBe(true);
    expect(parseArgs(['-h']).help).toBe(true);
  });

  it('rejects unknown flags and sections with a message naming them', () => {
    expect(() => parseArgs(['--fast'])).toThrow(new UsageError('unknown argument "--fast"'));
    expect(() => parseArgs(['--only', 'cold,speed'])).toThrow(/unknown section "speed" in --only/);
    expect(() => parseArgs(['--only'])).toThrow(/--only needs a list/);
    expect(() => parseArgs(['--only', '--quick'])).toThrow(/--only needs a list/);
  });

  it('takes panel subsets and names a wrong value', () => {
    const a = parseArgs(['--functions', 'ols,linregress', '--shapes=weak', '--sizes', '1e5,1000']);
    expect(a.functions).toEqual(['linregress', 'ols']);
    expect(a.shapes).toEqual(['weak']);
    expect(a.sizes).toEqual([1e3, 1e5]);
    expect(() => parseArgs(['--functions', 'linregres'])).toThrow(
      /unknown function "linregres" in --functions/,
    );
    expect(() => parseArgs(['--sizes', '5e5'])).toThrow(/unknown size "500000" in --sizes/);
    expect(() => parseArgs(['--kinds'])).toThrow(/--kinds needs a list/);
  });

  it('shares one process between the panel functions unless --isolate is given', () => {
    expect(parseArgs([]).isolate).toBe(false);
    expect(parseArgs(['--only', 'throughput', '--isolate']).isolate).toBe(true);
  });
});

describe('costPerMillion', () => {
  it('is the request price alone for a free (0 ms) function', () => {
    expect(
      costPerMillion({ durationMs: 0, initMs: 0, memoryMb: 1024, arch: 'arm64', coldRate: 0 }),
    ).toBe(0.2);
  });

  it('bills 1 GB for 1 s per request at the published GB-second price (1M x 1 GB-s)', () => {
    // 1,000,000 GB-seconds x $0.0000166667 = $16.6667, plus $0.20 of requests.
    const x86 = costPerMillion({
      durationMs: 1000,
      initMs: 0,
      memoryMb: 1024,
      arch: 'x86_64',
      coldRate: 0,
    });
    expect(x86).toBeCloseTo(0.2 + 16.6667, 10);
    const arm = costPerMillion({
      durationMs: 1000,
      initMs: 0,
      memoryMb: 1024,
      arch: 'arm64',
      coldRate: 0,
    });
    expect(arm).toBeCloseTo(0.2 + 1e6 * PRICES.perGbSecondUsd.arm64, 10);
  });

  it('rounds durations up to the next millisecond and bills init on the cold share', () => {
    // 512 MB = 0.5 GB; warm 2.1 ms -> 3 ms; 1% of requests add init 99.2 ms -> 100 ms.
    const got = costPerMillion({
      durationMs: 2.1,
      initMs: 99.2,
      memoryMb: 512,
      arch: 'arm64',
      coldRate: 0.01,
    });
    const gbs = 0.003 * 0.5 + 0.01 * 0.1 * 0.5;
    expect(got).toBeCloseTo(0.2 + 1e6 * gbs * 0.0000133334, 12);
  });

  it('rejects impossible inputs', () => {
    expect(() =>
      costPerMillion({ durationMs: 1, initMs: 1, memoryMb: 0, arch: 'arm64', coldRate: 0 }),
    ).toThrow(/memoryMb > 0/);
    expect(() =>
      costPerMillion({ durationMs: 1, initMs: 1, memoryMb: 128, arch: 'arm64', coldRate: 2 }),
    ).toThrow(/coldRate <= 1/);
  });
});

const results: Results = {
  generatedAt: '2026-11-26T11:35:00Z',
  command: 'pnpm bench',
  machine: {
    cpu: 'Test CPU @ 2.00GHz',
    cores: 2,
    node: 'v20.20.2',
    python: 'python 3.11.2, numpy 2.4.0, scipy 1.17.0',
    platform: 'linux x64',
    loadAverage: [1.5, 1.25, 1],
  },
  elapsedSeconds: 421.4,
  notes: ['a note'],
  rows: [
    {
      section: 'cold start',
      item: 'hello-world',
      result: '28.0 ms',
      baseline: '',
      ratio: '',
      how: 'median of 21',
    },
    {
      section: 'sizes',
      item: 'a|b',
      result: '1 KiB',
      baseline: 'limit',
      ratio: '1%',
      how: 'manifest',
    },
  ],
};

describe('renderText and renderMarkdown', () => {
  it('states the machine and lines the columns up', () => {
    const text = renderText(results);
    expect(text).toContain(
      'machine: Test CPU @ 2.00GHz, 2 cores, linux x64, node v20.20.2, python 3.11.2, numpy 2.4.0, scipy 1.17.0, load average at start 1.50 1.25 1.00',
    );
    const lines = text.split('\n');
    const header = lines.find((l) => l.startsWith('section'))!;
    const row = lines.find((l) => l.startsWith('sizes'))!;
    expect(row.indexOf('1 KiB')).toBe(header.indexOf('result'));
    expect(text).toContain('note: a note');
  });

  it('writes one Markdown row per result with pipes escaped', () => {
    const md = renderMarkdown(results);
    expect(md).toContain('| section | item | result | baseline | ratio | how measured |');
    expect(md).toContain('| sizes | a\\|b | 1 KiB | limit | 1% | manifest |');
    expect(md).toContain('in 421 s on: Test CPU @ 2.00GHz, 2 cores');
    expect(md.split('\n').filter((l) => l.startsWith('| ')).length).toBe(2 + results.rows.length);
  });
});

describe('spliceReadme', () => {
  const readme = `# x\n\n## Performance\n\n${START}\nold table\n${END}\n\n## Next\n`;

  it('replaces only what lies between the markers, keeping them', () => {
    const out = spliceReadme(readme, 'new table\n');
    expect(out).toBe(`# x\n\n## Performance\n\n${START}\nnew table\n${END}\n\n## Next\n`);
    expect(spliceReadme(out, 'new table')).toBe(out);
  });

  it('refuses a README without a single, ordered pair of markers', () => {
    expect(() => spliceReadme('# x\n', 't')).toThrow(/has no <!-- bench-headline:start --> marker/);
    expect(() => spliceReadme(`${readme}${START}\n`, 't')).toThrow(/more than once/);
    expect(() => spliceReadme(`${END}\n${START}\n`, 't')).toThrow(/before/);
  });
});

describe('versusScipy', () => {
  it('says faster or slower with the larger-than-one ratio', () => {
    expect(versusScipy(2.971)).toBe('2.97x faster than scipy');
    expect(versusScipy(1 / 8947.2)).toBe('8947x slower than scipy');
    expect(versusScipy(0.5)).toBe('2.00x slower than scipy');
    expect(versusScipy(Number.NaN)).toBe('scipy n/a');
  });
});

describe('settleProcess', () => {
  it("waits while another of the process's threads is busy, and returns once it is idle", async () => {
    const busyMs = 400;
    const worker = new Worker(`const end = Date.now() + ${busyMs}; while (Date.now() < end);`, {
      eval: true,
    });
    await once(worker, 'online');
    const started = performance.now();
    await settleProcess(5000);
    const waited = performance.now() - started;
    await worker.terminate();
    expect(waited).toBeGreaterThan(busyMs / 2);
    const idleStart = performance.now();
    await settleProcess(5000);
    expect(performance.now() - idleStart).toBeLessThan(busyMs);
  });
});

describe('mergeTimings and worstCases', () => {
  const sample = (shape: string, n: number, ms: number, ratio: number, ref: number | null = 1) => ({
    fn: 'ttest_rel',
    shape,
    n,
    ours: {
      array: { ms, runs: 5, batch: 2, lane: 'float64', ratio },
      f64: { ms: ms * 2, runs: 5, batch: 2, lane: 'float64', ratio: ratio * 2 },
    },
    referenceMs: ref,
    referenceError: ref === null ? 'no time' : null,
  });

  it('takes the median of each kind and of the reference, and counts the timings', () => {
    const merged = mergeTimings([
      sample('weak', 1e5, 1, 0.5, 2),
      sample('weak', 1e5, 9, 4.5, 2),
      sample('weak', 1e5, 2, 1, 3),
    ]);
    expect(merged.ours.array).toEqual({ ms: 2, runs: 15, batch: 2, lane: 'float64', ratio: 1 });
    expect(merged.ours.f64?.ratio).toBe(2);
    expect(merged.referenceMs).toBe(2);
    expect(merged.timings).toBe(3);
    expect(mergeTimings([sample('weak', 1e5, 1, 0.5)]).timings).toBeUndefined();
    expect(
      mergeTimings([sample('weak', 1e5, 1, 0.5), sample('weak', 1e5, 1, 0.5, null)]),
    ).toMatchObject({
      referenceMs: null,
      referenceError: 'no time',
    });
    expect(() => mergeTimings([])).toThrow(/at least one/);
  });

  it('picks the highest ratios over kinds at n >= 1e4, and smaller sizes only when nothing is that big', () => {
    const panel = [
      sample('strong', 1e3, 1, 9),
      sample('weak', 1e4, 1, 0.4),
      sample('none', 1e5, 1, 0.7),
      sample('offset', 1e6, 1, 0.6),
      sample('ties', 1e6, 1, 5, null),
    ];
    expect(worstCases(panel, 2).map((s) => s.shape)).toEqual(['none', 'offset']);
    expect(worstCases(panel.slice(0, 1), 2).map((s) => s.shape)).toEqual(['strong']);
  });
});

describe('highestOfSeveralCpus', () => {
  it('picks the highest CPU of a list naming several, and nothing for one CPU or a list it cannot read', () => {
    expect(highestOfSeveralCpus('0-1')).toBe(1);
    expect(highestOfSeveralCpus('0,2-3')).toBe(3);
    expect(highestOfSeveralCpus('4,1')).toBe(4);
    expect(highestOfSeveralCpus('0')).toBeUndefined();
    expect(highestOfSeveralCpus('3-3')).toBeUndefined();
    expect(highestOfSeveralCpus('')).toBeUndefined();
    expect(highestOfSeveralCpus('0-x')).toBeUndefined();
  });
});
