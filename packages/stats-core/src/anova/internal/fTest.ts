/**
 * The F-test arithmetic shared by the one-shot `fOneway` and the partial
 * `fOnewayFinalize`: each computes its groups' sizes, means, variances or
 * sums of squares its own way (float passes; exact integer sums), then both
 * assemble the result here, so the test, its p-value tail and the NaN
 * rules have one home.
 */
import { fisherFSf } from '../../distributions/fisherF';
import { compensatedSum } from '../../internal/sums';
import type { FOnewayResult } from '../fOneway';

/** The result for k groups of bigN values in all where no statistic can be formed (NaN fields). */
export function emptyFOneway(k: number, bigN: number): FOnewayResult {
  const nan = Number.NaN;
  return {
    statistic: nan,
    pvalue: nan,
    dfBetween: k - 1,
    dfWithin: bigN - k,
    ssBetween: nan,
    ssWithin: nan,
    msBetween: nan,
    msWithin: nan,
  };
}

/**
 * scipy's constant-input rule: every group constant and all equal gives NaN,
 * every group constant gives +Infinity, otherwise the statistic as computed.
 */
export function constantRule(allConstant: boolean, allSame: boolean): (f: number) => number {
  return (f) => (allSame ? Number.NaN : allConstant ? Number.POSITIVE_INFINITY : f);
}

/**
 * Welch's F test (Welch 1951, eqs. 28-30), as scipy's equal_var=False
 * branch, from each group's size, mean and sample variance.
 */
export function welchF(
  n: readonly number[],
  means: readonly number[],
  vars: readonly number[],
): { statistic: number; dfWithin: number } {
  const k = n.length;
  const w = n.map((ni, i) => ni / (vars[i] as number));
  const sw = compensatedSum(w);
  const yHat = compensatedSum(w.map((wi, i) => wi * (means[i] as number))) / sw;
  const numerator =
    compensatedSum(w.map((wi, i) => wi * ((means[i] as number) - yHat) ** 2)) / (k - 1);
  const lambda = compensatedSum(w.map((wi, i) => (1 - wi / sw) ** 2 / ((n[i] as number) - 1)));
  const denominator = 1 + ((2 * (k - 2)) / (k * k - 1)) * lambda;
  return { statistic: numerator / denominator, dfWithin: (k * k - 1) / (3 * lambda) };
}

/** The Welch result: statistic (after the constant rule), its F tail, df. */
export function welchResult(
  empty: FOnewayResult,
  welch: { statistic: number; dfWithin: number },
  fix: (f: number) => number,
): FOnewayResult {
  const statistic = fix(welch.statistic);
  return {
    ...empty,
    statistic,
    pvalue: fisherFSf(statistic, empty.dfBetween, welch.dfWithin),
    dfWithin: welch.dfWithin,
  };
}

/** The one-way ANOVA table from its sums of squares, with the F tail. */
export function anovaResult(
  empty: FOnewayResult,
  ssBetween: number,
  ssWithin: number,
  fix: (f: number) => number,
): FOnewayResult {
  const { dfBetween, dfWithin } = empty;
  const msBetween = ssBetween / dfBetween;
  const msWithin = ssWithin / dfWithin;
  const statistic = fix(msBetween / msWithin);
  return {
    statistic,
    pvalue: fisherFSf(statistic, dfBetween, dfWithin),
    dfBetween,
    dfWithin,
    ssBetween,
    ssWithin,
    msBetween,
    msWithin,
  };
}
