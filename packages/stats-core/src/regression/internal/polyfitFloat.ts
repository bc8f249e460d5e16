import { type ScaledIntegers, toScaledIntegers } from './decimal';
import { type DecimalColumns, decimalLowParts, onesColumn, RESOLVED_ERROR } from './design';
import { productError } from './doubleDouble';
import { polynomialNormalEquations } from './exactNormalEquations';
import type { OlsResult } from './fit';
import { fitDesign } from './fitDesign';

/** Column labels of the polynomial design x^first, ..., x^(first + p - 1). */
export function polynomialLabels(first: number, p: number): string[] {
  return Array.from({ length: p }, (_, j) => {
    const k = j + first;
    return k === 0 ? 'intercept' : k === 1 ? 'x' : `x^${k}`;
  });
}

/**
 * polyfit on the float64 lane (the ols machinery: Householder QR on the
 * Vandermonde design, refined on the decimal x as double-doubles, with an
 * a posteriori bound), declining to the BigNumber lane on exact power sums
 * (BigInt per value) when the bound fails. What `polyfit` does when its
 * exact shifted sums (`polyfitExact`) do not apply: full-precision
 * data, or values past their limits. Inputs are checked by the caller.
 */
export function polyfitFloat(
  fn: string,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  first: number,
  p: number,
  hasIntercept: boolean,
): OlsResult {
  const n = xs.length;
  const top = first + p - 1;
  const powers = Array.from({ length: p }, (_, j) => j + first);
  // x^k by repeated products ((k - 1) u at most), one pass over x.
  const columns = powers.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const v = xs[i] as number;
    let power = 1;
    for (let k = 0; k <= top; k++) {
      if (k >= first) (columns[k - first] as Float64Array)[i] = power;
      power *= v;
    }
  }
  return fitDesign({
    fn,
    n,
    columns,
    labels: polynomialLabels(first, p),
    hasIntercept,
    representationUlps: top,
    y: ys,
    decimalColumns: () => decimalPowers(xs, first, columns),
    exactNormalEquations: () =>
      polynomialNormalEquations(toScaledIntegers(xs), toScaledIntegers(ys), first, p),
    exactColumns: () => exactPowerColumns(xs, powers),
  });
}

/** The columns x^k (k in `powers`) as exact scaled integers of the decimal x. */
export function exactPowerColumns(xs: ArrayLike<number>, powers: number[]): ScaledIntegers[] {
  const base = toScaledIntegers(xs);
  return powers.map((k) =>
    k === 0
      ? onesColumn(xs.length)
      : { integers: base.integers.map((v) => v ** BigInt(k)), exponent: base.exponent * k },
  );
}

/**
 * The powers of the decimal x as double-doubles: x + dx from its decimal
 * string, then repeated double-double products (each about 4 u^2 relative),
 * kept as low parts of the float64 powers in `columns` (column j holds
 * x^(first + j)).
 */
function decimalPowers(
  xs: ArrayLike<number>,
  first: number,
  columns: Float64Array[],
): DecimalColumns {
  const base = decimalLowParts(xs);
  const maxPower = first + columns.length - 1;
  if (base.lo === null) {
    return { lo: columns.map(() => null), error: (2 * maxPower + 1) * 2 ** -53 };
  }
  const dxs = base.lo;
  const lo = columns.map((_, j) => (j + first === 0 ? null : new Float64Array(xs.length)));
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const dx = dxs[i] as number;
    let hi = 1;
    let low = 0;
    for (let k = 1; k <= maxPower; k++) {
      const h = hi * x;
      const l = productError(hi, x, h) + hi * dx + low * x;
      hi = h + l;
      low = l - (hi - h);
      const column = lo[k - first];
      const float64 = columns[k - first];
      // hi and the float64 power are within an ulp or two: the difference is exact.
      if (column && float64) column[i] = hi - (float64[i] as number) + low;
    }
  }
  return { lo, error: maxPower * (RESOLVED_ERROR + 8 * 2 ** -106) };
}
