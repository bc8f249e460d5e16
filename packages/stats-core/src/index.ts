export { fOneway } from './anova/fOneway';
export { autocorrelationLag1 } from './descriptive/autocorrelationLag1';
export { describe } from './descriptive/describe';
export { chiSquaredSf } from './distributions/chiSquared';
export { fisherFSf } from './distributions/fisherF';
export { normalCdf, normalSf } from './distributions/normal';
export { studentTCdf, studentTSf } from './distributions/studentT';
export { StatsInputError } from './errors';
