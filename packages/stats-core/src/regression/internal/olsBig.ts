import { StatsInputError } from '../../errors';
import { type BigNumber, big } from './bigNumber';
import { parseDecimal, type ScaledIntegers, toScaledIntegers } from './decimal';
import type { Design } from './design';
import type { FitCore } from './fit';

/** A pivot this small relative to its column's squared norm means exact dependence. */
const SINGULAR = '1e-40';

/**
 * Least squares at 64 significant digits on the columns formed exactly from
 * the decimal inputs. X^T X and X^T y are exact integer sums (BigInt),
 * rounded once into mathjs BigNumbers; the normal equations are solved by
 * LDL^T in BigNumber (no pivoting, in column order, so a vanishing pivot
 * names the column the earlier ones span); the residual sum of squares is
 * then exact for the 64-digit coefficients.
 *
 * @throws StatsInputError when the design is singular, naming the columns.
 */
export function olsBig(d: Design): FitCore {
  const X = d.exactColumns();
  const Y = toScaledIntegers(d.y);
  const p = X.length;
  const n = d.n;
  const zero = big(0);
  const toBig = (v: bigint, exponent: number) => big(`${v}e${exponent}`);

  const gram: BigNumber[][] = X.map(() => new Array<BigNumber>(p).fill(zero));
  for (let j = 0; j < p; j++) {
    for (let k = 0; k <= j; k++) {
      const v = toBig(
        dot(X[j] as ScaledIntegers, X[k] as ScaledIntegers),
        expOf(X, j) + expOf(X, k),
      );
      (gram[j] as BigNumber[])[k] = v;
      (gram[k] as BigNumber[])[j] = v;
    }
  }
  const rhs = X.map((c) => toBig(dot(c, Y), c.exponent + Y.exponent));

  // LDL^T: L unit lower triangular, D diagonal.
  const L: BigNumber[][] = Array.from({ length: p }, () => new Array<BigNumber>(p).fill(zero));
  const D: BigNumber[] = new Array<BigNumber>(p).fill(zero);
  const singular = big(SINGULAR);
  for (let j = 0; j < p; j++) {
    let dj = at(gram, j, j);
    for (let k = 0; k < j; k++)
      dj = dj.minus(
        at(L, j, k)
          .times(at(L, j, k))
          .times(D[k] as BigNumber),
      );
    if (dj.lte(at(gram, j, j).times(singular))) throw singularError(d, j, L, D, gram);
    D[j] = dj;
    (L[j] as BigNumber[])[j] = big(1);
    for (let i = j + 1; i < p; i++) {
      let s = at(gram, i, j);
      for (let k = 0; k < j; k++)
        s = s.minus(
          at(L, i, k)
            .times(at(L, j, k))
            .times(D[k] as BigNumber),
        );
      (L[i] as BigNumber[])[j] = s.div(dj);
    }
  }
  const b = solveLdl(L, D, rhs, p);
  const inverseDiagonal = Array.from({ length: p }, (_, j) => {
    const e = Array.from({ length: p }, (_, k) => big(k === j ? 1 : 0));
    return solveLdl(L, D, e, p)[j] as BigNumber;
  });

  const rss = exactResidualSumOfSquares(X, Y, b);
  let sumY = 0n;
  let sumY2 = 0n;
  for (const v of Y.integers) {
    sumY += v;
    sumY2 += v * v;
  }
  const N = BigInt(n);
  const tss = d.hasIntercept
    ? toBig(N * sumY2 - sumY * sumY, 2 * Y.exponent).div(n)
    : toBig(sumY2, 2 * Y.exponent);

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

function expOf(X: ScaledIntegers[], j: number): number {
  return (X[j] as ScaledIntegers).exponent;
}

function dot(a: ScaledIntegers, b: ScaledIntegers): bigint {
  let s = 0n;
  const u = a.integers;
  const v = b.integers;
  for (let i = 0; i < u.length; i++) s += (u[i] as bigint) * (v[i] as bigint);
  return s;
}

/** sum (y_i - x_i b)^2 computed exactly for the given (64-digit) coefficients. */
function exactResidualSumOfSquares(
  X: ScaledIntegers[],
  Y: ScaledIntegers,
  b: BigNumber[],
): BigNumber {
  const coefficients = b.map((v) => parseDecimal(v.toExponential()));
  // Common exponent E of every term y_i and x_ij b_j.
  let E = Y.exponent;
  X.forEach((c, j) => {
    E = Math.min(E, c.exponent + (coefficients[j] as { exponent: number }).exponent);
  });
  const pow10 = (k: number) => 10n ** BigInt(k);
  const yScale = pow10(Y.exponent - E);
  const multipliers = X.map(
    (c, j) =>
      (coefficients[j] as { mantissa: bigint }).mantissa *
      pow10(c.exponent + (coefficients[j] as { exponent: number }).exponent - E),
  );
  let rss = 0n;
  for (let i = 0; i < Y.integers.length; i++) {
    let r = (Y.integers[i] as bigint) * yScale;
    for (let j = 0; j < X.length; j++) {
      r -= ((X[j] as ScaledIntegers).integers[i] as bigint) * (multipliers[j] as bigint);
    }
    rss += r * r;
  }
  return big(`${rss}e${2 * E}`);
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
