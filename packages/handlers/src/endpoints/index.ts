/**
 * Every endpoint, one per Lambda function. Adding an endpoint: write
 * src/endpoints/<scipy name>.ts exporting `<scipy name>` (see linregress.ts),
 * then list it here. The build makes `dist/<name>.zip` for each entry and
 * writes it into dist/manifest.json, whose route infra deploys.
 */
import type { Endpoint } from '../endpoint';
import { chi2_contingency } from './chi2_contingency';
import { describe } from './describe';
import { exponential_smoothing } from './exponential_smoothing';
import { f_oneway } from './f_oneway';
import { iqr } from './iqr';
import { kendalltau } from './kendalltau';
import { ks_2samp } from './ks_2samp';
import { linregress } from './linregress';
import { mannwhitneyu } from './mannwhitneyu';
import { median_abs_deviation } from './median_abs_deviation';
import { modified_zscore } from './modified_zscore';
import { ols } from './ols';
import { pearsonr } from './pearsonr';
import { polyfit } from './polyfit';
import { shapiro } from './shapiro';
import { siegelslopes } from './siegelslopes';
import { spearmanr } from './spearmanr';
import { theilslopes } from './theilslopes';
import { ttest_1samp } from './ttest_1samp';
import { ttest_ind } from './ttest_ind';
import { ttest_rel } from './ttest_rel';
import { zscore } from './zscore';

export const endpoints: readonly Endpoint[] = [
  linregress,
  ols,
  polyfit,
  describe,
  pearsonr,
  spearmanr,
  kendalltau,
  ttest_1samp,
  ttest_ind,
  ttest_rel,
  mannwhitneyu,
  f_oneway,
  chi2_contingency,
  ks_2samp,
  shapiro,
  median_abs_deviation,
  zscore,
  iqr,
  theilslopes,
  siegelslopes,
  modified_zscore,
  exponential_smoothing,
];
