/** The analytics functions' entry points, one per Lambda function (see build.ts, analyticsFunctions). */
export { analyticsApi } from './api';
export { analyseSeriesStep, finishRun, listSeries } from './functions';
