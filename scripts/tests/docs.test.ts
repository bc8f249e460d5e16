// The docs' generated blocks (embed.ts): a stale block fails here, as the
// OpenAPI drift test does for the API document.
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docFiles, fillEmbeds, staleDocs } from '../src/docs/embed';
import { endpointTable } from '../src/docs/endpoints';
import { REPO_ROOT } from '../src/local-config';

describe('generated docs', () => {
  it('README.md and docs/*.md hold what `pnpm docs:gen` would generate', () => {
    expect(staleDocs(REPO_ROOT).map((s) => s.file)).toEqual([]);
  });

  it('refills a block with the named file in a fence longer than any inside it', () => {
    const root = fs.mkdtempSync(path.join(tmpdir(), 'embed-'));
    fs.mkdirSync(path.join(root, 'ex'));
    fs.writeFileSync(path.join(root, 'ex', 'a.md'), '# A\n```json\n{}\n```\n');
    const doc = 'before\n<!-- embed: ex/a.md -->\nold text\n<!-- /embed -->\nafter\n';
    expect(fillEmbeds(doc, root, 'doc.md')).toBe(
      'before\n<!-- embed: ex/a.md -->\n````markdown\n# A\n```json\n{}\n```\n````\n<!-- /embed -->\nafter\n',
    );
  });

  it('names the doc and the path when the embedded file is missing or outside the repo', () => {
    const root = fs.mkdtempSync(path.join(tmpdir(), 'embed-'));
    expect(() => fillEmbeds('<!-- embed: nope.md -->\n<!-- /embed -->', root, 'docs/x.md')).toThrow(
      'docs/x.md: embeds nope.md, which does not exist',
    );
    expect(() =>
      fillEmbeds('<!-- embed: ../etc/passwd -->\n<!-- /embed -->', root, 'docs/x.md'),
    ).toThrow('leaves the repository');
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

describe('links in the docs', () => {
  const files = ['README.md', ...docFiles(REPO_ROOT).filter((f) => f !== 'README.md')];
  // Every workspace package's README (the workspace's folders, so a new
  // package's README is checked without being listed here).
  const packageReadmes = ['packages', 'layers', 'tooling']
    .flatMap((group) =>
      fs
        .readdirSync(path.join(REPO_ROOT, group), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => `${group}/${d.name}/README.md`),
    )
    .concat(['infra/README.md', 'scripts/README.md'])
    .filter((file) => fs.existsSync(path.join(REPO_ROOT, file)))
    .sort();
  it('finds every package README', () => {
    expect(packageReadmes.length).toBeGreaterThanOrEqual(10);
  });
  for (const file of [...files, ...packageReadmes]) {
    it(`${file}: every relative link names a file (and heading) that exists`, () => {
      const text = fs
        .readFileSync(path.join(REPO_ROOT, file), 'utf8')
        .replace(/```[\s\S]*?```/g, '');
      const broken: string[] = [];
      for (const [, target = ''] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [rel = '', hash] = target.split('#');
        const full =
          rel === ''
            ? path.join(REPO_ROOT, file)
            : path.resolve(REPO_ROOT, path.dirname(file), rel);
        if (!fs.existsSync(full)) {
          broken.push(`${target} (no such file)`);
          continue;
        }
        if (hash !== undefined && full.endsWith('.md')) {
          const headings = [...fs.readFileSync(full, 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) =>
            anchor(m[1] ?? ''),
          );
          if (!headings.includes(hash)) broken.push(`${target} (no such heading)`);
        }
      }
      expect(broken).toEqual([]);
    });
  }
});

describe('the endpoint table', () => {
  it('has one row per operation, required fields bare and optional ones with their defaults', () => {
    const table = endpointTable({
      paths: {
        '/b': {
          post: {
            summary: 'B | test',
            requestBody: {
              content: { 'application/json': { schema: { $ref: '#/components/schemas/b' } } },
            },
            responses: {
              '200': {
                content: { 'application/json': { schema: { properties: { statistic: {} } } } },
              },
            },
          },
        },
        '/a': { get: { summary: 'A', responses: { '404': {} } } },
      },
      components: {
        schemas: {
          b: { required: ['x'], properties: { x: {}, level: { default: 0.95 }, tag: {} } },
        },
      },
    });
    expect(table.split('\n').slice(2)).toEqual([
      '| `GET /a` | A |  |  |',
      '| `POST /b` | B \\| test | `x`, `level?` = `0.95`, `tag?` | `statistic` |',
    ]);
  });
});
