/**
 * Large files through the datasets and jobs API: above the synchronous
 * limit the page creates a dataset, PUTs the file to its presigned URL,
 * starts a job and polls it. The pure parts live here (the limit, which
 * statistics jobs run, the job request from the form's mapping, the
 * messages); the page does the requests.
 */
import type { Body } from '../plots/types';
import type { Mapping, StatisticSpec } from './statistics';

/**
 * Files above this many bytes go through the datasets API. Lambda takes at
 * most 6 MB (6,291,456 bytes) in a synchronous request, event included, and
 * the JSON the page builds from a CSV is a little larger than the CSV
 * (brackets, the regressions' prediction grid): 5 MiB leaves that room.
 */
export const SYNC_LIMIT_BYTES = 5 * 1024 * 1024;

/**
 * The statistics a job can run, with the shape of their `columns`
 * (handlers' `jobForms`, packages/handlers/src/jobs/forms.ts; a test keeps
 * the two lists equal).
 */
export const JOB_STATISTICS: Readonly<Record<string, 'vectors' | 'ols' | 'groups' | 'table'>> = {
  describe: 'vectors',
  linregress: 'vectors',
  pearsonr: 'vectors',
  ols: 'ols',
  polyfit: 'vectors',
  ttest_1samp: 'vectors',
  ttest_ind: 'vectors',
  ttest_rel: 'vectors',
  f_oneway: 'groups',
  chi2_contingency: 'table',
  spearmanr: 'vectors',
  kendalltau: 'vectors',
  mannwhitneyu: 'vectors',
  ks_2samp: 'vectors',
  shapiro: 'vectors',
};

/** Job nan_policy: raise or omit (a job has no propagate). */
const JOB_NAN_POLICIES = new Set(['raise', 'omit']);

export class JobRequestError extends Error {
  override name = 'JobRequestError';
}

/**
 * `POST /jobs`'s body (without the dataset) from the form: the data fields'
 * columns, the options, nan_policy at the top. f_oneway takes a value
 * column and a group column (`samples = [value, group]`), chi2_contingency
 * a row-label and a column-label column (`observed = [rows, cols]`).
 */
export function jobRequest(spec: StatisticSpec, mapping: Mapping, options: Body): Body {
  const shape = JOB_STATISTICS[spec.name];
  if (!shape) {
    throw new JobRequestError(
      `${spec.name} cannot run on a file this large: the datasets API runs jobs for ${Object.keys(JOB_STATISTICS).sort().join(', ')}. Use a file under ${formatBytes(SYNC_LIMIT_BYTES)} for ${spec.name}.`,
    );
  }
  const columns: Body = {};
  for (const f of spec.fields) {
    const m = mapping[f.name];
    if (f.kind === 'column') {
      if (typeof m === 'string' && m !== '') columns[f.name] = m;
      else if (f.required) throw new JobRequestError(`Choose the column for ${f.name}.`);
    } else if (f.kind === 'rows' || f.kind === 'samples') {
      const list = Array.isArray(m) ? m : [];
      if (shape === 'ols') {
        if (list.length === 0) throw new JobRequestError(`Choose the columns for ${f.name}.`);
        columns[f.name] = list;
      } else if (list.length !== 2) {
        throw new JobRequestError(
          shape === 'groups'
            ? `${spec.name} on a large file takes two columns for ${f.name}: the values, then the group label of each row (chosen: ${list.length}).`
            : `${spec.name} on a large file takes two columns for ${f.name}: the row label, then the column label of each row, which are counted (chosen: ${list.length}).`,
        );
      } else {
        columns[f.name] =
          shape === 'groups'
            ? { value: list[0], group_by: list[1] }
            : { rows: list[0], cols: list[1] };
      }
    }
  }
  const { nan_policy, predict: _predict, ...rest } = options;
  const body: Body = { statistic: spec.name, columns };
  if (Object.keys(rest).length > 0) body.options = rest;
  if (nan_policy !== undefined) {
    if (!JOB_NAN_POLICIES.has(String(nan_policy)))
      throw new JobRequestError(
        `nan_policy "${nan_policy}" is for synchronous requests; a job takes raise or omit.`,
      );
    body.nan_policy = nan_policy;
  }
  return body;
}

/** The dataset format from the file's name (JSON Lines by .jsonl/.ndjson, CSV otherwise). */
export const datasetFormat = (fileName: string): 'csv' | 'jsonl' =>
  /\.(jsonl|ndjson)$/i.test(fileName) ? 'jsonl' : 'csv';

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / 1024 / 1024).toFixed(1))} MiB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KiB`;
  return `${n} bytes`;
}

/** A job record's error as a message and its details, for the page's error box. */
export function jobFailure(record: Body): { message: string; details: string[] } {
  const error = (record.error ?? {}) as { code?: string; message?: string; details?: Body };
  const details = Object.entries(error.details ?? {})
    .filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${v}`);
  return {
    message: `The job failed (${error.code ?? 'unknown'}): ${error.message ?? 'no message'}`,
    details,
  };
}

/**
 * The complete lines of a large file's first chunk (the page reads only its
 * head): the header row and the first data rows, without the cut last line.
 */
export function completeLines(head: string): string {
  const end = head.lastIndexOf('\n');
  return end < 0 ? head : head.slice(0, end);
}
