import { fisherFSf } from '../../distributions/fisherF';
import { studentTSf } from '../../distributions/studentT';
import { type Dd, dd, ddAdd, ddDiv, ddMul, ddSub, productError } from './doubleDouble';
import type { FitCore } from './fit';
import type { RepresentationBound } from './olsComponentwise';
import type { OlsGram } from './olsGram';
import { conditionNumber } from './singularValues';

const U = 2 ** -53;
/** Every field's relative bound must be below this (13 digits), p-values' below 1e-10. */
const TOLERANCE = 1e-13;
const P_TOLERANCE = 1e-10;
/** The bounds are first order; {@link FIRST_ORDER} keeps the rest below 1e-6 of them. */
const SAFETY = 1.25;
const FIRST_ORDER = 1e-6;

/** What {@link olsSolve} takes: the augmented Gram matrix and how it relates to the data. */
export interface OlsSolveInput {
  n: number;
  intercept: boolean;
  /** [1 X y]^T [1 X y] (the 1 only with an intercept), of the working columns. */
  gram: OlsGram;
  /**
   * Per augmented column (intercept first): how far its values may be from
   * the decimal data, relative to each value (0 when exact).
   */
  eps: number[];
  /** The Gram sums' own error, relative to sqrt(G_aa G_bb). */
  sumError: number;
  /**
   * Per data column (X's then y): working value w = x 10^places - shift,
   * exactly (places 0 and shift 0 for a column taken as given).
   */
  places: number[];
  shifts: number[];
  /**
   * Optional (for bases other than ols's shifted columns, e.g. polyfit's
   * shifted and scaled powers): coefficient j of the answer is
   * rows[j] . beta in the working basis (every entry exact in float64), and
   * the design as given is the working design times `givenTransform` (p x
   * p). With it, `places` and `shifts` must be all 0.
   */
  outputs?: { rows: number[][]; givenTransform: number[][] };
  /**
   * Optional: the representation part of the bounds (eps_a + eps_b above)
   * taken row by row ({@link componentwiseRepresentation}); eps still
   * bounds the second-order terms and the first-order check. With `gate`
   * (an estimate, cheaper), the fields are checked on it first and the
   * exact sums are taken only when that passes; only `exact` decides.
   */
  representation?: { exact: RepresentationBound; gate?: RepresentationBound };
}

export interface OlsSolved {
  fit: FitCore;
  /** 2-norm condition number of the design as given (intercept included). */
  conditionNumber: number;
}

/**
 * Least squares from the augmented Gram matrix G = [A y]^T [A y], factored
 * by Cholesky in double-double: G = R^T R gives, with no pass over the
 * rows, the working coefficients beta = R_A^-1 r_y, RSS = R_yy^2 (the last
 * pivot), the explained sum of squares sum_j R_jy^2 over X's rows (no
 * cancellation, so an R^2 near 0 keeps its digits) and, for any u, the
 * variance factor u^T (A^T A)^-1 u = ||R_A^-T u||^2 (a sum of squares: the
 * shifted design's intercept keeps its digits too).
 *
 * Error bound, against the exact fit of the decimal data. The matrix that
 * was factored differs from the data's exact Gram matrix by E with
 * |E_ab| <= eta_ab s_a s_b (s_a = sqrt(G_aa); eta_ab = eps_a + eps_b +
 * eps_a eps_b from the data's representation, plus the sums' error, plus
 * the double-double factorisation's backward error). To first order (the
 * envelope theorem for the minimum RSS; the derivative of M^-1):
 *   d RSS = b^T E b, b = [-beta; 1]; d TSS = b0^T E b0, b0 = [-ybar, 0.., 1];
 *   d ESS = (b0 - b)^T E (b0 + b); d (u^T beta) = [v; 0]^T E b and
 *   d (u^T M^-1 u) = -[v; 0]^T E [v; 0], v = M^-1 u;
 * each bounded by B(a, c) = sum |a_a| |c_b| eta_ab s_a s_b. The remainder is
 * below rho = max eta q ||S^-1 M^-1 S^-1||_F of them, required under 1e-6,
 * and SAFETY covers it. null when a bound fails (or the design is rank
 * deficient): the caller falls back to the slower lanes.
 */
