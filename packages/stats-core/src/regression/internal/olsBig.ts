import { StatsInputError } from '../../errors';
import { type BigNumber, big } from './bigNumber';
import type { Design } from './design';
import type { FitCore } from './fit';

/** A pivot this small relative to its column's squared norm means exact dependence. */
const SINGULAR = big('1e-40');

/**
 * Least squares in BigNumber (64 significant digits) on the columns formed
 * from the decimal inputs: normal equations X^T X b = X^T y by LDL^T
 * (no pivoting, in column order, so a vanishing pivot names the column that
 * the earlier ones span), residuals recomputed from the data.
 *
 * @throws StatsInputError when the design is singular, naming the columns.
 */
export function olsBig(d: Design): FitCore {
  const X = d.bigColumns();
  const p = X.length;
  const n = d.n;
  const Y = Array.from({ length: n }, (_, i) => big(String(d.y[i])));
  const zero = big(0);
  const dot = (a: BigNumber[], b: BigNumber[]) => {
    let s = zero;
    for (let i = 0; i < n; i++) s = s.plus((a[i] as BigNumber).times(b[i] as BigNumber));
    return s;
  };
  const gram: BigNumber[][] = X.map(() => new Array<BigNumber>(p).fill(zero));
  for (let j = 0; j < p; j++) {
    for (let k = 0; k <= j; k++) {
      const v = dot(X[j] as BigNumber[], X[k] as BigNumber[]);
      (gram[j] as BigNumber[])[k] = v;
      (gram[k] as BigNumber[])[j] = v;
    }
  }
  const rhs = X.map((a) => dot(a, Y));

  // LDL^T: L unit lower triangular, D diagonal.
  const L: BigNumber[][] = Array.from({ length: p }, () => new Array<BigNumber>(p).fill(zero));
  const D: BigNumber[] = new Array<BigNumber>(p).fill(zero);
  for (let j = 0; j < p; j++) {
    let dj = (gram[j] as BigNumber[])[j] as BigNumber;
    for (let k = 0; k < j; k++)
      dj = dj.minus(
        at(L, j, k)
          .times(at(L, j, k))
          .times(D[k] as BigNumber),
      );
    if (dj.lte(((gram[j] as BigNumber[])[j] as BigNumber).times(SINGULAR))) {
      throw singularError(d, j, L, D, gram);
    }
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

  let rss = zero;
  let sumY = zero;
  for (let i = 0; i < n; i++) {
    let e = Y[i] as BigNumber;
    for (let j = 0; j < p; j++)
      e = e.minus(((X[j] as BigNumber[])[i] as BigNumber).times(b[j] as BigNumber));
    rss = rss.plus(e.times(e));
    sumY = sumY.plus(Y[i] as BigNumber);
  }
  let tss = zero;
  const meanY = sumY.div(n);
  for (let i = 0; i < n; i++) {
    const dev = d.hasIntercept ? (Y[i] as BigNumber).minus(meanY) : (Y[i] as BigNumber);
    tss = tss.plus(dev.times(dev));
  }
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
  const norm = (at(gram, j, j) as BigNumber).sqrt();
  if (norm.isZero()) {
    return new StatsInputError(
      d.fn,
      `cannot fit a singular design: column ${label} is all zeros; drop it`,
    );
  }
  const weights = solveLdl(L, D, (gram.map((row) => row[j]) as BigNumber[]).slice(0, j), j);
  const involved = weights
    .map((w, k) => ({
      k,
      size: w
        .abs()
        .times(at(gram, k, k).sqrt())
        .div(norm),
    }))
    .filter((e) => e.size.gt(big('1e-20')))
    .map((e) => d.labels[e.k] as string);
  return new StatsInputError(
    d.fn,
    `cannot fit a singular design: column ${label} is a linear combination of ${involved.join(', ')} (collinear columns ${[...involved, label].join(', ')}); drop one of them`,
  );
}
