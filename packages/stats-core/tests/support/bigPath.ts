/**
 * Designs for the BigNumber path alone (olsBig, 64 digits on exact decimal
 * normal equations, itself checked against NIST StRD), the reference the
 * float64, fused and exact lanes are held to: only the exact columns (or
 * normal equations) are given; the float64 parts are left empty.
 */
import { type ScaledIntegers, toScaledIntegers } from '../../src/regression/internal/decimal';
import { type Design, onesColumn } from '../../src/regression/internal/design';

/** What a BigNumber-path design states beyond its exact columns. */
export interface BigPathOptions {
  labels: string[];
  hasIntercept: boolean;
  /** Extra representation error of the float64 columns (x^k carries about k u); 0 by default. */
  representationUlps?: number;
  /** The float64 columns, where a test also runs the float64 path on the design. */
  columns?: Float64Array[];
}

/** A design whose only inputs to olsBig are `exactColumns` (or `exactNormalEquations` spread over it). */
export function bigPathDesign(
  fn: string,
  y: ArrayLike<number>,
  exactColumns: () => ScaledIntegers[],
  options: BigPathOptions,
): Design {
  return {
    fn,
    n: y.length,
    columns: options.columns ?? [],
    labels: options.labels,
    hasIntercept: options.hasIntercept,
    representationUlps: options.representationUlps ?? 0,
    y,
    decimalColumns: () => {
      throw new Error('not used by the BigNumber path');
    },
    exactColumns,
  };
}

/** The n-row columns (a ones column first with an intercept) as exact decimals. */
export function exactColumnsOf(
  n: number,
  columns: number[][],
  intercept: boolean,
): ScaledIntegers[] {
  return [...(intercept ? [onesColumn(n)] : []), ...columns.map((c) => toScaledIntegers(c))];
}

/** x^0 .. x^degree of the decimals x, exactly (BigInt powers of the scaled integers). */
export function exactPowers(x: number[], degree: number): ScaledIntegers[] {
  const base = toScaledIntegers(x);
  return Array.from({ length: degree + 1 }, (_, k) =>
    k === 0
      ? onesColumn(x.length)
      : { integers: base.integers.map((v) => v ** BigInt(k)), exponent: base.exponent * k },
  );
}
