import { chiSquaredSf } from '../distributions/chiSquared';
import { StatsInputError } from '../errors';
import { compensatedSum } from '../internal/sums';
import { checkBoolean, checkOptions, describeType } from '../internal/validate';

export interface Chi2ContingencyOptions {
  /** Yates' continuity correction when dof = 1 (2x2 tables); default true. */
  correction?: boolean;
}

export interface Chi2ContingencyResult {
  /** Pearson's chi-squared statistic (Yates-corrected when applied). */
  statistic: number;
  pvalue: number;
  /** Degrees of freedom (r - 1)(c - 1). */
  dof: number;
  /** Expected frequencies under independence, row total * column total / grand total. */
  expectedFreq: number[][];
}

/**
 * Chi-squared test of independence of the variables in a two-way
 * contingency table, as scipy.stats.chi2_contingency (scipy 1.17, Pearson's
 * statistic): sum (O - E)^2 / E with E = row sum * column sum / total, p from
 * chi-squared with (r - 1)(c - 1) df. With dof = 1 and `correction`, each
 * observed count moves towards its expected value by min(0.5, |O - E|)
 * (Yates). dof = 0 gives statistic 0 and p = 1.
 *
 * @param observed - the table as rows of non-negative counts (frequencies)
 * @param options - `{ correction = true }`
 * @returns `{ statistic, pvalue, dof, expectedFreq }`
 * @throws StatsInputError for an empty or ragged table, negative or
 *   non-numeric entries, or a zero row or column total (an expected frequency of 0)
 * @example chi2Contingency([[10, 10, 20], [20, 20, 20]]).statistic // 2.7777777777777777
 */
export function chi2Contingency(
  observed: readonly (readonly number[])[],
  options?: Chi2ContingencyOptions,
): Chi2ContingencyResult {
  const fn = 'chi2Contingency';
  const correction = checkBoolean(fn, 'correction', checkOptions(fn, options).correction, true);
  if (
    !Array.isArray(observed) ||
    observed.length === 0 ||
    !observed.every((r) => Array.isArray(r) || r instanceof Float64Array)
  ) {
    throw new StatsInputError(
      fn,
      `requires observed to be a non-empty table given as an array of rows (got ${describeType(observed)})`,
    );
  }
  const rows = observed.map((r) => Array.from(r as ArrayLike<unknown>));
  const cols = rows[0]?.length ?? 0;
  if (cols === 0)
    throw new StatsInputError(
      fn,
      'requires observed to have at least one column (got an empty row)',
    );
  rows.forEach((r, i) => {
    if (r.length !== cols) {
      throw new StatsInputError(
        fn,
        `requires every row of observed to have ${cols} entries (row ${i} has ${r.length})`,
      );
    }
    r.forEach((v, j) => {
      if (typeof v !== 'number' || !(v >= 0)) {
        throw new StatsInputError(
          fn,
          `requires non-negative counts (observed[${i}][${j}] is ${describeType(v)})`,
        );
      }
    });
  });
  const table = rows as number[][];
  const rowSums = table.map((r) => compensatedSum(r));
  const colSums = Array.from({ length: cols }, (_, j) =>
    compensatedSum(table.map((r) => r[j] as number)),
  );
  const total = compensatedSum(rowSums);
  const expectedFreq = rowSums.map((rs) => colSums.map((cs) => (rs * cs) / total));
  expectedFreq.forEach((r, i) => {
    const j = r.indexOf(0);
    if (j >= 0) {
      throw new StatsInputError(
        fn,
        `found an expected frequency of 0 at [${i}][${j}] (a row or column with no counts); drop empty rows and columns`,
      );
    }
  });
  const dof = table.length * cols - table.length - cols + 1;
  if (dof === 0) return { statistic: 0, pvalue: 1, dof, expectedFreq };
  const terms: number[] = [];
  table.forEach((r, i) => {
    r.forEach((o, j) => {
      const e = (expectedFreq[i] as number[])[j] as number;
      let obs = o;
      if (dof === 1 && correction) obs = o + Math.sign(e - o) * Math.min(0.5, Math.abs(e - o));
      terms.push((obs - e) ** 2 / e);
    });
  });
  const statistic = compensatedSum(terms);
  return { statistic, pvalue: chiSquaredSf(statistic, dof), dof, expectedFreq };
}
