import { StatsInputError } from '../errors';
import { checkEqualLength, checkNumericArray, type NumericArray } from '../internal/validate';
import { ratioToNumber } from '../regression/internal/bigRatio';
import {
  checkPolyfitDegree as checkDegree,
  polyfitPowers,
} from '../regression/internal/polyfitShape';
import type { OlsResult } from '../regression/ols';
import type { PolyfitOptions } from '../regression/polyfit';
import { bigInts, columnDot, columnSum, type IntegerColumn, integerColumn } from './columns';
import {
  addExact,
  formatExact,
  parseExact,
  requireCount,
  requireExact,
  requireHeader,
  rescale,
} from './exact';
import { parseAll, solveExact } from './leastSquares';
import { powerSumsByLimbs } from './powerSums';
import type { ExactDecimal, PolyfitState } from './state';

const FN = 'polyfit';
/**
 * Partial state of {@link polyfit} for one chunk: the exact power sums
 * sum x^j (j <= 2 degree), sum x^j y (j <= degree) and sum y^2 of the
 * decimal inputs. Powers are exact integers: in float64 while the scaled
 * x^degree stays below 2^53 (then the sums by exact limb products), else as
 * normalised 18-bit limbs per value (powerSums.ts), BigInt only for values
 * beyond 2^70.
 *
 * @param x - the chunk's predictor values
 * @param y - the chunk's responses, same length
 * @param degree - integer from 1 to 20 (every chunk of a job uses the same)
 * @throws StatsInputError when lengths differ, a value is NaN or infinite, or the degree is out of range
 * @example polyfitFinalize(polyfitPartial([0, 1, 2, 3, 4], [1, 3.1, 8.9, 19.2, 33], 2)).coefficients
 */
export function polyfitPartial(x: NumericArray, y: NumericArray, degree: number): PolyfitState {
  const xs = checkNumericArray(FN, 'x', x);
  const ys = checkNumericArray(FN, 'y', y);
  checkEqualLength(FN, xs, ys, ['x', 'y']);
  const d = checkDegree(FN, degree);
  const n = xs.length;
  const X = integerColumn(FN, 'x', xs);
  const Y = integerColumn(FN, 'y', ys);
  const cache = new Map();
  const xPowers: ExactDecimal[] = [formatExact(BigInt(n), 0)];
  const xPowersY: ExactDecimal[] = [];
  if (X.kind !== 'big' && Y.kind !== 'big' && !(X.kind === 'float' && X.max ** d < 2 ** 53)) {
    // powers past 2^53 (full-precision doubles, offsets at a high degree): limbs, no BigInt per value
    const sums = powerSumsByLimbs(X, Y, d);
    for (let j = 1; j <= 2 * d; j++) {
      xPowers.push(formatExact(sums.xPowers[j - 1] as bigint, j * X.exponent));
    }
    for (let j = 0; j <= d; j++) {
      xPowersY.push(formatExact(sums.xPowersY[j] as bigint, j * X.exponent + Y.exponent));
    }
  } else {
    const powers = powerColumns(X, d);
    for (let j = 1; j <= 2 * d; j++) {
      const a = Math.min(j, d);
      const b = j - a;
      const pa = powers[a - 1] as IntegerColumn;
      const sum = b === 0 ? columnSum(pa) : columnDot(pa, powers[b - 1] as IntegerColumn, cache);
      xPowers.push(formatExact(sum, j * X.exponent));
    }
    xPowersY.push(formatExact(columnSum(Y), Y.exponent));
    for (let j = 1; j <= d; j++) {
      xPowersY.push(
        formatExact(
          columnDot(powers[j - 1] as IntegerColumn, Y, cache),
          j * X.exponent + Y.exponent,
        ),
      );
    }
  }
  const syy = formatExact(columnDot(Y, Y, cache), 2 * Y.exponent);
  return { stat: 'polyfit', v: 1, degree: d, n, xPowers, xPowersY, syy };
}

/** M^1..M^d as exact integer columns: float64 while max|M|^d < 2^53, else BigInt. */
function powerColumns(X: IntegerColumn, d: number): IntegerColumn[] {
  if (X.kind === 'float' && X.max ** d < 2 ** 53) {
    const out: IntegerColumn[] = [X];
    for (let k = 2; k <= d; k++) {
      const prev = (out[k - 2] as { ints: Float64Array }).ints;
      const ints = new Float64Array(prev.length);
      for (let i = 0; i < ints.length; i++) ints[i] = (prev[i] as number) * (X.ints[i] as number);
      out.push({ kind: 'float', ints, exponent: k * X.exponent, max: X.max ** k });
    }
    return out;
  }
  const base = bigInts(X);
  const out: IntegerColumn[] = [{ kind: 'big', ints: base, exponent: X.exponent }];
  for (let k = 2; k <= d; k++) {
    const prev = (out[k - 2] as { ints: bigint[] }).ints;
    out.push({
      kind: 'big',
      ints: prev.map((v, i) => v * (base[i] as bigint)),
      exponent: k * X.exponent,
    });
  }
  return out;
}

