/**
 * Which precision lane answered a call, for the benchmark panel's "lane per
 * shape" table and for tests that pin a shape to its fast lane. Functions
 * report a lane only when it is not plain float64 (the default), by calling
 * {@link noteLane}; nothing is recorded unless a listener is set, so the cost
 * on the hot path is one load and one branch.
 *
 * Lanes: `decimal-integers` (linregress on short decimals as exact
 * integer sums), `double-double` (linregress's compensated pass), `exact` (BigInt
 * on the decimals, linregress), `bignumber` (ols/polyfit), `decimal-shift`
 * (values shifted exactly by a decimal reference in float64 integers),
 * `decimal-shift-bigint` (the same through strings and BigInt).
 */
export type Lane =
  | 'float64'
  | 'double-double'
  | 'exact'
  | 'bignumber'
  | 'decimal-integers'
  | 'decimal-shift'
  | 'decimal-shift-bigint';

let listener: ((lane: Lane) => void) | undefined;

/** Sets (or, with undefined, clears) the one listener told of every non-float64 lane taken. */
export function onLane(callback: ((lane: Lane) => void) | undefined): void {
  listener = callback;
}

/** Called by the numerics when a lane other than plain float64 answers. */
export function noteLane(lane: Lane): void {
  if (listener !== undefined) listener(lane);
}

/**
 * Runs `call` and returns its result with the slowest lane it reported
 * ('float64' when it reported none).
 */
export function withLane<T>(call: () => T): { result: T; lane: Lane } {
  const order: Lane[] = [
    'float64',
    'decimal-shift',
    'decimal-integers',
    'double-double',
    'decimal-shift-bigint',
    'exact',
    'bignumber',
  ];
  let lane: Lane = 'float64';
  const previous = listener;
  listener = (l) => {
    if (order.indexOf(l) > order.indexOf(lane)) lane = l;
  };
  try {
    return { result: call(), lane };
  } finally {
    listener = previous;
  }
}
