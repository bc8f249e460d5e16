/** Block length of the blocked sums: rounding grows like sqrt(256) + sqrt(n / 256). */
export const BLOCK = 256;

/**
 * Sums of d = x - kx and e = y - ky over all points, in one blocked pass:
 * [sum d, sum e, sum d^2, sum d e, sum e^2]. Any NaN or infinity in the
 * data makes the result non-finite.
 */
export function centredSums(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  kx: number,
  ky: number,
): [number, number, number, number, number] {
  const n = x.length;
  let sd = 0;
  let se = 0;
  let sdd = 0;
  let sde = 0;
  let see = 0;
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    let bd = 0;
    let be = 0;
    let bdd = 0;
    let bde = 0;
    let bee = 0;
    for (let i = start; i < end; i++) {
      const d = (x[i] as number) - kx;
      const e = (y[i] as number) - ky;
      bd += d;
      be += e;
      bdd += d * d;
      bde += d * e;
      bee += e * e;
    }
    sd += bd;
    se += be;
    sdd += bdd;
    sde += bde;
    see += bee;
  }
  return [sd, se, sdd, sde, see];
}

/** Mean of the first (up to) 32 values: a cheap shift close to the mean. */
export function headMean(v: ArrayLike<number>): number {
  const m = Math.min(32, v.length);
  let s = 0;
  for (let i = 0; i < m; i++) s += v[i] as number;
  return s / m;
}
