import { shiftByDecimalReference } from './exactDecimal';
import { compensatedSum } from './sums';

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
  /** x_i - mean, accurate to the data's own scale. */
  deviations: number[];
}

export function centralSums(x: readonly number[], higher = false): CentralSums {
  const plain = twoPass(x, 0, higher);
  const n = x.length;
  if (n > 1 && Number.isFinite(plain.mean) && Math.abs(plain.mean) > 10 * Math.sqrt(plain.ss / n)) {
    const shift = shiftByDecimalReference([x]);
    if (shift)
      return { ...twoPass(shift.shifted[0] as number[], shift.reference, higher), exact: true };
  }
  return plain;
}

function twoPass(x: readonly number[], offset: number, higher: boolean): CentralSums {
  const n = x.length;
  const m = compensatedSum(x) / n;
  const deviations = x.map((v) => v - m);
  let ss = 0;
  let s3 = 0;
  let s4 = 0;
  let c2 = 0;
  let c3 = 0;
  let c4 = 0;
  // Neumaier-compensated accumulation of the three power sums in one loop.
  const add = (sum: number, c: number, v: number): [number, number] => {
    const t = sum + v;
    return [t, c + (Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum)];
  };
  for (const d of deviations) {
    const d2 = d * d;
    [ss, c2] = add(ss, c2, d2);
    if (higher) {
      [s3, c3] = add(s3, c3, d2 * d);
      [s4, c4] = add(s4, c4, d2 * d2);
    }
  }
  const fin = (s: number, c: number) => (Number.isFinite(s) ? s + c : s);
  return {
    n,
    mean: offset + m,
    ss: fin(ss, c2),
    s3: higher ? fin(s3, c3) : Number.NaN,
    s4: higher ? fin(s4, c4) : Number.NaN,
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
  samples: readonly (readonly number[])[],
  extras: readonly number[] = [],
): { sums: CentralSums[]; extras: number[] } {
  const plain = samples.map((s) => twoPass(s, 0, false));
  const offset = plain.some(
    (p) => p.n > 1 && Number.isFinite(p.mean) && Math.abs(p.mean) > 10 * Math.sqrt(p.ss / p.n),
  );
  const shift = offset ? shiftByDecimalReference([...samples, extras]) : undefined;
  if (!shift) return { sums: plain, extras: [...extras] };
  return {
    sums: shift.shifted
      .slice(0, samples.length)
      .map((s) => ({ ...twoPass(s, 0, false), exact: true })),
    extras: shift.shifted[samples.length] as number[],
  };
}

/**
 * Pairwise differences a_i - b_i; when the values are large against their
 * differences, taken exactly from the decimals written.
 */
export function pairedDifferences(a: readonly number[], b: readonly number[]): number[] {
  const d = a.map((v, i) => v - (b[i] as number));
  let big = 0;
  let small = 0;
  for (let i = 0; i < d.length; i++) {
    big = Math.max(big, Math.abs(a[i] as number), Math.abs(b[i] as number));
    small = Math.max(small, Math.abs(d[i] as number));
  }
  if (!(big > 16 * small)) return d;
  const shift = shiftByDecimalReference([a, b]);
  if (!shift) return d;
  const [sa, sb] = shift.shifted as [number[], number[]];
  return sa.map((v, i) => v - (sb[i] as number));
}
