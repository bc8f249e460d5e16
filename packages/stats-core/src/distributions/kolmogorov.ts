import { primeOnce } from '../internal/prime';

/**
 * Survival function of Kolmogorov's limiting distribution (scipy's
 * `kolmogorov`, `kstwobign.sf`): P(sqrt(n) D_n > x) as n -> infinity,
 * 2 sum_{k>=1} (-1)^{k-1} exp(-2 k^2 x^2), evaluated as scipy's cephes does
 * (the Jacobi theta form for x <= 0.82, the alternating series above).
 *
 * @param x - the scaled statistic sqrt(n) D; x <= 0.0406 gives 1
 * @example kolmogorovSf(1.3580986393225505) // 0.05
 */
export function kolmogorovSf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= Math.PI / Math.sqrt((708 + 38) * 8)) return 1;
  if (x <= 0.82) {
    const w = Math.sqrt(2 * Math.PI) / x;
    const logu8 = (-Math.PI * Math.PI) / (x * x);
    const u = Math.exp(logu8 / 8);
    if (u === 0) return 1 - Math.exp(logu8 / 8 + Math.log(w));
    const u8 = Math.exp(logu8);
    let p = 1 + u8 ** 3;
    p = 1 + u8 * u8 * p;
    p = 1 + u8 * p;
    return Math.min(1, Math.max(0, 1 - w * u * p));
  }
  const v = Math.exp(-2 * x * x);
  const v3 = v ** 3;
  let p = 1 - v3 * v3 * v;
  p = 1 - v3 * v * v * p;
  p = 1 - v3 * p;
  return Math.min(1, Math.max(0, 2 * v * p));
}

const E128 = 2 ** 128;
const EM128 = 2 ** -128;
const clip = (p: number) => Math.min(1, Math.max(0, p));

/**
 * Survival function of the exact two-sided one-sample Kolmogorov-Smirnov
 * statistic D_n (scipy's `kstwo.sf(d, n)`, Simard and L'Ecuyer's method
 * choice as scipy's _kolmogn): Ruben-Gambino closed forms at the ends,
 * Durbin's matrix (Marsaglia-Tsang-Wang) or Pomeranz for small n d^2,
 * Pelz-Good asymptotics for large n, and 2 P(D+_n >= d) in the upper tail.
 *
 * @param d - the statistic, in [0, 1]
 * @param n - the sample size, a positive integer (NaN otherwise)
 * @example kolmogorovTwoSidedSf(0.2, 50) // 0.03143877776953241
 */
export function kolmogorovTwoSidedSf(d: number, n: number): number {
  if (Number.isNaN(d) || !Number.isInteger(n) || n <= 0) return Number.NaN;
  if (d >= 1) return 0;
  if (d <= 0) return 1;
  const t = n * d;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= (i / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clip(1 - prob);
  }
  if (t >= n - 1) return clip(2 * (1 - d) ** n);
  if (d >= 0.5) return clip(2 * smirnovSf(n, d));
  const nxSquared = t * d;
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clip(1 - durbinCdf(n, d));
    if (nxSquared <= 4) return clip(1 - pomeranzCdf(n, d));
    return clip(2 * smirnovSf(n, d));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clip(2 * smirnovSf(n, d));
  const cdf = n <= 100000 && n * d ** 1.5 <= 1.4 ? durbinCdf(n, d) : 1 - pelzGoodSf(n, d);
  return clip(1 - cdf);
}

/** log(n! / n^n) by Stirling's series (scipy's _log_nfactorial_div_n_pow_n). */
function logFactorialOverPower(n: number): number {
  const coeffs = [
    -3617 / 122400,
    1 / 156,
    -691 / 360360,
    1 / 1188,
    -1 / 1680,
    1 / 1260,
    -1 / 360,
    1 / 12,
  ];
  const rn = 1 / n;
  let poly = 0;
  for (const c of coeffs) poly = poly * (rn / n) + c;
  return Math.log(n) / 2 - n + Math.log(2 * Math.PI) / 2 + rn * poly;
}

/**
 * One-sided Smirnov tail P(D+_n >= d) by the Birnbaum-Tingey sum of positive
 * terms, sum_{v <= n(1-d)} (d / p_v) Binomial(v; n, p_v), p_v = d + v/n,
 * each binomial term by Loader's saddle-point form (Stirling errors and
 * bd0), which keeps full relative precision for any n (scipy evaluates the
 * same sum in double-double arithmetic).
 */
