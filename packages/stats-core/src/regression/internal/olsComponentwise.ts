/**
 * The representation part of {@link olsSolve}'s first-order bounds, taken
 * row by row instead of through Cauchy-Schwarz. A double v stands for the
 * shortest decimal that rounds to it, so |decimal(v) - v| is at most half
 * its ulp, at most h(v) = u |v| (u |v| + 2^-1074 here, for subnormals;
 * half the ulp itself, read from the exponent bits, cost 25 against 18 ns
 * a row in one comparison, and is at most 2x tighter). The Gram matrix of the doubles then differs from the decimals' by
 * E = Z^T D + D^T Z (plus D^T D, second order), |D_il| <= h(Z_il), and a
 * first-order term a^T E c is at most
 *   sum_i |Z_i a| (h_i . |c|) + (h_i . |a|) |Z_i c|,
 * which some sign pattern of D reaches (with h half the ulp): within 2x of
 * the smallest bound that holds without resolving the decimals. On the
 * panel's full-precision shapes it is far below olsSolve's norm-wise
 * bound on heavy tails (docs/precision-lanes.md).
 */

/**
 * For the vectors b, b0, b0 - b, b0 + b, v_0, v_1, v_2 (in that order, as
 * {@link olsSolve} forms them), the sums of the pairs (b, b), (b0, b0),
 * (b0 - b, b0 + b), then (v_j, b) and (v_j, v_j) for each j: upper bounds.
 * b0's x and z entries and the v's y entry are 0 there, and not read.
 */
export type RepresentationBound = (vectors: ArrayLike<number>[]) => Float64Array;

const U = 2 ** -53;
/** u times this is the least subnormal, above half the spacing of subnormals. */
export const TINY_OVER_U = 2 ** -1021;

/** Rows sampled by {@link rowwiseRepresentation}'s estimate: one in this many. */
const ESTIMATE_STRIDE = 64;

/**
 * {@link olsSolve}'s `representation` input from a row-by-row kernel
 * (`kernel(stride)` sums every stride-th row, times stride). The full pass
 * is made only when an estimate from one row in 64 (its sums scaled to n)
 * passes at 1.5 times the tolerance: it never decides an answer, only
 * whether to try. The sample is off by up to 3x either way on heavy tails;
 * a wasted pass costs about 15 ns a row, a skipped one that would have
 * passed the decimals' 70-80, hence the lenient gate. Below 4 x 64 rows,
 * the full pass only.
 */
export function rowwiseRepresentation(
  kernel: (stride: number) => RepresentationBound,
  n: number,
): { exact: RepresentationBound; gate?: RepresentationBound } {
  const exact = kernel(1);
  if (n < 4 * ESTIMATE_STRIDE) return { exact };
  const estimate = kernel(ESTIMATE_STRIDE);
  return { exact, gate: (vectors) => estimate(vectors).map((t) => t / 1.5) };
}

/**
 * The sums for ols with an intercept and two columns (the design [1 x z],
 * the augmented columns [1 x z y]; the working columns x, z, y given), h
 * taken for the columns flagged `raw` (the doubles as they are; the others
 * are exact), in one pass of scalar locals (a loop over vectors and pairs
 * in typed arrays measured about 10 times slower). Every `stride`-th row,
 * times `stride`: above 1 an estimate, which may only decide whether the
 * full pass is worth making.
 *
 * Rigour at stride 1: Z_i a is computed in float64, off by at most
 * gamma_q sum_l |Z_il a_l|; with h <= u |v| (+ 2^-1074) and Cauchy-Schwarz that adds
 * at most 4 (q + 1) u^2 (sum_l |a_l| s_l)(sum_l |c_l| s_l), which the
 * caller adds to its entry bounds; the weights h_i . |a| and the sums over
 * i are of nonnegative terms, raised here by 4 (n + q) u for their rounding.
 */
export function componentwiseRepresentation(
  columns: Float64Array[],
  raw: boolean[],
  stride: number,
): RepresentationBound {
  return (vectors) => {
    const [xs, zs, ys] = columns as [Float64Array, Float64Array, Float64Array];
    const fx = raw[0] ? U : 0;
    const fz = raw[1] ? U : 0;
    const fy = raw[2] ? U : 0;
    type Vector = number[];
    const [b, b0, bm, bp, v0, v1, v2] = vectors.map((v) => Array.from(v)) as [
      Vector,
      Vector,
      Vector,
      Vector,
      Vector,
      Vector,
      Vector,
    ];
    const [b_0, b_1, b_2, b_3] = b as [number, number, number, number];
    const [e_0, , , e_3] = b0 as [number, number, number, number];
    const ab = [Math.abs(b_1), Math.abs(b_2), Math.abs(b_3)] as [number, number, number];
    const ae3 = Math.abs(e_3);
    const am = bm.map(Math.abs) as [number, number, number, number];
    const ap = bp.map(Math.abs) as [number, number, number, number];
    const [c00, c01, c02] = v0 as [number, number, number];
    const [c10, c11, c12] = v1 as [number, number, number];
    const [c20, c21, c22] = v2 as [number, number, number];
    const [a01, a02] = [Math.abs(c01), Math.abs(c02)];
    const [a11, a12] = [Math.abs(c11), Math.abs(c12)];
    const [a21, a22] = [Math.abs(c21), Math.abs(c22)];
    // The nine sums: RSS, TSS, ESS; then (v_j, b) and (v_j, v_j) for each j.
    let sRss = 0;
    let sTss = 0;
    let sEss = 0;
    let sB0 = 0;
    let sG0 = 0;
    let sB1 = 0;
    let sG1 = 0;
    let sB2 = 0;
    let sG2 = 0;
    const n = xs.length;
    for (let i = 0; i < n; i += stride) {
      const x = xs[i] as number;
      const z = zs[i] as number;
      const y = ys[i] as number;
      const hx = fx * (Math.abs(x) + TINY_OVER_U);
      const hz = fz * (Math.abs(z) + TINY_OVER_U);
      const hy = fy * (Math.abs(y) + TINY_OVER_U);
      const r = b_0 + b_1 * x + b_2 * z + b_3 * y;
      const e = e_0 + e_3 * y;
      const wb = hx * ab[0] + hz * ab[1] + hy * ab[2];
      sRss += Math.abs(r) * wb;
      sTss += Math.abs(e) * hy * ae3;
      sEss +=
        Math.abs(e - r) * (hx * ap[1] + hz * ap[2] + hy * ap[3]) +
        (hx * am[1] + hz * am[2] + hy * am[3]) * Math.abs(e + r);
      const ar = Math.abs(r);
      const d0 = Math.abs(c00 + c01 * x + c02 * z);
      const w0 = hx * a01 + hz * a02;
      sB0 += d0 * wb + w0 * ar;
      sG0 += d0 * w0;
      const d1 = Math.abs(c10 + c11 * x + c12 * z);
      const w1 = hx * a11 + hz * a12;
      sB1 += d1 * wb + w1 * ar;
      sG1 += d1 * w1;
      const d2 = Math.abs(c20 + c21 * x + c22 * z);
      const w2 = hx * a21 + hz * a22;
      sB2 += d2 * wb + w2 * ar;
      sG2 += d2 * w2;
    }
    const grow = stride * (1 + 4 * (n + 4) * U);
    return Float64Array.of(2 * sRss, 2 * sTss, sEss, sB0, 2 * sG0, sB1, 2 * sG1, sB2, 2 * sG2).map(
      (t) => t * grow,
    );
  };
}