export function olsSolve(s: OlsSolveInput): OlsSolved | null {
  const { n, intercept, gram, eps, sumError } = s;
  const { q } = gram;
  const p = q - 1;
  const k0 = intercept ? 1 : 0;
  const dfResidual = n - p;
  const dfModel = p - k0;
  const G = (a: number, b: number): Dd =>
    dd(gram.hi[a * q + b] as number, gram.lo[a * q + b] as number);

  // Far from under- and overflow (as the QR lane): the products and splits
  // behind the sums are then exact, and a subnormal value's rounding (an
  // absolute 2^-1075) is below u of its column's norm.
  for (let a = 0; a < q; a++) {
    const g = gram.hi[a * q + a] as number;
    if (!(g > 1e-200 && g < 1e200)) return null;
  }

  // Cholesky in double-double, R = RH + RL (row-major, upper triangle),
  // with scalar operations (no pair objects: this runs on every call).
  const RH = new Float64Array(q * q);
  const RL = new Float64Array(q * q);
  let rss: Dd = dd(0);
  for (let j = 0; j < q; j++) {
    let dh = gram.hi[j * q + j] as number;
    let dl = gram.lo[j * q + j] as number;
    for (let i = 0; i < j; i++) {
      const h = RH[i * q + j] as number;
      const l = RL[i * q + j] as number;
      const mh = mulH(h, l, h, l);
      dh = addH(dh, dl, -mh, -LO);
      dl = LO;
    }
    if (j === p) {
      rss = dd(dh, dl);
      break;
    }
    if (!(dh > 1e-28 * (gram.hi[j * q + j] as number))) return null;
    const rh = sqrtH(dh, dl);
    const rl = LO;
    RH[j * q + j] = rh;
    RL[j * q + j] = rl;
    for (let c = j + 1; c < q; c++) {
      let th = gram.hi[j * q + c] as number;
      let tl = gram.lo[j * q + c] as number;
      for (let i = 0; i < j; i++) {
        const mh = mulH(
          RH[i * q + j] as number,
          RL[i * q + j] as number,
          RH[i * q + c] as number,
          RL[i * q + c] as number,
        );
        th = addH(th, tl, -mh, -LO);
        tl = LO;
      }
      RH[j * q + c] = divH(th, tl, rh, rl);
      RL[j * q + c] = LO;
    }
  }
  if (!(rss.hi > 0)) return null;
  const at = (i: number, j: number) => RH[i * q + j] as number;
  const R = (i: number, j: number): Dd => dd(RH[i * q + j] as number, RL[i * q + j] as number);

  const scale = Array.from({ length: q }, (_, a) => Math.sqrt(G(a, a).hi) * (1 + 1e-12));
  // Entry bounds eta_ab; the double-double factorisation's backward error
  // (a few units of 2^-104 per operation, q of them per entry) is folded in.
  const ddError = 16 * (q + 2) * (q + 2) * 2 ** -104;
  // With a row-by-row representation bound, eta keeps the rest: eps_a eps_b,
  // the sums, and the rounding of its |Z_i a| (4 (q + 1) u^2, see there).
  const rowwise = s.representation !== undefined;
  const eta = new Float64Array(q * q);
  let etaMax = 0;
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < q; b++) {
      const ea = eps[a] as number;
      const eb = eps[b] as number;
      const rest = ea * eb + sumError + ddError;
      const e = ea + eb + ea * eb + sumError + ddError;
      eta[a * q + b] = rowwise ? rest + 4 * (q + 1) * U * U : e;
      if (e > etaMax) etaMax = e;
    }
  }
  // The row-by-row terms of the pairs bounded (below), when rowwise.
  let rowTerms: Float64Array = new Float64Array(0);
  const bound = (x: ArrayLike<number>, y: ArrayLike<number>, pair = -1) => {
    let t = 0;
    for (let a = 0; a < q; a++) {
      const xa = Math.abs(x[a] as number) * (scale[a] as number);
      if (xa === 0) continue;
      let row = 0;
      for (let b = 0; b < q; b++) {
        row += (eta[a * q + b] as number) * Math.abs(y[b] as number) * (scale[b] as number);
      }
      t += xa * row;
    }
    if (rowwise) t += rowTerms[pair] as number;
    return SAFETY * t * (1 + 1e-12);
  };

  // R_A^-1 (float64) for M^-1 = R^-1 R^-T: the first-order check and the v's.
  const inverse: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let c = 0; c < p; c++) {
    for (let i = c; i >= 0; i--) {
      let t = i === c ? 1 : 0;
      for (let l = i + 1; l <= c; l++) t -= at(i, l) * ((inverse[l] as number[])[c] as number);
      (inverse[i] as number[])[c] = t / at(i, i);
    }
  }
  let frobenius2 = 0;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      let m = 0;
      for (let l = Math.max(i, j); l < p; l++) {
        m += ((inverse[i] as number[])[l] as number) * ((inverse[j] as number[])[l] as number);
      }
      frobenius2 += (m * (scale[i] as number) * (scale[j] as number)) ** 2;
    }
  }
  if (!(etaMax * q * Math.sqrt(frobenius2) < FIRST_ORDER)) return null;

  // beta (float64, for the bound vectors) and b = [-beta; 1].
  const beta = new Array<number>(p).fill(0);
  for (let i = p - 1; i >= 0; i--) {
    let t = at(i, p);
    for (let l = i + 1; l < p; l++) t -= at(i, l) * (beta[l] as number);
    beta[i] = t / at(i, i);
  }
  const b = [...beta.map((v) => -v), 1];
  const b0 = new Array<number>(q).fill(0);
  b0[p] = 1;
  if (intercept) b0[0] = -G(0, p).hi / n;

  let ess = dd(0);
  for (let i = k0; i < p; i++) ess = ddAdd(ess, ddMul(R(i, p), R(i, p)));
  const tss = ddAdd(ess, rss);
  const tiny = 1e-28;
  const bMinus = b0.map((v, a) => v - (b[a] as number));
  const bPlus = b0.map((v, a) => v + (b[a] as number));

  // Coefficients and variance factors: u = e_j, or for a shifted design's
  // intercept u = [1, -c_1, ..., -c_k] (its working value is u^T beta + c_y).
  const { places, shifts } = s;
  const k = p - k0;
  const yPlaces = places[k] as number;
  const yShift = shifts[k] as number;
  const df = dd(dfResidual);
  const gs: Dd[] = [];
  const phis: Dd[] = [];
  const vs: number[][] = [];
  for (let j = 0; j < p; j++) {
    const u = new Array<number>(p).fill(0);
    if (s.outputs) {
      const row = s.outputs.rows[j] as number[];
      for (let t = 0; t < p; t++) u[t] = row[t] as number;
    } else {
      if (intercept && j === 0) for (let t = 0; t < k; t++) u[t + 1] = -(shifts[t] as number);
      u[j] = 1;
    }
    // w = R^-T u, g = ||w||^2, phi = w^T r_y, v = R^-1 w = M^-1 u.
    const wh = new Float64Array(p);
    const wl = new Float64Array(p);
    let gh = 0;
    let gl = 0;
    let fh = 0;
    let fl = 0;
    for (let i = 0; i < p; i++) {
      let th = u[i] as number;
      let tl = 0;
      for (let l = 0; l < i; l++) {
        const mh = mulH(
          RH[l * q + i] as number,
          RL[l * q + i] as number,
          wh[l] as number,
          wl[l] as number,
        );
        th = addH(th, tl, -mh, -LO);
        tl = LO;
      }
      const xh = divH(th, tl, RH[i * q + i] as number, RL[i * q + i] as number);
      const xl = LO;
      wh[i] = xh;
      wl[i] = xl;
      let mh = mulH(xh, xl, xh, xl);
      gh = addH(gh, gl, mh, LO);
      gl = LO;
      mh = mulH(xh, xl, RH[i * q + p] as number, RL[i * q + p] as number);
      fh = addH(fh, fl, mh, LO);
      fl = LO;
    }
    const g = dd(gh, gl);
    const phi = dd(fh, fl);
    const v = new Array<number>(q).fill(0);
    for (let i = p - 1; i >= 0; i--) {
      let t = wh[i] as number;
      for (let l = i + 1; l < p; l++) t -= at(i, l) * (v[l] as number);
      v[i] = t / at(i, i);
    }
    gs.push(g);
    phis.push(phi);
    vs.push(v);
  }

  // Pairs 0..2: RSS, TSS, ESS; then (v_j, b) and (v_j, v_j) for each j.
  const vectors = [b, b0, bMinus, bPlus, ...vs];
  // The fields, their bounds and the checks, from here on a function of rowTerms.
  const finish = (): OlsSolved | null => {
    const eRss = bound(b, b, 0) / rss.hi + tiny;
    const eTss = bound(b0, b0, 1) / tss.hi + tiny;
    const eEss = bound(bMinus, bPlus, 2) / ess.hi + tiny;
    const coefficients: number[] = [];
    const standardErrors: number[] = [];
    const eCoefficients: number[] = [];
    const eSe: number[] = [];
    for (let j = 0; j < p; j++) {
      const g = gs[j] as Dd;
      const phi = phis[j] as Dd;
      const v = vs[j] as number[];
      const ePhi = bound(v, b, 3 + 2 * j);
      const eG = bound(v, v, 4 + 2 * j) / g.hi + tiny;
      const se2 = (rss.hi * g.hi) / dfResidual;
      if (s.outputs) {
        coefficients.push(phi.hi + phi.lo);
        eCoefficients.push(ePhi / Math.abs(phi.hi) + 3 * U);
        standardErrors.push(Math.sqrt(se2));
      } else if (intercept && j === 0) {
        const value = ddAdd(phi, dd(yShift));
        const b0Value = toOutput(value, yPlaces, 0);
        coefficients.push(b0Value);
        eCoefficients.push(ePhi / Math.abs(value.hi) + 3 * U);
        standardErrors.push(Math.sqrt(se2) / 10 ** yPlaces);
      } else {
        const t = j - k0;
        coefficients.push(toOutput(phi, yPlaces, places[t] as number));
        eCoefficients.push(ePhi / Math.abs(phi.hi) + 3 * U);
        standardErrors.push((Math.sqrt(se2) * 10 ** (places[t] as number)) / 10 ** yPlaces);
      }
      eSe.push(eRss / 2 + eG / 2 + 5 * U);
    }

    const round = (x: Dd) => x.hi + x.lo;
    const rSquared = round(ddDiv(ess, tss));
    const adjustedNumerator = ddSub(ddMul(ess, df), ddMul(rss, dd(dfModel)));
    const adjustedRSquared = round(ddDiv(adjustedNumerator, ddMul(tss, df)));
    const fStatistic =
      dfModel > 0 ? round(ddDiv(ddMul(ess, df), ddMul(rss, dd(dfModel)))) : Number.NaN;
    const eR2 = eEss + eTss + 2 * U;
    const eAdj =
      (eEss * ess.hi * dfResidual + eRss * rss.hi * dfModel) / Math.abs(adjustedNumerator.hi) +
      eTss +
      2 * U +
      tiny;
    const eF = eEss + eRss + 2 * U;
    const residualStandardDeviation = Math.sqrt(rss.hi / dfResidual) / 10 ** yPlaces;

    const fields = [...eCoefficients, eRss + 4 * U, ...eSe, eR2, eAdj, dfModel > 0 ? eF : 0];
    let worst = 0;
    for (const e of fields) worst = Math.max(worst, Number.isNaN(e) ? Infinity : e);
    // (the p-value bounds below need the tails themselves: only when the rest holds)
    if (!(worst <= TOLERANCE)) return null;

    // t = b / se, and the p-values: d log p / d log t <= min(df, t^2 + 1) for
    // Student's t, d log p / d log F <= min((df1 + df2) / 2, F df1 / 2 + 1)
    // for F (checked against scipy over df 1..1e5 and p down to 1e-300); the
    // 2 + covers the tails' own rounding (as olsFloat's bounds).
    let worstP = 0;
    for (let j = 0; j < p; j++) {
      const e = (eCoefficients[j] as number) + (eSe[j] as number) + 2 * U;
      const t = Math.abs((coefficients[j] as number) / (standardErrors[j] as number));
      let eP = e * (2 + Math.min(dfResidual, t * t + 1));
      if (eP > P_TOLERANCE && studentTSf(t * (1 - 8 * e), dfResidual) === 0) eP = 0;
      worstP = Math.max(worstP, Number.isNaN(eP) ? Infinity : eP);
    }
    if (dfModel > 0) {
      let eFp = eF * (2 + Math.min((dfResidual + dfModel) / 2, (fStatistic * dfModel) / 2 + 1));
      if (eFp > P_TOLERANCE && fisherFSf(fStatistic * (1 - 8 * eF), dfModel, dfResidual) === 0)
        eFp = 0;
      worstP = Math.max(worstP, Number.isNaN(eFp) ? Infinity : eFp);
    }
    if (!(worstP <= P_TOLERANCE)) return null;

    // The design as given: x_t = (w_t + c_t) / 10^P_t, so its R is R_W T.
    const transform = s.outputs?.givenTransform;
    const given = transform
      ? Array.from({ length: p }, (_, i) =>
          Array.from({ length: p }, (_, j) => {
            let t = 0;
            for (let l = i; l < p; l++) t += at(i, l) * ((transform[l] as number[])[j] as number);
            return t;
          }),
        )
      : Array.from({ length: p }, (_, i) =>
          Array.from({ length: p }, (_, j) => {
            if (j < i) return 0;
            if (j < k0) return at(i, j);
            const t = j - k0;
            const shifted =
              at(i, j) + (intercept && i === 0 ? at(0, 0) * (shifts[t] as number) : 0);
            return shifted / 10 ** (places[t] as number);
          }),
        );
    return {
      fit: {
        coefficients,
        standardErrors,
        residualStandardDeviation,
        rSquared,
        adjustedRSquared,
        fStatistic,
      },
      conditionNumber: conditionNumber(given),
    };
  };
  if (s.representation?.gate) {
    rowTerms = s.representation.gate(vectors);
    if (finish() === null) return null;
  }
  if (s.representation) rowTerms = s.representation.exact(vectors);
  return finish();
}

