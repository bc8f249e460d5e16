import { lcg32 } from '@lambda-stats/lambda-kit/random';
import { describe, expect, it } from 'vitest';
import { shiftByDecimalReference } from '../src/internal/exactDecimal';

/**
 * Independent reference: each value as the decimal String(x) writes, as a
 * BigInt scaled to the largest number of places, minus the first value,
 * rounded once to float64 (exact for the sizes used here: the differences
 * stay below 2^53 and 10^places is exact).
 */
function shiftedByStrings(values: readonly number[]): number[] {
  const parsed = values.map((x) => {
    const [mantissa, exponentText] = String(x).split('e') as [string, string | undefined];
    const [whole, fraction = ''] = mantissa.split('.') as [string, string | undefined];
    return {
      digits: BigInt(whole + fraction),
      places: fraction.length - Number(exponentText ?? 0),
    };
  });
  const scale = Math.max(0, ...parsed.map((p) => p.places));
  const scaled = parsed.map((p) => p.digits * 10n ** BigInt(scale - p.places));
  const ref = scaled[0] as bigint;
  return scaled.map((v) => Number(v - ref) / 10 ** scale);
}

describe('shiftByDecimalReference: exact shift of the decimals written', () => {
  // Offsets and place counts like NIST NumAcc4 / SmLs07-09 and sensor data;
  // the float64 route (no strings) must give the same bits as the decimals.
  const uniform = lcg32(11);
  const offsets = [1e9, 1e6, 123456.789, -1e12, 0, 1, 1e13, 0.005];
  for (const offset of offsets) {
    for (const places of [0, 1, 3, 6]) {
      it(`matches the BigInt decimals for offset ${offset}, ${places} places`, () => {
        const values = Array.from(
          { length: 200 },
          () => Math.round((uniform() - 0.5) * 10 ** (places + 2)) / 10 ** places + offset,
        );
        const shift = shiftByDecimalReference([values]);
        expect(shift?.reference).toBe(values[0]);
        expect(Array.from(shift?.shifted[0] ?? [])).toEqual(shiftedByStrings(values));
      });
    }
  }

  it('keeps NumAcc4-like values exact: 10000000.2 - 10000000.1 is 0.1', () => {
    const shift = shiftByDecimalReference([[10000000.2, 10000000.1, 10000000.3]]);
    expect(Array.from(shift?.shifted[0] ?? [])).toEqual([0, -0.1, 0.1]);
  });

  it('takes the BigInt route for values with many places (0.1 + 0.2) and agrees with it', () => {
    const values = [1000.5, 0.1 + 0.2, 1000.25];
    expect(Array.from(shiftByDecimalReference([values])?.shifted[0] ?? [])).toEqual(
      shiftedByStrings(values),
    );
  });
});
