/**
 * Thrown when the caller's input cannot be analysed. The message names the
 * function and says what to change, e.g.
 * `linregress requires x and y of equal length (got 10 and 9)`.
 */
export class StatsInputError extends Error {
  override readonly name = 'StatsInputError';

  /** The public function that rejected the input, e.g. `linregress`. */
  readonly fn: string;

  constructor(fn: string, problem: string, options?: { cause?: unknown }) {
    super(`${fn} ${problem}`, options);
    this.fn = fn;
  }
}
