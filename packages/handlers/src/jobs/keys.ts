/** Where everything lives in the data bucket. One place, so the prefixes cannot drift. */

export const DATASET_ID = /^ds-[0-9a-f]{32}$/;
export const JOB_ID = /^job-[0-9a-f]{32}$/;

export const datasetMetaKey = (id: string) => `datasets/${id}/meta.json`;
export const datasetDataKey = (id: string) => `datasets/${id}/data`;

/** Job scratch objects: the lifecycle rule expires this prefix. */
export const JOBS_PREFIX = 'jobs/';
export const chunksKey = (job: string) => `jobs/${job}/chunks.json`;
export const partialKey = (job: string, index: number) =>
  `jobs/${job}/partials/${String(index).padStart(6, '0')}.json`;
export const failurePrefix = (job: string) => `jobs/${job}/failures/`;
export const failureKey = (job: string, index: number) =>
  `${failurePrefix(job)}${String(index).padStart(6, '0')}.json`;
export const recordKey = (job: string) => `jobs/${job}/record.json`;
