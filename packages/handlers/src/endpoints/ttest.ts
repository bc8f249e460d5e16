/** The response shared by the t tests (ttest_1samp, ttest_ind, ttest_rel): scipy's TtestResult. */
import type { TtestResult } from '@lambda-stats/stats-core';
import * as v from 'valibot';
import { documented, finiteOrNull, resultNumber, testResult, toTestResult } from '../schema';

export const ttestResponse = () =>
  v.object({
    ...testResult('t statistic.'),
    df: documented(resultNumber, 'Degrees of freedom of the t distribution (Welch: fractional).'),
  });

export function toTtestResponse(r: TtestResult): v.InferInput<ReturnType<typeof ttestResponse>> {
  return { ...toTestResult(r), df: finiteOrNull(r.df) };
}
