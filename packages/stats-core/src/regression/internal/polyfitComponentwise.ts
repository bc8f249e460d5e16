import { type RepresentationBound, TINY_OVER_U } from './olsComponentwise';

const U = 2 ** -53;

/**
 * The representation part of {@link olsSolve}'s first-order bounds for
 * polyfit's cubic with an intercept (the augmented columns [1 T T^2 T^3 Y],
 * T = (x - c) / s for the double x), taken row by row as
 * `componentwiseRepresentation` takes ols's. A decimal of x moves every
 * power: with |decimal(x_i) - x_i| <= hx_i and |decimal(y_i) - y_i| <=
 * hy_i (h(v) = u |v|, at least half the ulp), row i of the augmented
 * design moves by D_i = delta_i / s [0, 1, 2T, 3T^2, 0] + dy_i e_Y, so the
 * Gram error is E = Z^T D + D^T Z (plus D^T D, second order) and a
 * first-order term a^T E c is at most
 *   sum_i |Z_i a| W_i(c) + W_i(a) |Z_i c|,
 *   W_i(c) = hx_i / s |c_1 + 2 c_2 T + 3 c_3 T^2| + hy_i |c_Y|,
 * which some sign pattern of the decimals reaches (with h half the ulp):
 * within 2x of the floor `bench/polyfit-bound-floor.ts` prints. The
 * powers' moves are taken together (the derivative of the polynomial
 * Z_i c in x), not power by power, so they may cancel as the floor's do.
 *
 * For the vectors b, b0, b0 - b, b0 + b, v_0..v_3 (as {@link olsSolve}
 * forms them; b0's power entries and the v's y entry are 0 and not read),
 * the sums of the pairs (b, b), (b0, b0), (b0 - b, b0 + b), then (v_j, b)
 * and (v_j, v_j). Every `stride`-th row, times `stride`: above 1 an
 * estimate (`rowwiseRepresentation`'s gate).
 *
 * Rigour at stride 1: t = (x - c) s^-1 and its powers, Z_i a and the
 * derivative are computed in float64, off by at most gamma_10 and gamma_11
 * of the same sums taken with absolute values; with W_i(c) <= u (|T| + A)
 * sum_k k |c_k| |T|^(k-1) + u |y| |c_Y| (A = |c| / s) and Cauchy-Schwarz
 * over the rows, that adds at most 22 u^2 (S(a) C(c) + C(a) S(c)), S(a) =
 * sum_l |a_l| s_l, C(c) = sum_k k |c_k| (s_k + A s_(k-1)) + |c_Y| s_Y (s
 * the augmented columns' norms, s_0 = sqrt(n)), added here (as 25 u^2);
 * the sums over rows are of nonnegative terms, raised by 4 (n + 8) u for
 * their rounding.
 */
