import { normalQuantile } from '@lambda-stats/stats-core';

/**
 * Normal Q-Q pairs: the sorted values against standard normal quantiles at
 * Blom's plotting positions (i - 3/8) / (n + 1/4), i = 1..n, with the
 * reference line through the first and third quartiles (as R's qqline).
 */
export function normalQq(values: number[]): {
  points: { theoretical: number; sample: number; index: number }[];
  line: { slope: number; intercept: number };
} {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const n = order.length;
  const points = order.map(({ v, i }, k) => ({
    theoretical: normalQuantile((k + 1 - 0.375) / (n + 0.25)),
    sample: v,
    index: i,
  }));
  const quartile = (p: number) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const a = order[lo]?.v ?? Number.NaN;
    const b = order[Math.min(lo + 1, n - 1)]?.v ?? Number.NaN;
    return a + (h - lo) * (b - a);
  };
  const q1 = quartile(0.25);
  const q3 = quartile(0.75);
  const z1 = normalQuantile(0.25);
  const z3 = normalQuantile(0.75);
  const slope = (q3 - q1) / (z3 - z1);
  return { points, line: { slope, intercept: q1 - slope * z1 } };
}

/** The p-th quantile (p in [0, 1]) with linear interpolation: numpy's default, Hyndman and Fan's type 7. */
export function quantileLinear(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, n - 1)]!;
  return a + (h - lo) * (b - a);
}

/**
 * The ordinary least-squares line (two-pass, centred sums), drawn beside a
 * robust line for contrast; checked against scipy's linregress.
 */
export function leastSquaresLine(xs: number[], ys: number[]): { slope: number; intercept: number } {
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}
