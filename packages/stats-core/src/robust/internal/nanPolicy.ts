import { StatsInputError } from '../../errors';
import { describeType } from '../../internal/validate';

/** scipy's `nan_policy`: what a NaN in the input does. */
export type NanPolicy = 'propagate' | 'omit' | 'raise';

export function checkNanPolicy(fn: string, value: unknown): NanPolicy {
  if (value === undefined) return 'propagate';
  if (value === 'propagate' || value === 'omit' || value === 'raise') return value;
  throw new StatsInputError(
    fn,
    `requires nanPolicy to be 'propagate', 'omit' or 'raise' (got ${typeof value === 'string' ? JSON.stringify(value) : describeType(value)})`,
  );
}

/**
 * The sample under a nan policy: `nan` true when the result is NaN
 * ('propagate' and a NaN is present); 'omit' drops the NaNs; 'raise' throws.
 */
export function applyNanPolicy(
  fn: string,
  name: string,
  x: Float64Array,
  policy: NanPolicy,
): { values: Float64Array; nan: boolean } {
  let count = 0;
  for (let i = 0; i < x.length; i++) if (Number.isNaN(x[i])) count++;
  if (count === 0) return { values: x, nan: false };
  if (policy === 'raise') {
    throw new StatsInputError(
      fn,
      `found ${count} NaN value${count === 1 ? '' : 's'} in ${name} (nanPolicy 'raise'); remove them, or pass nanPolicy 'omit' to ignore them`,
    );
  }
  if (policy === 'propagate') return { values: x, nan: true };
  const kept = new Float64Array(x.length - count);
  let k = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) kept[k++] = x[i] as number;
  return { values: kept, nan: false };
}

/** Paired samples under a nan policy: a pair is dropped by 'omit' when either value is NaN. */
export function applyPairedNanPolicy(
  fn: string,
  x: Float64Array,
  y: Float64Array,
  policy: NanPolicy,
): { x: Float64Array; y: Float64Array; nan: boolean } {
  let count = 0;
  for (let i = 0; i < x.length; i++) if (Number.isNaN(x[i]) || Number.isNaN(y[i])) count++;
  if (count === 0) return { x, y, nan: false };
  if (policy === 'raise') {
    throw new StatsInputError(
      fn,
      `found NaN in ${count} pair${count === 1 ? '' : 's'} of x and y (nanPolicy 'raise'); remove them, or pass nanPolicy 'omit' to ignore them`,
    );
  }
  if (policy === 'propagate') return { x, y, nan: true };
  const kx = new Float64Array(x.length - count);
  const ky = new Float64Array(x.length - count);
  let k = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    kx[k] = x[i] as number;
    ky[k++] = y[i] as number;
  }
  return { x: kx, y: ky, nan: false };
}
