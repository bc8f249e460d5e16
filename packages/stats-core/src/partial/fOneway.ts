import type { FOnewayOptions, FOnewayResult } from '../anova/fOneway';
import {
  anovaResult,
  constantRule,
  emptyFOneway,
  welchF,
  welchResult,
} from '../anova/internal/fTest';
import { StatsInputError } from '../errors';
import { compensatedSum } from '../internal/sums';
import { checkBoolean, checkOptions, checkSample, describeType } from '../internal/validate';
import { ratioToNumber } from '../regression/internal/bigRatio';
import { integerColumn } from './columns';
import { requireBoolean, requireHeader, requireObject } from './exact';
import {
  type AlignedMoments,
  alignMoments,
  anyNaN,
  centredTimesN,
  mergeMoments,
  momentsExponent,
  momentsOfColumn,
  parseMoments,
} from './moments';
import type { FOnewayState, MomentSums } from './state';

const FN = 'fOneway';
/** Most groups a state may hold (a state must stay far below 256 KiB). */
export const F_ONEWAY_MAX_GROUPS = 1000;

/**
 * Partial state of {@link fOneway} for one chunk: exact sums per group,
 * keyed by the group's label (a chunk sees only some of the groups).
 *
 * @param groups - the chunk's values per group label, e.g. `{ north: [1, 2], south: [3] }`
 * @throws StatsInputError for non-numeric or infinite values, or more than
 *   {@link F_ONEWAY_MAX_GROUPS} groups
 * @example fOnewayFinalize(fOnewayPartial({ a: [1, 2, 3], b: [2, 3, 4], c: [5, 6, 7] })).statistic // 13
 */
export function fOnewayPartial(groups: Record<string, ArrayLike<number>>): FOnewayState {
  if (typeof groups !== 'object' || groups === null || Array.isArray(groups)) {
    throw new StatsInputError(
      FN,
      `requires the groups as an object of arrays keyed by group label (got ${describeType(groups)})`,
    );
  }
  const labels = Object.keys(groups).sort();
  checkGroupCount(labels.length);
  const out: Record<string, MomentSums> = {};
  let nan = false;
  for (const label of labels) {
    const values = checkSample(FN, `group ${JSON.stringify(label)}`, groups[label]);
    if (values.length === 0) continue;
    if (anyNaN(values)) {
      nan = true;
      out[label] = { n: values.length, s1: '0', s2: '0' };
      continue;
    }
    out[label] = momentsOfColumn(
      integerColumn(FN, `group ${JSON.stringify(label)}`, values),
      values.length,
    );
  }
  return { stat: 'f_oneway', v: 1, nan, groups: out };
}

function checkGroupCount(k: number): void {
  if (k > F_ONEWAY_MAX_GROUPS) {
    throw new StatsInputError(
      FN,
      `supports at most ${F_ONEWAY_MAX_GROUPS} groups in a job (got ${k}); group by a column with fewer distinct values`,
    );
  }
}

/** The state of no values. */
export function fOnewayEmpty(): FOnewayState {
  return { stat: 'f_oneway', v: 1, nan: false, groups: {} };
}

/** Merges two states exactly, group by group (labels kept sorted). */
export function fOnewayMerge(a: FOnewayState, b: FOnewayState): FOnewayState {
  const x = parseFOnewayState(a, 'a');
  const y = parseFOnewayState(b, 'b');
  const labels = [...new Set([...Object.keys(x.groups), ...Object.keys(y.groups)])].sort();
  checkGroupCount(labels.length);
  const groups: Record<string, MomentSums> = {};
  for (const label of labels) {
    const g = x.groups[label];
    const h = y.groups[label];
    groups[label] = g && h ? mergeMoments(g, h) : ((g ?? h) as MomentSums);
  }
  return { stat: 'f_oneway', v: 1, nan: x.nan || y.nan, groups };
}

