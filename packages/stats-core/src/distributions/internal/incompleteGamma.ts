/**
 * The regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 - P(a, x),
 * each computed directly on its own side, for the chi-squared and normal tails.
 *
 * Algorithm (Numerical Recipes 3rd ed. section 6.2, `gser`/`gcf`; DLMF 8.11.4
 * and 8.9.2): for x < a + 1 the power series
 *   P(a, x) = x^a e^-x / Gamma(a + 1) * (1 + x/(a + 1) + x^2/((a + 1)(a + 2)) + ...),
 * otherwise Legendre's continued fraction for Q(a, x), evaluated by the
 * modified Lentz method. The other tail is 1 minus the computed one, which
 * on those sides is at least about 0.1, so nothing cancels.
 *
 * The prefactor x^a e^-x / Gamma(a) is taken for a >= 8 as
 * sqrt(a / 2 pi) exp(-a ((x - a)/a - ln(1 + (x - a)/a)) - del(a)) (Stirling's
 * series, as Temme and Boost's `regularised_gamma_prefix` do), so that the
 * large terms a ln x and x never cancel; below 8 directly.
 */
import { gammaSmall, stirlingCorrection, xMinusLog1p } from './gamma';

/** P(a, x) (lower) or Q(a, x) (upper, computed directly). NaN outside a > 0, x >= 0. */
export function incompleteGamma(x: number, a: number, upper = false): number {
  if (!(a > 0) || !(x >= 0)) return Number.NaN;
  if (x === 0) return upper ? 1 : 0;
  if (x === Number.POSITIVE_INFINITY) return upper ? 0 : 1;
  if (x < a + 1) {
    const p = lowerSeries(x, a);
    return upper ? 1 - p : p;
  }
  const q = upperFraction(x, a);
  return upper ? q : 1 - q;
}

/** x^a e^-x / Gamma(a). */
function gammaPrefix(x: number, a: number): number {
  if (a < 8) return Math.exp(a * Math.log(x) - x) / gammaSmall(a);
  // e - ln(1 + e) with 1 + e = x / a; far from the mean (|e| > 0.6) from
  // the logarithms themselves, where forming 1 + e would lose x / a.
  const e = (x - a) / a;
  const u = Math.abs(e) > 0.6 ? e - (Math.log(x) - Math.log(a)) : xMinusLog1p(e);
  return Math.sqrt(a / (2 * Math.PI)) * Math.exp(-a * u - stirlingCorrection(a));
}

function lowerSeries(x: number, a: number): number {
  const prefix = gammaPrefix(x, a);
  if (prefix === 0) return 0;
  let ap = a;
  let term = 1 / a;
  let sum = term;
  for (let n = 0; n < 100000; n++) {
    ap += 1;
    term *= x / ap;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
  }
  return prefix * sum;
}

function upperFraction(x: number, a: number): number {
  const prefix = gammaPrefix(x, a);
  if (prefix === 0) return 0;
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return prefix * h;
}