/** The state of no rows. */
export function polyfitEmpty(degree: number): PolyfitState {
  const d = checkDegree(FN, degree);
  return {
    stat: 'polyfit',
    v: 1,
    degree: d,
    n: 0,
    xPowers: new Array(2 * d + 1).fill('0'),
    xPowersY: new Array(d + 1).fill('0'),
    syy: '0',
  };
}

/** Merges two states exactly (power sums added); both must have the same degree. */
export function polyfitMerge(a: PolyfitState, b: PolyfitState): PolyfitState {
  const x = parsePolyfitState(a, 'a');
  const y = parsePolyfitState(b, 'b');
  if (x.degree !== y.degree) {
    throw new StatsInputError(
      'polyfitMerge',
      `cannot merge states of different degrees (a has ${x.degree}, b has ${y.degree}); every chunk must use the same degree`,
    );
  }
  return {
    stat: 'polyfit',
    v: 1,
    degree: x.degree,
    n: x.n + y.n,
    xPowers: x.xPowers.map((v, i) => addExact(v, y.xPowers[i] as ExactDecimal)),
    xPowersY: x.xPowersY.map((v, i) => addExact(v, y.xPowersY[i] as ExactDecimal)),
    syy: addExact(x.syy, y.syy),
  };
}

/** Checks a {@link PolyfitState} read back from JSON. @throws StatsInputError naming the bad field */
export function parsePolyfitState(value: unknown, name = 'state'): PolyfitState {
  const fn = 'polyfitMerge';
  const o = requireHeader(fn, 'polyfit', value, name);
  const degree = checkDegree(fn, o.degree);
  const n = requireCount(fn, `${name}.n`, o.n);
  const list = (field: 'xPowers' | 'xPowersY', length: number): ExactDecimal[] => {
    const v = o[field];
    if (!Array.isArray(v) || v.length !== length) {
      throw new StatsInputError(
        fn,
        `requires ${name}.${field} to be an array of ${length} exact decimal strings for degree ${degree}`,
      );
    }
    return v.map((e, i) => requireExact(fn, `${name}.${field}[${i}]`, e));
  };
  const xPowers = list('xPowers', 2 * degree + 1);
  if (xPowers[0] !== formatExact(BigInt(n), 0)) {
    throw new StatsInputError(fn, `requires ${name}.xPowers[0] to equal ${name}.n (${n})`);
  }
  return {
    stat: 'polyfit',
    v: 1,
    degree,
    n,
    xPowers,
    xPowersY: list('xPowersY', degree + 1),
    syy: requireExact(fn, `${name}.syy`, o.syy),
  };
}

/**
 * The {@link polyfit} result from a merged state, solved exactly from the
 * normal equations of the decimal inputs (`method` 'bignumber'). Same
 * options, checks, errors and result type as {@link polyfit}.
 *
 * @throws StatsInputError when n <= p, all x are identical, or the state is malformed
 */
export function polyfitFinalize(state: PolyfitState, options: PolyfitOptions = {}): OlsResult {
  const s = parsePolyfitState(state);
  const hasIntercept = options.intercept ?? true;
  if (typeof hasIntercept !== 'boolean') {
    throw new StatsInputError(
      FN,
      `requires intercept to be true or false (got ${typeof hasIntercept})`,
    );
  }
  const d = s.degree;
  const n = s.n;
  const { first, p } = polyfitPowers(FN, n, d, hasIntercept);
  const xp = parseAll(s.xPowers);
  const xy = parseAll(s.xPowersY);
  // All x identical <=> n sum x^2 - (sum x)^2 = 0, exactly.
  const s1 = xp[1] as ReturnType<typeof parseExact>;
  const s2 = xp[2] as ReturnType<typeof parseExact>;
  const e = Math.min(s1.m === 0n ? Infinity : s1.e, s2.m === 0n ? Infinity : Math.floor(s2.e / 2));
  const scale = Number.isFinite(e) ? e : 0;
  const S1 = rescale(s1, scale);
  if (BigInt(n) * rescale(s2, 2 * scale) - S1 * S1 === 0n) {
    throw new StatsInputError(
      FN,
      `cannot fit a polynomial when all x values are identical (every x is ${ratioToNumber(S1, BigInt(n), scale)})`,
    );
  }
  const powers = Array.from({ length: p }, (_, j) => j + first);
  const yy = parseExact(s.syy);
  return solveExact({
    fn: FN,
    labels: powers.map((k) => (k === 0 ? 'intercept' : k === 1 ? 'x' : `x^${k}`)),
    n,
    hasIntercept,
    gram: [
      ...powers.map((a) => [...powers.map((b) => xp[a + b] as typeof yy), xy[a] as typeof yy]),
      [...powers.map((a) => xy[a] as typeof yy), yy],
    ],
    sumY: xy[0] as typeof yy,
    sumY2: yy,
  });
}
