/**
 * scipy's `nan_policy` for the endpoints whose scipy function has it
 * (NAN_POLICY_ENDPOINTS). JSON has no NaN: a missing value is `null` in a
 * sample array (a CSV body's missing cells arrive here as null too).
 *
 * - `raise` (the default here; scipy's default is `propagate`, but a
 *   missing value in a request is far more often a mistake than a wish for
 *   a NaN answer): a null is a 400 naming its position.
 * - `omit`: nulls are dropped, as scipy drops NaNs: paired samples lose
 *   the whole pair (row), independent samples and f_oneway groups lose
 *   just the value; the remaining values are then validated as usual
 *   (too few left is the usual 400).
 * - `propagate`: the request is validated with the nulls standing in as
 *   numbers, and the answer is scipy's for NaN input: every statistic null
 *   (scipy's nan), the counts of observations kept.
 *
 * Endpoints whose answer has one value per input value (`keepsPositions`:
 * zscore, modified_zscore) get the missing values as NaN instead, with the
 * policy, and keep their places (scipy's omit still gives a missing
 * value's own score as nan): see `restoreMissing`.
 */
import * as v from 'valibot';
import type { Endpoint } from '../endpoint';
import { formatPath } from '../schema';
import { HttpError } from './errors';
import {
  fieldKinds,
  INDEPENDENT_SAMPLES,
  NAN_POLICIES,
  NAN_POLICY_ENDPOINTS,
  type NanPolicyValue,
} from './fields';
import { isFiniteArray } from './json';

