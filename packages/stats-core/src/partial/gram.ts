import { StatsInputError } from '../errors';
import { columnDot, columnSum, type IntegerColumn } from './columns';
import { addExact, formatExact, requireExact } from './exact';
import type { ExactDecimal } from './state';

/**
 * The exact Gram matrix of [1, c_1, ..., c_m], upper triangle packed row by
 * row: entry (0, 0) is n, (0, j) sum c_j, (i, j) sum c_i c_j.
 */
export function packedGram(n: number, columns: IntegerColumn[]): ExactDecimal[] {
  const out: ExactDecimal[] = [formatExact(BigInt(n), 0)];
  for (const c of columns) out.push(formatExact(columnSum(c), c.exponent));
  const cache = new Map();
  for (let i = 0; i < columns.length; i++) {
    const a = columns[i] as IntegerColumn;
    for (let j = i; j < columns.length; j++) {
      const b = columns[j] as IntegerColumn;
      out.push(formatExact(columnDot(a, b, cache), a.exponent + b.exponent));
    }
  }
  return out;
}

/** Index of entry (i, j), i <= j, in a packed upper triangle of order m. */
export function packedIndex(m: number, i: number, j: number): number {
  return i * m - (i * (i - 1)) / 2 + (j - i);
}

export function addPacked(a: ExactDecimal[], b: ExactDecimal[]): ExactDecimal[] {
  return a.map((v, i) => addExact(v, b[i] as ExactDecimal));
}

export function parsePacked(
  fn: string,
  path: string,
  value: unknown,
  length: number,
): ExactDecimal[] {
  if (!Array.isArray(value) || value.length !== length) {
    throw new StatsInputError(
      fn,
      `requires ${path} to be an array of ${length} exact decimal strings (got ${Array.isArray(value) ? `${value.length} entries` : typeof value})`,
    );
  }
  return value.map((v, i) => requireExact(fn, `${path}[${i}]`, v));
}
