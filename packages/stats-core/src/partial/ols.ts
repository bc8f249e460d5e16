import { StatsInputError } from '../errors';
import { checkFinite, checkNumericArray, type NumericArray } from '../internal/validate';
import type { OlsOptions, OlsResult } from '../regression/ols';
import { integerColumn } from './columns';
import { formatExact, requireCount, requireHeader } from './exact';
import { pairSums, planOf } from './fused';
import { addPacked, packedGram, packedIndex, parsePacked } from './gram';
import { parseAll, solveExact } from './leastSquares';
import type { OlsState } from './state';

const FN = 'ols';
/** Most predictor columns a job fits (the state holds (k + 2)(k + 3) / 2 sums). */
export const OLS_MAX_COLUMNS = 50;

/**
 * Partial state of {@link ols} for one chunk: n and the exact Gram matrix of
 * [1, x1..xk, y] (integer sums of the decimal inputs), whatever the
 * intercept option (chosen at finalize).
 *
 * @param X - the chunk's rows, each a number[] or Float64Array of length k (as `ols` takes X)
 * @param y - the chunk's responses, one per row
 * @throws StatsInputError when X or y is malformed, rows differ in length,
 *   X and y differ in length, or a value is NaN or infinite (names the index)
 * @example olsFinalize(olsPartial([[1, 0], [2, 1], [3, 0], [4, 1], [5, 3]], [3.1, 5.9, 7.2, 9.8, 13.1])).coefficients
 */
export function olsPartial(X: NumericArray[], y: NumericArray): OlsState {
  if (!Array.isArray(X)) {
    throw new StatsInputError(FN, 'requires X to be an array of rows (one per observation)');
  }
  const ys = checkNumericArray(FN, 'y', y);
  if (X.length !== ys.length) {
    throw new StatsInputError(
      FN,
      `requires one row of X per y value (got ${X.length} rows and ${ys.length} y values)`,
    );
  }
  const rows = X.map((row, i) => checkNumericArray(FN, `X[${i}]`, row));
  const k = rows[0]?.length ?? 0;
  rows.forEach((row, i) => {
    if (row.length !== k) {
      throw new StatsInputError(
        FN,
        `requires every row of X to have the same length (X[0] has ${k}, X[${i}] has ${row.length})`,
      );
    }
    checkFinite(FN, `X[${i}]`, row);
  });
  const columns = Array.from({ length: k }, (_, j) => {
    const c = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) c[i] = (rows[i] as NumericArray)[j] as number;
    return c;
  });
  return build(columns, ys, (j) => `X[*][${j}]`);
}

/**
 * {@link olsPartial} from columns: one array per predictor (the shape a CSV
 * reader produces; no row arrays are built).
 *
 * @param columns - k predictor columns of equal length
 * @param y - responses, same length
 */
export function olsPartialColumns(columns: ArrayLike<number>[], y: ArrayLike<number>): OlsState {
  if (!Array.isArray(columns)) {
    throw new StatsInputError(FN, 'requires the predictor columns as an array of arrays');
  }
  const ys = checkNumericArray(FN, 'y', y);
  const cols = columns.map((c, j) => checkNumericArray(FN, `columns[${j}]`, c));
  cols.forEach((c, j) => {
    if (c.length !== ys.length) {
      throw new StatsInputError(
        FN,
        `requires every column as long as y (columns[${j}] has ${c.length}, y has ${ys.length})`,
      );
    }
  });
  return build(cols, ys, (j) => `columns[${j}]`);
}

function build(
  columns: ArrayLike<number>[],
  y: ArrayLike<number>,
  name: (j: number) => string,
): OlsState {
  const k = columns.length;
  if (k > OLS_MAX_COLUMNS) {
    throw new StatsInputError(
      FN,
      `supports at most ${OLS_MAX_COLUMNS} predictor columns in a job (got ${k})`,
    );
  }
  const px = k === 1 ? planOf(columns[0] as ArrayLike<number>) : null;
  const py = px && planOf(y);
  if (px && py) {
    // one predictor with declared places: the Gram matrix of [1, x, y] is the pair's five sums (fused.ts)
    const g = pairSums(px, py);
    const gram = [
      formatExact(BigInt(y.length), 0),
      formatExact(g.sx, -px.scale),
      formatExact(g.sy, -py.scale),
      formatExact(g.sxx, -2 * px.scale),
      formatExact(g.sxy, -px.scale - py.scale),
      formatExact(g.syy, -2 * py.scale),
    ];
    return { stat: 'ols', v: 1, k, n: y.length, gram };
  }
  const ints = columns.map((c, j) => integerColumn(FN, name(j), c));
  ints.push(integerColumn(FN, 'y', y));
  return { stat: 'ols', v: 1, k, n: y.length, gram: packedGram(y.length, ints) };
}

