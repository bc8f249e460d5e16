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
