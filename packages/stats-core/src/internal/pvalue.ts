import { normalCdf, normalSf } from '../distributions/normal';
import { studentTCdf, studentTSf } from '../distributions/studentT';
import type { Alternative } from './validate';

/** p-value of a Student t statistic for the given alternative (scipy's _get_pvalue). */
export function tPvalue(t: number, df: number, alternative: Alternative): number {
  if (alternative === 'less') return studentTCdf(t, df);
  if (alternative === 'greater') return studentTSf(t, df);
  return Math.min(1, 2 * studentTSf(Math.abs(t), df));
}

/** p-value of a standard normal statistic for the given alternative. */
export function zPvalue(z: number, alternative: Alternative): number {
  if (alternative === 'less') return normalCdf(z);
  if (alternative === 'greater') return normalSf(z);
  return Math.min(1, 2 * normalSf(Math.abs(z)));
}
