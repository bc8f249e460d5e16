import type { ScaledIntegers } from './decimal';

/**
 * The normal equations of a design formed exactly from the decimal inputs,
 * as integers on decimal scales: X^T X entry (j, k) is
 * `gram[j][k] * 10^(exponents[j] + exponents[k])`, X^T y entry j is
 * `rhs[j] * 10^(exponents[j] + yExponent)`, and sum y (sum y^2) is
 * `sumY * 10^yExponent` (`sumY2 * 10^(2 yExponent)`).
 */
export interface ExactNormalEquations {
  gram: bigint[][];
  rhs: bigint[];
  exponents: number[];
  sumY: bigint;
  sumY2: bigint;
  yExponent: number;
}

/** {@link ExactNormalEquations} from the exact columns, one dot product per entry. */
export function normalEquationsOfColumns(
  X: ScaledIntegers[],
  Y: ScaledIntegers,
): ExactNormalEquations {
  const p = X.length;
  const gram = X.map(() => new Array<bigint>(p).fill(0n));
  for (let j = 0; j < p; j++) {
    for (let k = 0; k <= j; k++) {
      const v = dot(X[j] as ScaledIntegers, X[k] as ScaledIntegers);
      (gram[j] as bigint[])[k] = v;
      (gram[k] as bigint[])[j] = v;
    }
  }
  let sumY = 0n;
  let sumY2 = 0n;
  for (const v of Y.integers) {
    sumY += v;
    sumY2 += v * v;
  }
  return {
    gram,
    rhs: X.map((c) => dot(c, Y)),
    exponents: X.map((c) => c.exponent),
    sumY,
    sumY2,
    yExponent: Y.exponent,
  };
}

/**
 * {@link ExactNormalEquations} of the polynomial design with columns
 * x^first, ..., x^(first + p - 1): X^T X is a Hankel matrix of the power
 * sums sum x^m (m up to 2 (first + p - 1)) and X^T y holds sum x^k y, so one
 * pass of running powers per value replaces the p (p + 3) / 2 dot products
 * of the exact columns (and the columns themselves). Exact, so the same
 * integers as {@link normalEquationsOfColumns} on those columns.
 */
export function polynomialNormalEquations(
  x: ScaledIntegers,
  Y: ScaledIntegers,
  first: number,
  p: number,
): ExactNormalEquations {
  const top = first + p - 1;
  const powerSums = new Array<bigint>(2 * top + 1).fill(0n);
  const momentsY = new Array<bigint>(top + 1).fill(0n);
  const xs = x.integers;
  const ys = Y.integers;
  let sumY = 0n;
  let sumY2 = 0n;
  for (let i = 0; i < xs.length; i++) {
    const xi = xs[i] as bigint;
    const yi = ys[i] as bigint;
    let power = 1n;
    powerSums[0] = (powerSums[0] as bigint) + 1n;
    for (let m = 1; m <= 2 * top; m++) {
      power *= xi;
      powerSums[m] = (powerSums[m] as bigint) + power;
    }
    let moment = yi;
    momentsY[0] = (momentsY[0] as bigint) + moment;
    for (let k = 1; k <= top; k++) {
      moment *= xi;
      momentsY[k] = (momentsY[k] as bigint) + moment;
    }
    sumY += yi;
    sumY2 += yi * yi;
  }
  const gram = Array.from({ length: p }, (_, j) =>
    Array.from({ length: p }, (_, k) => powerSums[2 * first + j + k] as bigint),
  );
  return {
    gram,
    rhs: Array.from({ length: p }, (_, j) => momentsY[first + j] as bigint),
    exponents: Array.from({ length: p }, (_, j) => (first + j) * x.exponent),
    sumY,
    sumY2,
    yExponent: Y.exponent,
  };
}

/**
 * sum (y_i - x_i b)^2 exactly for coefficients b_j = mantissas[j] 10^bExponents[j],
 * as an integer times 10^exponent: y^T y - 2 b^T X^T y + b^T X^T X b from the
 * exact normal equations (no pass over the rows). The exponent is
 * 2 min(yExponent, exponents[j] + bExponents[j]), the scale of the row-wise
 * sum, so the integer is the one that sum gives.
 */
export function exactResidualSumOfSquares(
  m: ExactNormalEquations,
  mantissas: bigint[],
  bExponents: number[],
): { rss: bigint; exponent: number } {
  const p = mantissas.length;
  let E = m.yExponent;
  for (let j = 0; j < p; j++) {
    E = Math.min(E, (m.exponents[j] as number) + (bExponents[j] as number));
  }
  const pow10 = (k: number) => 10n ** BigInt(k);
  // b_j X_j on the scale 10^E: multipliers[j] = mantissa_j 10^(e_j + f_j - E).
  const multipliers = mantissas.map(
    (v, j) => v * pow10((m.exponents[j] as number) + (bExponents[j] as number) - E),
  );
  const yScale = pow10(m.yExponent - E);
  let rss = m.sumY2 * yScale * yScale;
  for (let j = 0; j < p; j++) {
    const bj = multipliers[j] as bigint;
    rss -= 2n * bj * (m.rhs[j] as bigint) * yScale;
    const row = m.gram[j] as bigint[];
    let s = 0n;
    for (let k = 0; k < p; k++) s += (row[k] as bigint) * (multipliers[k] as bigint);
    rss += bj * s;
  }
  return { rss, exponent: 2 * E };
}

function dot(a: ScaledIntegers, b: ScaledIntegers): bigint {
  let s = 0n;
  const u = a.integers;
  const v = b.integers;
  for (let i = 0; i < u.length; i++) s += (u[i] as bigint) * (v[i] as bigint);
  return s;
}
