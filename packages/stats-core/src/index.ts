export { chiSquaredSf } from './distributions/chiSquared';
export { fisherFSf } from './distributions/fisherF';
export { normalCdf, normalSf } from './distributions/normal';
export { studentTCdf, studentTSf } from './distributions/studentT';
export { StatsInputError } from './errors';
export {
  type Alternative,
  type LinregressOptions,
  type LinregressResult,
  linregress,
} from './regression/linregress';
export { type OlsOptions, type OlsResult, ols } from './regression/ols';
export { type PolyfitOptions, polyfit } from './regression/polyfit';
