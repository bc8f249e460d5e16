/**
 * Large files through the datasets API: the threshold, which statistics
 * jobs run (the same list as the handlers' job forms), the job request
 * built from the form, and the messages for what cannot run as a job.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { jobForms } from '@lambda-stats/handlers/jobs';
import { describe, expect, it } from 'vitest';
import {
  completeLines,
  datasetFormat,
  JOB_STATISTICS,
  jobFailure,
  jobRequest,
  SYNC_LIMIT_BYTES,
} from '../src/page/jobs';
import { statisticsFromOpenApi } from '../src/page/statistics';

const require = createRequire(import.meta.url);
const statistics = statisticsFromOpenApi(
  JSON.parse(readFileSync(require.resolve('@lambda-stats/handlers/openapi.gen.json'), 'utf8')),
);
const spec = (name: string) => statistics.find((s) => s.name === name)!;

describe('large files go through the datasets API', () => {
  it('the threshold sits under the 6 MB Lambda request limit', () => {
    expect(SYNC_LIMIT_BYTES).toBe(5 * 1024 * 1024);
    expect(SYNC_LIMIT_BYTES).toBeLessThan(6 * 1024 * 1024);
  });

  it('offers as jobs exactly the statistics the job engine has forms for', () => {
    expect(Object.keys(JOB_STATISTICS).sort()).toEqual(jobForms.map((f) => f.statistic).sort());
  });

  it('maps the form to POST /jobs: columns by field, options, nan_policy on top, no predict', () => {
    expect(
      jobRequest(
        spec('linregress'),
        { x: 'temp', y: 'kwh' },
        { alternative: 'less', nan_policy: 'omit', predict: { confidence_level: 0.9 } },
      ),
    ).toEqual({
      statistic: 'linregress',
      columns: { x: 'temp', y: 'kwh' },
      options: { alternative: 'less' },
      nan_policy: 'omit',
    });
    expect(jobRequest(spec('ols'), { X: ['a', 'b'], y: 'y' }, {})).toEqual({
      statistic: 'ols',
      columns: { X: ['a', 'b'], y: 'y' },
    });
    expect(jobRequest(spec('f_oneway'), { samples: ['kwh', 'site'] }, {})).toEqual({
      statistic: 'f_oneway',
      columns: { samples: { value: 'kwh', group_by: 'site' } },
    });
    expect(jobRequest(spec('chi2_contingency'), { observed: ['region', 'tariff'] }, {})).toEqual({
      statistic: 'chi2_contingency',
      columns: { observed: { rows: 'region', cols: 'tariff' } },
    });
  });

  it('says why a statistic or a mapping cannot run as a job', () => {
    expect(() => jobRequest(spec('theilslopes'), { y: 'y' }, {})).toThrow(
      /theilslopes cannot run on a file this large: the datasets API runs jobs for chi2_contingency, .*Use a file under 5 MiB/,
    );
    expect(() => jobRequest(spec('f_oneway'), { samples: ['a', 'b', 'c'] }, {})).toThrow(
      'f_oneway on a large file takes two columns for samples: the values, then the group label of each row (chosen: 3).',
    );
    expect(() =>
      jobRequest(spec('ttest_ind'), { a: 'a', b: 'b' }, { nan_policy: 'propagate' }),
    ).toThrow('nan_policy "propagate" is for synchronous requests; a job takes raise or omit.');
    expect(() => jobRequest(spec('linregress'), { x: 'a' }, {})).toThrow(
      'Choose the column for y.',
    );
  });

  it("reads a job's failure, and the file's format and header", () => {
    expect(
      jobFailure({
        status: 'FAILED',
        error: {
          code: 'row_limit',
          message: 'spearmanr needs every row in one worker: at most 2097000 rows',
          details: { limit: 2097000, rows: 3000000 },
        },
      }),
    ).toEqual({
      message:
        'The job failed (row_limit): spearmanr needs every row in one worker: at most 2097000 rows',
      details: ['limit: 2097000', 'rows: 3000000'],
    });
    expect(datasetFormat('big.jsonl')).toBe('jsonl');
    expect(datasetFormat('big.CSV')).toBe('csv');
    expect(completeLines('x,y\r\n1,2\n3,')).toBe('x,y\r\n1,2');
    expect(completeLines('x,y')).toBe('x,y');
  });
});
