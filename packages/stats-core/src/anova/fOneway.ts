import { StatsInputError } from '../errors';
import { shiftByDecimalReference } from '../internal/exactDecimal';
import { fastSharedCentral, isArrayInput } from '../internal/fastMoments';
import { compensatedSum, sumSquaredDeviations } from '../internal/sums';
import { sumError } from '../internal/twoSum';
import { checkBoolean, checkSample, isConstant, type Sample } from '../internal/validate';
import { anovaResult, constantRule, emptyFOneway, welchF, welchResult } from './internal/fTest';

export interface FOnewayOptions {
  /** true (default): classic one-way ANOVA; false: Welch's ANOVA for unequal variances. */
  equalVar?: boolean;
}

export interface FOnewayResult {
  /** The F statistic. */
  statistic: number;
  pvalue: number;
  /** Between-groups (treatment) degrees of freedom, k - 1. */
  dfBetween: number;
  /** Within-groups (residual) degrees of freedom, N - k (Welch: the adjusted value). */
  dfWithin: number;
  /** Between-groups sum of squares sum n_i (mean_i - mean)^2 (NaN for Welch). */
  ssBetween: number;
  /** Within-groups sum of squares sum (x_ij - mean_i)^2 (NaN for Welch). */
  ssWithin: number;
  msBetween: number;
  msWithin: number;
}

/**
 * One-way analysis of variance, as scipy.stats.f_oneway (scipy 1.17):
 * F = (SSB / (k - 1)) / (SSW / (N - k)), p = P(F(k-1, N-k) > F), plus the
 * ANOVA table. With `equalVar: false`, Welch's heteroscedastic F test.
 * Sums of squares are two-pass float64; on a large offset (|mean| > 10 sd,
 * overall or in a group) the data are first shifted exactly as the decimals
 * written, which reproduces NIST StRD SmLs07-09 to full precision.
 *
 * @param args - two or more samples, optionally followed by `{ equalVar = true }`
 * @returns `{ statistic, pvalue, dfBetween, dfWithin, ssBetween, ssWithin, msBetween, msWithin }`;
 *   NaN statistic and p-value when a sample is empty, every sample has one value,
 *   or all values are equal; statistic Infinity (p = 0) when every group is
 *   constant but the groups differ, as scipy
 * @throws StatsInputError for fewer than two samples or non-numeric values
 * @example fOneway([1, 2, 3], [2, 3, 4], [5, 6, 7]).statistic // 13
 */
export function fOneway(...args: [...Sample[], FOnewayOptions] | Sample[]): FOnewayResult {
  const fast = fastFOneway(args);
  if (fast) return fast;
  const fn = 'fOneway';
  const last = args[args.length - 1];
  const hasOptions = last !== undefined && !Array.isArray(last) && !(last instanceof Float64Array);
  const options = (hasOptions ? last : {}) as FOnewayOptions;
  if (typeof options !== 'object' || options === null) {
    throw new StatsInputError(
      fn,
      'requires samples as arrays of numbers, optionally followed by an options object',
    );
  }
  const equalVar = checkBoolean(fn, 'equalVar', options.equalVar, true);
  const raw = hasOptions ? args.slice(0, -1) : args;
  if (raw.length < 2)
    throw new StatsInputError(fn, `requires at least two samples (got ${raw.length})`);
  const samples = raw.map((s, i) => checkSample(fn, `sample ${i + 1}`, s));
  const k = samples.length;
  const sizes = samples.map((s) => s.length);
  const bigN = sizes.reduce((a, b) => a + b, 0);
  const empty = emptyFOneway(k, bigN);
  if (sizes.some((n) => n === 0) || sizes.every((n) => n === 1)) return empty;

  const allConst = samples.every(isConstant);
  const allSame = allConst && samples.every((s) => s[0] === samples[0]?.[0]);
  const fix = constantRule(allConst, allSame);
  if (!equalVar) return welchResult(empty, welch(samples), fix);
  const { ssBetween, ssWithin } = sumsOfSquares(samples);
  return anovaResult(empty, ssBetween, ssWithin, fix);
}

/** Mean of each sample by a compensated sum. */
const meansOf = (samples: readonly Float64Array[]) =>
  samples.map((s) => compensatedSum(s) / s.length);

