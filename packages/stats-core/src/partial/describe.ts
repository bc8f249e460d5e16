import type { DescribeOptions, DescribeResult } from '../descriptive/describe';
import type { Sample } from '../internal/validate';
import type { DescribeState } from './state';

/** Partial state of {@link describe} for one chunk. */
export function describePartial(_a: Sample): DescribeState {
  throw new Error('describePartial: not implemented yet');
}
/** The state of no values. */
export function describeEmpty(): DescribeState {
  return {
    stat: 'describe',
    v: 1,
    nan: false,
    n: 0,
    s1: '0',
    s2: '0',
    min: null,
    max: null,
    m3: [0, 0],
    m4: [0, 0],
  };
}
/** Merges two states. */
export function describeMerge(_a: DescribeState, _b: DescribeState): DescribeState {
  throw new Error('describeMerge: not implemented yet');
}
/** Checks a state read back from JSON. */
export function parseDescribeState(_value: unknown, _name = 'state'): DescribeState {
  throw new Error('parseDescribeState: not implemented yet');
}
/** The {@link describe} result from a merged state. */
export function describeFinalize(
  _state: DescribeState,
  _options?: DescribeOptions,
): DescribeResult {
  throw new Error('describeFinalize: not implemented yet');
}
