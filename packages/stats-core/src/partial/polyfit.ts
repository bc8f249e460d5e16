import type { NumericArray } from '../regression/internal/validate';
import type { OlsResult } from '../regression/ols';
import type { PolyfitOptions } from '../regression/polyfit';
import type { PolyfitState } from './state';

/** Partial state of {@link polyfit} for one chunk. */
export function polyfitPartial(_x: NumericArray, _y: NumericArray, _degree: number): PolyfitState {
  throw new Error('polyfitPartial: not implemented yet');
}
/** The state of no rows. */
export function polyfitEmpty(_degree: number): PolyfitState {
  throw new Error('polyfitEmpty: not implemented yet');
}
/** Merges two states. */
export function polyfitMerge(_a: PolyfitState, _b: PolyfitState): PolyfitState {
  throw new Error('polyfitMerge: not implemented yet');
}
/** Checks a state read back from JSON. */
export function parsePolyfitState(_value: unknown, _name = 'state'): PolyfitState {
  throw new Error('parsePolyfitState: not implemented yet');
}
/** The {@link polyfit} result from a merged state; `intercept` as `polyfit`. */
export function polyfitFinalize(_state: PolyfitState, _options?: PolyfitOptions): OlsResult {
  throw new Error('polyfitFinalize: not implemented yet');
}
