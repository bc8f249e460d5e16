// The benchmark's generated documents: docs/performance.md and the README
// headline must be what `pnpm bench:readme` renders from the committed
// bench/results/latest.json (like the OpenAPI drift test), and the
// worst-shape pick must be the highest ratio at the goal sizes.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentHeadline, renderHeadline, renderPerformanceDoc } from '../bench/docs';
import type { PanelResult, Results } from '../bench/table';
import { referenceEnv, worstShapes } from '../bench/throughput';
import { REPO_ROOT } from '../src/local-config';

const read = (...p: string[]) => readFileSync(path.join(REPO_ROOT, ...p), 'utf8');
const results = JSON.parse(read('bench', 'results', 'latest.json')) as Results;
const readme = read('README.md');
const FIX = 'run `pnpm bench:readme` (after `pnpm bench` if the results are old) and commit';

describe('generated benchmark documents are fresh', () => {
  it('bench/results/latest.json carries the throughput panel', () => {
    expect(results.panel, 'latest.json has no panel: run a full `pnpm bench`').toBeDefined();
    expect(results.panel?.samples.length).toBeGreaterThan(0);
  });

  it(`docs/performance.md is rendered from latest.json (${FIX})`, () => {
    expect(existsSync(path.join(REPO_ROOT, 'docs', 'performance.md'))).toBe(true);
    expect(read('docs', 'performance.md')).toBe(renderPerformanceDoc(results));
  });

  it.skipIf(currentHeadline(readme) === undefined)(
    `the README headline is rendered from latest.json (${FIX})`,
    () => {
      expect(currentHeadline(readme)).toBe(renderHeadline(results).trim());
    },
  );
});

describe('worstShapes', () => {
  const sample = (shape: string, n: number, array: number, f64: number, reference: number) => ({
    fn: 'linregress',
    shape,
    n,
    ours: {
      array: { ms: array, runs: 3, batch: 1, lane: 'float64' },
      f64: { ms: f64, runs: 3, batch: 1, lane: 'float64' },
    },
    referenceMs: reference,
    referenceError: null,
  });
  const panel: PanelResult = {
    sizes: [1e3, 1e4, 1e5],
    kinds: ['array', 'f64'],
    shapes: [
      { name: 'a', description: '' },
      { name: 'b', description: '' },
    ],
    functions: [{ name: 'linregress', reference: 'scipy.stats.linregress', goal: 0.5 }],
    samples: [
      // n = 1e3 is outside the goal's sizes: its 50x must not be picked.
      sample('a', 1e3, 50, 50, 1),
      sample('a', 1e4, 0.2, 0.1, 1),
      sample('b', 1e5, 3, 4.5, 10),
      sample('b', 1e4, 0.3, 0.2, 1),
    ],
    skipped: [],
  };

  it('picks the highest time ratio over shapes, sizes >= 1e4 and both kinds', () => {
    const [w] = worstShapes(panel);
    expect(w).toMatchObject({ fn: 'linregress', shape: 'b', n: 1e5, kind: 'f64', ratio: 0.45 });
  });

  it('ranks by the median of the paired per-round ratios when the rounds were interleaved', () => {
    // b/1e5's medians say 3 / 10 = 0.3x, but paired round by round the
    // ratio is 0.6x; a/1e4's unpaired 0.2x stays below it.
    const paired = structuredClone(panel);
    paired.samples[2]!.ours.array!.ratio = 0.6;
    const [w] = worstShapes(paired);
    expect(w).toMatchObject({ shape: 'b', n: 1e5, kind: 'array', ratio: 0.6 });
    const rule = 'in interleaved rounds (ours, then the reference, each round)';
    expect(renderPerformanceDoc({ ...results, panel: paired })).toContain(rule);
    expect(renderPerformanceDoc({ ...results, panel })).not.toContain(rule);
  });

  it('counts the worse of the shared-process and the isolated ratio, and shows both', () => {
    // b/1e5 f64 is 0.45x in the shared process; alone it measured 0.7x.
    const beside = structuredClone(panel);
    beside.isolated = [{ ...sample('b', 1e5, 3, 7, 10) }];
    const [w] = worstShapes(beside);
    expect(w).toMatchObject({ shape: 'b', n: 1e5, kind: 'f64', ratio: 0.7, oursMs: 7 });
    expect(w?.shared.ratio).toBe(0.45);
    expect(w?.isolated?.ratio).toBe(0.7);
    const doc = renderPerformanceDoc({ ...results, panel: beside });
    expect(doc).toContain('| shared process | alone |');
    expect(doc).toContain('0.45x (4.50 ms / 10.0 ms)');
    // Faster alone: the shared figure stays the one counted.
    beside.isolated = [{ ...sample('b', 1e5, 3, 2, 10) }];
    expect(worstShapes(beside)[0]).toMatchObject({ ratio: 0.45, oursMs: 4.5, kind: 'f64' });
    // Alone, the other input kind is the worse: that kind and figure count.
    beside.isolated = [{ ...sample('b', 1e5, 6, 2, 10) }];
    expect(worstShapes(beside)[0]).toMatchObject({ ratio: 0.6, oursMs: 6, kind: 'array' });
    expect(worstShapes(panel)[0]?.isolated).toBeUndefined();
  });

  it('says when the reference ran with fixed malloc thresholds, and only then', () => {
    const fixed = { ...panel, referenceMalloc: 'MALLOC_MMAP_THRESHOLD_=67108864' };
    const says = 'malloc thresholds fixed (MALLOC_MMAP_THRESHOLD_=67108864)';
    expect(renderPerformanceDoc({ ...results, panel: fixed })).toContain(says);
    expect(renderPerformanceDoc({ ...results, panel })).not.toContain('malloc');
  });

  it('says in the headline whether each goal is reached, with the worst shape', () => {
    const text = renderHeadline({ ...results, panel });
    expect(text).toContain(
      '| `linregress` | b, n = 1e5 | 0.45x (2.2x faster) | <= 0.5x (2x faster) |',
    );
  });
});

describe('referenceEnv', () => {
  it("fixes glibc's malloc thresholds, so the reference's time does not depend on what it ran before", () => {
    const env = referenceEnv({ OPENBLAS_CORETYPE: 'Haswell', OPENBLAS_L2_SIZE: '1', PATH: '/bin' });
    expect(env).toEqual({
      PATH: '/bin',
      MALLOC_MMAP_THRESHOLD_: String(64 * 2 ** 20),
      MALLOC_TRIM_THRESHOLD_: String(256 * 2 ** 20),
    });
  });
});
