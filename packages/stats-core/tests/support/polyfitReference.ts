import { toScaledIntegers } from '../../src/regression/internal/decimal';
import type { Design } from '../../src/regression/internal/design';
import { polynomialNormalEquations } from '../../src/regression/internal/exactNormalEquations';
import { finishFit } from '../../src/regression/internal/finishFit';
import { olsBig } from '../../src/regression/internal/olsBig';
import { bigPathDesign } from './bigPath';

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
    ...bigPathDesign(
      'polyfit',
      y,
      () => {
        throw new Error('not used when the exact normal equations are given');
      },
      {
        labels: Array.from({ length: p }, (_, j) => `x^${j + first}`),
        hasIntercept: intercept,
        representationUlps: degree,
      },
    ),
    exactNormalEquations: () =>
      polynomialNormalEquations(toScaledIntegers(x), toScaledIntegers(y), first, p),
  };
  return finishFit(olsBig(d), intercept ? p - 1 : p, n - p, Number.NaN, 'bignumber');
}
