/**
 * `pnpm bench:readme`: writes docs/performance.md (whole) and the README's
 * worst-shape headline (between the bench-headline markers) from
 * bench/results/latest.json. Exits 1, saying why, when the results are
 * missing or the README lacks the markers (docs/performance.md is still written).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../src/local-config';
import { renderHeadline, renderPerformanceDoc, spliceHeadline } from './docs';
import type { Results } from './table';

const latest = path.join(REPO_ROOT, 'bench', 'results', 'latest.json');
const doc = path.join(REPO_ROOT, 'docs', 'performance.md');
const readme = path.join(REPO_ROOT, 'README.md');

function writeIfChanged(file: string, text: string): boolean {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (before === text) return false;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return true;
}

try {
  if (!existsSync(latest))
    throw new Error('bench/results/latest.json does not exist: run `pnpm bench` first');
  const results = JSON.parse(readFileSync(latest, 'utf8')) as Results;
  const docChanged = writeIfChanged(doc, renderPerformanceDoc(results));
  process.stdout.write(`docs/performance.md ${docChanged ? 'written' : 'already up to date'}\n`);
  const before = readFileSync(readme, 'utf8');
  const after = spliceHeadline(before, renderHeadline(results));
  const readmeChanged = writeIfChanged(readme, after);
  process.stdout.write(`README.md headline ${readmeChanged ? 'updated' : 'already up to date'}\n`);
} catch (error) {
  process.stderr.write(`pnpm bench:readme: ${(error as Error).message}\n`);
  process.exit(1);
}
