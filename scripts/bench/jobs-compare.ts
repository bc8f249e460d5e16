/**
 * A job's `result` against the synchronous endpoint's response body on the
 * same data, field by field, for `bench:jobs --size`.
 *
 * Tolerance, the partial-results property tests'
 * (packages/stats-core/tests/partial/properties.test.ts): a number passes
 * when |job - sync| <= relative |sync| + floor. relative is 1e-12 (1e-11
 * for f_oneway), and 1e-10 on p-values (a tail probability multiplies its
 * statistic's last-bit differences by about the statistic itself); floor
 * is 1e-14 for describe and the t-tests (a skewness or a t near 0 is a
 * difference of large sums: its last bits are absolute, not relative) and
 * 0 otherwise. The job finalizes from exact partial sums, the endpoint from
 * its own lane on the whole sample; both meet the 1e-10 contract against
 * the exact value, so these bounds are tighter than the contract.
 * Non-numbers (labels, booleans, null) must be equal; `method` (the lane
 * that ols and polyfit took) is skipped, as it differs by design.
 */
export interface Tolerance {
  relative: number;
  pValue: number;
  floor: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { relative: 1e-12, pValue: 1e-10, floor: 0 };

/** The property tests' tolerance for `statistic`. */
export function toleranceOf(statistic: string): Tolerance {
  if (statistic === 'describe' || statistic.startsWith('ttest_')) {
    return { ...DEFAULT_TOLERANCE, floor: 1e-14 };
  }
  if (statistic === 'f_oneway') return { ...DEFAULT_TOLERANCE, relative: 1e-11 };
  return DEFAULT_TOLERANCE;
}

/** Fields whose numbers are p-values: pvalue, f_pvalue, p_values, ... */
const isPValue = (key: string) => /p_?values?$/.test(key);

export interface FieldDifference {
  /** Where in the body, e.g. `result.coefficients[1]`. */
  path: string;
  job: number;
  sync: number;
  /** |job - sync| / max(|job|, |sync|); 0 when equal. */
  relative: number;
  /** The largest |job - sync| allowed: relative (or pValue) |sync| + floor. */
  allowed: number;
}

export interface Comparison {
  /** The numeric field with the largest relative difference. */
  worst?: FieldDifference;
  /** Numeric fields over their allowance. */
  over: FieldDifference[];
  /** Shape differences: a missing or extra field, a type, a length, an unequal label. */
  mismatches: string[];
}

export const relativeDifference = (a: number, b: number) =>
  a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Compares `job` with `sync` field by field (see the tolerance above). */
export function compareBodies(
  job: unknown,
  sync: unknown,
  tolerance: Tolerance = DEFAULT_TOLERANCE,
): Comparison {
  const out: Comparison = { over: [], mismatches: [] };
  walk(job, sync, 'result', 'result', tolerance, out);
  return out;
}

function walk(
  job: unknown,
  sync: unknown,
  path: string,
  key: string,
  tolerance: Tolerance,
  out: Comparison,
): void {
  if (typeof sync === 'number') {
    if (typeof job !== 'number') {
      out.mismatches.push(`${path}: job ${JSON.stringify(job)}, sync ${sync}`);
      return;
    }
    const relative = isPValue(key) ? tolerance.pValue : tolerance.relative;
    const allowed = relative * Math.abs(sync) + tolerance.floor;
    const d = { path, job, sync, relative: relativeDifference(job, sync), allowed };
    if (!(d.relative <= (out.worst?.relative ?? -1))) out.worst = d;
    if (!(Math.abs(job - sync) <= allowed)) out.over.push(d);
  } else if (Array.isArray(sync)) {
    if (!Array.isArray(job) || job.length !== sync.length) {
      out.mismatches.push(
        `${path}: job ${Array.isArray(job) ? `${job.length} items` : JSON.stringify(job)}, sync ${sync.length} items`,
      );
      return;
    }
    sync.forEach((x, i) => {
      walk(job[i], x, `${path}[${i}]`, key, tolerance, out);
    });
  } else if (isRecord(sync)) {
    if (!isRecord(job)) {
      out.mismatches.push(`${path}: job ${JSON.stringify(job)}, sync an object`);
      return;
    }
    const keys = new Set([...Object.keys(job), ...Object.keys(sync)]);
    for (const k of [...keys].sort()) {
      if (k === 'method') continue;
      if (!(k in job) || !(k in sync)) {
        out.mismatches.push(`${path}.${k}: only in the ${k in job ? 'job' : 'sync'} body`);
      } else walk(job[k], sync[k], `${path}.${k}`, k, tolerance, out);
    }
  } else if (job !== sync) {
    out.mismatches.push(`${path}: job ${JSON.stringify(job)}, sync ${JSON.stringify(sync)}`);
  }
}