function smirnovSf(n: number, d: number): number {
  primeOnce(smirnovSf, primeSmirnovSf);
  if (d <= 0) return 1;
  if (d >= 1) return 0;
  const nd = n * d;
  const top = Math.floor(n * (1 - d));
  let sum = Math.exp(n * Math.log1p(-d));
  for (let v = 1; v <= top; v++) {
    const np = nd + v;
    const nq = n - np;
    if (nq <= 0) continue;
    const lc =
      stirlingError(n) - stirlingError(v) - stirlingError(n - v) - bd0(v, np) - bd0(n - v, nq);
    const lf = Math.log(2 * Math.PI) + Math.log(v) + Math.log1p(-v / n);
    sum += (nd / np) * Math.exp(lc - 0.5 * lf);
  }
  return clip(sum);
}

/**
 * smirnovSf for n = 40 (its sum's terms through every branch of
 * stirlingError and bd0 but the largest k's, which stirlingError(n) takes at
 * large n), for primeOnce: unprimed, ks_2samp's first call at 1e5 per
 * sample compiled the sum's loop on-stack before the clip after it had
 * ever been called, and every later call deoptimised there, twice a call
 * (--trace-deopt, 2026-12-07).
 */
function primeSmirnovSf(): void {
  smirnovSf(40, 0.1);
}

/** log(k!) - ((k + 1/2) log k - k + log sqrt(2 pi)) for integer k >= 1 (Loader 2000). */
function stirlingError(k: number): number {
  if (k <= 15) {
    let logFactorial = 0;
    let f = 1;
    for (let i = 2; i <= k; i++) f *= i;
    logFactorial = Math.log(f);
    return logFactorial - (k + 0.5) * Math.log(k) + k - 0.5 * Math.log(2 * Math.PI);
  }
  const s0 = 1 / 12;
  const s1 = 1 / 360;
  const s2 = 1 / 1260;
  const s3 = 1 / 1680;
  const s4 = 1 / 1188;
  const kk = k * k;
  if (k > 500) return (s0 - s1 / kk) / k;
  if (k > 80) return (s0 - (s1 - s2 / kk) / kk) / k;
  if (k > 35) return (s0 - (s1 - (s2 - s3 / kk) / kk) / kk) / k;
  return (s0 - (s1 - (s2 - (s3 - s4 / kk) / kk) / kk) / kk) / k;
}

/** x log(x / m) + m - x, without cancellation when x is near m (Loader 2000). */
function bd0(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/** Durbin's matrix method as Marsaglia, Tsang and Wang (scipy's _kolmogn_DMTW): P(D_n < d). */
function durbinCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const H = Array.from({ length: m }, () => new Float64Array(m));
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) (H[r] as Float64Array)[i] = w[r - i + 1] as number;
  }
  for (let r = 0; r < m; r++) (H[r] as Float64Array)[0] = v[r] as number;
  for (let c = 0; c < m; c++) (H[m - 1] as Float64Array)[c] = v[m - 1 - c] as number;

  const matmul = (A: Float64Array[], B: Float64Array[]) =>
    A.map((row) => {
      const out = new Float64Array(m);
      for (let p = 0; p < m; p++) {
        const a = row[p] as number;
        if (a === 0) continue;
        const bp = B[p] as Float64Array;
        for (let c = 0; c < m; c++) out[c] = (out[c] as number) + a * (bp[c] as number);
      }
      return out;
    });
  let Hp: Float64Array[] = Array.from({ length: m }, (_, i) => {
    const row = new Float64Array(m);
    row[i] = 1;
    return row;
  });
  let Hc = H;
  let nn = n;
  let expnt = 0;
  let hExpnt = 0;
  while (nn > 0) {
    if (nn % 2) {
      Hp = matmul(Hp, Hc);
      expnt += hExpnt;
    }
    Hc = matmul(Hc, Hc);
    hExpnt *= 2;
    if (Math.abs((Hc[k - 1] as Float64Array)[k - 1] as number) > E128) {
      Hc = Hc.map((row) => row.map((x) => x / E128));
      hExpnt += 128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = (Hp[k - 1] as Float64Array)[k - 1] as number;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= E128;
      expnt -= 128;
    }
  }
  return clip(p * 2 ** expnt);
}

