/**
 * What the plot tests read: the committed API document's statistics (each
 * with its endpoint's example) and the scipy/numpy goldens written by
 * golden/plots.py into tests/fixtures/plots.json.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { statisticsFromOpenApi } from '../../src/page/statistics';

const require = createRequire(import.meta.url);

/** The API document the handlers build generates, as the page reads it. */
export const doc = JSON.parse(
  readFileSync(require.resolve('@lambda-stats/handlers/openapi.gen.json'), 'utf8'),
);
export const statistics = statisticsFromOpenApi(doc);
/** The endpoint's own example request body. */
export const example = (name: string) => statistics.find((s) => s.name === name)!.example;

export const golden = JSON.parse(
  readFileSync(new URL('../fixtures/plots.json', import.meta.url), 'utf8'),
) as {
  mean_intervals: { values: number[]; mean: number; interval: [number, number] }[];
  blom: Record<string, number[]>;
  robust: {
    x: number[];
    zscore: number[];
    mean: number;
    std: number;
    median: number;
    mad: number;
    mad_normal: number;
    q1: number;
    q3: number;
    iqr: number;
    flag_z: number[];
    flag_mad: number[];
    flag_iqr: number[];
  }[];
  ols_lines: { x: number[]; y: number[]; slope: number; intercept: number }[];
  iqr_rng: {
    x: number[];
    rng: [number, number];
    p10: number;
    p90: number;
    iqr_normal: number;
    flagged: number[];
  };
};
