/**
 * The augmented Gram matrix [1 X y]^T [1 X y] of ols's fused lane in
 * double-double: every entry a sum over the rows taken with exact products
 * (Dekker's, or the plain product when both columns are integers small
 * enough that it is exact) and error-free sums (Ogita, Rump and Oishi's
 * Dot2): |hi + lo - exact| <= {@link dot2Error} sqrt(G_aa G_bb).
 */

import { dot2 } from './doubleDouble';

const U = 2 ** -53;
const TWO_53 = 2 ** 53;

/**
 * Dot2's error bound relative to sum |a_i b_i| (at most sqrt(G_aa G_bb) by
 * Cauchy-Schwarz), unrounded: the products' and sums' error terms, each at
 * most u of a partial sum (below sum |a_i b_i|), gathered in one float64 sum
 * (gamma_n of their total), with room to spare: 3 (n + 2)^2 u^2.
 */
export function dot2Error(n: number): number {
  return 3 * (n + 2) * (n + 2) * U * U;
}

/** The q x q matrix, row-major, as hi and lo parts. */
export interface OlsGram {
  q: number;
  hi: Float64Array;
  lo: Float64Array;
}

/**
 * A q x q matrix of zeros and its setter: set(a, b, h, l) writes entry
 * (a, b) and its mirror (b, a).
 */
export function emptyGram(q: number): {
  gram: OlsGram;
  set: (a: number, b: number, h: number, l: number) => void;
} {
  const hi = new Float64Array(q * q);
  const lo = new Float64Array(q * q);
  const set = (a: number, b: number, h: number, l: number) => {
    hi[a * q + b] = h;
    lo[a * q + b] = l;
    hi[b * q + a] = h;
    lo[b * q + a] = l;
  };
  return { gram: { q, hi, lo }, set };
}

/**
 * The Gram matrix of the columns [1 (when `intercept`), columns...] (y
 * last among `columns`). `maxAbs[j]` (max |value| of column j, or Infinity
 * when unknown) picks the exact-product loop where a_i b_i is exact.
 */
export function olsGram(columns: Float64Array[], intercept: boolean, maxAbs: number[]): OlsGram {
  const n = (columns[0] as Float64Array).length;
  const k0 = intercept ? 1 : 0;
  const { gram, set } = emptyGram(columns.length + k0);
  if (columns.length === 3) {
    const block = exactBlock(maxAbs);
    if (block > 0) {
      gram3Exact(columns, block);
      const k0 = intercept ? 1 : 0;
      if (intercept) {
        set(0, 0, n, 0);
        for (let j = 0; j < 3; j++) set(0, j + 1, SUMS[2 * j] as number, SUMS[2 * j + 1] as number);
      }
      for (let t = 0; t < 6; t++) {
        const [j, k] = PAIRS[t] as [number, number];
        set(j + k0, k + k0, SUMS[6 + 2 * t] as number, SUMS[7 + 2 * t] as number);
      }
      return gram;
    }
  }
  if (intercept) {
    set(0, 0, n, 0);
    for (let j = 0; j < columns.length; j++) {
      const m = maxAbs[j] as number;
      if (m < TWO_53)
        blockedExact(columns[j] as Float64Array, null, Math.floor(TWO_53 / Math.max(m, 1)));
      else sum2(columns[j] as Float64Array);
      set(0, j + k0, outHi, outLo);
    }
  }
  for (let j = 0; j < columns.length; j++) {
    const a = columns[j] as Float64Array;
    for (let k = j; k < columns.length; k++) {
      const b = columns[k] as Float64Array;
      const m = (maxAbs[j] as number) * (maxAbs[k] as number);
      if (m < TWO_53) blockedExact(a, b, Math.floor(TWO_53 / Math.max(m, 1)));
      else {
        const [h, l] = dot2(a, b);
        outHi = h;
        outLo = l;
      }
      set(j + k0, k + k0, outHi, outLo);
    }
  }
  return gram;
}

/** The six products of three columns, in {@link gram3Exact}'s order. */
const PAIRS = [
  [0, 0],
  [0, 1],
  [0, 2],
  [1, 1],
  [1, 2],
  [2, 2],
] as const;
/** gram3Exact's results: three sums then six products, each as hi, lo. */
const SUMS = new Float64Array(18);

/**
 * Rows per block for which every plain sum of three integer columns (their
 * values and their six products) stays exact: block x max |term| <= 2^53.
 * 0 when a product may not be exact.
 */
function exactBlock(maxAbs: number[]): number {
  const m = Math.max(maxAbs[0] as number, maxAbs[1] as number, maxAbs[2] as number, 1);
  if (!(m * m < TWO_53)) return 0;
  return Math.floor(TWO_53 / (m * m));
}

/**
 * The Gram sums of three integer columns in one pass (nine plain
 * accumulators, exact within a block; the blocks added by TwoSum), into
 * {@link SUMS}. Integer columns need no Dekker split, so the nine sums fit
 * the registers that Dot2's eighteen did not.
 */
