/**
 * The floor under any rigorous bound of a least-squares fit on
 * full-precision doubles that does not resolve their decimals (shared by
 * `ols-bound-floor.ts` and `polyfit-bound-floor.ts`). Each double v stands
 * for the shortest decimal that rounds to it, which only resolving tells;
 * without it, all that is known is |decimal(v) - v| <= h(v) =
 * min(ulp(v) / 2, 10^(e - 15) / 2) (e = floor(log10 |v|): the nearest
 * 16-digit decimal, when it is the shortest, is within half its spacing).
 * To first order a field f moves by sum_i df/dv_i (decimal(v_i) - v_i), and
 * every sign pattern is possible, so sum_i |df/dv_i| h(v_i) is the smallest
 * bound that holds for all data with these doubles: a refined solve
 * (however exact on the doubles) cannot answer where it exceeds the
 * tolerance. Returned relative to each field, beside the actual move once
 * the decimals are resolved (first order).
 */
import { decimalCorrections } from '../src/regression/internal/decimal';

/** The largest |decimal(v) - v| possible for a double v (see above). */
export function h(v: number): number {
  const a = Math.abs(v);
  if (a === 0) return 0;
  const e2 = Math.floor(Math.log2(a));
  const halfUlp = 2 ** (e2 - 53);
  const e10 = Math.floor(Math.log10(a));
  return Math.min(halfUlp, 10 ** (e10 - 15) / 2);
}

/**
 * A fit y ~ A beta whose design rows are functions of some input doubles:
 * row(i) is A's row i; inputs[k] is an input column, moving row i by
 * slope(k, i) per unit (ols: x_k moves one entry; polyfit: x moves every
 * power, [0, 1, 2x, 3x^2, ..]).
 */
export interface FloorFit {
  n: number;
  y: ArrayLike<number>;
  row: (i: number) => number[];
  inputs: ArrayLike<number>[];
  slope: (k: number, i: number) => number[];
  /** Whether A has a column of ones (then TSS is about the mean). */
  intercept: boolean;
}

/** One field: its value, the floor and the actual first-order move, both relative to |value|. */
export interface FloorField {
  field: string;
  value: number;
  floor: number;
  actual: number;
}

