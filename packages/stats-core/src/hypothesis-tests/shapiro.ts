import { primeOnce } from '../internal/prime';
import { sortedSample } from '../internal/sortedSample';
import type { Sample } from '../internal/validate';

export interface ShapiroResult {
  /** The Shapiro-Wilk W statistic. */
  statistic: number;
  pvalue: number;
}

/**
 * Shapiro-Wilk test for normality, as scipy.stats.shapiro (scipy 1.17):
 * Royston's algorithm AS R94 (Applied Statistics 44, 1995; scipy's swilk),
 * with the same approximations for the coefficients a_i, the statistic
 * W = (sum a_i x_(i))^2 / sum (x_i - mean)^2, and the normalising
 * transformation of W for the p-value (exact for n = 3). As scipy, the data
 * are sorted and shifted by x[floor(n/2)] first; p-values for n > 5000 are
 * computed but may be inaccurate (scipy warns).
 *
 * @param x - the sample
 * @returns `{ statistic, pvalue }`; NaN for fewer than 3 values or any NaN;
 *   W = 1, p = 1 for data with zero range, as scipy
 * @throws StatsInputError for non-numeric input
 * @example shapiro([2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.1]).statistic // 0.9639247731413361
 */
export function shapiro(x: Sample): ShapiroResult {
  const sorted = sortedSample('shapiro', 'x', x, 0);
  const n = sorted?.length ?? 0;
  if (sorted === undefined || n < 3) return { statistic: Number.NaN, pvalue: Number.NaN };
  // scipy's shift is x[n // 2] of the data as given (the sort's buffer is a copy).
  const shift = (x as Sample)[Math.floor(n / 2)] as number;
  // swilk shifts and scales the sorted copy in place.
  primeOnce(swilk, primeSwilk);
  return swilk(sorted, shift);
}

/**
 * swilk (and the coefficients) on 24 sorted doubles, for primeOnce:
 * unprimed, a process's first call on 1e5 values compiled each of swilk's
 * loops on-stack, and the code after them deoptimised on every later call
 * (--trace-deopt: three deopts a call, 2026-12-07).
 */
function primeSwilk(): void {
  const x = Float64Array.from({ length: 24 }, (_, i) => Math.sin(i * 0.7) * 2.5 + i * 0.01);
  swilk(x.sort(), x[12] as number);
}

const C1 = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
const C2 = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
const C3 = [0.544, -0.39978, 0.025054, -6.714e-4];
const C4 = [1.3822, -0.77857, 0.062767, -2.0322e-3];
const C5 = [-1.5861, -0.31082, -0.083751, 3.8915e-3];
const C6 = [-0.4803, -0.082676, 3.0302e-3];
const G = [-2.273, 0.459];
const SMALL = 1e-19;

/** swilk's polynomial: c[0] + c[1] x + ... + c[k] x^k, by Horner. */
function poly(c: readonly number[], x: number): number {
  const nord = c.length;
  const res = c[0] as number;
  if (nord === 1) return res;
  let p = x * (c[nord - 1] as number);
  if (nord === 2) return res + p;
  for (let i = nord - 2; i > 0; i--) p = (p + (c[i] as number)) * x;
  return res + p;
}

/** AS 111 normal quantile (ppnd), the approximation swilk uses for its coefficients. */
function ppnd(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.42) {
    const r = q * q;
    return (
      (q * (((-25.44106049637 * r + 41.39119773534) * r + -18.61500062529) * r + 2.50662823884)) /
      ((((3.13082909833 * r + -21.06224101826) * r + 23.08336743743) * r + -8.4735109309) * r + 1)
    );
  }
  let r = q > 0 ? 1 - p : p;
  if (!(r > 0)) return 0;
  r = Math.sqrt(-Math.log(r));
  const t =
    (((2.32121276858 * r + 4.85014127135) * r + -2.29796479134) * r + -2.78718931138) /
    ((1.63706781897 * r + 3.54388924762) * r + 1);
  return q < 0 ? -t : t;
}

/** AS 66 upper normal tail (alnorm, upper = true), as swilk evaluates it. */
function alnormUpper(x: number): number {
  let upper = true;
  let z = x;
  if (!(z > 0)) {
    upper = false;
    z = -z;
  }
  if (!(z <= 7 || (upper && z <= 38))) return upper ? 0 : 1;
  const y = 0.5 * z * z;
  let temp: number;
  if (z <= 1.28) {
    temp =
      0.5 -
      z *
        (0.398942280444 -
          (0.399903438504 * y) /
            (y +
              5.75885480458 -
              29.8213557808 / (y + 2.62433121679 + 48.6959930692 / (y + 5.92885724438))));
  } else {
    temp =
      (0.398942280385 * Math.exp(-y)) /
      (z -
        3.8052e-8 +
        1.00000615302 /
          (z +
            3.98064794e-4 +
            1.98615381364 /
              (z -
                0.151679116635 +
                5.29330324926 /
                  (z +
                    4.8385912808 -
                    15.1508972451 / (z + 0.742380924027 + 30.789933034 / (z + 3.99019417011))))));
  }
  return upper ? temp : 1 - temp;
}

