import { shiftByDecimalReference } from './exactDecimal';
import { deviationSums, passOut } from './fastMoments';
import { primeLike, primeOnce } from './prime';
import { compensatedSum } from './sums';
import type { Sample } from './validate';

/**
 * Mean and central moment sums of a sample: `ss` = sum (x - mean)^2, and the
 * third and fourth when asked, by a compensated float64 two-pass. When the
 * data sit on an offset large against their spread (|mean| > 10 sd), the
 * decimals as written are first shifted exactly by one of them (see
 * shiftByDecimalReference), so NIST NumAcc4-like data keep every certified
 * digit. `exact` says that route ran and `deviations` holds x - mean from it.
 */
export interface CentralSums {
  n: number;
  mean: number;
  ss: number;
  s3: number;
  s4: number;
  exact: boolean;
  /** x_i - mean, accurate to the data's own scale (empty unless asked for). */
  deviations: Float64Array;
}

/** True when the two-pass result sits on an offset large against its spread. */
const onOffset = (p: CentralSums) =>
  p.n > 1 && Number.isFinite(p.mean) && Math.abs(p.mean) > 10 * Math.sqrt(p.ss / p.n);

export function centralSums(
  x: ArrayLike<number>,
  { higher = false, deviations = true }: { higher?: boolean; deviations?: boolean } = {},
): CentralSums {
  const plain = twoPass(x, 0, higher, deviations);
  if (onOffset(plain)) {
    const shift = shiftByDecimalReference([x]);
    if (shift) {
      const shifted = shift.shifted[0] as Float64Array;
      return { ...twoPass(shifted, shift.reference, higher, deviations), exact: true };
    }
  }
  return plain;
}

/**
 * Mean by a compensated sum, then the power sums of the deviations
 * (deviationSums, each sum Neumaier-compensated), taken from the stored
 * deviations when they are kept.
 */
function twoPass(
  x: ArrayLike<number>,
  offset: number,
  higher: boolean,
  keepDeviations: boolean,
): CentralSums {
  primeOnce(twoPass, () => twoPass(primeLike(x), offset, higher, keepDeviations));
  const n = x.length;
  const m = compensatedSum(x) / n;
  const deviations = new Float64Array(keepDeviations ? n : 0);
  if (keepDeviations) {
    for (let i = 0; i < n; i++) deviations[i] = (x[i] as number) - m;
    // d - 0 is d: the same sums as of x about m.
    deviationSums(deviations, 0, higher);
  } else {
    deviationSums(x as Sample, m, higher);
  }
  const [ss, s3, s4] = passOut as unknown as [number, number, number];
  return {
    n,
    mean: offset + m,
    ss,
    s3: higher ? s3 : Number.NaN,
    s4: higher ? s4 : Number.NaN,
    exact: false,
    deviations,
  };
}

/**
 * Central sums of several samples whose means will be compared (t-tests):
 * when any sample sits on a large offset, all samples and the `extras`
 * (e.g. a hypothesised mean) are shifted by one common exact decimal
 * reference, so differences of means keep their digits. The returned means
 * and extras are then relative to that reference; differences are what count.
 */
export function sharedCentralSums(
  samples: readonly ArrayLike<number>[],
  extras: readonly number[] = [],
): { sums: CentralSums[]; extras: number[] } {
  const plain = samples.map((s) => twoPass(s, 0, false, false));
  const shift = plain.some(onOffset) ? shiftByDecimalReference([...samples, extras]) : undefined;
  if (!shift) return { sums: plain, extras: [...extras] };
  return {
    sums: shift.shifted
      .slice(0, samples.length)
      .map((s) => ({ ...twoPass(s, 0, false, false), exact: true })),
    extras: Array.from(shift.shifted[samples.length] as Float64Array),
  };
}

/**
 * Pairwise differences a_i - b_i; when the values are large against their
 * differences, taken exactly from the decimals written.
 */
export function pairedDifferences(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const n = a.length;
  const d = new Float64Array(n);
  let big = 0;
  let small = 0;
  for (let i = 0; i < n; i++) {
    const ai = a[i] as number;
    const bi = b[i] as number;
    const di = ai - bi;
    d[i] = di;
    // biome-ignore lint/complexity/useMathMinMax: hot-loop code kept as measured (Math.max with four arguments measured 2x slower in ttest_rel's loop; the two-argument form here is unmeasured); the answer is the same either way, NaN included
    const abs = Math.abs(ai) > Math.abs(bi) ? Math.abs(ai) : Math.abs(bi);
    if (abs > big || Number.isNaN(abs)) big = abs;
    if (Math.abs(di) > small || Number.isNaN(di)) small = Math.abs(di);
  }
  if (!(big > 16 * small)) return d;
  const shift = shiftByDecimalReference([a, b]);
  if (!shift) return d;
  const [sa, sb] = shift.shifted as [Float64Array, Float64Array];
  for (let i = 0; i < n; i++) d[i] = (sa[i] as number) - (sb[i] as number);
  return d;
}
