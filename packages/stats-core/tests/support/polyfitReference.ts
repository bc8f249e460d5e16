import { toScaledIntegers } from '../../src/regression/internal/decimal';
import type { Design } from '../../src/regression/internal/design';
import { polynomialNormalEquations } from '../../src/regression/internal/exactNormalEquations';
import { finishFit } from '../../src/regression/internal/finishFit';
import { olsBig } from '../../src/regression/internal/olsBig';

/**
 * The BigNumber lane's polyfit on BigInt power sums of the decimals: the
 * reference polyfit's exact and fused lanes must match (itself checked
 * against NIST StRD).
 */
export function bigFit(x: number[], y: number[], degree: number, intercept: boolean) {
  const first = intercept ? 0 : 1;
  const p = degree + 1 - first;
  const n = x.length;
  const d: Design = {
    fn: 'polyfit',
    n,
    columns: [],
    labels: Array.from({ length: p }, (_, j) => `x^${j + first}`),
    hasIntercept: intercept,
    representationUlps: degree,
    y,
    decimalColumns: () => {
      throw new Error('not used by the BigNumber path');
    },
    exactColumns: () => {
      throw new Error('not used when the exact normal equations are given');
    },
    exactNormalEquations: () =>
      polynomialNormalEquations(toScaledIntegers(x), toScaledIntegers(y), first, p),
  };
  return finishFit(olsBig(d), intercept ? p - 1 : p, n - p, Number.NaN, 'bignumber');
}
