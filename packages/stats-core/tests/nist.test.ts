import { describe, expect, it } from 'vitest';
import { linregress, type OlsResult, ols, polyfit } from '../src/index';
import {
  expectCertifiedLre,
  expectNorrisLine,
  LINEAR_SETS,
  type LinearDataset,
  linearChecks,
  linearDataset,
  lre,
} from './support/nist';

/**
 * NIST StRD linear least squares, all eleven datasets
 * (tests/fixtures/nist/nist-strd/, certified to 15 digits in 500-digit
 * arithmetic). Each file is parsed here: certified values from its header
 * (B_j estimate and SD, residual SD, R-squared), data from line 61 on
 * (columns y x, Longley y x1..x6). The tolerance is NIST's log relative
 * error LRE = -log10(|est - cert| / |cert|) (-log10 |est| when cert = 0)
 * of at least 13 on every certified value, with default options.
 */
function fitDataset(name: string, c: LinearDataset): OlsResult {
  const x = c.x.map((r) => r[0] as number);
  if (name === 'Longley') return ols(c.x, c.y);
  if (name.startsWith('NoInt')) return polyfit(x, c.y, 1, { intercept: false });
  return polyfit(x, c.y, c.estimates.length - 1);
}

describe('NIST StRD linear regression: every certified value to LRE >= 13', () => {
  const digits: Record<string, string> = {};

  it.each(LINEAR_SETS)('%s', (name) => {
    const c = linearDataset(name);
    expect(c.estimates.length).toBeGreaterThan(0);
    const r = fitDataset(name, c);
    const checks = linearChecks(c, r);
    const worst = Math.min(...checks.map(([, est, cert]) => lre(est, cert)));
    digits[name] = `${worst.toFixed(1)} (${r.method})`;
    expectCertifiedLre(checks, name);
  });

  it('Norris through linregress matches the certified line too', () => {
    const c = linearDataset('Norris');
    const r = linregress(
      c.x.map((row) => row[0] as number),
      c.y,
    );
    expectNorrisLine(c, r);
  });

  it('prints the measured digits per dataset', () => {
    // Informational: the minimum LRE over each dataset's certified values.
    console.log(
      `NIST StRD minimum LRE per dataset:\n${Object.entries(digits)
        .map(([k, v]) => `  ${k.padEnd(9)} ${v}`)
        .join('\n')}`,
    );
    expect(Object.keys(digits)).toHaveLength(LINEAR_SETS.length);
  });
});
