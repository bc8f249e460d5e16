import { expect } from 'vitest';
import { StatsInputError } from '../../src/index';

/** Runs `fn` and returns the StatsInputError it throws (failing if it does not). */
export function inputError(fn: () => unknown): StatsInputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StatsInputError);
    return e as StatsInputError;
  }
  throw new Error('expected a StatsInputError');
}