/** x 10^(xPlaces - yPlaces), rounded once (a working coefficient in the data's units). */
function toOutput(x: Dd, yPlaces: number, xPlaces: number): number {
  const d = xPlaces - yPlaces;
  const r = d === 0 ? x : d > 0 ? ddMul(x, dd(10 ** d)) : ddDiv(x, dd(10 ** -d));
  return r.hi + r.lo;
}

/** The low part of the last {@link addH}, {@link mulH}, {@link divH} or {@link sqrtH}. */
let LO = 0;

/** (ah + al) + (bh + bl) in double-double: the high part (the low part in LO). */
function addH(ah: number, al: number, bh: number, bl: number): number {
  const s = ah + bh;
  const bb = s - ah;
  const e = ah - (s - bb) + (bh - bb) + al + bl;
  const hi = s + e;
  LO = e - (hi - s);
  return hi;
}

/** (ah + al) (bh + bl) in double-double. */
function mulH(ah: number, al: number, bh: number, bl: number): number {
  const x = ah * bh;
  const e = productError(ah, bh, x) + (ah * bl + al * bh);
  const hi = x + e;
  LO = e - (hi - x);
  return hi;
}

/** (ah + al) / (bh + bl) in double-double (two quotient digits and a correction). */
function divH(ah: number, al: number, bh: number, bl: number): number {
  const q1 = ah / bh;
  let th = mulH(bh, bl, q1, 0);
  let rh = addH(ah, al, -th, -LO);
  let rl = LO;
  const q2 = rh / bh;
  th = mulH(bh, bl, q2, 0);
  rh = addH(rh, rl, -th, -LO);
  rl = LO;
  const q3 = rh / bh;
  const hi = q1 + q2;
  LO = q2 - (hi - q1) + q3;
  return hi;
}

/** sqrt(ah + al) for ah > 0 in double-double (one Newton step). */
function sqrtH(ah: number, al: number): number {
  const x = Math.sqrt(ah);
  const sh = mulH(x, 0, x, 0);
  const rh = addH(ah, al, -sh, -LO);
  const c = rh / (2 * x);
  const hi = x + c;
  LO = c - (hi - x);
  return hi;
}