/** Pomeranz's recursion (scipy's _kolmogn_Pomeranz): P(D_n < x). */
function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = 1;
  twogpower[0] = 1;
  onem2gpower[0] = 1;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = ((gpower[m - 1] as number) * (g / n)) / m;
    twogpower[m] = ((twogpower[m - 1] as number) * ((2 * g) / n)) / m;
    onem2gpower[m] = ((onem2gpower[m - 1] as number) * ((1 - 2 * g) / n)) / m;
  }
  const bounds = (i: number): [number, number] => {
    let j1: number;
    let j2: number;
    if (i === 0) {
      j1 = -ll - ceilf - 1;
      j2 = ll + ceilf - 1;
    } else {
      const half = Math.floor((i + 1) / 2);
      if ((i + 1) % 2 === 0) {
        if (half === n + 1) {
          j1 = n - ll - ceilf - 1;
          j2 = n + ll + ceilf - 1;
        } else {
          j1 = half - 1 - ll - roundf - 1;
          j2 = half + ll - 1 + ceilf - 1;
        }
      } else {
        j1 = half - 1 - ll - 1;
        j2 = half + ll + roundf - 1;
      }
    }
    return [Math.max(j1 + 2, 0), Math.min(j2, n)];
  };
  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0;
  let V1s = 0;
  let expnt = 0;
  let [j1, j2] = bounds(0);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = bounds(i);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      // conv = convolve(V0[k1 - V0s .. + ln2], pwrs[0 .. ln2]); keep entries convStart .. convStart + convLen.
      const base = k1 - V0s;
      for (let c = 0; c < convLen; c++) {
        const idx = convStart + c;
        let s = 0;
        for (let a = Math.max(0, idx - ln2 + 1); a <= Math.min(idx, ln2 - 1); a++) {
          s += (V0[base + a] as number) * (pwrs[idx - a] as number);
        }
        V1[c] = s;
      }
      let mx = 0;
      for (const v of V1) mx = Math.max(mx, v);
      if (mx > 0 && mx < EM128) {
        for (let c = 0; c < V1.length; c++) V1[c] = (V1[c] as number) * E128;
        expnt -= 128;
      }
      V1s = V0s + j1 - k1;
    }
  }
  let ans = V1[n - V1s] as number;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > E128) {
      ans *= EM128;
      expnt += 128;
    }
    ans *= m;
  }
  return clip(ans * 2 ** expnt);
}

/** Pelz-Good asymptotic series (scipy's _kolmogn_PelzGood), as a survival function. */
function pelzGoodSf(n: number, x: number): number {
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z3 = z2 * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const pi2 = Math.PI ** 2;
  const pi4 = pi2 * pi2;
  const pi6 = pi4 * pi2;
  const qlog = -pi2 / 8 / z2;
  if (qlog < -708) return 1;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = pi2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * pi2) / 4;
  const k2c = (pi4 * (1 - 2 * z2)) / 16;
  const k3d = (pi6 * (5 - 30 * z2)) / 64;
  const k3c = (pi4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (pi2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qpower = q ** (8 * k);
    const coeffs = [
      1,
      k1a + k1b * m2,
      k2a + k2b * m2 + k2c * m4,
      k3a + k3b * m2 + k3c * m4 + k3d * m6,
    ];
    for (let i = 0; i < 4; i++) K[i] = (K[i] as number) * qpower + (coeffs[i] as number);
  }
  const sqrt2pi = Math.sqrt(2 * Math.PI);
  const denominators = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = ((K[i] as number) * q * sqrt2pi) / (denominators[i] as number);
  q = Math.exp(-pi2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  const sqrt3z = Math.sqrt(3) * z;
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k;
    const qp = q ** k2;
    k2extra += k2 * qp;
    const kpi = Math.PI * k;
    k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qp;
  }
  K[2] = (K[2] as number) + (k2extra * pi2 * sqrt2pi) / (-36 * z3);
  K[3] = (K[3] as number) + (k3extra * pi2 * sqrt2pi) / (216 * z6);
  let sum = 1;
  for (let i = 0; i < 4; i++) sum -= (K[i] as number) / n ** (i / 2);
  return sum;
}
