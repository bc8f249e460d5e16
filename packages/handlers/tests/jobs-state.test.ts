/**
 * The worker's state built block by block as the rows are read
 * (jobs/state.ts): for every statistic whose state is exact sums, it must be
 * the state of one partial over the chunk's whole columns, byte for byte,
 * whatever the block size (1 row, a few, more than the chunk), on short
 * decimals, full-precision doubles and odd cells; with nan_policy "omit"
 * the skipped rows must not count; under "propagate" the chunk is read
 * whole (a NaN state keeps only a count that blocks would change); and a
 * bad block's StatsInputError must still reach the job as
 * unprocessable_input, a bad cell as bad_cell.
 */

import { lcg32 } from '@lambda-stats/lambda-kit/random';
import { describe, expect, it } from 'vitest';
import { JobInputError } from '../src/jobs/errors';
import { partialForms } from '../src/jobs/partials';
import { readItem } from '../src/jobs/read';
import { readState } from '../src/jobs/state';
import { memory, shapes } from './support/job-chunks';

function csv(rows: number, cell: (r: () => number, i: number) => string) {
  const r = lcg32(rows + 7);
  const lines = ['a,b,g'];
  for (let i = 0; i < rows; i++) lines.push(`${cell(r, i)},${cell(r, i + 1)},g${i % 3}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

const blockStats = Object.entries(partialForms)
  .filter(([, form]) => form.blocks)
  .map(([name]) => name);

function item(bytes: Uint8Array, statistic: string, nan_policy: 'raise' | 'omit' | 'propagate') {
  const names = statistic === 'ttest_1samp' ? ['a'] : ['a', 'b'];
  return {
    format: 'csv' as const,
    start: 0,
    end: bytes.length,
    size: bytes.length,
    gzip: false,
    file_columns: ['a', 'b', 'g'],
    needs: names.map((name) => ({ name, kind: 'number' as const })),
    nan_policy,
    statistic,
    index: 0,
    options: {},
  };
}

describe('job worker: the state built block by block', () => {
  it('covers the statistics whose states are exact sums', () => {
    expect(blockStats.sort()).toEqual(['linregress', 'pearsonr', 'ttest_1samp', 'ttest_rel']);
  });

  for (const [shape, cell] of Object.entries(shapes)) {
    it(`is the whole chunk's state, byte for byte (${shape})`, async () => {
      const bytes = csv(2000, cell);
      for (const statistic of blockStats) {
        const it = item(bytes, statistic, 'raise');
        const whole = partialForms[statistic]!.partial(
          (await readItem(it, memory(bytes))).values,
          {},
        );
        for (const blockRows of [1, 7, 500, 1999, 2000, 65536]) {
          const { read, state } = await readState(it, memory(bytes), undefined, blockRows);
          expect(JSON.stringify(state)).toBe(JSON.stringify(whole));
          expect(read.rows).toBe(2000);
          expect(read.values).toEqual([]);
        }
      }
    });
  }

  it('an empty chunk gives the state of no rows', async () => {
    const bytes = Buffer.from('a,b,g\n');
    for (const statistic of blockStats) {
      const it = item(bytes, statistic, 'raise');
      const { read, state } = await readState(it, memory(bytes), undefined, 4);
      const none = partialForms[statistic]!.partial(
        it.needs.map(() => new Float64Array(0)),
        {},
      );
      expect(state).toEqual(none);
      expect(read.rows).toBe(0);
    }
  });

  it('omit skips the rows with a missing value; propagate reads the chunk whole', async () => {
    const bytes = Buffer.from(
      `a,b,g\n${Array.from({ length: 40 }, (_, i) => (i % 9 === 4 ? `${i},NA,x` : `${i}.5,${i * 2},x`)).join('\n')}\n`,
    );
    for (const statistic of blockStats) {
      for (const policy of ['omit', 'propagate'] as const) {
        const it = item(bytes, statistic, policy);
        const read = await readItem(it, memory(bytes));
        let whole: unknown;
        try {
          whole = partialForms[statistic]!.partial(read.values, {});
        } catch (error) {
          // linregress refuses a NaN (it has no nan_policy): the same refusal, as the job's error
          expect((error as Error).name).toBe('StatsInputError');
          await expect(readState(it, memory(bytes), undefined, 3)).rejects.toMatchObject({
            code: 'unprocessable_input',
          });
          continue;
        }
        const built = await readState(it, memory(bytes), undefined, 3);
        expect(JSON.stringify(built.state)).toBe(JSON.stringify(whole));
        expect(built.read.omitted).toBe(read.omitted);
        expect(built.read.rows).toBe(read.rows);
      }
    }
  });

  it("a block's StatsInputError is the job's unprocessable_input; a bad cell in a later block is bad_cell", async () => {
    const bytes = Buffer.from(
      `a,b,g\n${Array.from({ length: 20 }, (_, i) => `${i},${i},x`).join('\n')}\n`,
    );
    const failing = {
      ...partialForms.linregress!,
      partial: () => {
        const error = new Error('linregress requires ...');
        error.name = 'StatsInputError';
        throw error;
      },
    };
    const run = readState(item(bytes, 'linregress', 'raise'), memory(bytes), failing, 4);
    await expect(run).rejects.toBeInstanceOf(JobInputError);
    await expect(run).rejects.toMatchObject({ code: 'unprocessable_input' });
    const bad = Buffer.from(
      `a,b,g\n${Array.from({ length: 20 }, (_, i) => `${i},${i},x`).join('\n')}\n21,oops,x\n`,
    );
    await expect(
      readState(item(bad, 'linregress', 'raise'), memory(bad), undefined, 4),
    ).rejects.toMatchObject({ code: 'bad_cell', details: { row: 21, column: 'b' } });
  });
});
