import { StatsInputError } from '../../errors';
import { checkOptions, checkSample, describeType } from '../../internal/validate';
import { applyPairedNanPolicy, checkNanPolicy } from './nanPolicy';

/** y, and x (0, 1, ..., n - 1 when not given), checked as scipy's slope estimators take them. */
export function checkSlopeInput(
  fn: string,
  y: unknown,
  x: unknown,
  options: unknown,
): { x: Float64Array; y: Float64Array; nan: boolean; opts: Record<string, unknown> } {
  const opts = checkOptions(fn, options);
  const policy = checkNanPolicy(fn, opts.nanPolicy);
  const yy = checkSample(fn, 'y', y);
  let xx: Float64Array;
  if (x === undefined || x === null) {
    xx = new Float64Array(yy.length);
    for (let i = 0; i < xx.length; i++) xx[i] = i;
  } else {
    xx = checkSample(fn, 'x', x);
    if (xx.length !== yy.length) {
      throw new StatsInputError(
        fn,
        `requires x and y of equal length (got ${xx.length} and ${yy.length})`,
      );
    }
  }
  const kept = applyPairedNanPolicy(fn, xx, yy, policy);
  if (!kept.nan && kept.x.length < 2) {
    throw new StatsInputError(fn, `requires at least 2 (non-NaN) points (got ${kept.x.length})`);
  }
  return { ...kept, opts };
}

/** Throws unless some two x differ: with every x equal no slope is defined (scipy warns and returns NaN). */
export function requireDistinctX(fn: string, x: Float64Array): void {
  for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return;
  throw new StatsInputError(
    fn,
    `requires at least two different x values (all ${x.length} are ${describeType(x[0])}, so no slope is defined)`,
  );
}
