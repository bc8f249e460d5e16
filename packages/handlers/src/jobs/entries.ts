/**
 * The jobs functions' entry points, one per Lambda function (see build.ts):
 * the API routes and the state machine's steps.
 */
export { datasetsHandler, jobsHandler } from './api';
export { failure, reduce, split, work } from './engine';
