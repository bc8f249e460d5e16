import { type BigNumber, BigNumberDependencies } from 'mathjs';

export type { BigNumber } from 'mathjs';

/** Significant decimal digits of the high-precision path. */
export const BIG_PRECISION = 64;

type BigNumberClass = new (value: string) => BigNumber;

/**
 * mathjs's own BigNumber factory (typed as a nested factory map in mathjs's
 * declarations, hence the cast): the class `create({ bignumberDependencies })`
 * builds, a decimal.js clone with the given precision and Euclidean modulo,
 * without the typed-function machinery of `create`, which cost a cold start
 * ~5 ms to load and ~5 ms more to build on the first ill-conditioned fit.
 */
const createBigNumberClass = BigNumberDependencies!.createBigNumberClass as unknown as (scope: {
  config: { precision: number };
}) => BigNumberClass;

let BigNumberClass: BigNumberClass | undefined;

/**
 * A BigNumber (decimal, 64 significant digits) from a decimal string or a
 * number (as its shortest round-trip string, as mathjs's `bignumber` does).
 * The class is made on first use, so a float64-only request never builds
 * it; with `"sideEffects": false` a bundle that never calls this drops mathjs.
 */
export function big(value: string | number): BigNumber {
  BigNumberClass ??= createBigNumberClass({ config: { precision: BIG_PRECISION } });
  return new BigNumberClass(typeof value === 'number' ? String(value) : value);
}
