/** What the jobs benchmark (scripts/bench/jobs.ts) measures: the worker's parse and partial steps. */

export { jobForms } from './forms';
export { mergePairwise, partialForms } from './partials';
export { type ByteSource, readItem } from './read';
export { readState } from './state';
