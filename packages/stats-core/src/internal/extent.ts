/** The smallest and largest of x (x not empty, no NaN); of equal values (0 and -0) the first. */
export function extent(x: ArrayLike<number>): [number, number] {
  let lo = x[0] as number;
  let hi = lo;
  for (let i = 1, n = x.length; i < n; i++) {
    const v = x[i] as number;
    // biome-ignore lint/complexity/useMathMinMax: Math.min(0, -0) is -0; this keeps the first of equal values
    lo = v < lo ? v : lo;
    // biome-ignore lint/complexity/useMathMinMax: as above, for the largest
    hi = v > hi ? v : hi;
  }
  return [lo, hi];
}
