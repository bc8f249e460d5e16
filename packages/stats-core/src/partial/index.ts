export {
  CHI2_MAX_CELLS,
  chi2ContingencyEmpty,
  chi2ContingencyFinalize,
  chi2ContingencyLabels,
  chi2ContingencyMerge,
  chi2ContingencyPartial,
  parseChi2ContingencyState,
} from './chi2Contingency';
export { NO_PLACES, withDecimalPlaces } from './columns';
export {
  describeEmpty,
  describeFinalize,
  describeMerge,
  describePartial,
  parseDescribeState,
} from './describe';
export {
  F_ONEWAY_MAX_GROUPS,
  fOnewayEmpty,
  fOnewayFinalize,
  fOnewayLabels,
  fOnewayMerge,
  fOnewayPartial,
  parseFOnewayState,
} from './fOneway';
export {
  linregressEmpty,
  linregressFinalize,
  linregressMerge,
  linregressPartial,
  parseLinregressState,
} from './linregress';
export {
  olsEmpty,
  olsFinalize,
  olsMerge,
  olsPartial,
  olsPartialColumns,
  parseOlsState,
} from './ols';
export { parsePartialState, partialMerge } from './partialMerge';
export {
  parsePearsonrState,
  pearsonrEmpty,
  pearsonrFinalize,
  pearsonrMerge,
  pearsonrPartial,
} from './pearsonr';
export {
  parsePolyfitState,
  polyfitEmpty,
  polyfitFinalize,
  polyfitMerge,
  polyfitPartial,
} from './polyfit';
export {
  type BivariateSums,
  type Chi2ContingencyState,
  type DescribeState,
  type ExactDecimal,
  type FOnewayState,
  type LinregressState,
  MAX_STATE_BYTES,
  type MomentSums,
  type OlsState,
  PARTIAL_STATISTICS,
  type PartialState,
  type PearsonrState,
  type PolyfitState,
  STATE_VERSION,
  type Ttest1sampState,
  type TtestIndState,
  type TtestRelState,
} from './state';
export {
  parseTtest1sampState,
  ttest1sampEmpty,
  ttest1sampFinalize,
  ttest1sampMerge,
  ttest1sampPartial,
} from './ttest1samp';
export {
  parseTtestIndState,
  ttestIndEmpty,
  ttestIndFinalize,
  ttestIndMerge,
  ttestIndPartial,
} from './ttestInd';
export {
  parseTtestRelState,
  ttestRelEmpty,
  ttestRelFinalize,
  ttestRelMerge,
  ttestRelPartial,
} from './ttestRel';
