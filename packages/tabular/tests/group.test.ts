import { describe, expect, it } from 'vitest';
import { crossTab, groupBy, mergeCrossTabs } from '../src/index';

describe('groupBy', () => {
  it('splits values by label, labels sorted, values in row order', () => {
    const g = groupBy(Float64Array.of(1, 2, 3, 4), ['b', 'a', 'b', 'c']);
    expect(g.labels).toEqual(['a', 'b', 'c']);
    expect(g.samples).toEqual([Float64Array.of(2), Float64Array.of(1, 3), Float64Array.of(4)]);
    expect(() => groupBy([1], [])).toThrow(/one label per row/);
  });
});

describe('crossTab', () => {
  it('counts pairs; merging chunk tables equals tabulating all rows at once', () => {
    const rows = ['n', 's', 'n', 'e', 's', 'n'];
    const cols = ['x', 'x', 'y', 'y', 'z', 'x'];
    const all = crossTab(rows, cols);
    expect(all).toEqual({
      rowLabels: ['e', 'n', 's'],
      colLabels: ['x', 'y', 'z'],
      counts: [
        [0, 1, 0],
        [2, 1, 0],
        [1, 0, 1],
      ],
    });
    const merged = mergeCrossTabs([
      crossTab(rows.slice(0, 2), cols.slice(0, 2)),
      crossTab(rows.slice(2), cols.slice(2)),
    ]);
    expect(merged).toEqual(all);
  });
});
