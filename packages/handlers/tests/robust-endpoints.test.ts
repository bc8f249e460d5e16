/**
 * The robust-statistics endpoints beyond the generic registry checks
 * (tests/endpoints.test.ts runs each example, tests/properties.test.ts
 * fuzzes each): options in scipy's names reach the core, the validation
 * messages of the new request shapes (scale as a number or "normal", an
 * optional x, the O(n^2) caps), and the core's typed errors as 422s.
 * Expected numbers are scipy 1.17's (printed by the one-liners quoted).
 */
import { describe, expect, it } from 'vitest';
import { expectInvalid, post } from './support/post';

describe('options in scipy names reach the core', () => {
  it('median_abs_deviation scale: a number or "normal"', async () => {
    // stats.median_abs_deviation([1, 2, 3, 4, 10], scale=2) == 0.5
    expect((await post('median_abs_deviation', { x: [1, 2, 3, 4, 10], scale: 2 })).body).toEqual({
      median_abs_deviation: 0.5,
    });
    // ... scale='normal' == 1 / 0.6744897501960817
    const normal = await post('median_abs_deviation', { x: [1, 2, 3, 4, 10], scale: 'normal' });
    expect(normal.body.median_abs_deviation).toBeCloseTo(1.482602218505602, 14);
  });

  it('iqr rng, interpolation and scale', async () => {
    // stats.iqr([10, 7, 4, 3, 2, 1], rng=(10, 90), interpolation='midpoint', scale='normal')
    const { status, body } = await post('iqr', {
      x: [10, 7, 4, 3, 2, 1],
      rng: [10, 90],
      interpolation: 'midpoint',
      scale: 'normal',
    });
    expect(status).toBe(200);
    expect(body.iqr).toBeCloseTo(7 / 1.3489795003921636, 14);
  });

  it('zscore ddof and the constant sample (null, scipy nan)', async () => {
    // stats.zscore([1, 2, 3], ddof=1) == [-1, 0, 1]
    expect((await post('zscore', { a: [1, 2, 3], ddof: 1 })).body.zscore).toEqual([-1, 0, 1]);
    expect((await post('zscore', { a: [4, 4, 4] })).body.zscore).toEqual([null, null, null]);
  });

  it('theilslopes with x, alpha and the joint intercept', async () => {
    // stats.theilslopes([1, 3, 2], [0, 1, 2], alpha=0.9, method='joint') == (0.5, 1.0, -1.0, 2.0)
    const { body } = await post('theilslopes', {
      y: [1, 3, 2],
      x: [0, 1, 2],
      alpha: 0.9,
      method: 'joint',
    });
    expect(body).toEqual({ slope: 0.5, intercept: 1, low_slope: -1, high_slope: 2 });
  });

  it('siegelslopes separate intercepts', async () => {
    // stats.siegelslopes([1, 3, 2, 4], [0, 1, 2, 3], method='separate') == (0.75, 1.0)
    const { body } = await post('siegelslopes', { y: [1, 3, 2, 4], method: 'separate' });
    expect(body).toEqual({ slope: 0.75, intercept: 1 });
  });

  it('modified_zscore threshold', async () => {
    const { body } = await post('modified_zscore', { x: [1, 2, 3, 4, 9], threshold: 2 });
    // median 3, MAD 1: M = 0.6745 * (x - 3) = 4.047 for 9
    expect(body.outlier_indices).toEqual([4]);
    expect(body.scores[4]).toBeCloseTo(0.6745 * 6, 14);
    expect(body.threshold).toBe(2);
  });
});

describe('bad requests say what to fix', () => {
  it('a scale that is neither a positive number nor "normal"', async () => {
    await expectInvalid(
      'median_abs_deviation',
      { x: [1, 2], scale: 'wide' },
      /scale must be a positive number or "normal" \(got the string "wide"\)/,
    );
    await expectInvalid('iqr', { x: [1, 2], scale: -1 }, /scale must be greater than 0/);
  });
  it('percentiles outside [0, 100] and an unknown interpolation', async () => {
    await expectInvalid('iqr', { x: [1, 2], rng: [5, 101] }, /rng\[1\] must be at most 100/);
    await expectInvalid(
      'iqr',
      { x: [1, 2], interpolation: 'cubic' },
      /interpolation must be one of/,
    );
  });
  it('x of another length than y', async () => {
    await expectInvalid(
      'theilslopes',
      { y: [1, 2, 3], x: [1, 2] },
      /x and y must have the same length \(got 2 and 3\)/,
    );
    await expectInvalid(
      'siegelslopes',
      { y: [1, 2, 3], x: [1, 2, 3, 4] },
      /same length \(got 4 and 3\)/,
    );
  });
  it('more points than the O(n^2) estimators accept', async () => {
    const y = Array.from({ length: 5001 }, (_, i) => i % 7);
    await expectInvalid('theilslopes', { y }, /y needs at most 5000 values/);
  });
  it('every x equal: a 422 naming the problem, where scipy returns nan', async () => {
    await expectInvalid(
      'theilslopes',
      { y: [1, 2, 3], x: [5, 5, 5] },
      /at least two different x values/,
      422,
    );
    await expectInvalid(
      'siegelslopes',
      { y: [1, 2, 3], x: [5, 5, 5] },
      /at least two different x values/,
      422,
    );
  });
  it('ddof beyond the sample and a non-positive threshold', async () => {
    await expectInvalid('zscore', { a: [1, 2], ddof: 3 }, /ddof <= the number of values/, 422);
    await expectInvalid(
      'modified_zscore',
      { x: [1, 2], threshold: 0 },
      /threshold must be greater than 0/,
    );
  });
});
