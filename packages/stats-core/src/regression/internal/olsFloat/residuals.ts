import { DoubleDouble, productError } from '../doubleDouble';
import type { FloatInputs } from './inputs';

/** What one pass over the rows gives: RSS, TSS and the sizes the bounds need. */
export interface ResidualSums {
  /** RSS and TSS rounded, and their double-double low parts (R^2 and F take 1 - RSS / TSS from them). */
  rss: number;
  rssLo: number;
  tss: number;
  tssLo: number;
  /** sum y^2 (its high part), for TSS's bound. */
  sumY2: number;
  /** || |y| + |A||z| ||^2. */
  fittedSize2: number;
  /** || yRep |y| + cRep |A||z| ||: the representation error's size. */
  repNorm: number;
  /**
   * || |A| |w_j| ||^2 for each column w_j given (those of M^-1, and G u for a
   * shifted design's intercept): how far a relative
   * perturbation of the design's entries can move row j of the solution.
   */
  spread2: number[];
}

/**
 * Residuals y - A z in double-double (low parts of y and A included), with
 * RSS, TSS (about the mean when the design has an intercept, from
 * n sum y^2 - (sum y)^2 in double-double: no rounded mean) and the sizes
 * the error bounds need, in one pass over the rows.
 */
export function residualSums(
  A: Float64Array[],
  ALo: (Float64Array | null)[],
  y: ArrayLike<number>,
  yLo: Float64Array | null,
  z: number[],
  inverseColumns: number[][],
  inputs: FloatInputs,
  hasIntercept: boolean,
): ResidualSums {
  const n = y.length;
  const p = A.length;
  const yRep = inputs.yError;
  const cRep = inputs.columnError;
  const rssAcc = new DoubleDouble();
  const sumY = new DoubleDouble();
  const sumY2 = new DoubleDouble();
  let fittedSize2 = 0;
  let representation2 = 0;
  const spread2 = new Array<number>(inverseColumns.length).fill(0);
  const res = new DoubleDouble();
  for (let i = 0; i < n; i++) {
    const yi = y[i] as number;
    const yiLo = yLo === null ? 0 : (yLo[i] as number);
    res.hi = yi;
    res.lo = yiLo;
    let fitted = 0;
    for (let j = 0; j < p; j++) {
      const a = (A[j] as Float64Array)[i] as number;
      const zj = z[j] as number;
      res.addProduct(-a, zj);
      const aLo = ALo[j];
      if (aLo) res.add(-(aLo[i] as number) * zj);
      fitted += Math.abs(a * zj);
    }
    // e^2 with e = hi + lo kept unrounded: (hi + lo)^2 = hi^2 + 2 hi lo (+ lo^2, below u^2 of it).
    rssAcc.addProduct(res.hi, res.hi);
    rssAcc.add(2 * res.hi * res.lo);
    sumY.add(yi, yiLo);
    sumY2.addProduct(yi, yi);
    sumY2.add(2 * yi * yiLo);
    fittedSize2 += (Math.abs(yi) + fitted) ** 2;
    representation2 += (yRep * Math.abs(yi) + cRep * fitted) ** 2;
    for (let j = 0; j < inverseColumns.length; j++) {
      const w = inverseColumns[j] as number[];
      let t = 0;
      for (let k = 0; k < p; k++)
        t += Math.abs(((A[k] as Float64Array)[i] as number) * (w[k] as number));
      spread2[j] = (spread2[j] as number) + t * t;
    }
  }
  const rss = rssAcc.hi + rssAcc.lo;
  const rssLo = rssAcc.lo - (rss - rssAcc.hi);
  let tss: number;
  let tssLo: number;
  if (hasIntercept) {
    const t = new DoubleDouble();
    t.addProduct(n, sumY2.hi);
    t.add(n * sumY2.lo);
    t.addProduct(-sumY.hi, sumY.hi);
    t.add(-2 * sumY.hi * sumY.lo);
    // (t.hi + t.lo) / n in double-double: q1 + (t - q1 n) / n, with q1 n exact as a product.
    const q1 = t.hi / n;
    const q1n = q1 * n;
    const remainder = t.hi - q1n - productError(q1, n, q1n) + t.lo;
    const q2 = remainder / n;
    tss = q1 + q2;
    tssLo = q2 - (tss - q1);
  } else {
    tss = sumY2.hi + sumY2.lo;
    tssLo = sumY2.lo - (tss - sumY2.hi);
  }
  return {
    rss,
    rssLo,
    tss,
    tssLo,
    sumY2: sumY2.hi,
    fittedSize2,
    repNorm: Math.sqrt(representation2),
    spread2,
  };
}
