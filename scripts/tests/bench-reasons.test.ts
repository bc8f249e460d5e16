import { describe, expect, it } from 'vitest';
import { currentWarmHow, WARM_GOAL, WARM_REASONS, warmOverGoal } from '../bench/reasons';

/**
 * A warm row's note comes from reasons.ts when the docs are generated, not
 * from the results file, which keeps the note of the run that wrote it.
 */
describe('currentWarmHow', () => {
  const how = 'bundled handler loaded once; goal <= 1.2x';
  const note = WARM_REASONS.kendalltau!;

  it('replaces a stale note with the current one for a row over the goal', () => {
    expect(currentWarmHow(`${how}; over it: an old account`, 'kendalltau', 2.5)).toBe(
      `${how}; over it: ${note}`,
    );
  });

  it('adds the note to a row written without one, and drops it under the goal', () => {
    expect(currentWarmHow(how, 'kendalltau', 2.5)).toBe(`${how}; over it: ${note}`);
    expect(currentWarmHow(`${how}; over it: an old account`, 'kendalltau', 1.1)).toBe(how);
    expect(warmOverGoal('kendalltau', WARM_GOAL)).toBe('');
  });

  it('leaves a function without a note as it is', () => {
    expect(currentWarmHow(how, 'no_such_function', 3)).toBe(how);
  });
});
