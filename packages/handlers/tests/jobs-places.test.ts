/**
 * The worker hands each numeric column's decimal places from the text to
 * the partial builders (tabular's decimalPlaces, stats-core's
 * withDecimalPlaces). What a job computes must not change: on CSV chunks of
 * short decimals, full-precision doubles (String's 17 digits), odd cells
 * (quoted, padded, exponents, trailing zeros) and every chunking, each
 * mergeable statistic's state is the one built from plain copies of the
 * same numbers (no places: the searching route), and the merged result is
 * identical.
 */

import { lcg32 } from '@lambda-stats/lambda-kit/random';
import { planChunks } from '@lambda-stats/tabular';
import { describe, expect, it } from 'vitest';
import { mergePairwise, partialForms } from '../src/jobs/partials';
import { readItem } from '../src/jobs/read';
import { memory, shapes } from './support/job-chunks';

const seeded = lcg32;

function csv(rows: number, cell: (r: () => number, i: number) => string) {
  const r = seeded(rows);
  const lines = ['a,b,c'];
  for (let i = 0; i < rows; i++) lines.push(`${cell(r, i)},${cell(r, i + 1)},${cell(r, i + 2)}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

const stats: [string, Record<string, unknown>][] = [
  ['describe', { ddof: 1, bias: true }],
  ['linregress', { alternative: 'two-sided' }],
  ['pearsonr', { alternative: 'two-sided', confidence_level: 0.95 }],
  ['ttest_rel', { alternative: 'two-sided' }],
  ['ols', { intercept: true }],
  ['polyfit', { degree: 2, intercept: true }],
];

describe('job worker: decimal places from the text', () => {
  for (const [shape, cell] of Object.entries(shapes)) {
    it(`leaves states and results unchanged (${shape})`, async () => {
      const bytes = csv(3000, cell);
      for (const [statistic, options] of stats) {
        const names =
          statistic === 'describe' ? ['a'] : statistic === 'ols' ? ['a', 'b', 'c'] : ['a', 'b'];
        const form = partialForms[statistic]!;
        const states: unknown[] = [];
        const plainStates: unknown[] = [];
        for (const range of planChunks(bytes.length, 9000)) {
          const { values } = await readItem(
            {
              format: 'csv',
              start: range.start,
              end: range.end,
              size: bytes.length,
              gzip: false,
              file_columns: ['a', 'b', 'c'],
              needs: names.map((name) => ({ name, kind: 'number' as const })),
              nan_policy: 'raise',
              statistic,
              index: range.index,
            },
            memory(bytes),
          );
          states.push(form.partial(values, options));
          const plain = values.map((v) => Float64Array.from(v as Float64Array));
          plainStates.push(form.partial(plain, options));
        }
        expect(states.length).toBeGreaterThan(3);
        if (statistic !== 'describe')
          expect(JSON.stringify(states)).toBe(JSON.stringify(plainStates));
        const result = form.finalize(mergePairwise(states, form.merge), options);
        const plainResult = form.finalize(mergePairwise(plainStates, form.merge), options);
        // describe's M3/M4 deviations may round differently in their last bit:
        // skewness and kurtosis equal to 13 digits (its contract is 12)
        if (statistic === 'describe') {
          for (const [k, v] of Object.entries(result as Record<string, unknown>)) {
            const w = (plainResult as Record<string, unknown>)[k];
            if (typeof v === 'number') {
              expect(Math.abs(v - (w as number))).toBeLessThanOrEqual(
                Math.abs(w as number) * 1e-13,
              );
            } else expect(v).toEqual(w);
          }
        } else expect(result).toEqual(plainResult);
      }
    });
  }
});
