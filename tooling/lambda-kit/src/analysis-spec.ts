/**
 * What a scheduled analysis's functions are told about it: infra writes an
 * `AnalysisSpec` into each analysis's state machine definition
 * (infra/src/constructs/analytics.ts, `analysisSpec`), and the analytics
 * functions in packages/handlers read it from their event, so one set of
 * functions serves every analysis. The methods are also what the typed
 * stack config declares (infra/src/analyses.ts).
 */

/** Holt-Winters expected values ("Smart Targets"): flag readings outside the prediction interval. */
export interface HoltWintersMethod {
  readonly kind: 'holt-winters';
  /** Readings per seasonal cycle (48 for a daily cycle of half-hourly readings). */
  readonly seasonalPeriods: number;
  readonly seasonal: 'add' | 'mul';
  readonly trend: 'add' | null;
  readonly damped: boolean;
  /** The newest readings of each series that are scored against the forecast (the rest fit the model). */
  readonly evaluatePeriods: number;
  /** Prediction interval level stored as interval low/high (0 < level < 1). */
  readonly intervalLevel: number;
}

/** Robust score ("Smart Alarms"): the Iglewicz-Hoaglin modified z-score of each reading's deviation from its slot's median. */
export interface RobustScoreMethod {
  readonly kind: 'modified-zscore';
  /** Readings per cycle whose same-slot median is the expected value (48: same half-hour of the day). */
  readonly seasonalPeriods: number;
  /** The newest readings of each series that are scored. */
  readonly evaluatePeriods: number;
}

export type AnalysisMethod = HoltWintersMethod | RobustScoreMethod;

export interface AnalysisSpec {
  readonly name: string;
  /** The stack's data bucket. */
  readonly bucket: string;
  /** S3 prefix holding the CSV input. */
  readonly inputPrefix: string;
  /** S3 prefix of the run's scratch objects (the series list the Distributed Map reads). */
  readonly scratchPrefix: string;
  /** CSV column names. */
  readonly columns: { readonly series: string; readonly timestamp: string; readonly value: string };
  readonly method: AnalysisMethod;
  /** |score| above this flags a reading. */
  readonly threshold: number;
  /** Results expire (DynamoDB TTL) this many days after the run. */
  readonly resultTtlDays: number;
}