/**
 * Royston's coefficients a_1..a_{n/2} for n values (swilk's a, before the
 * data are read), with the two sums over them swilk forms: `mean`, the mean
 * of the n signed coefficients (-a_i in the lower half, +a_i in the upper,
 * 0 in the middle: zero but for rounding), and `sumSquares`, the sum of
 * their squared deviations from it, in swilk's order. They depend on n only,
 * so the last n's are kept: a caller testing samples of one size (a batch, a
 * warm Lambda serving the same form) skips the n/2 normal quantiles and both
 * sums. Read-only once returned.
 */
function coefficients(n: number): Coefficients {
  if (kept !== undefined && kept.n === n) return kept;
  const a = royston(n);
  let sa = -(a[0] as number);
  for (let i = 1, j = n - 2; i < n; i++, j--) {
    if (i !== j) sa += (i < j ? -1 : 1) * (a[Math.min(i, j)] as number);
  }
  sa /= n;
  let ssa = 0;
  for (let i = 0; i < n; i++) {
    const j = n - 1 - i;
    const asa = (i === j ? 0 : i < j ? -(a[i] as number) : (a[j] as number)) - sa;
    ssa += asa * asa;
  }
  kept = { n, a, mean: sa, sumSquares: ssa };
  return kept;
}

interface Coefficients {
  n: number;
  a: Float64Array;
  mean: number;
  sumSquares: number;
}

/** coefficients' last result (only its n: they are the same for every sample of that size). */
let kept: Coefficients | undefined;

/** swilk's coefficient computation (AS R94): a_1..a_{n/2} for n values. */
function royston(n: number): Float64Array {
  const nn2 = Math.floor(n / 2);
  const a = new Float64Array(nn2);
  const an = n;
  if (n === 3) {
    a[0] = Math.SQRT1_2;
    return a;
  }
  const an25 = an + 0.25;
  let summ2 = 0;
  for (let i = 0; i < nn2; i++) {
    const m = ppnd((i + 1 - 0.375) / an25);
    a[i] = m;
    summ2 += m * m;
  }
  summ2 *= 2;
  const ssumm2 = Math.sqrt(summ2);
  const rsn = 1 / Math.sqrt(an);
  const a0 = a[0] as number;
  const a1 = poly(C1, rsn) - a0 / ssumm2;
  let i1: number;
  let fac: number;
  if (n > 5) {
    i1 = 2;
    const a2 = -(a[1] as number) / ssumm2 + poly(C2, rsn);
    fac = Math.sqrt(
      (summ2 - 2 * a0 ** 2 - 2 * (a[1] as number) ** 2) / (1 - 2 * a1 ** 2 - 2 * a2 ** 2),
    );
    a[1] = a2;
  } else {
    i1 = 1;
    fac = Math.sqrt((summ2 - 2 * a0 ** 2) / (1 - 2 * a1 ** 2));
  }
  a[0] = a1;
  for (let i = i1; i < nn2; i++) a[i] = (a[i] as number) * (-1 / fac);
  return a;
}

/**
 * swilk on the sorted values x, shifted by `shift` (scipy's x - x[n // 2]).
 * x is scratch: it is overwritten with (x - shift) / range, each value
 * computed once with the same operations swilk does twice. The sums run in
 * swilk's order, the coefficients' side of them taken from `coefficients`.
 */
function swilk(x: Float64Array, shift: number): ShapiroResult {
  const n = x.length;
  const { a, mean: sa, sumSquares: ssa } = coefficients(n);
  const an = n;
  const range = (x[n - 1] as number) - shift - ((x[0] as number) - shift);
  if (range < SMALL) return { statistic: 1, pvalue: 1 };
  let sx = 0;
  for (let i = 0; i < n; i++) {
    const v = ((x[i] as number) - shift) / range;
    x[i] = v;
    sx += v;
  }
  sx /= n;
  let ssx = 0;
  let sax = 0;
  // The i-th order statistic's coefficient: -a[i] in the lower half, 0 in
  // the middle (n odd), +a[n-1-i] in the upper half.
  const half = a.length;
  for (let i = 0; i < half; i++) {
    const asa = -(a[i] as number) - sa;
    const xsx = (x[i] as number) - sx;
    ssx += xsx * xsx;
    sax += asa * xsx;
  }
  if (n % 2 === 1) {
    const xsx = (x[half] as number) - sx;
    ssx += xsx * xsx;
    sax += (0 - sa) * xsx;
  }
  for (let i = n - half; i < n; i++) {
    const asa = (a[n - 1 - i] as number) - sa;
    const xsx = (x[i] as number) - sx;
    ssx += xsx * xsx;
    sax += asa * xsx;
  }
  const ssassx = Math.sqrt(ssa * ssx);
  const w1 = ((ssassx - sax) * (ssassx + sax)) / (ssa * ssx);
  const w = 1 - w1;

  if (n === 3) {
    if (w < 0.75) return { statistic: 0.75, pvalue: 0 };
    return { statistic: w, pvalue: 1 - (6 / Math.PI) * Math.acos(Math.sqrt(w)) };
  }
  let y = Math.log(w1);
  const xx = Math.log(an);
  let m: number;
  let s: number;
  if (n <= 11) {
    const gamma = poly(G, an);
    if (y >= gamma) return { statistic: w, pvalue: SMALL };
    y = -Math.log(gamma - y);
    m = poly(C3, an);
    s = Math.exp(poly(C4, an));
  } else {
    m = poly(C5, xx);
    s = Math.exp(poly(C6, xx));
  }
  return { statistic: w, pvalue: alnormUpper((y - m) / s) };
}
