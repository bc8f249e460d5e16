/**
 * The worker's state built block by block as the rows are read
 * (jobs/state.ts): for every statistic whose state is exact sums, it must be
 * the state of one partial over the chunk's whole columns, byte for byte,
 * whatever the block size (1 row, a few, more than the chunk), on short
 * decimals, full-precision doubles and odd cells; with nan_policy "omit"
 * the skipped rows must not count; under "propagate" the chunk is read
 * whole (a NaN state keeps only a count that blocks would change); and a
 * bad block's StatsInputError must still reach the job as
 * unprocessable_input, a bad cell as bad_cell. describe's state merges its
 * blocks' M3 and M4 by Pebay's update: its count, sums and extremes must be
 * the whole chunk's byte for byte, and its answer the synchronous
 * describe's on the same column (the issue's contract).
 */

import { lcg32 } from '@lambda-stats/lambda-kit/random';
import { describe as oneShotDescribe } from '@lambda-stats/stats-core';
import { describe, expect, it } from 'vitest';
import { toDescribeResponse } from '../src/endpoints/describe';
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
/** The block-built states that are exact sums: byte for byte the whole chunk's. */
const exactSums = blockStats.filter((name) => name !== 'describe');

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
  it('covers the statistics whose states are exact sums, and describe', () => {
    expect(blockStats.sort()).toEqual([
      'describe',
      'linregress',
      'pearsonr',
      'ttest_1samp',
      'ttest_rel',
    ]);
  });

  for (const [shape, cell] of Object.entries(shapes)) {
    it(`is the whole chunk's state, byte for byte (${shape})`, async () => {
      const bytes = csv(2000, cell);
      for (const statistic of exactSums) {
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
    for (const statistic of exactSums) {
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

/**
 * describe's job answer against the synchronous endpoint's on the same
 * column: 1e-12 relative (the partial forms' contract, as the stats core's
 * property tests), with a 1e-14 floor for a skewness that is 0 up to
 * rounding; and against one partial over the whole chunk to 1e-13 (the
 * blocks' merge moves M3 and M4 by a few ulps of their terms, no more).
 */
function expectDescribe(got: unknown, want: unknown, rel: number) {
  const g = got as Record<string, unknown>;
  for (const [key, value] of Object.entries(want as Record<string, unknown>)) {
    if (typeof value !== 'number') {
      expect(g[key], key).toEqual(value);
      continue;
    }
    const error = Math.abs((g[key] as number) - value);
    expect(error, key).toBeLessThanOrEqual(Math.max(Math.abs(value) * rel, 1e-14));
  }
}

describe("job worker: describe's state built block by block", () => {
  const form = partialForms.describe!;
  const options = { ddof: 1, bias: true };
  const withoutMoments = (state: unknown) => {
    const { m3: _m3, m4: _m4, ...rest } = state as Record<string, unknown>;
    return rest;
  };

  for (const [shape, cell] of Object.entries(shapes)) {
    it(`has the whole chunk's count, sums and extremes and the synchronous answer (${shape})`, async () => {
      const bytes = csv(2000, cell);
      const it = item(bytes, 'describe', 'raise');
      const { values } = await readItem(it, memory(bytes));
      const whole = form.partial(values, {});
      const wholeResult = form.finalize(whole, options);
      const synchronous = toDescribeResponse(oneShotDescribe(values[0] as Float64Array, options));
      for (const blockRows of [1, 7, 500, 1999, 2000, 65536]) {
        const { read, state } = await readState(it, memory(bytes), undefined, blockRows);
        expect(JSON.stringify(withoutMoments(state))).toBe(JSON.stringify(withoutMoments(whole)));
        expect(read.rows).toBe(2000);
        const result = form.finalize(state, options);
        expectDescribe(result, wholeResult, 1e-13);
        expectDescribe(result, synchronous, 1e-12);
      }
    });
  }

  it('omit skips the rows with a missing value; propagate reads the chunk whole', async () => {
    const bytes = Buffer.from(
      `a,b,g\n${Array.from({ length: 40 }, (_, i) => (i % 9 === 4 ? `NA,${i},x` : `${i}.5,${i * 2},x`)).join('\n')}\n`,
    );
    for (const policy of ['omit', 'propagate'] as const) {
      const it = item(bytes, 'describe', policy);
      const read = await readItem(it, memory(bytes));
      const whole = form.partial(read.values, {});
      const built = await readState(it, memory(bytes), undefined, 3);
      expect(JSON.stringify(withoutMoments(built.state))).toBe(
        JSON.stringify(withoutMoments(whole)),
      );
      expect(built.read.omitted).toBe(read.omitted);
      if (policy === 'omit') {
        expectDescribe(form.finalize(built.state, options), form.finalize(whole, options), 1e-13);
      } else expect(built.state).toEqual(whole);
    }
  });
});