function sumsOfSquares(
  samples: readonly Float64Array[],
  shifted = false,
): { ssBetween: number; ssWithin: number } {
  let bigN = 0;
  for (const s of samples) bigN += s.length;
  const grand = sequentialSum(samples) / bigN;
  const means = meansOf(samples);
  const groupSs = samples.map((s, i) => sumSquaredDeviations(s, means[i] as number));
  const ssWithin = compensatedSum(groupSs);
  const ssBetween = compensatedSum(
    means.map((m, i) => (samples[i] as Float64Array).length * (m - grand) ** 2),
  );
  if (shifted) return { ssBetween, ssWithin };
  // Cancellation threatens when the data, or any one group, sit on an offset
  // large against their spread: then shift them exactly by one of the
  // decimals written (NIST SmLs07-09) and repeat the two passes.
  const spread = Math.sqrt((ssWithin + ssBetween) / bigN);
  const offset =
    Math.abs(grand) > 10 * spread ||
    means.some(
      (m, i) =>
        Math.abs(m) > 10 * Math.sqrt((groupSs[i] as number) / (samples[i] as Float64Array).length),
    );
  const shift = offset ? shiftByDecimalReference(samples) : undefined;
  return shift ? sumsOfSquares(shift.shifted, true) : { ssBetween, ssWithin };
}

/** Neumaier-compensated sum of all samples' values, in order (as one concatenated array). */
function sequentialSum(samples: readonly Float64Array[]): number {
  let sum = 0;
  let c = 0;
  for (const s of samples) {
    for (let i = 0; i < s.length; i++) {
      const v = s[i] as number;
      c += sumError(sum, v);
      sum += v;
    }
  }
  return Number.isFinite(sum) ? sum + c : sum;
}

/** Welch's F test from the samples' sizes, compensated means and variances. */
function welch(samples: readonly Float64Array[]): { statistic: number; dfWithin: number } {
  const means = meansOf(samples);
  return welchF(
    samples.map((s) => s.length),
    means,
    samples.map((s, i) => sumSquaredDeviations(s, means[i] as number) / (s.length - 1)),
  );
}

/**
 * The classic (equal-variance) F test straight from the caller's arrays (see
 * fastMoments.ts): each group's mean and sum of squares in two passes, or
 * four exact shifted ones when the data sit on an offset (one common decimal
 * reference, as sumsOfSquares' shift). The grand mean is the n-weighted sum
 * of the group means (compensated); its rounding enters ssBetween only to
 * second order, since sum n_i (m_i - grand) = 0. undefined when the general
 * path must answer: Welch, any option it would reject, a group with fewer
 * than 2 values, bad entries, NaN or infinities, offsets the shift cannot
 * take, or constant groups (its fixConst rules).
 */
function fastFOneway(args: readonly unknown[]): FOnewayResult | undefined {
  let samples = args;
  const last = args[args.length - 1];
  if (last !== undefined && !isArrayInput(last)) {
    if (typeof last !== 'object' || last === null) return undefined;
    const equalVar = (last as Record<string, unknown>).equalVar;
    if (equalVar !== undefined && equalVar !== true) return undefined;
    samples = args.slice(0, -1);
  }
  const k = samples.length;
  if (k < 2) return undefined;
  for (const s of samples) if (!isArrayInput(s) || s.length < 2) return undefined;
  const shared = fastSharedCentral(samples as readonly Sample[]);
  if (!shared) return undefined;
  let bigN = 0;
  for (const g of shared.sums) {
    // A constant group: its sum of squares may be a few ulps, not 0; the
    // general path's isConstant rules decide.
    if (!(g.ss > 64 * g.n * (Number.EPSILON * g.mean) ** 2)) return undefined;
    bigN += g.n;
  }
  const grand = compensatedSum(shared.sums.map((g) => g.n * g.mean)) / bigN;
  const ssWithin = compensatedSum(shared.sums.map((g) => g.ss));
  const ssBetween = compensatedSum(shared.sums.map((g) => g.n * (g.mean - grand) ** 2));
  // no constant group here (checked above): the statistic stands as computed
  return anovaResult(emptyFOneway(k, bigN), ssBetween, ssWithin, (f) => f);
}