/** p x p inverse by Gauss-Jordan with partial pivoting (float64: the bound's size needs two digits). */
function inverse(m: number[][]): number[][] {
  const p = m.length;
  const a = m.map((r, i) => [...r, ...Array.from({ length: p }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < p; c++) {
    let best = c;
    for (let r = c + 1; r < p; r++)
      if (Math.abs(a[r]?.[c] as number) > Math.abs(a[best]?.[c] as number)) best = r;
    [a[c], a[best]] = [a[best] as number[], a[c] as number[]];
    const pivot = a[c] as number[];
    const d = pivot[c] as number;
    for (let j = 0; j < 2 * p; j++) pivot[j] = (pivot[j] as number) / d;
    for (let r = 0; r < p; r++) {
      const row = a[r] as number[];
      const f = row[c] as number;
      if (r === c || f === 0) continue;
      for (let j = 0; j < 2 * p; j++) row[j] = (row[j] as number) - f * (pivot[j] as number);
    }
  }
  return a.map((r) => r.slice(p));
}

const dot = (a: number[], b: number[]) => a.reduce((t, v, k) => t + v * (b[k] as number), 0);
const times = (m: number[][], v: number[]) => m.map((r) => dot(r, v));

/**
 * The floor and the actual move of the coefficients, RSS, ESS and the
 * adjusted R^2's numerator ESS dfResidual - RSS dfModel (the one the ols
 * lane's none shape failed on), for the fit as given.
 */
export function boundFloor(fit: FloorFit): FloorField[] {
  const { n, y, row, inputs, slope, intercept } = fit;
  const p = row(0).length;
  const M = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const Ay = new Array<number>(p).fill(0);
  for (let i = 0; i < n; i++) {
    const a = row(i);
    for (let j = 0; j < p; j++) {
      Ay[j] = (Ay[j] as number) + (a[j] as number) * (y[i] as number);
      for (let k = 0; k < p; k++)
        (M[j] as number[])[k] =
          ((M[j] as number[])[k] as number) + (a[j] as number) * (a[k] as number);
    }
  }
  const Mi = inverse(M);
  let beta = times(Mi, Ay);
  // One refinement step on the residual, for the sizes' sake.
  const correction = new Array<number>(p).fill(0);
  for (let i = 0; i < n; i++) {
    const a = row(i);
    const r = (y[i] as number) - dot(a, beta);
    for (let j = 0; j < p; j++) correction[j] = (correction[j] as number) + (a[j] as number) * r;
  }
  beta = beta.map((b, j) => b + dot(Mi[j] as number[], correction));
  const dy = new Float64Array(n);
  decimalCorrections(y, dy);
  const dInputs = inputs.map((v) => {
    const d = new Float64Array(n);
    decimalCorrections(v, d);
    return d;
  });
  let ybar = 0;
  if (intercept) for (let i = 0; i < n; i++) ybar += (y[i] as number) / n;
  const floors = new Float64Array(p + 2);
  const actual = new Float64Array(p + 2);
  let rss = 0;
  let ess = 0;
  // Field p: RSS; p + 1: ESS. d RSS / d y_i = 2 r_i, d RSS / d v = -2 r_i (slope . beta)
  // (the envelope theorem); ESS = TSS - RSS, d TSS / d y_i = 2 (y_i - ybar).
  const dfResidual = n - p;
  const dfModel = p - (intercept ? 1 : 0);
  let adjFloor = 0;
  let adjActual = 0;
  for (let i = 0; i < n; i++) {
    const a = row(i);
    const fitted = dot(a, beta);
    const r = (y[i] as number) - fitted;
    rss += r * r;
    ess += (fitted - ybar) ** 2;
    const c = times(Mi, a);
    // Each input of the row: its size h and its actual move, and the derivative of every field.
    const moves: { h: number; d: number; grad: number[] }[] = [
      {
        h: h(y[i] as number),
        d: dy[i] as number,
        grad: [...c, 2 * r, 2 * (fitted - ybar)],
      },
    ];
    for (const [k, v] of inputs.entries()) {
      const s = slope(k, i);
      const ms = times(Mi, s);
      const sb = dot(s, beta);
      moves.push({
        h: h(v[i] as number),
        d: (dInputs[k] as Float64Array)[i] as number,
        grad: [...ms.map((m, j) => r * m - sb * (c[j] as number)), -2 * r * sb, 2 * r * sb],
      });
    }
    for (const m of moves) {
      for (let f = 0; f < p + 2; f++) {
        const g = m.grad[f] as number;
        floors[f] = (floors[f] as number) + m.h * Math.abs(g);
        actual[f] = (actual[f] as number) + m.d * g;
      }
      const gAdj = dfResidual * (m.grad[p + 1] as number) - dfModel * (m.grad[p] as number);
      adjFloor += m.h * Math.abs(gAdj);
      adjActual += m.d * gAdj;
    }
  }
  const fields: FloorField[] = beta.map((b, j) => ({
    field: `b${j}`,
    value: b,
    floor: (floors[j] as number) / Math.abs(b),
    actual: Math.abs((actual[j] as number) / b),
  }));
  const relative = (field: string, value: number, floor: number, act: number) => ({
    field,
    value,
    floor: floor / Math.abs(value),
    actual: Math.abs(act / value),
  });
  fields.push(relative('RSS', rss, floors[p] as number, actual[p] as number));
  fields.push(relative('ESS', ess, floors[p + 1] as number, actual[p + 1] as number));
  const adjusted = ess * dfResidual - rss * dfModel;
  fields.push(relative('adjR2num', adjusted, adjFloor, adjActual));
  return fields;
}

/** One line per field: shape, n, field, value, floor / |f|, actual / |f|, floor in units of the tolerance. */
export function printFloor(
  shape: string,
  n: number,
  fields: FloorField[],
  tolerance: number,
): void {
  const fmt = (v: number) => v.toExponential(1);
  for (const f of fields)
    console.log(
      `${shape} ${n} ${f.field} ${f.value.toPrecision(4)} ${fmt(f.floor)} ${fmt(f.actual)} ${(f.floor / tolerance).toFixed(2)}`,
    );
  const worst = fields.reduce((w, f) => (f.floor > w.floor ? f : w));
  console.log(`${shape} ${n} worst ${worst.field} ${(worst.floor / tolerance).toFixed(2)}`);
}
