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
