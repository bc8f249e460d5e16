/** What travels between the jobs API and the state machine's steps (all JSON). */

export type Format = 'csv' | 'jsonl';
export type ColumnKind = 'number' | 'label';

/** A dataset column a job reads, and whether it holds numbers or group labels. */
export interface ColumnNeed {
  readonly name: string;
  readonly kind: ColumnKind;
}

/** The execution input, written by POST /jobs. Deterministic, so a retried POST is idempotent. */
export interface JobInput {
  job_id: string;
  dataset_id: string;
  bucket: string;
  key: string;
  format: Format;
  statistic: string;
  /** The columns mapping as sent. */
  columns: unknown;
  /** The dataset columns to read, in the form's order. */
  needs: ColumnNeed[];
  options: Record<string, unknown>;
  nan_policy: 'propagate' | 'raise' | 'omit';
  /** Nominal chunk size in bytes. */
  chunk_bytes: number;
}

/** One Map item: a byte range of the object and what to read from it. */
export interface ChunkItem {
  job_id: string;
  index: number;
  bucket: string;
  key: string;
  format: Format;
  gzip: boolean;
  start: number;
  end: number;
  size: number;
  file_columns: string[];
  needs: ColumnNeed[];
  nan_policy: JobInput['nan_policy'];
  statistic: string;
  /** The statistic's options (polyfit's degree shapes its partial state). */
  options: Record<string, unknown>;
}

/** The split step's output (small: the chunk list itself is in S3). */
export interface SplitOutput {
  bucket: string;
  chunks_key: string;
  chunks: number;
  bytes: number;
}

/** A worker's partial state, one object per chunk in S3. */
export interface Partial {
  index: number;
  rows: number;
  omitted: number;
  /** A mergeable statistic's partial state (stats-core's exact sums). */
  state?: unknown;
  /** A rank statistic's gathered values of the needed columns (up to the row limit). */
  values?: (number[] | string[])[];
}

/** The job record the reduce (or the failure step) writes; GET /jobs/{id} reads it. */
export interface JobRecord {
  status: 'SUCCEEDED' | 'FAILED';
  result?: unknown;
  error?: { code: string; message: string; details?: Record<string, unknown> };
  stats: { rows: number; bytes: number; chunks: number; omitted_rows?: number };
}
