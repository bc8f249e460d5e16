/**
 * The metric line's `n`: the numbers in a request's top-level arrays, rows
 * of a table counted entry by entry. A sample the request reader marked as
 * all finite numbers is counted by its length alone; the count must be the
 * same as the walk over a plain array gives.
 */
import { describe, expect, it } from 'vitest';
import { isFiniteArray, readJson } from '../src/http/json';
import { observations } from '../src/metrics';

describe('observations', () => {
  const long = Array.from({ length: 40 }, (_, k) => k / 4);
  const request = {
    x: long,
    y: [1, 2, 3],
    X: [long, [1, 2], [3]],
    mixed: [1, [2, 3], 4],
    alternative: 'less',
    predict: { x: long },
  };

  it('counts the same for the reader’s marked arrays as for JSON.parse’s', () => {
    const text = JSON.stringify(request);
    const read = readJson(text)!.value as typeof request;
    expect(isFiniteArray(read.x)).toBe(true);
    expect(isFiniteArray(read.X)).toBe(false);
    // 40 + 3 + (40 + 2 + 1) + (1 + 2 + 1); nested objects are not looked into
    expect(observations(JSON.parse(text))).toBe(90);
    expect(observations(read)).toBe(90);
  });

  it('is undefined for anything but an object', () => {
    expect(observations(null)).toBeUndefined();
    expect(observations(3)).toBeUndefined();
    expect(observations({})).toBe(0);
  });
});
