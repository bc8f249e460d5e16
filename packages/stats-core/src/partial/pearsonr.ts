import { fisherInterval, pearsonPvalue } from '../correlation/internal/pearsonInference';
import type { PearsonrOptions, PearsonrResult } from '../correlation/pearsonr';
import { StatsInputError } from '../errors';
import {
  checkAlternative,
  checkOptions,
  checkPairedSamples,
  type Sample,
} from '../internal/validate';
import { ratioToNumber } from '../regression/internal/bigRatio';
import * as bivariate from './bivariate';
import { requireBoolean } from './exact';
import { anyNaN } from './moments';
import type { PearsonrState } from './state';

const FN = 'pearsonr';

/**
 * Partial state of {@link pearsonr} for one chunk of pairs: n and the exact
 * sums of x, y, x^2, x y, y^2 (a NaN marks the state: the result is NaN, as scipy).
 *
 * @throws StatsInputError for unequal lengths, non-numeric or infinite values
 * @example pearsonrFinalize(pearsonrPartial([1, 2, 3, 4, 5], [10, 9, 2.5, 6, 4])).statistic // -0.7426106572325056
 */
export function pearsonrPartial(x: Sample, y: Sample): PearsonrState {
  const [a, b] = checkPairedSamples(FN, x, y);
  if (anyNaN(a) || anyNaN(b)) {
    return { stat: 'pearsonr', v: 1, nan: true, ...bivariate.emptyBivariate(), n: a.length };
  }
  return { stat: 'pearsonr', v: 1, nan: false, ...bivariate.bivariateSums(FN, a, b) };
}

/** The state of no pairs. */
export function pearsonrEmpty(): PearsonrState {
  return { stat: 'pearsonr', v: 1, nan: false, ...bivariate.emptyBivariate() };
}

/** Merges two states exactly. */
export function pearsonrMerge(a: PearsonrState, b: PearsonrState): PearsonrState {
  const x = parsePearsonrState(a, 'a');
  const y = parsePearsonrState(b, 'b');
  return { stat: 'pearsonr', v: 1, nan: x.nan || y.nan, ...bivariate.mergeBivariate(x, y) };
}

/** Checks a {@link PearsonrState} read back from JSON. @throws StatsInputError naming the bad field */
export function parsePearsonrState(value: unknown, name = 'state'): PearsonrState {
  const o = bivariate.parseBivariate('pearsonrMerge', 'pearsonr', value, name);
  const nan = requireBoolean('pearsonrMerge', `${name}.nan`, o.nan);
  const { n, sx, sy, sxx, sxy, syy } = o;
  return { stat: 'pearsonr', v: 1, nan, n, sx, sy, sxx, sxy, syy };
}

/**
 * The {@link pearsonr} result from a merged state: r^2 = C_xy^2 / (C_xx C_yy)
 * exact from the integer sums, rounded once; p-value and Fisher interval as
 * the one-shot function.
 *
 * @throws StatsInputError for fewer than 2 pairs, bad options or a malformed state
 */
export function pearsonrFinalize(state: PearsonrState, options?: PearsonrOptions): PearsonrResult {
  const s = parsePearsonrState(state);
  const n = s.n;
  if (n < 2) throw new StatsInputError(FN, `requires x and y of length at least 2 (got ${n})`);
  const opts = checkOptions(FN, options);
  const alternative = checkAlternative(FN, opts.alternative);
  const level = opts.confidenceLevel ?? 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new StatsInputError(
      FN,
      `requires confidenceLevel between 0 and 1 (got ${String(level)})`,
    );
  }
  let r = Number.NaN;
  if (!s.nan) {
    const a = bivariate.alignBivariate(s);
    const cxx = a.n * a.sxx - a.sx * a.sx;
    const cyy = a.n * a.syy - a.sy * a.sy;
    const cxy = a.n * a.sxy - a.sx * a.sy;
    if (cxx !== 0n && cyy !== 0n) {
      const abs = Math.min(1, Math.sqrt(ratioToNumber(cxy * cxy, cxx * cyy)));
      r = cxy < 0n ? -abs : abs;
    }
  }
  let pvalue: number;
  if (n === 2) {
    r = Math.round(r);
    pvalue = Number.isNaN(r) ? Number.NaN : 1;
  } else pvalue = pearsonPvalue(r, n, alternative);
  return { statistic: r, pvalue, confidenceInterval: fisherInterval(r, n, level, alternative) };
}
