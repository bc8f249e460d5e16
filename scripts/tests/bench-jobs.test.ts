// What `bench:jobs --size` does without a running stack: its flags, the
// CSV it generates for the end-to-end run, the synchronous requests it
// builds from that CSV, and the field-by-field comparison of a job's result
// with the synchronous answer.
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jobForms } from '@lambda-stats/handlers/jobs';
import { FlagError } from '@lambda-stats/lambda-kit/cli';
import { describe, expect, it } from 'vitest';
import { jobsFlags, parseSize } from '../bench/jobs';
import { compareBodies, DEFAULT_TOLERANCE, toleranceOf } from '../bench/jobs-compare';
import { syncBody } from '../bench/jobs-e2e';
import {
  E2E_HEADER,
  E2E_JOBS,
  GROUPS,
  MERGEABLE_STATISTICS,
  REGIONS,
  syncRequest,
  TARIFFS,
  writeE2eCsv,
} from '../bench/jobs-e2e-data';
import { REPO_ROOT } from '../src/local-config';

const SCRIPTS = path.join(REPO_ROOT, 'scripts');

/** The CSV of `bytes` as one string, and its columns. */
async function csv(bytes: number) {
  const pieces: string[] = [];
  const columns = await writeE2eCsv(bytes, (piece) => {
    pieces.push(piece);
  });
  return { text: pieces.join(''), columns };
}

describe('bench:jobs flags', () => {
  it('defaults to every mergeable statistic and no end-to-end run', () => {
    const flags = jobsFlags({});
    expect(flags).toMatchObject({ chunkMb: 32, runs: 5, jobChunkMb: 64, e2eBytes: undefined });
    // the job API's own list of the statistics with a partial form
    expect([...flags.statistics].sort()).toEqual(
      jobForms
        .filter((f) => f.kind === 'mergeable')
        .map((f) => f.statistic)
        .sort(),
    );
    expect(flags.statistics).toHaveLength(10);
  });

  it('takes a comma-separated choice of statistics with --size', () => {
    const flags = jobsFlags({ size: '300MB', statistics: 'ols, chi2_contingency' });
    expect(flags.e2eBytes).toBe(300 * 1024 * 1024);
    expect(flags.statistics).toEqual(['ols', 'chi2_contingency']);
  });

  it('refuses an unknown or rank statistic, naming the ones it takes', () => {
    for (const statistics of ['linregres', 'spearmanr', ',']) {
      expect(() => jobsFlags({ size: '1MB', statistics })).toThrow(FlagError);
    }
    expect(() => jobsFlags({ size: '1MB', statistics: 'spearmanr' })).toThrow(
      /--statistics takes a comma-separated list of describe, linregress, .*chi2_contingency \(got "spearmanr"\)/,
    );
  });

  it('refuses --statistics without --size, which it would not use', () => {
    expect(() => jobsFlags({ statistics: 'ols' })).toThrow(/give --size too/);
  });

  it('reads sizes in MB and GB, and refuses others', () => {
    expect(parseSize('300')).toBe(300 * 1024 * 1024);
    expect(parseSize('1GB')).toBe(1024 * 1024 * 1024);
    expect(parseSize('1.5 gib')).toBe(1.5 * 1024 * 1024 * 1024);
    for (const bad of ['300kB', 'MB', '-1MB', '0MB', '']) {
      expect(() => parseSize(bad), bad).toThrow(/--size must look like 300MB or 1GB/);
    }
  });

  it('refuses a non-positive number and a runtime log that does not exist', () => {
    expect(() => jobsFlags({ runs: '0' })).toThrow(/--runs must be a positive number/);
    expect(() => jobsFlags({ 'job-chunk-mb': 'x' })).toThrow(/--job-chunk-mb/);
    expect(() => jobsFlags({ 'runtime-log': path.join(tmpdir(), 'no-such-log') })).toThrow(
      /no such file/,
    );
  });

  it('prints the usage for --help, and exits 2 with one line for a bad flag', () => {
    const run = (...args: string[]) =>
      spawnSync('pnpm', ['exec', 'tsx', 'bench/jobs.ts', ...args], {
        cwd: SCRIPTS,
        encoding: 'utf8',
      });
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--statistics <names>/);
    expect(help.stdout).toMatch(/default: every\s+mergeable one: describe, linregress/);
    const bad = run('--size', '1MB', '--statistics', 'mean');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^bench:jobs: --statistics takes a comma-separated list of /);
  });
});

