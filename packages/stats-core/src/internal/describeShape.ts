/**
 * describe's skewness and excess kurtosis from the central moments m2, m3
 * and m4 (each a sum over n), as scipy.stats.describe: NaN for a constant
 * sample (scipy's test m2 <= (eps mean)^2), the bias-corrected estimators
 * when `bias` is false (n > 2 for the skewness, n > 3 for the kurtosis).
 * The one-shot describe and its partial finalize both end here.
 */
export function describeShape(
  n: number,
  mean: number,
  m2: number,
  m3: number,
  m4: number,
  bias: boolean,
): { skewness: number; kurtosis: number } {
  const zero = m2 <= (Number.EPSILON * mean) ** 2;
  let skewness = zero ? Number.NaN : m3 / m2 ** 1.5;
  let kurtosis = zero ? Number.NaN : m4 / (m2 * m2);
  if (!bias && !zero && n > 2) skewness = (Math.sqrt((n - 1) * n) / (n - 2)) * skewness;
  if (!bias && !zero && n > 3) {
    kurtosis = ((n * n - 1) * kurtosis - 3 * (n - 1) ** 2) / ((n - 2) * (n - 3)) + 3;
  }
  return { skewness, kurtosis: kurtosis - 3 };
}