/** Checks an {@link FOnewayState} read back from JSON. @throws StatsInputError naming the bad field */
export function parseFOnewayState(value: unknown, name = 'state'): FOnewayState {
  const fn = 'fOnewayMerge';
  const o = requireHeader(fn, 'f_oneway', value, name);
  const nan = requireBoolean(fn, `${name}.nan`, o.nan);
  const raw = requireObject(fn, `${name}.groups`, o.groups);
  const groups: Record<string, MomentSums> = {};
  for (const label of Object.keys(raw).sort()) {
    groups[label] = parseMoments(fn, `${name}.groups[${JSON.stringify(label)}]`, raw[label]);
  }
  return { stat: 'f_oneway', v: 1, nan, groups };
}

/** The group labels in the order the finalize uses (sorted by UTF-16 code units). */
export function fOnewayLabels(state: FOnewayState): string[] {
  return Object.keys(parseFOnewayState(state).groups).sort();
}

/**
 * The {@link fOneway} result from a merged state, groups in sorted label
 * order. Sums of squares come from the exact sums without cancellation:
 * SSW = sum C_i / n_i and SSB = sum (S1_i N - S1 n_i)^2 / (n_i N^2), each
 * term exact and rounded once, positive terms summed.
 *
 * @throws StatsInputError for fewer than two groups, bad options or a malformed state
 */
export function fOnewayFinalize(state: FOnewayState, options?: FOnewayOptions): FOnewayResult {
  const s = parseFOnewayState(state);
  const equalVar = checkBoolean(FN, 'equalVar', checkOptions(FN, options).equalVar, true);
  const labels = Object.keys(s.groups).sort();
  const k = labels.length;
  if (k < 2) {
    throw new StatsInputError(
      FN,
      `requires at least two samples (got ${k} group${k === 1 ? '' : 's'}${k === 1 ? `: ${JSON.stringify(labels[0])}` : ''})`,
    );
  }
  const groups = labels.map((l) => s.groups[l] as MomentSums);
  const sizes = groups.map((g) => g.n);
  const bigN = sizes.reduce((x, y) => x + y, 0);
  const nan = Number.NaN;
  const empty = emptyFOneway(k, bigN);
  if (s.nan) return equalVar ? empty : { ...empty, dfWithin: nan };
  if (sizes.every((n) => n === 1)) return empty;
  const e = Math.min(...groups.map(momentsExponent));
  const aligned = groups.map((g) => alignMoments(g, Number.isFinite(e) ? e : 0));
  const scale = aligned[0]?.e ?? 0;
  const centred = aligned.map(centredTimesN);
  const allConst = centred.every((c) => c === 0n);
  const first = aligned[0] as AlignedMoments;
  const allSame = allConst && aligned.every((g) => g.s1 * first.n === first.s1 * g.n);
  const fix = constantRule(allConst, allSame);

  if (!equalVar) {
    // Means relative to the first group's, each difference exact and
    // rounded once, so data on a large offset keep their digits.
    const means = aligned.map((g) =>
      ratioToNumber(g.s1 * first.n - first.s1 * g.n, g.n * first.n, scale),
    );
    const vars = aligned.map((g, i) =>
      ratioToNumber(centred[i] as bigint, g.n * (g.n - 1n), 2 * scale),
    );
    return welchResult(empty, welchF(sizes, means, vars), fix);
  }
  const N = BigInt(bigN);
  let total = 0n;
  for (const g of aligned) total += g.s1;
  const ssWithin = compensatedSum(
    aligned.map((g, i) => ratioToNumber(centred[i] as bigint, g.n, 2 * scale)),
  );
  const ssBetween = compensatedSum(
    aligned.map((g) => {
      const d = g.s1 * N - total * g.n;
      return ratioToNumber(d * d, g.n * N * N, 2 * scale);
    }),
  );
  return anovaResult(empty, ssBetween, ssWithin, fix);
}
