import { ratioToNumber } from '../regression/internal/bigRatio';
import { productError } from '../regression/internal/doubleDouble';

/** A double-double value hi + lo, |lo| <= ulp(hi) / 2. */
export type DD = [number, number];

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function normalise(hi: number, lo: number): DD {
  const s = hi + lo;
  return [s, lo - (s - hi)];
}

export function ddAdd(x: DD, y: DD): DD {
  const [s, e] = twoSum(x[0], y[0]);
  return normalise(s, e + x[1] + y[1]);
}

export function ddMul(x: DD, y: DD): DD {
  const p = x[0] * y[0];
  return normalise(p, productError(x[0], y[0], p) + x[0] * y[1] + x[1] * y[0]);
}

export function ddScale(x: DD, k: number): DD {
  return ddMul(x, [k, 0]);
}

export function ddDiv(x: DD, y: DD): DD {
  const q = x[0] / y[0];
  const r = ddAdd(x, ddScale(y, -q));
  return normalise(q, r[0] / y[0]);
}

/** The double's exact value as m 2^k. */
function binary(v: number): { m: bigint; k: number } {
  let k = 0;
  let m = v;
  while (!Number.isInteger(m)) {
    m *= 2;
    k--;
  }
  return { m: BigInt(m), k };
}

/** num / den 10^exp10 (den > 0) as a double-double: the double nearest, then the rest. */
export function ddFromRatio(num: bigint, den: bigint, exp10 = 0): DD {
  const hi = ratioToNumber(num, den, exp10);
  if (hi === 0 || !Number.isFinite(hi)) return [hi, 0];
  let N = num;
  let D = den;
  if (exp10 > 0) N *= 10n ** BigInt(exp10);
  else if (exp10 < 0) D *= 10n ** BigInt(-exp10);
  const { m, k } = binary(hi);
  // num / den - m 2^k, over a common denominator.
  const lo =
    k < 0
      ? ratioToNumber((N << BigInt(-k)) - m * D, D << BigInt(-k))
      : ratioToNumber(N - ((m * D) << BigInt(k)), D);
  return normalise(hi, lo);
}

export const ddValue = (x: DD): number => x[0] + x[1];
