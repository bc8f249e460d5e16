/**
 * `pnpm docs:gen`: refills the generated blocks of README.md and docs/*.md (see
 * embed.ts). `--check` changes nothing and exits 1 naming each stale file.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseCommandLine } from '@lambda-stats/lambda-kit/cli';
import { REPO_ROOT } from '../local-config';
import { staleDocs } from './embed';

function main(): number {
  const parsed = parseCommandLine(
    { options: { check: { type: 'boolean' } }, allowPositionals: false },
    'usage: pnpm docs:gen [--check]',
    'pnpm docs:gen: ',
  );
  if (!parsed) return 2;
  const check = parsed.values.check ?? false;
  const stale = staleDocs(REPO_ROOT);
  if (check) {
    for (const { file } of stale) process.stderr.write(`${file} is stale: run pnpm docs:gen\n`);
    return stale.length === 0 ? 0 : 1;
  }
  for (const { file, fresh } of stale) writeFileSync(path.join(REPO_ROOT, file), fresh);
  process.stdout.write(
    stale.length === 0 ? 'docs up to date\n' : `updated ${stale.map((s) => s.file).join(', ')}\n`,
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`pnpm docs:gen: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