describe('the end-to-end CSV', () => {
  it('is the same file for the same size, at least that size, one row per column entry', async () => {
    const a = await csv(200_000);
    const b = await csv(200_000);
    expect(a.text).toBe(b.text);
    const size = Buffer.byteLength(a.text);
    expect(size).toBeGreaterThanOrEqual(200_000);
    expect(size).toBeLessThan(200_000 + 64);
    const lines = a.text.trimEnd().split('\n');
    expect(lines[0]).toBe(E2E_HEADER);
    expect(lines.length - 1).toBe(a.columns.rows);
  });

  it('holds exactly the numbers and labels of its columns, with the stated decimals', async () => {
    const { text, columns: c } = await csv(100_000);
    text
      .trimEnd()
      .split('\n')
      .slice(1)
      .forEach((line, i) => {
        const [x, y, z, group, region, tariff] = line.split(',');
        expect(x).toMatch(/^\d+\.\d{3}$/);
        expect(y).toMatch(/^\d+\.\d{4}$/);
        expect(z).toMatch(/^\d+\.\d{2}$/);
        // parsing the decimal gives the double the column holds, bit for bit
        expect([Number(x), Number(y), Number(z)]).toEqual([c.x[i], c.y[i], c.z[i]]);
        expect([group, region, tariff]).toEqual([
          GROUPS[c.group[i]!],
          REGIONS[c.region[i]!],
          TARIFFS[c.tariff[i]!],
        ]);
      });
  });

  it('has every level of each label column, listed in code point order', async () => {
    const { columns: c } = await csv(100_000);
    for (const [labels, levels] of [
      [c.group, GROUPS],
      [c.region, REGIONS],
      [c.tariff, TARIFFS],
    ] as const) {
      expect(new Set(labels).size).toBe(levels.length);
      expect([...levels].sort()).toEqual([...levels]);
    }
  });
});

describe('the end-to-end jobs', () => {
  it('run every mergeable statistic once, with columns the job API accepts', () => {
    expect(E2E_JOBS.map((j) => j.statistic).sort()).toEqual([...MERGEABLE_STATISTICS].sort());
    const header = E2E_HEADER.split(',');
    for (const job of E2E_JOBS) {
      const form = jobForms.find((f) => f.statistic === job.statistic)!;
      expect(form.kind).toBe('mergeable');
      const needs = form.needs(job.columns);
      expect(Array.isArray(needs), `${job.statistic}: ${needs}`).toBe(true);
      for (const need of needs as { name: string }[]) expect(header).toContain(need.name);
    }
  });

  it("build the synchronous requests from the CSV's own rows", async () => {
    const { text, columns } = await csv(50_000);
    const rows = text
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    const request = (s: string) => syncRequest(E2E_JOBS.find((j) => j.statistic === s)!, columns);
    // arrange the expected requests from the text, independently of the columns
    const col = (k: number) => rows.map((r) => Number(r[k]));
    expect(request('ols')).toEqual({ X: rows.map((r) => [Number(r[0]), Number(r[2])]), y: col(1) });
    expect(request('polyfit')).toEqual({ x: col(0), y: col(1), degree: 2 });
    expect(request('ttest_1samp')).toEqual({ a: col(1), popmean: 190 });
    expect(request('ttest_rel')).toEqual({ a: col(0), b: col(2) });
    const samples = GROUPS.map((g) => rows.filter((r) => r[3] === g).map((r) => Number(r[1])));
    expect(request('f_oneway')).toEqual({ samples });
    const observed = REGIONS.map((region) =>
      TARIFFS.map((t) => rows.filter((r) => r[4] === region && r[5] === t).length),
    );
    expect(request('chi2_contingency')).toEqual({ observed });
  });

  it("answer with the endpoint's response body (its schema's defaults applied)", async () => {
    const { columns } = await csv(20_000);
    const body = syncBody(E2E_JOBS.find((j) => j.statistic === 'ttest_ind')!, columns) as Record<
      string,
      unknown
    >;
    expect(typeof body.statistic).toBe('number');
    expect(typeof body.pvalue).toBe('number');
    expect(body.df).toBe(2 * columns.rows - 2); // equal_var's default (true): the pooled df
  });
});