function gram3Exact(columns: Float64Array[], block: number): void {
  const a = columns[0] as Float64Array;
  const b = columns[1] as Float64Array;
  const c = columns[2] as Float64Array;
  const n = a.length;
  SUMS.fill(0);
  for (let from = 0; from < n; from += block) {
    const to = Math.min(n, from + block);
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let p0 = 0;
    let p1 = 0;
    let p2 = 0;
    let p3 = 0;
    let p4 = 0;
    let p5 = 0;
    for (let i = from; i < to; i++) {
      const x = a[i] as number;
      const y = b[i] as number;
      const z = c[i] as number;
      s0 += x;
      s1 += y;
      s2 += z;
      p0 += x * x;
      p1 += x * y;
      p2 += x * z;
      p3 += y * y;
      p4 += y * z;
      p5 += z * z;
    }
    addTo(0, s0);
    addTo(1, s1);
    addTo(2, s2);
    addTo(3, p0);
    addTo(4, p1);
    addTo(5, p2);
    addTo(6, p3);
    addTo(7, p4);
    addTo(8, p5);
  }
}

/** SUMS[2m] + SUMS[2m + 1] += x, error-free (TwoSum into the low part). */
function addTo(m: number, x: number): void {
  const s = SUMS[2 * m] as number;
  const t = s + x;
  const bb = t - s;
  SUMS[2 * m + 1] = (SUMS[2 * m + 1] as number) + (s - (t - bb) + (x - bb));
  SUMS[2 * m] = t;
}

let outHi = 0;
let outLo = 0;

/** sum a_i, error-free transformation (TwoSum) into outHi + outLo. */
function sum2(a: Float64Array): void {
  let s = 0;
  let e = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const t = s + x;
    const bb = t - s;
    e += s - (t - bb) + (x - bb);
    s = t;
  }
  outHi = s;
  outLo = e;
}

/**
 * sum a_i b_i (sum a_i when b is null) for integers whose products are
 * exact and below 2^53 / block: a plain sum over each block of `block` rows
 * is then exact too, and the blocks' sums are added error-free (TwoSum).
 */
function blockedExact(a: Float64Array, b: Float64Array | null, block: number): void {
  let s = 0;
  let e = 0;
  const n = a.length;
  for (let from = 0; from < n; from += block) {
    const to = Math.min(n, from + block);
    const x = b === null ? plainSum(a, from, to) : plainDot(a, b, from, to);
    const t = s + x;
    const bb = t - s;
    e += s - (t - bb) + (x - bb);
    s = t;
  }
  outHi = s;
  outLo = e;
}

function plainSum(a: Float64Array, from: number, to: number): number {
  let x = 0;
  for (let i = from; i < to; i++) x += a[i] as number;
  return x;
}

function plainDot(a: Float64Array, b: Float64Array, from: number, to: number): number {
  let x = 0;
  for (let i = from; i < to; i++) x += (a[i] as number) * (b[i] as number);
  return x;
}

/**
 * Adds the first-order decimal corrections to the Gram matrix: with
 * decimal = value + delta per entry (delta[j] null where the column is
 * exact), G_ab gains sum (a_i delta_b,i + delta_a,i b_i), summed in float64
 * (its error is below (n + 2) u of terms already u below the entries).
 */
export function addCorrections(
  g: OlsGram,
  columns: Float64Array[],
  deltas: (Float64Array | null)[],
  intercept: boolean,
): void {
  const k0 = intercept ? 1 : 0;
  const c = columns.length;
  const add = (a: number, b: number, v: number) => addToLow(g, a, b, v);
  for (let j = 0; j < c; j++) {
    const delta = deltas[j] ?? null;
    if (delta === null) continue;
    // t[k] = sum_i w_k,i delta_j,i (and t[c] = sum delta_j): G_jk gains t[k]
    // here and sum_i w_j,i delta_k,i in column k's turn.
    const t = crossSums(delta, columns);
    if (intercept) add(0, j + k0, t[c] as number);
    // (the diagonal G_jj gains 2 sum w_j delta_j: both terms are this loop's)
    for (let k = 0; k < c; k++) add(j + k0, k + k0, (k === j ? 2 : 1) * (t[k] as number));
  }
}

/** Adds v to the low part of entry (a, b) and of its mirror (b, a). */
export function addToLow(g: OlsGram, a: number, b: number, v: number): void {
  const { q, lo } = g;
  lo[a * q + b] = (lo[a * q + b] as number) + v;
  if (a !== b) lo[b * q + a] = (lo[b * q + a] as number) + v;
}

/** sum_i w_k,i d_i for each column w_k, then sum_i d_i: one pass for up to three columns. */
function crossSums(d: Float64Array, columns: Float64Array[]): number[] {
  const n = d.length;
  const c = columns.length;
  if (c <= 3) {
    const a = columns[0] as Float64Array;
    const b = columns[Math.min(1, c - 1)] as Float64Array;
    const e = columns[Math.min(2, c - 1)] as Float64Array;
    let sa = 0;
    let sb = 0;
    let se = 0;
    let sd = 0;
    for (let i = 0; i < n; i++) {
      const x = d[i] as number;
      sa += (a[i] as number) * x;
      sb += (b[i] as number) * x;
      se += (e[i] as number) * x;
      sd += x;
    }
    return [sa, sb, se].slice(0, c).concat(sd);
  }
  const out = new Array<number>(c + 1).fill(0);
  for (let k = 0; k < c; k++) {
    const w = columns[k] as Float64Array;
    let s = 0;
    for (let i = 0; i < n; i++) s += (w[i] as number) * (d[i] as number);
    out[k] = s;
  }
  let s = 0;
  for (let i = 0; i < n; i++) s += d[i] as number;
  out[c] = s;
  return out;
}
