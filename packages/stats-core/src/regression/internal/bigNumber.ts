import { type BigNumber, BigNumberDependencies } from 'mathjs';

export type { BigNumber } from 'mathjs';

/** Significant decimal digits of the high-precision path. */
export const BIG_PRECISION = 64;

type BigNumberClass = new (value: string) => BigNumber;

let BigNumberClass: BigNumberClass | undefined;

/**
 * A BigNumber (decimal, 64 significant digits) from a decimal string or a
 * number (as its shortest round-trip string, as mathjs's `bignumber` does).
 *
 * The class is mathjs's own BigNumber factory (typed as a nested factory map
 * in mathjs's declarations, hence the cast): what `create({
 * bignumberDependencies })` builds, a decimal.js clone with the given
 * precision and Euclidean modulo, without the typed-function machinery of
 * `create`, which cost a cold start ~5 ms to load and ~5 ms more to build on
 * the first ill-conditioned fit. It is made on first use, and mathjs is first
 * touched here, not at module load: the Lambda layer serves the mathjs import
 * from a separate file required on that first access (see
 * layers/stats-runtime/src/allowlist.ts), so a float64-only request never
 * loads it.
 */
export function big(value: string | number): BigNumber {
  BigNumberClass ??= (
    BigNumberDependencies!.createBigNumberClass as unknown as (scope: {
      config: { precision: number };
    }) => BigNumberClass
  )({ config: { precision: BIG_PRECISION } });
  return new BigNumberClass(typeof value === 'number' ? String(value) : value);
}
