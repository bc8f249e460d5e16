import { RESOLVED_ERROR } from './design';
import { finishFit } from './finishFit';
import type { OlsResult } from './fit';
import { olsBuffer, readColumns, toIntegerColumn } from './olsColumns';
import { componentwiseRepresentation, rowwiseRepresentation } from './olsComponentwise';
import { olsDecimalCorrections } from './olsDecimal';
import { addCorrections, dot2Error, olsGram } from './olsGram';
import { type OlsSolveInput, olsSolve } from './olsSolve';

const U = 2 ** -53;

/**
 * ols's fused lane: one pass reads the rows into reused column buffers;
 * columns of short decimals (at most 8 places: money, readings, integers)
 * become exact integers, shifted by their first value when there is an
 * intercept (so data on a large offset stay well conditioned); the
 * augmented Gram matrix is summed in double-double (exact for such
 * columns); a double-double Cholesky gives every field with a rigorous
 * first-order bound against the decimal data's exact fit ({@link olsSolve}).
 * Columns of full-precision doubles are first taken as they are (off by at
 * most u per value from their decimals); when that bound fails, their
 * decimals are resolved and added as first-order corrections to the same
 * Gram matrix, and the solve is tried again. Before that (with an
 * intercept and two columns), the bound on the doubles is retaken row by
 * row ({@link solveRowwise}): the smallest bound that holds without the
 * decimals, which passes on some such data (heavy tails, no relation at
 * n = 1e4). null when the rows need the
 * full validation (a bad value or row) or the bound still fails: the caller
 * then takes the QR and BigNumber lanes. `lastStep` stops earlier (tests
 * force each step with it).
 */
export function olsFused(
  rows: unknown[],
  y: ArrayLike<number>,
  intercept: boolean,
  lastStep: FusedStep = 'decimals',
): OlsResult | null {
  const n = y.length;
  if (rows.length !== n || n === 0) return null;
  const first = rows[0];
  if (!(Array.isArray(first) || first instanceof Float64Array)) return null;
  const k = first.length;
  const k0 = intercept ? 1 : 0;
  const p = k + k0;
  if (k < 1 || n <= p || n > 2 ** 40) return null;
  const columns = readColumns(rows, y, k);
  if (columns === null) return null;
  const places: number[] = [];
  const shifts: number[] = [];
  const maxAbs: number[] = [];
  const eps: number[] = intercept ? [0] : [];
  const raw: number[] = [];
  for (let j = 0; j <= k; j++) {
    const c = toIntegerColumn(columns[j] as Float64Array, intercept);
    places.push(c?.places ?? 0);
    shifts.push(c?.shift ?? 0);
    maxAbs.push(c?.maxAbs ?? Number.POSITIVE_INFINITY);
    eps.push(c ? 0 : U);
    if (!c) raw.push(j);
  }
  const gram = olsGram(columns, intercept, maxAbs);
  const input = { n, intercept, gram, eps, sumError: dot2Error(n), places, shifts };
  let solved = olsSolve(input);
  if (solved === null && raw.length > 0 && intercept && k === 2 && lastStep !== 'doubles')
    solved = solveRowwise(input, columns, raw);
  if (solved === null && raw.length > 0 && lastStep === 'decimals') {
    // The full-precision columns' decimals, as first-order corrections.
    const deltas: (Float64Array | null)[] = columns.map(() => null);
    for (const j of raw) {
      const delta = olsBuffer(k + 1 + j, n);
      if (olsDecimalCorrections(columns[j] as Float64Array, delta) === n) {
        deltas[j] = delta;
        eps[j + k0] = RESOLVED_ERROR;
      }
    }
    if (deltas.every((d) => d === null)) return null;
    addCorrections(gram, columns, deltas, intercept);
    // The corrections' own sums: (n + 2) u of terms at most 2u of the
    // entries, so 2 (n + 2) u^2; and the dropped delta_a delta_b, u^2.
    const correctionError = (2 * (n + 2) + 1) * U * U;
    solved = olsSolve({ ...input, sumError: dot2Error(n) + correctionError });
  }
  if (solved === null) return null;
  return finishFit(solved.fit, p - k0, n - p, solved.conditionNumber, 'float64');
}

/**
 * The fused lane's steps on full-precision columns, in order: the doubles
 * with the norm-wise bound, the same with the row-by-row bound, the
 * resolved decimals.
 */
export type FusedStep = 'doubles' | 'rowwise' | 'decimals';

/**
 * olsSolve on the doubles as they are, with the representation bound taken
 * row by row (one more pass, {@link componentwiseRepresentation}, behind
 * {@link rowwiseRepresentation}'s estimate). ols with an intercept and two
 * columns (the kernel's layout) only.
 */
function solveRowwise(
  input: OlsSolveInput,
  columns: Float64Array[],
  raw: number[],
): ReturnType<typeof olsSolve> {
  const flags = columns.map((_, j) => raw.includes(j));
  const kernel = (stride: number) => componentwiseRepresentation(columns, flags, stride);
  return olsSolve({ ...input, representation: rowwiseRepresentation(kernel, input.n) });
}
