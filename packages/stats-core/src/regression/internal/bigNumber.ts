import { type BigNumber, bignumberDependencies, create } from 'mathjs';

export type { BigNumber } from 'mathjs';

/** Significant decimal digits of the high-precision path. */
export const BIG_PRECISION = 64;

let make: ((value: string | number) => BigNumber) | undefined;

/**
 * A BigNumber (decimal, 64 significant digits) from a decimal string. mathjs
 * is instantiated with the one factory this needs (`bignumberDependencies`),
 * and only on first use, so a float64-only request never builds it; with
 * `"sideEffects": false` a bundle that never calls this drops mathjs.
 */
export function big(value: string | number): BigNumber {
  if (make === undefined) {
    const math = create(
      { bignumberDependencies: bignumberDependencies! },
      { precision: BIG_PRECISION },
    );
    make = (v) => math.bignumber(v);
  }
  return make(value);
}
