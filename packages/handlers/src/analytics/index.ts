/** The analyses' pure logic, shared by the analytics functions and the local stack's demo. */
export {
  type Anomaly,
  analyseSeries,
  type ResultItem,
  resultKey,
  type SeriesOutcome,
} from './analyse';
export { csvRecords, groupSeries, type RawReading } from './csv';
export { type MethodResult, type ScoredPeriod, scoreHoltWinters, scoreRobust } from './methods';
export { type CheckedSeries, checkSeries, minimumReadings, type RejectReason } from './quality';
export {
  checkAnalysis,
  parseResultsQuery,
  type ResultsQuery,
} from './query';
export {
  type AlarmMessage,
  alarmMessage,
  type FlaggedReading,
  flaggedReadings,
  metricsLine,
  noticeKey,
  type RunRecord,
  type RunStatus,
  runSortKey,
  summariseRun,
} from './run';
export { AnalysisInputError, type AnalysisMethod, type AnalysisSpec } from './spec';