describe('compareBodies', () => {
  const sync = {
    slope: 3,
    pvalue: 1e-5,
    coefficients: [70, 3, -0.7],
    method: 'float',
    labels: ['a', 'b'],
    df: null,
  };

  it('finds an identical body equal, skipping the lane (method)', () => {
    const c = compareBodies({ ...sync, method: 'bignumber' }, sync);
    expect(c).toEqual({
      worst: expect.objectContaining({ relative: 0 }),
      over: [],
      mismatches: [],
    });
  });

  it('reports the largest relative difference and the fields over their tolerance', () => {
    const job = {
      ...sync,
      slope: 3 * (1 + 2 * DEFAULT_TOLERANCE.relative),
      coefficients: [70, 3, -0.7 * (1 + 1e-14)],
    };
    const c = compareBodies(job, sync);
    expect(c.worst?.path).toBe('result.slope');
    expect(c.worst?.relative).toBeCloseTo(2 * DEFAULT_TOLERANCE.relative, 14);
    expect(c.over.map((d) => d.path)).toEqual(['result.slope']);
  });

  it('gives p-values the looser tolerance, and fails them beyond it', () => {
    const within = compareBodies(
      { ...sync, pvalue: 1e-5 * (1 + DEFAULT_TOLERANCE.pValue / 2) },
      sync,
    );
    expect(within.over).toEqual([]);
    const beyond = compareBodies(
      { ...sync, pvalue: 1e-5 * (1 + 2 * DEFAULT_TOLERANCE.pValue) },
      sync,
    );
    expect(beyond.over.map((d) => [d.path, d.allowed])).toEqual([
      ['result.pvalue', DEFAULT_TOLERANCE.pValue * 1e-5],
    ]);
    const pValues = compareBodies({ p_values: [0.5 * (1 + 1e-11)] }, { p_values: [0.5] });
    expect(pValues.over).toEqual([]);
  });

  it('reports a missing field, a length, a type and an unequal label', () => {
    const { slope: _, ...noSlope } = sync;
    const c = compareBodies(
      { ...noSlope, coefficients: [70, 3], labels: ['a', 'c'], df: 4, extra: 1 },
      sync,
    );
    expect(c.mismatches).toEqual([
      'result.coefficients: job 2 items, sync 3 items',
      'result.df: job 4, sync null',
      'result.extra: only in the job body',
      'result.labels[1]: job "c", sync "b"',
      'result.slope: only in the sync body',
    ]);
    expect(compareBodies({ ...sync, slope: null }, sync).mismatches).toEqual([
      'result.slope: job null, sync 3',
    ]);
  });

  it("allows describe's and the t-tests' near-zero fields the property tests' 1e-14 floor", () => {
    // a skewness of -1.6e-4 off by 4.5e-16: 2.8e-12 relative (the 300 MB run's), within the floor
    const job = { skewness: -0.00016228520716764317 };
    const sync = { skewness: -0.00016228520716809528 };
    expect(compareBodies(job, sync).over).toHaveLength(1);
    expect(compareBodies(job, sync, toleranceOf('describe')).over).toEqual([]);
    expect(compareBodies(job, sync, toleranceOf('ttest_rel')).over).toEqual([]);
    expect(
      compareBodies({ skewness: 1e-13 }, { skewness: 0 }, toleranceOf('describe')).over,
    ).toHaveLength(1);
    expect(toleranceOf('ols').floor).toBe(0);
    expect(toleranceOf('f_oneway').relative).toBe(1e-11);
  });
});
