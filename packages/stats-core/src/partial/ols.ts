import type { NumericArray } from '../regression/internal/validate';
import type { OlsOptions, OlsResult } from '../regression/ols';
import type { OlsState } from './state';

/** Partial state of {@link ols} for one chunk: X as rows (as `ols` takes it), y. */
export function olsPartial(_X: NumericArray[], _y: NumericArray): OlsState {
  throw new Error('olsPartial: not implemented yet');
}
/** The same from columns (one Float64Array per predictor), the shape a CSV reader produces. */
export function olsPartialColumns(_columns: ArrayLike<number>[], _y: ArrayLike<number>): OlsState {
  throw new Error('olsPartialColumns: not implemented yet');
}
/** The state of no rows for k predictors. */
export function olsEmpty(_k: number): OlsState {
  throw new Error('olsEmpty: not implemented yet');
}
/** Merges two states. */
export function olsMerge(_a: OlsState, _b: OlsState): OlsState {
  throw new Error('olsMerge: not implemented yet');
}
/** Checks a state read back from JSON. */
export function parseOlsState(_value: unknown, _name = 'state'): OlsState {
  throw new Error('parseOlsState: not implemented yet');
}
/** The {@link ols} result from a merged state; `intercept` as `ols`. */
export function olsFinalize(_state: OlsState, _options?: OlsOptions): OlsResult {
  throw new Error('olsFinalize: not implemented yet');
}
