/**
 * The analytics functions' configuration, read once from the environment
 * (set by infra) and validated on first use.
 */
export interface AnalyticsEnv {
  readonly resultsTable: string;
  readonly runsTable: string;
  readonly alarmTopicArn: string;
  /** The analyses the stack declares (the API's 404 for any other name). */
  readonly analyses: readonly string[];
}

export function readAnalyticsEnv(source: NodeJS.ProcessEnv): AnalyticsEnv {
  const names = (source.LAMBDA_STATS_ANALYSES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    resultsTable: source.LAMBDA_STATS_RESULTS_TABLE ?? '',
    runsTable: source.LAMBDA_STATS_RUNS_TABLE ?? '',
    alarmTopicArn: source.LAMBDA_STATS_ALARM_TOPIC_ARN ?? '',
    analyses: names,
  };
}

let cached: AnalyticsEnv | undefined;
export function analyticsEnv(): AnalyticsEnv {
  cached ??= readAnalyticsEnv(process.env);
  return cached;
}
