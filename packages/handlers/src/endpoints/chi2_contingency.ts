import { type Chi2ContingencyResult, chi2Contingency } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { defineEndpoint } from '../endpoint';
import {
  documented,
  finiteNumber,
  finiteOrNullAll,
  flag,
  rectangular,
  resultNumber,
  testResult,
  toTestResult,
  wholeNumber,
} from '../schema';

const count = v.pipe(finiteNumber, v.minValue(0));

const request = v.pipe(
  v.strictObject({
    observed: documented(
      v.pipe(v.array(v.pipe(v.array(count), v.minLength(1))), v.minLength(1)),
      'Contingency table of non-negative counts, one array per row, every row the same length.',
    ),
    correction: flag(true, "Yates' continuity correction when dof is 1 (a 2x2 table), as scipy."),
  }),
  rectangular('observed'),
);

const response = () =>
  v.object({
    ...testResult('Pearson chi-squared statistic.'),
    dof: documented(wholeNumber(), 'Degrees of freedom, (rows - 1)(columns - 1).'),
    expected_freq: documented(
      v.array(v.array(resultNumber)),
      'Expected frequencies under independence, from the marginal sums.',
    ),
  });

/** scipy's Chi2ContingencyResult as JSON (the endpoint's body, and a chi2_contingency job's result). */
export function toChi2ContingencyResponse(r: Chi2ContingencyResult) {
  return { ...toTestResult(r), dof: r.dof, expected_freq: r.expectedFreq.map(finiteOrNullAll) };
}

/** scipy.stats.chi2_contingency: chi-squared test of independence in a table. */
export const chi2_contingency = defineEndpoint({
  name: 'chi2_contingency',
  summary:
    'Chi-squared test of independence of the rows and columns of a contingency table (scipy.stats.chi2_contingency).',
  request,
  response,
  handle({ observed, correction }) {
    return toChi2ContingencyResponse(chi2Contingency(observed, { correction }));
  },
  // golden/examples.py: stats.chi2_contingency([[10, 10, 20], [20, 20, 20]])
  example: {
    request: {
      observed: [
        [10, 10, 20],
        [20, 20, 20],
      ],
    },
    response: {
      statistic: 2.7777777777777777,
      pvalue: 0.24935220877729622,
      dof: 2,
      expected_freq: [
        [12, 12, 16],
        [18, 18, 24],
      ],
    },
  },
});
