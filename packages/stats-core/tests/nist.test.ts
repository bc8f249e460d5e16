import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linregress, type OlsResult, ols, polyfit } from '../src/index';

/**
 * NIST StRD linear least squares, all eleven datasets
 * (tests/fixtures/nist/nist-strd/, certified to 15 digits in 500-digit
 * arithmetic). Each file is parsed here: certified values from its header
 * (B_j estimate and SD, residual SD, R-squared), data from line 61 on
 * (columns y x, Longley y x1..x6). The tolerance is NIST's log relative
 * error LRE = -log10(|est - cert| / |cert|) (-log10 |est| when cert = 0)
 * of at least 13 on every certified value, with default options.
 */
const referenceDir = new URL('./fixtures/nist/nist-strd/', import.meta.url);

interface Certified {
  y: number[];
  x: number[][];
  estimates: number[];
  sds: number[];
  residualSd: number;
  rSquared: number;
}

function parse(name: string): Certified {
  const lines = readFileSync(new URL(`${name}.dat`, referenceDir), 'utf8').split(/\r?\n/);
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

function lre(estimate: number, certified: number): number {
  if (certified === 0) return estimate === 0 ? 16 : -Math.log10(Math.abs(estimate));
  const rel = Math.abs(estimate - certified) / Math.abs(certified);
  return rel === 0 ? 16 : -Math.log10(rel);
}

function fitDataset(name: string, c: Certified): OlsResult {
  const x = c.x.map((r) => r[0] as number);
  if (name === 'Longley') return ols(c.x, c.y);
  if (name.startsWith('NoInt')) return polyfit(x, c.y, 1, { intercept: false });
  return polyfit(x, c.y, c.estimates.length - 1);
}

const datasets = [
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
];

describe('NIST StRD linear regression: every certified value to LRE >= 13', () => {
  const digits: Record<string, string> = {};

  it.each(datasets)('%s', (name) => {
    const c = parse(name);
    expect(c.estimates.length).toBeGreaterThan(0);
    const r = fitDataset(name, c);
    const checks: [string, number, number][] = [
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
    const worst = Math.min(...checks.map(([, est, cert]) => lre(est, cert)));
    digits[name] = `${worst.toFixed(1)} (${r.method})`;
    for (const [label, est, cert] of checks) {
      expect(
        lre(est, cert),
        `${name} ${label}: ${est} vs certified ${cert}`,
      ).toBeGreaterThanOrEqual(13);
    }
  });

  it('Norris through linregress matches the certified line too', () => {
    const c = parse('Norris');
    const r = linregress(
      c.x.map((row) => row[0] as number),
      c.y,
    );
    expect(lre(r.slope, c.estimates[1] as number)).toBeGreaterThanOrEqual(13);
    expect(lre(r.intercept, c.estimates[0] as number)).toBeGreaterThanOrEqual(13);
    expect(lre(r.stderr, c.sds[1] as number)).toBeGreaterThanOrEqual(13);
    expect(lre(r.interceptStderr, c.sds[0] as number)).toBeGreaterThanOrEqual(13);
    expect(lre(r.rvalue ** 2, c.rSquared)).toBeGreaterThanOrEqual(13);
  });

  it('prints the measured digits per dataset', () => {
    // Informational: the minimum LRE over each dataset's certified values.
    console.log(
      `NIST StRD minimum LRE per dataset:\n${Object.entries(digits)
        .map(([k, v]) => `  ${k.padEnd(9)} ${v}`)
        .join('\n')}`,
    );
    expect(Object.keys(digits)).toHaveLength(datasets.length);
  });
});