/** The state of no rows, for k predictor columns. */
export function olsEmpty(k: number): OlsState {
  if (!Number.isInteger(k) || k < 0 || k > OLS_MAX_COLUMNS) {
    throw new StatsInputError(
      FN,
      `requires k to be an integer from 0 to ${OLS_MAX_COLUMNS} (got ${k})`,
    );
  }
  const m = k + 2;
  return { stat: 'ols', v: 1, k, n: 0, gram: new Array((m * (m + 1)) / 2).fill('0') };
}

/**
 * Merges two states exactly (Gram matrices added). A state of no rows merges
 * with anything; otherwise both must have the same number of predictors.
 */
export function olsMerge(a: OlsState, b: OlsState): OlsState {
  const x = parseOlsState(a, 'a');
  const y = parseOlsState(b, 'b');
  if (x.n === 0 && x.gram.every((v) => v === '0')) return y;
  if (y.n === 0 && y.gram.every((v) => v === '0')) return x;
  if (x.k !== y.k) {
    throw new StatsInputError(
      'olsMerge',
      `cannot merge states of different predictor counts (a has ${x.k}, b has ${y.k}); every chunk must use the same columns`,
    );
  }
  return { stat: 'ols', v: 1, k: x.k, n: x.n + y.n, gram: addPacked(x.gram, y.gram) };
}

/** Checks an {@link OlsState} read back from JSON. @throws StatsInputError naming the bad field */
export function parseOlsState(value: unknown, name = 'state'): OlsState {
  const fn = 'olsMerge';
  const o = requireHeader(fn, 'ols', value, name);
  const k = requireCount(fn, `${name}.k`, o.k);
  if (k > OLS_MAX_COLUMNS) {
    throw new StatsInputError(fn, `requires ${name}.k to be at most ${OLS_MAX_COLUMNS} (got ${k})`);
  }
  const n = requireCount(fn, `${name}.n`, o.n);
  const m = k + 2;
  const gram = parsePacked(fn, `${name}.gram`, o.gram, (m * (m + 1)) / 2);
  if (gram[0] !== formatExact(BigInt(n), 0)) {
    throw new StatsInputError(fn, `requires ${name}.gram[0] to equal ${name}.n (${n})`);
  }
  return { stat: 'ols', v: 1, k, n, gram };
}

/**
 * The {@link ols} result from a merged state, solved exactly from the
 * normal equations of the decimal inputs (see `solveExact`); `method` is
 * 'bignumber' (the high-precision lane). Same options, checks, errors and
 * result type as {@link ols}.
 *
 * @throws StatsInputError when n <= p, there are no columns, the design is
 *   singular, or the state is malformed
 */
export function olsFinalize(state: OlsState, options: OlsOptions = {}): OlsResult {
  const s = parseOlsState(state);
  const hasIntercept = options.intercept ?? true;
  if (typeof hasIntercept !== 'boolean') {
    throw new StatsInputError(
      FN,
      `requires intercept to be true or false (got ${typeof hasIntercept})`,
    );
  }
  const k = s.k;
  const p = k + (hasIntercept ? 1 : 0);
  if (p === 0) throw new StatsInputError(FN, 'requires at least one column in X');
  const n = s.n;
  if (n <= p) {
    throw new StatsInputError(
      FN,
      `requires more observations than coefficients (got ${n} observations for ${p} coefficients)`,
    );
  }
  const m = k + 2;
  const entries = parseAll(s.gram);
  const at = (i: number, j: number) =>
    entries[i <= j ? packedIndex(m, i, j) : packedIndex(m, j, i)] as ReturnType<
      typeof parseAll
    >[number];
  const index = [
    ...(hasIntercept ? [0] : []),
    ...Array.from({ length: k }, (_, j) => j + 1),
    k + 1,
  ];
  return solveExact({
    fn: FN,
    labels: [
      ...(hasIntercept ? ['intercept'] : []),
      ...Array.from({ length: k }, (_, j) => `x${j + 1}`),
    ],
    n,
    hasIntercept,
    gram: index.map((i) => index.map((j) => at(i, j))),
    sumY: at(0, k + 1),
    sumY2: at(k + 1, k + 1),
  });
}
