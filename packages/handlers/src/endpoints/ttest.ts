/** The response shared by the t tests (ttest_1samp, ttest_ind, ttest_rel): scipy's TtestResult. */
import type { TtestResult } from '@lambda-stats/stats-core';
import * as z from 'zod/mini';
import { documented, finiteOrNull, resultNumber, testResult, toTestResult } from '../schema';

export const ttestResponse = () =>
  z.object({
    ...testResult('t statistic.'),
    df: documented(resultNumber, 'Degrees of freedom of the t distribution (Welch: fractional).'),
  });

export function toTtestResponse(r: TtestResult): z.input<ReturnType<typeof ttestResponse>> {
  return { ...toTestResult(r), df: finiteOrNull(r.df) };
}
