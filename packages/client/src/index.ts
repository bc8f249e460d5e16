/**
 * @lambda-stats/client: a typed fetch client for the lambda-stats HTTP API.
 * See docs/client.md.
 *
 * @example
 * import { createClient } from '@lambda-stats/client';
 * const stats = createClient({ baseUrl: 'http://127.0.0.1:3000' });
 * const fit = await stats.linregress({ x: [1, 2, 3, 4, 5], y: [2, 4, 5, 4, 5] });
 * fit.slope; // 0.6000000000000001
 */
export type { components, operations, paths } from './api.gen';
export {
  type CallOptions,
  type ClientOptions,
  createClient,
  createClientFor,
  type LambdaStatsClient,
  type OperationArgs,
  type OperationId,
  type Params,
  type RequestBody,
  type ResponseBody,
  type RouteTable,
  regionOfUrl,
} from './client';
export type { AwsCredentials, CredentialProvider, CredentialsOption } from './credentials';
export {
  ApiError,
  type ApiErrorBody,
  ClientUsageError,
  LambdaStatsError,
  NetworkError,
} from './errors';
export {
  type Job,
  JobFailedError,
  type JobRequest,
  type JobResult,
  JobTimeoutError,
  runJob,
  type UploadData,
  UploadError,
  type UploadOptions,
  uploadDataset,
  type WaitOptions,
  waitForJob,
} from './jobs';
export type { RetryOptions } from './retry';
export { routes } from './routes.gen';
