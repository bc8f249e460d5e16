/**
 * NIST StRD reference data (tests/fixtures/nist/, the .dat files as NIST
 * publishes them) for the one-shot tests and the partial-state tests alike:
 * the dataset lists, one parser per kind (linear regression, univariate,
 * one-way ANOVA) and the log relative error (LRE) the tolerances are
 * stated in.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

const reference = new URL('../fixtures/nist/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, reference), 'utf8').split(/\r?\n/);

/** Significant digits of agreement: -log10 of the relative error (absolute when certified is 0), capped at 16. */
export function lre(estimate: number, certified: number): number {
  if (certified === 0) return estimate === 0 ? 16 : Math.min(16, -Math.log10(Math.abs(estimate)));
  const rel = Math.abs(estimate - certified) / Math.abs(certified);
  return rel === 0 ? 16 : Math.min(16, -Math.log10(rel));
}

export const LINEAR_SETS = [
  'Norris',
  'Pontius',
  'NoInt1',
  'NoInt2',
  'Filip',
  'Longley',
  'Wampler1',
  'Wampler2',
  'Wampler3',
  'Wampler4',
  'Wampler5',
] as const;

export interface LinearDataset {
  y: number[];
  /** One row per observation: the predictor(s). */
  x: number[][];
  estimates: number[];
  sds: number[];
  residualSd: number;
  rSquared: number;
}

/** A linear-regression dataset: its certified values (header) and data (from line 61). */
export function linearDataset(name: string): LinearDataset {
  const lines = read(`nist-strd/${name}.dat`);
  const estimates: number[] = [];
  const sds: number[] = [];
  let residualSd = Number.NaN;
  let rSquared = Number.NaN;
  for (const line of lines.slice(0, 60)) {
    const b = line.trim().match(/^B\d+\s+(\S+)\s+(\S+)/);
    if (b) {
      estimates.push(Number(b[1]));
      sds.push(Number(b[2]));
    }
    const sd = line.match(/^\s*Standard Deviation\s+(\S+)\s*$/);
    if (sd) residualSd = Number(sd[1]);
    const r2 = line.match(/R-Squared\s+(\S+)/);
    if (r2) rSquared = Number(r2[1]);
  }
  const rows = lines
    .slice(60)
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s+/).map(Number));
  return {
    y: rows.map((r) => r[0] as number),
    x: rows.map((r) => r.slice(1)),
    estimates,
    sds,
    residualSd,
    rSquared,
  };
}

/** [label, estimate, certified] for every certified value of a fit. */
export function linearChecks(
  c: LinearDataset,
  r: {
    coefficients: ArrayLike<number>;
    standardErrors: ArrayLike<number>;
    residualStandardDeviation: number;
    rSquared: number;
  },
): [string, number, number][] {
  return [
    ...c.estimates.map((b, j): [string, number, number] => [
      `B${j}`,
      r.coefficients[j] as number,
      b,
    ]),
    ...c.sds.map((s, j): [string, number, number] => [
      `sd(B${j})`,
      r.standardErrors[j] as number,
      s,
    ]),
    ['residual SD', r.residualStandardDeviation, c.residualSd],
    ['R-squared', r.rSquared, c.rSquared],
  ];
}

export const UNIVARIATE_SETS = [
  'PiDigits',
  'Lottery',
  'Lew',
  'Mavro',
  'Michelso',
  'NumAcc1',
  'NumAcc2',
  'NumAcc3',
  'NumAcc4',
] as const;

const certifiedValue = (lines: string[], label: RegExp) => {
  const line = lines.find((l) => label.test(l));
  if (!line) throw new Error(`no certified value ${label}`);
  return Number(line.replace(label, '').trim().split(/\s+/)[0]);
};

/** A univariate dataset: the values and the certified mean, standard deviation and lag-1 autocorrelation. */
export function univariateDataset(name: string) {
  const lines = read(`nist-strd-univariate/${name}.dat`);
  const y = lines
    .slice(60)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map(Number);
  return {
    y,
    ybar: certifiedValue(lines, /^.*ybar:/),
    s: certifiedValue(lines, /^.*\ss:/),
    r1: certifiedValue(lines, /^.*r\(1\):/),
  };
}

export const ANOVA_SETS = [
  'SiRstv',
  'SmLs01',
  'SmLs02',
  'SmLs03',
  'AtmWtAg',
  'SmLs04',
  'SmLs05',
  'SmLs06',
  'SmLs07',
  'SmLs08',
  'SmLs09',
] as const;

/** A one-way ANOVA dataset: (treatment, response) rows in file order and the certified table. */
export function anovaDataset(name: string) {
  const lines = read(`nist-strd-anova/${name}.dat`);
  const numbers = (l: string) =>
    l
      .trim()
      .split(/\s+/)
      .filter((t) => /^[-+\d.]+(E[-+]\d+)?$/i.test(t))
      .map(Number);
  const [dfB, ssB, msB, f] = numbers(lines.find((l) => /^Between/.test(l)) as string) as [
    number,
    number,
    number,
    number,
  ];
  const [dfW, ssW, msW] = numbers(lines.find((l) => /^Within/.test(l)) as string) as [
    number,
    number,
    number,
  ];
  const rows: [string, number][] = [];
  for (const l of lines.slice(60)) {
    const [treatment, response] = l.trim().split(/\s+/);
    if (!treatment || response === undefined) continue;
    rows.push([treatment, Number(response)]);
  }
  return {
    rows,
    certified: { dfB, ssB, msB, f, dfW, ssW, msW },
    rSquared: certifiedValue(lines, /^.*Certified R-Squared/),
    residualSd: certifiedValue(lines, /^.*Standard Deviation/),
  };
}

/** Every certified value of `checks` (from linearChecks) to LRE >= 13, each named on failure. */
export function expectCertifiedLre(checks: [string, number, number][], at: string): void {
  for (const [label, est, cert] of checks) {
    expect(lre(est, cert), `${at} ${label}: ${est} vs certified ${cert}`).toBeGreaterThanOrEqual(
      13,
    );
  }
}

/** Norris's certified line (slope, intercept, their standard errors, R^2) to LRE >= 13. */
export function expectNorrisLine(
  c: LinearDataset,
  r: { slope: number; intercept: number; stderr: number; interceptStderr: number; rvalue: number },
): void {
  expect(lre(r.slope, c.estimates[1] as number)).toBeGreaterThanOrEqual(13);
  expect(lre(r.intercept, c.estimates[0] as number)).toBeGreaterThanOrEqual(13);
  expect(lre(r.stderr, c.sds[1] as number)).toBeGreaterThanOrEqual(13);
  expect(lre(r.interceptStderr, c.sds[0] as number)).toBeGreaterThanOrEqual(13);
  expect(lre(r.rvalue ** 2, c.rSquared)).toBeGreaterThanOrEqual(13);
}