export function cubicRepresentation(
  xs: Float64Array,
  ys: Float64Array,
  c: number,
  inv: number,
  norms: number[],
  stride: number,
): RepresentationBound {
  return (vectors) => {
    type Vector = [number, number, number, number, number];
    const [b, b0, bm, bp, v0, v1, v2, v3] = vectors.map((v) => Array.from(v)) as Vector[] as [
      Vector,
      Vector,
      Vector,
      Vector,
      Vector,
      Vector,
      Vector,
      Vector,
    ];
    const [b_0, b_1, b_2, b_3, b_4] = b;
    const b_2x2 = 2 * b_2;
    const b_3x3 = 3 * b_3;
    const ab4 = Math.abs(b_4);
    const e_0 = b0[0];
    const e_4 = b0[4];
    const ae4 = Math.abs(e_4);
    const am4 = Math.abs(bm[4]);
    const ap4 = Math.abs(bp[4]);
    const [c00, c01, c02, c03] = v0;
    const [c10, c11, c12, c13] = v1;
    const [c20, c21, c22, c23] = v2;
    const [c30, c31, c32, c33] = v3;
    const [d02, d03, d12, d13] = [2 * c02, 3 * c03, 2 * c12, 3 * c13];
    const [d22, d23, d32, d33] = [2 * c22, 3 * c23, 2 * c32, 3 * c33];
    // The eleven sums: RSS, TSS, ESS; then (v_j, b) and (v_j, v_j) for each j.
    let sRss = 0;
    let sTss = 0;
    let sEss = 0;
    let sB0 = 0;
    let sG0 = 0;
    let sB1 = 0;
    let sG1 = 0;
    let sB2 = 0;
    let sG2 = 0;
    let sB3 = 0;
    let sG3 = 0;
    const n = xs.length;
    // (module constants read once: unminified, as tsx runs the bench, each
    // use in the loop re-reads the binding)
    const tiny = TINY_OVER_U;
    const hxScale = U * inv;
    const hyScale = U;
    for (let i = 0; i < n; i += stride) {
      const x = xs[i] as number;
      const y = ys[i] as number;
      const t = (x - c) * inv;
      const t2 = t * t;
      const t3 = t2 * t;
      const hx = (Math.abs(x) + tiny) * hxScale;
      const hy = (Math.abs(y) + tiny) * hyScale;
      const r = b_0 + b_1 * t + b_2 * t2 + b_3 * t3 + b_4 * y;
      const xb = hx * Math.abs(b_1 + b_2x2 * t + b_3x3 * t2);
      const wb = xb + hy * ab4;
      const ar = Math.abs(r);
      sRss += ar * wb;
      const e = e_0 + e_4 * y;
      sTss += Math.abs(e) * hy * ae4;
      sEss += Math.abs(e - r) * (xb + hy * ap4) + (xb + hy * am4) * Math.abs(e + r);
      let d = Math.abs(c00 + c01 * t + c02 * t2 + c03 * t3);
      let w = hx * Math.abs(c01 + d02 * t + d03 * t2);
      sB0 += d * wb + w * ar;
      sG0 += d * w;
      d = Math.abs(c10 + c11 * t + c12 * t2 + c13 * t3);
      w = hx * Math.abs(c11 + d12 * t + d13 * t2);
      sB1 += d * wb + w * ar;
      sG1 += d * w;
      d = Math.abs(c20 + c21 * t + c22 * t2 + c23 * t3);
      w = hx * Math.abs(c21 + d22 * t + d23 * t2);
      sB2 += d * wb + w * ar;
      sG2 += d * w;
      d = Math.abs(c30 + c31 * t + c32 * t2 + c33 * t3);
      w = hx * Math.abs(c31 + d32 * t + d33 * t2);
      sB3 += d * wb + w * ar;
      sG3 += d * w;
    }
    const grow = stride * (1 + 4 * (n + 8) * U);
    const a = Math.abs(c) * inv;
    const S = (v: Vector) => v.reduce((sum, e, l) => sum + Math.abs(e) * (norms[l] as number), 0);
    const C = (v: Vector) => {
      let sum = Math.abs(v[4]) * (norms[4] as number);
      for (let k = 1; k <= 3; k++)
        sum += k * Math.abs(v[k] as number) * ((norms[k] as number) + a * (norms[k - 1] as number));
      return sum;
    };
    const rounding = (p: Vector, q: Vector) => 25 * U * U * (S(p) * C(q) + C(p) * S(q));
    const pairs: [number, Vector, Vector][] = [
      [2 * sRss, b, b],
      [2 * sTss, b0, b0],
      [sEss, bm, bp],
      [sB0, v0, b],
      [2 * sG0, v0, v0],
      [sB1, v1, b],
      [2 * sG1, v1, v1],
      [sB2, v2, b],
      [2 * sG2, v2, v2],
      [sB3, v3, b],
      [2 * sG3, v3, v3],
    ];
    return Float64Array.from(pairs, ([sum, p, q]) => sum * grow + rounding(p, q));
  };
}
