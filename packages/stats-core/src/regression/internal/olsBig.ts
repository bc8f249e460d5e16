import { StatsInputError } from '../../errors';
import { type BigNumber, big } from './bigNumber';
import { parseDecimal, toScaledIntegers } from './decimal';
import type { Design } from './design';
import { exactResidualSumOfSquares, normalEquationsOfColumns } from './exactNormalEquations';
import type { FitCore } from './fit';

/** A pivot this small relative to its column's squared norm means exact dependence. */
const SINGULAR = '1e-40';

/**
 * Least squares at 64 significant digits on the columns formed exactly from
 * the decimal inputs. X^T X and X^T y are exact integer sums (BigInt),
 * rounded once into mathjs BigNumbers; the normal equations are solved by
 * LDL^T in BigNumber (no pivoting, in column order, so a vanishing pivot
 * names the column the earlier ones span); the residual sum of squares is
 * then exact for the 64-digit coefficients, from the exact normal equations
 * (y^T y - 2 b^T X^T y + b^T X^T X b in integers, no second pass over the rows).
 *
 * @throws StatsInputError when the design is singular, naming the columns.
 */
export function olsBig(d: Design): FitCore {
  const m = d.exactNormalEquations
    ? d.exactNormalEquations()
    : normalEquationsOfColumns(d.exactColumns(), toScaledIntegers(d.y));
  const p = m.rhs.length;
  const n = d.n;
  const zero = big(0);
  const toBig = (v: bigint, exponent: number) => big(`${v}e${exponent}`);
  const exponentOf = (j: number) => m.exponents[j] as number;

  const gram: BigNumber[][] = m.gram.map((row, j) =>
    row.map((v, k) => toBig(v, exponentOf(j) + exponentOf(k))),
  );
  const rhs = m.rhs.map((v, j) => toBig(v, exponentOf(j) + m.yExponent));

  // LDL^T: L unit lower triangular, D diagonal.
  const L: BigNumber[][] = Array.from({ length: p }, () => new Array<BigNumber>(p).fill(zero));
  const D: BigNumber[] = new Array<BigNumber>(p).fill(zero);
  const singular = big(SINGULAR);
  // G_ij - sum_{k<j} L_ik L_jk D_k: D_j when i = j, L_ij D_j below it.
  const reduced = (i: number, j: number) => {
    let s = at(gram, i, j);
    for (let k = 0; k < j; k++)
      s = s.minus(
        at(L, i, k)
          .times(at(L, j, k))
          .times(D[k] as BigNumber),
      );
    return s;
  };
  for (let j = 0; j < p; j++) {
    const dj = reduced(j, j);
    if (dj.lte(at(gram, j, j).times(singular))) throw singularError(d, j, L, D, gram);
    D[j] = dj;
    (L[j] as BigNumber[])[j] = big(1);
    for (let i = j + 1; i < p; i++) (L[i] as BigNumber[])[j] = reduced(i, j).div(dj);
  }
  const b = solveLdl(L, D, rhs, p);
  const inverseDiagonal = Array.from({ length: p }, (_, j) => {
    const e = Array.from({ length: p }, (_, k) => big(k === j ? 1 : 0));
    return solveLdl(L, D, e, p)[j] as BigNumber;
  });

  // RSS exactly for the 64-digit coefficients (from the exact normal equations).
  const decimals = b.map((v) => parseDecimal(v.toExponential()));
  const exact = exactResidualSumOfSquares(
    m,
    decimals.map((v) => v.mantissa),
    decimals.map((v) => v.exponent),
  );
  const rss = big(`${exact.rss}e${exact.exponent}`);
  const N = BigInt(n);
  const tss = d.hasIntercept
    ? toBig(N * m.sumY2 - m.sumY * m.sumY, 2 * m.yExponent).div(n)
    : toBig(m.sumY2, 2 * m.yExponent);

  const dfResidual = n - p;
  const k0 = d.hasIntercept ? 1 : 0;
  const dfModel = p - k0;
  const s2 = rss.div(dfResidual);
  const rSquared = tss.isZero() ? big(Number.NaN) : big(1).minus(rss.div(tss));
  return {
    coefficients: b.map((v) => v.toNumber()),
    standardErrors: inverseDiagonal.map((g) => s2.times(g).sqrt().toNumber()),
    residualStandardDeviation: s2.sqrt().toNumber(),
    rSquared: rSquared.toNumber(),
    adjustedRSquared: big(1)
      .minus(
        big(1)
          .minus(rSquared)
          .times(n - k0)
          .div(dfResidual),
      )
      .toNumber(),
    fStatistic: dfModel > 0 ? tss.minus(rss).div(dfModel).div(s2).toNumber() : Number.NaN,
  };
}

function at(m: BigNumber[][], i: number, j: number): BigNumber {
  return (m[i] as BigNumber[])[j] as BigNumber;
}

/** Solves L D L^T x = c, using only the leading m x m block. */
function solveLdl(L: BigNumber[][], D: BigNumber[], c: BigNumber[], m: number): BigNumber[] {
  const z = c.slice(0, m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < i; k++)
      z[i] = (z[i] as BigNumber).minus(at(L, i, k).times(z[k] as BigNumber));
  }
  for (let i = 0; i < m; i++) z[i] = (z[i] as BigNumber).div(D[i] as BigNumber);
  for (let i = m - 1; i >= 0; i--) {
    for (let k = i + 1; k < m; k++)
      z[i] = (z[i] as BigNumber).minus(at(L, k, i).times(z[k] as BigNumber));
  }
  return z;
}

/** Column j lies in the span of columns 0..j-1: name the ones it combines. */
function singularError(
  d: Design,
  j: number,
  L: BigNumber[][],
  D: BigNumber[],
  gram: BigNumber[][],
): StatsInputError {
  const label = d.labels[j] as string;
  const norm = at(gram, j, j).sqrt();
  if (norm.isZero()) {
    return new StatsInputError(
      d.fn,
      `cannot fit a singular design: column ${label} is all zeros; drop it`,
    );
  }
  const column = gram.map((row) => row[j] as BigNumber).slice(0, j);
  const threshold = big('1e-20');
  const involved = solveLdl(L, D, column, j)
    .map((w, k) => ({
      k,
      size: w
        .abs()
        .times(at(gram, k, k).sqrt())
        .div(norm),
    }))
    .filter((e) => e.size.gt(threshold))
    .map((e) => d.labels[e.k] as string);
  const earlier = involved.length > 0 ? involved.join(', ') : 'the columns before it';
  return new StatsInputError(
    d.fn,
    `cannot fit a singular design: column ${label} is a linear combination of ${earlier} (collinear columns ${[...involved, label].join(', ')}); drop one of them`,
  );
}