export interface NanPrepared {
  /** The request without nan_policy and, under omit, without the missing values. */
  payload: unknown;
  /** True when a missing value was sent under propagate: answer with nanResult. */
  propagate: boolean;
  /**
   * For a `keepsPositions` endpoint under omit or propagate: where the
   * missing values were (stood in for by 0 until validation has run;
   * `restoreMissing` puts NaN back there) and the policy for `handle`.
   */
  missing?: { nanPolicy: 'omit' | 'propagate'; paths: (string | number)[][] };
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const policySchema = v.picklist(NAN_POLICIES);
const ONE_OF = `nan_policy must be one of ${NAN_POLICIES.join(', ')}`;

export function nanPolicyOf(payload: Record<string, unknown>): NanPolicyValue {
  const raw = payload.nan_policy;
  if (raw === undefined) return 'raise';
  if (!v.is(policySchema, raw)) {
    throw new HttpError(
      400,
      'invalid_request',
      `Invalid request: ${ONE_OF} (got ${JSON.stringify(raw)})`,
      { issues: [{ path: 'nan_policy', message: ONE_OF }] },
    );
  }
  return raw;
}

function holdsNull(payload: Record<string, unknown>): boolean {
  for (const key in payload) {
    const value = payload[key];
    // an array the request reader found all finite holds no null (nor does any row of it)
    if (!Array.isArray(value) || isFiniteArray(value)) continue;
    if (value.includes(null)) return true;
    for (const row of value) if (Array.isArray(row) && row.includes(null)) return true;
  }
  return false;
}

/** Where the nulls are: [path, ...] for the message. */
function nullPaths(
  payload: Record<string, unknown>,
  samples: string[],
  groups: string[],
): (string | number)[][] {
  const out: (string | number)[][] = [];
  for (const f of samples) {
    const a = payload[f];
    if (!Array.isArray(a)) continue;
    for (let i = 0; i < a.length; i++) if (a[i] === null) out.push([f, i]);
  }
  for (const f of groups) {
    const m = payload[f];
    if (Array.isArray(m)) {
      m.forEach((g, i) => {
        if (!Array.isArray(g)) return;
        for (let j = 0; j < g.length; j++) if (g[j] === null) out.push([f, i, j]);
      });
    }
  }
  return out;
}

export function prepareNanPolicy(endpoint: Endpoint, payload: unknown): NanPrepared {
  if (!NAN_POLICY_ENDPOINTS.has(endpoint.name) || !isRecord(payload)) {
    return { payload, propagate: false };
  }
  // the common case, checked first and cheaply: no nan_policy, no null anywhere
  if (payload.nan_policy === undefined && !holdsNull(payload)) return { payload, propagate: false };
  const policy = nanPolicyOf(payload);
  const { nan_policy: _policy, ...rest } = payload;
  const kinds = fieldKinds(endpoint.request.entries);
  const samples = Object.keys(kinds).filter((k) => kinds[k] === 'sample');
  const groups = Object.keys(kinds).filter((k) => kinds[k] === 'matrix');
  const found = nullPaths(rest, samples, groups);
  if (found.length === 0) return { payload: rest, propagate: false };
  if (policy === 'raise') {
    const issues = found.slice(0, 20).map((p) => {
      const at = formatPath(p);
      return {
        path: at,
        message: `${at} is null, a missing value: remove it, or send "nan_policy": "omit" to drop missing values (or "propagate" for scipy's nan result)`,
      };
    });
    return throwIssues(issues, found.length);
  }
  if (endpoint.keepsPositions === true) {
    return {
      payload: withZeros(rest, samples, groups),
      propagate: false,
      missing: { nanPolicy: policy, paths: found },
    };
  }
  if (policy === 'propagate') return { payload: withZeros(rest, samples, groups), propagate: true };
  // omit
  const out: Record<string, unknown> = { ...rest };
  const paired = !INDEPENDENT_SAMPLES.has(endpoint.name) && samples.length > 1;
  if (paired) {
    const arrays = samples.map((f) => rest[f]).filter(Array.isArray) as unknown[][];
    const drop = new Set<number>();
    for (const a of arrays) {
      for (let i = 0; i < a.length; i++) if (a[i] === null) drop.add(i);
    }
    for (const f of samples) {
      const a = rest[f];
      if (Array.isArray(a)) out[f] = a.filter((_, i) => !drop.has(i));
    }
  } else {
    for (const f of samples) {
      const a = rest[f];
      if (Array.isArray(a)) out[f] = a.filter((x) => x !== null);
    }
  }
  for (const f of groups) {
    const m = rest[f];
    if (Array.isArray(m))
      out[f] = m.map((g) => (Array.isArray(g) ? g.filter((x) => x !== null) : g));
  }
  return { payload: out, propagate: false };
}

/** The request with 0 standing in for each missing value, so validation sees numbers. */
function withZeros(
  rest: Record<string, unknown>,
  samples: string[],
  groups: string[],
): Record<string, unknown> {
  const filled: Record<string, unknown> = { ...rest };
  for (const f of samples) {
    const a = rest[f];
    if (Array.isArray(a)) filled[f] = a.map((x) => (x === null ? 0 : x));
  }
  for (const f of groups) {
    const m = rest[f];
    if (Array.isArray(m)) {
      filled[f] = m.map((g) => (Array.isArray(g) ? g.map((x) => (x === null ? 0 : x)) : g));
    }
  }
  return filled;
}

/**
 * The validated request of a `keepsPositions` endpoint with NaN back where
 * the missing values were (new arrays; the parsed output is not changed).
 */
export function restoreMissing<T extends Record<string, unknown>>(
  input: T,
  paths: (string | number)[][],
): T {
  const out: Record<string, unknown> = { ...input };
  const copied = new Set<unknown>();
  for (const path of paths) {
    const [field, ...at] = path as [string, ...number[]];
    if (!copied.has(field)) {
      const v = out[field];
      out[field] = Array.isArray(v) ? v.map((e) => (Array.isArray(e) ? [...e] : e)) : v;
      copied.add(field);
    }
    let target = out[field] as unknown[];
    for (let i = 0; i < at.length - 1; i++) target = target[at[i] as number] as unknown[];
    target[at[at.length - 1] as number] = Number.NaN;
  }
  return out as T;
}

function throwIssues(issues: { path: string; message: string }[], total: number): never {
  const first = issues.slice(0, 3).map((i) => i.message);
  const rest = total - first.length;
  throw new HttpError(
    400,
    'invalid_request',
    `Invalid request: ${first.join('; ')}${rest > 0 ? ` (and ${rest} more problems, see details.issues)` : ''}`,
    total > issues.length ? { issues, moreIssues: total - issues.length } : { issues },
  );
}

/** Fields that count observations: kept under propagate, as scipy keeps them. */
const COUNTS = new Set(['n', 'nobs']);

/**
 * The answer to a request holding missing values under propagate: the
 * endpoint's response shape (from its example) with every number null
 * (scipy's nan), except the counts of observations (`n`, `nobs`), which
 * are the number of values sent (missing ones included, as scipy counts them).
 */
export function nanResult(endpoint: Endpoint, input: Record<string, unknown>): unknown {
  const kinds = fieldKinds(endpoint.request.entries);
  const first = Object.keys(kinds).find((k) => kinds[k] === 'sample');
  const count = first !== undefined && Array.isArray(input[first]) ? input[first].length : null;
  const nullify = (x: unknown, key: string | undefined): unknown => {
    if (typeof x === 'number' || x === null)
      return key !== undefined && COUNTS.has(key) ? count : null;
    if (Array.isArray(x)) return x.map((e) => nullify(e, undefined));
    if (isRecord(x))
      return Object.fromEntries(Object.entries(x).map(([k, e]) => [k, nullify(e, k)]));
    return x;
  };
  return nullify(endpoint.example.response, undefined);
}
