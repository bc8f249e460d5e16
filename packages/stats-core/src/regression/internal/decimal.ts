/**
 * A finite number taken as the decimal its shortest round-trip string writes
 * (`String(v)`), as the integer `mantissa * 10^exponent`. This is the
 * project's decimal-exactness rule: 0.1 means one tenth, not the binary
 * double nearest to it.
 */
export interface Decimal {
  mantissa: bigint;
  exponent: number;
}

/** Parses `String(v)` (forms `-12.5`, `1e-7`, `1.25e+21`) into a {@link Decimal}. */
export function toDecimal(v: number): Decimal {
  return parseDecimal(String(v));
}

/** Parses a finite decimal string (`-12.5`, `1e-7`, `1.25e+21`) into a {@link Decimal}. */
export function parseDecimal(s: string): Decimal {
  const ePos = s.search(/[eE]/);
  const body = ePos < 0 ? s : s.slice(0, ePos);
  let exponent = ePos < 0 ? 0 : Number(s.slice(ePos + 1));
  const dot = body.indexOf('.');
  let digits = body;
  if (dot >= 0) {
    digits = body.slice(0, dot) + body.slice(dot + 1);
    exponent -= body.length - dot - 1;
  }
  return { mantissa: BigInt(digits), exponent };
}

/** Exact integers sharing one decimal exponent: value i is `integers[i] * 10^exponent`. */
export interface ScaledIntegers {
  integers: bigint[];
  exponent: number;
}

/**
 * Every value of `values` as an exact integer on one common decimal scale:
 * `values[i] = integers[i] * 10^exponent` exactly (in the decimal sense above).
 */
export function toScaledIntegers(values: ArrayLike<number>): ScaledIntegers {
  const decimals: Decimal[] = new Array(values.length);
  let exponent = Number.POSITIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const d = toDecimal(values[i] as number);
    decimals[i] = d;
    if (d.mantissa !== 0n && d.exponent < exponent) exponent = d.exponent;
  }
  if (exponent === Number.POSITIVE_INFINITY) exponent = 0;
  const powers = new Map<number, bigint>();
  const integers: bigint[] = new Array(values.length);
  for (let i = 0; i < decimals.length; i++) {
    const d = decimals[i] as Decimal;
    const shift = d.exponent - exponent;
    if (d.mantissa === 0n || shift === 0) {
      integers[i] = d.mantissa;
      continue;
    }
    let p = powers.get(shift);
    if (p === undefined) {
      p = 10n ** BigInt(shift);
      powers.set(shift, p);
    }
    integers[i] = d.mantissa * p;
  }
  return { integers, exponent };
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k); // exact up to 1e22
const SPLIT = 134217729; // 2^27 + 1
const MAX_SAFE = 2 ** 53;

/**
 * The decimal `String(v)` writes, minus v: the binary rounding of the value
 * the user wrote, to within 2u of itself (so v + the result is that decimal
 * to about 2u^2 |v|). NaN when it cannot be found cheaply: more than 22
 * decimal places, or a mantissa beyond 2^53 (17 significant digits). The
 * search takes the fewest decimal places k with an integer m such that
 * m / 10^k rounds to v: `String`'s shortest round-trip decimal.
 */
export function decimalCorrection(v: number): number {
  if (Number.isInteger(v) && Math.abs(v) <= MAX_SAFE) return 0;
  for (let k = 1; k < POWERS_OF_TEN.length; k++) {
    const scale = POWERS_OF_TEN[k] as number;
    const h = v * scale;
    if (!(Math.abs(h) < MAX_SAFE)) return Number.NaN;
    const rounded = Math.round(h);
    const m =
      rounded / scale === v
        ? rounded
        : (rounded - 1) / scale === v
          ? rounded - 1
          : (rounded + 1) / scale === v
            ? rounded + 1
            : Number.NaN;
    if (Number.isNaN(m)) continue;
    // v * scale = h + l exactly (Dekker); m - h is exact (Sterbenz).
    let t = SPLIT * v;
    const vh = t - (t - v);
    const vl = v - vh;
    t = SPLIT * scale;
    const sh = t - (t - scale);
    const sl = scale - sh;
    const l = vl * sl - (h - vh * sh - vl * sh - vh * sl);
    return (m - h - l) / scale;
  }
  return Number.NaN;
}
