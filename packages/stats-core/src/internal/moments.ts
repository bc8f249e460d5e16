import { bigSum, pow10, ratioToNumber, toScaledDecimals } from './exactDecimal';
import { compensatedSum } from './sums';

/**
 * Mean and central moment sums of a sample: `ss` = sum (x - mean)^2, and the
 * third and fourth when asked. Float64 two-pass (compensated) normally; when
 * the data sit on an offset large against their spread (|mean| > 10 sd),
 * the decimals as written are summed exactly in BigInt, so NIST NumAcc4-like
 * data keep every certified digit. `exact` says which path ran.
 */
export interface CentralSums {
  n: number;
  mean: number;
  ss: number;
  s3: number;
  s4: number;
  exact: boolean;
}

export function centralSums(x: readonly number[], higher = false): CentralSums {
  const n = x.length;
  const m = compensatedSum(x) / n;
  const dev = x.map((v) => v - m);
  const ss = compensatedSum(dev.map((d) => d * d));
  if (Number.isFinite(m) && Number.isFinite(ss) && n > 1 && Math.abs(m) > 10 * Math.sqrt(ss / n)) {
    return exactCentralSums(x, higher);
  }
  return {
    n,
    mean: m,
    ss,
    s3: higher ? compensatedSum(dev.map((d) => d * d * d)) : Number.NaN,
    s4: higher ? compensatedSum(dev.map((d) => d * d * d * d)) : Number.NaN,
    exact: false,
  };
}

function exactCentralSums(x: readonly number[], higher: boolean): CentralSums {
  const n = x.length;
  const { values, scale } = toScaledDecimals(x);
  const bn = BigInt(n);
  const total = bigSum(values);
  // n * (x_i - mean) * 10^scale, exactly.
  const dev = values.map((v) => bn * v - total);
  const power = (k: number) => {
    let s = 0n;
    for (const d of dev) s += d ** BigInt(k);
    return ratioToNumber(s, bn ** BigInt(k) * pow10(k * scale));
  };
  return {
    n,
    mean: ratioToNumber(total, bn * pow10(scale)),
    ss: power(2),
    s3: higher ? power(3) : Number.NaN,
    s4: higher ? power(4) : Number.NaN,
    exact: true,
  };
}
