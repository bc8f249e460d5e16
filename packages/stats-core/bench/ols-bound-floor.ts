/**
 * The floor under any rigorous bound of ols on full-precision doubles that
 * does not resolve their decimals. Each double v stands for the shortest
 * decimal that rounds to it, which only resolving tells; without it, all
 * that is known is |decimal(v) - v| <= h(v) = min(ulp(v) / 2, 10^(e - 15) / 2)
 * (e = floor(log10 |v|): the nearest 16-digit decimal, when it is the
 * shortest, is within half its spacing). To first order a field f moves by
 * sum_i df/dv_i (decimal(v_i) - v_i), and every sign pattern is possible,
 * so sum_i |df/dv_i| h(v_i) is the smallest bound that holds for all data
 * with these doubles: a refined solve (however exact on the doubles) cannot
 * answer where it exceeds the tolerance. Printed relative to each field,
 * beside the actual move once the decimals are resolved (first order).
 *
 *   pnpm exec tsx bench/ols-bound-floor.ts --sizes 1e4,1e5,1e6
 *
 * ols on [1, x, z] with y, the panel's full-precision shapes; the fields
 * shown are the three coefficients and ESS (R^2 = ESS / TSS).
 */
import * as cli from '@lambda-stats/lambda-kit/cli';
import { SHAPES } from '../../../scripts/bench/harness';
import { decimalCorrections } from '../src/regression/internal/decimal';
import * as ab from './ab-flags';

const { values: flags } = cli.commandLine(
  { shapes: { type: 'string', default: 'strong,weak,none,heavy-tails' }, ...ab.sizesAndRounds(1) },
  `usage: pnpm exec tsx bench/ols-bound-floor.ts [--shapes a,b] [--sizes 1e4,1e5]`,
);
const { names, sizes } = cli.checkedFlags(() => ({
  names: cli.namesFlag(
    'shapes',
    flags.shapes,
    SHAPES.map((s) => s.name),
  ),
  ...ab.checkSizesAndRounds(flags),
}));

/** The largest |decimal(v) - v| possible for a double v (see above). */
function h(v: number): number {
  const a = Math.abs(v);
  if (a === 0) return 0;
  const e2 = Math.floor(Math.log2(a));
  const halfUlp = 2 ** (e2 - 53);
  const e10 = Math.floor(Math.log10(a));
  return Math.min(halfUlp, 10 ** (e10 - 15) / 2);
}

/** 3 x 3 inverse (float64: the bound's size needs two digits). */
function inverse3(m: number[][]): number[][] {
  const [a, b, c] = m as [number[], number[], number[]];
  type Row = [number, number, number];
  const d = (i: number[], j: number[], k: number, l: number) =>
    (i[k] as number) * (j[l] as number) - (i[l] as number) * (j[k] as number);
  const cof: Row[] = [
    [d(b, c, 1, 2), -d(a, c, 1, 2), d(a, b, 1, 2)],
    [-d(b, c, 0, 2), d(a, c, 0, 2), -d(a, b, 0, 2)],
    [d(b, c, 0, 1), -d(a, c, 0, 1), d(a, b, 0, 1)],
  ];
  const [c0, c1, c2] = cof as [Row, Row, Row];
  const det = (a[0] as number) * c0[0] + (a[1] as number) * c1[0] + (a[2] as number) * c2[0];
  return cof.map((r) => r.map((v) => v / det));
}

const fmt = (v: number) => v.toExponential(1);
console.log('shape n field value floor/|f| actual/|f| floor/1e-13');
for (const n of sizes)
  for (const shape of SHAPES.filter((s) => names.includes(s.name))) {
    const { x, y, z } = shape.make(n);
    const cols = [new Float64Array(n).fill(1), Float64Array.from(x), Float64Array.from(z)];
    const M = [0, 1, 2].map((a) =>
      [0, 1, 2].map((b) => {
        let t = 0;
        for (let i = 0; i < n; i++) t += (cols[a]?.[i] as number) * (cols[b]?.[i] as number);
        return t;
      }),
    );
    const Xy = [0, 1, 2].map((a) => {
      let t = 0;
      for (let i = 0; i < n; i++) t += (cols[a]?.[i] as number) * (y[i] as number);
      return t;
    });
    const Mi = inverse3(M);
    const beta = Mi.map((r) => r.reduce((t, v, k) => t + v * (Xy[k] as number), 0));
    // A second pass on the residual (one refinement step) for the sizes' sake.
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++)
      r[i] =
        (y[i] as number) -
        (beta[0] as number) -
        (beta[1] as number) * (x[i] as number) -
        (beta[2] as number) * (z[i] as number);
    const dx = new Float64Array(n);
    const dz = new Float64Array(n);
    const dy = new Float64Array(n);
    decimalCorrections(x, dx);
    decimalCorrections(z, dz);
    decimalCorrections(y, dy);
    let ybar = 0;
    for (let i = 0; i < n; i++) ybar += (y[i] as number) / n;
    // Coefficients: d beta_j = sum_i c_ji (dy_i - sum_k dX_ik beta_k) + sum_k Mi_jk sum_i dX_ik r_i.
    const floors = new Float64Array(3);
    const actual = new Float64Array(3);
    let essFloor = 0;
    let essActual = 0;
    let ess = 0;
    const dX = [null, dx, dz];
    for (let i = 0; i < n; i++) {
      const row = [1, x[i] as number, z[i] as number];
      const hy = h(y[i] as number);
      const hx = [0, h(row[1] as number), h(row[2] as number)];
      const fitted = (y[i] as number) - (r[i] as number);
      ess += (fitted - ybar) ** 2;
      // ESS = TSS - RSS: d/dy_i = 2 (yhat_i - ybar), d/dx_ik = 2 r_i beta_k.
      essFloor += 2 * hy * Math.abs(fitted - ybar);
      essActual += 2 * (dy[i] as number) * (fitted - ybar);
      for (let k = 1; k < 3; k++) {
        essFloor += 2 * (hx[k] as number) * Math.abs((r[i] as number) * (beta[k] as number));
        essActual +=
          2 * ((dX[k] as Float64Array)[i] as number) * (r[i] as number) * (beta[k] as number);
      }
      for (let j = 0; j < 3; j++) {
        const mj = Mi[j] as number[];
        const c =
          (mj[0] as number) +
          (mj[1] as number) * (row[1] as number) +
          (mj[2] as number) * (row[2] as number);
        floors[j] = (floors[j] as number) + hy * Math.abs(c);
        let move = c * (dy[i] as number);
        for (let k = 1; k < 3; k++) {
          const g = (mj[k] as number) * (r[i] as number) - c * (beta[k] as number);
          floors[j] = (floors[j] as number) + (hx[k] as number) * Math.abs(g);
          move += g * ((dX[k] as Float64Array)[i] as number);
        }
        actual[j] = (actual[j] as number) + move;
      }
    }
    const show = (field: string, value: number, floor: number, act: number) =>
      console.log(
        `${shape.name} ${n} ${field} ${value.toPrecision(4)} ${fmt(floor / Math.abs(value))} ${fmt(Math.abs(act / value))} ${(floor / Math.abs(value) / 1e-13).toFixed(2)}`,
      );
    for (const [j, f] of ['b0', 'b_x', 'b_z'].entries())
      show(f, beta[j] as number, floors[j] as number, actual[j] as number);
    show('ESS', ess, essFloor, essActual);
  }
