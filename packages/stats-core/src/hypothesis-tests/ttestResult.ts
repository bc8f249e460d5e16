/** Result of the t-tests: scipy's TtestResult fields. */
export interface TtestResult {
  /** The t statistic. */
  statistic: number;
  pvalue: number;
  /** Degrees of freedom of the t distribution used for the p-value. */
  df: number;
}

export interface TtestOptions {
  /** Alternative hypothesis: 'two-sided' (default), 'less' or 'greater'. */
  alternative?: 'two-sided' | 'less' | 'greater';
}
