/** What the jobs benchmark (scripts/bench/jobs.ts) measures: the worker's parse and partial steps. */
export { mergePairwise, partialForms } from './partials';
export { ownedLines, readLines } from './table';
